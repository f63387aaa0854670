"""Memoised stand-ins for two rule components of the spaCy model: same output, less work.

Profiling ingest (``benchmarks/throughput.py --profile``) showed the model's attribute
ruler and rule lemmatizer taking about a sixth of spaCy's own time (12% and 6% of the
stages over the news texts), though both are pure functions of a few values of each token:

- the **attribute ruler** runs a ``Matcher`` of ~180 patterns over every token. Each
  pattern here is a fixed row of token tests (no operators), and whether a token passes
  a test depends only on the token's own values (text, tag, dependency label, ...).
  :class:`MemoAttributeRuler` asks the model's own ``Matcher`` once per distinct token
  which tests it passes (on a Doc of copies of the new tokens), and keeps the answer; a
  pattern of several tokens matches where its tests hold on consecutive tokens, which is
  how the ``Matcher`` finds it. The attributes are written as spaCy writes them (in
  pattern order, a later pattern winning), so every token ends with the same values;
- the **rule lemmatizer** computes a lemma from the token's text, POS and morphology
  (spaCy keys its own cache on exactly these), testing candidate forms against word lists
  by scanning them. :class:`MemoLemmatizer` keeps each lemma it has computed with the
  model's own ``lemmatize``, and gives it the word lists as sets.

Both wrap the model's component (:func:`memoise_rule_components`) and keep its name in
the pipeline; a component of another shape (a pattern with an operator or a test of the
token's neighbours, another lemmatizer class or mode) is left as it is. The tests compare
every token attribute with the stock pipeline's, and ingest of the 709 news texts stores
byte-identical tables either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, NORM, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

#: What a token pattern may test and still be a function of the token's own values
#: (lexical attributes come with ORTH; the rest are the token's). Anything else (sentence
#: starts, entities, extensions, operators) keeps the stock component.
TOKEN_LOCAL_KEYS = frozenset(
    {"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "MORPH", "LEMMA", "DEP", "LENGTH", "SHAPE",
     "PREFIX", "SUFFIX", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
     "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
     "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
)  # fmt: skip
#: The token values copied to ask the matcher about a token (with its text, ORTH).
COPIED = [NORM, TAG, POS, MORPH, LEMMA, DEP]
#: Attributes the memoised ruler may write (token-level; none touches the lexeme).
WRITABLE = frozenset({TAG, POS, MORPH, LEMMA, DEP})
#: Distinct tokens remembered before a memo starts afresh (bounds memory).
MAX_MEMO = 1_000_000


def memoise_rule_components(nlp: Language) -> list[str]:
    """Replace the model's attribute ruler and rule lemmatizer by their memoised
    equivalents where their shape allows; returns the names of the replaced pipes."""
    replaced = []
    for name, proc in list(nlp.pipeline):
        wrapper: MemoAttributeRuler | MemoLemmatizer | None = None
        if type(proc) is AttributeRuler:
            wrapper = MemoAttributeRuler.of(proc)
        elif type(proc) in (Lemmatizer, EnglishLemmatizer) and proc.mode == "rule":
            wrapper = MemoLemmatizer(proc)
        if wrapper is None:
            continue
        nlp.replace_pipe(name, "communique_memo_pipe")
        nlp.get_pipe(name).inner = wrapper
        replaced.append(name)
    return replaced


def _keys(doc: Doc, attrs: list[int]) -> list[bytes]:
    """Each token's values of ``attrs`` as one hashable key (raw bytes: no tuples made)."""
    table = numpy.ascontiguousarray(doc.to_array(attrs), dtype=numpy.uint64).reshape((len(doc), len(attrs)))
    return table.view(numpy.dtype((numpy.void, 8 * len(attrs)))).ravel().tolist()


Passed = frozenset[tuple[int, int, int]]  # the token tests a token passes


class _Rows:
    """What the ruler does to each distinct token: a growing table of rows (the values
    it writes and where), with the tests the token passed, indexed by the token's key."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.reset()

    def reset(self) -> None:
        width = self.width
        self.ids: dict[bytes, int] = {}
        self.values = numpy.zeros((1024, width), dtype=numpy.uint64)
        self.mask = numpy.zeros((1024, width), dtype=bool)
        self.starts = numpy.zeros(1024, dtype=bool)
        self.extra: list[Passed] = []

    def add(self, key: bytes, writes: dict[int, int], extra: Passed, starts: bool) -> int:
        n = len(self.extra)
        if n == len(self.values):
            self.values = numpy.concatenate([self.values, numpy.zeros_like(self.values)])
            self.mask = numpy.concatenate([self.mask, numpy.zeros_like(self.mask)])
            self.starts = numpy.concatenate([self.starts, numpy.zeros_like(self.starts)])
        self.starts[n] = starts
        for col, value in writes.items():
            self.values[n, col] = value
            self.mask[n, col] = True
        self.extra.append(extra)
        self.ids[key] = n
        return n

    def clear_if_full(self) -> None:
        if len(self.extra) > MAX_MEMO:
            self.reset()


#: Token values with few distinct values (tags, labels, flags): tests of these alone are
#: answered once per combination of the values they read.
FEW_VALUED = frozenset({"TAG", "POS", "MORPH", "DEP", "LENGTH"})
#: Token values that are words: a test that requires one of them to be one of a few given
#: words ("LOWER": "there", or "IN" a list) can only pass on those words.
WORD_VALUED = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA"})


def _few_valued(key: str) -> bool:
    key = key.upper()
    return key in FEW_VALUED or key.startswith(("IS_", "LIKE_"))


def _attr_id(key: str) -> int:
    key = key.upper()
    return IDS["ORTH" if key == "TEXT" else key]


def _gate(test: dict[str, Any]) -> tuple[int, list[str]] | None:
    """(value, words) when ``test`` passes only on tokens whose value is one of the words."""
    for key, value in test.items():
        if key.upper() not in WORD_VALUED:
            continue
        if isinstance(value, str):
            return _attr_id(key), [value]
        if isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list):
            if all(isinstance(w, str) for w in value["IN"]):
                return _attr_id(key), value["IN"]
    return None


class _Tests:
    """The ruler's token tests, each asked of the model's own ``Matcher``, in three groups
    so that a new token is asked only the tests it could pass (the answers are the ones
    one ``Matcher`` of all the tests gives; issue 9):

    - **word tests** require a word value to be one of a few words ("LOWER": "there",
      "LOWER": {"IN": [...]}): asked only of tokens whose value is among those words;
    - **tag tests** read only few-valued values (tag, POS, dependency label, flags):
      answered once per combination of the values they read, then remembered;
    - **other tests** (a regular expression over the word, ...): asked of every new token.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.word = Matcher(vocab)
        self.tag = Matcher(vocab)
        self.other = Matcher(vocab)
        #: word value -> the words that let a token be asked the word tests
        self.gates: dict[int, set[int]] = {}
        #: the values the tag tests read, and their answers by those values
        self.tag_attrs: set[int] = set()
        self._tag_memo: dict[bytes, list[int]] = {}

    def add(self, key: str, test: dict[str, Any]) -> None:
        gate = _gate(test)
        if gate is not None:
            attr, words = gate
            self.gates.setdefault(attr, set()).update(self.vocab.strings.add(w) for w in words)
            self.word.add(key, [[test]])
        elif all(_few_valued(k) for k in test):
            self.tag_attrs.update(_attr_id(k) for k in test)
            self.tag.add(key, [[test]])
        else:
            self.other.add(key, [[test]])

    def passed(self, doc: Doc, positions: list[int]) -> Iterator[tuple[int, int]]:
        """(test key, index into ``positions``) of every test the tokens of ``doc`` at
        ``positions`` pass."""
        if len(self.other):
            for m, j, _end in self.other(self._copies(doc, positions), allow_missing=True):
                yield m, j
        gated = self._gated(doc, positions)
        if gated and len(self.word):
            for m, j, _end in self.word(self._copies(doc, [positions[j] for j in gated]), allow_missing=True):
                yield m, gated[j]
        if not len(self.tag):
            return
        attrs = sorted(self.tag_attrs)
        keys = _keys(doc, attrs) if attrs else [b""] * len(doc)
        memo = self._tag_memo
        if len(memo) > MAX_MEMO:
            memo.clear()
        unknown = {keys[i]: i for i in positions if keys[i] not in memo}
        if unknown:
            answers: list[list[int]] = [[] for _ in unknown]
            asked = list(unknown.values())
            for m, j, _end in self.tag(self._copies(doc, asked), allow_missing=True):
                answers[j].append(m)
            memo.update(zip(unknown, answers, strict=True))
        for j, i in enumerate(positions):
            for m in memo[keys[i]]:
                yield m, j

    def _gated(self, doc: Doc, positions: list[int]) -> list[int]:
        """Indexes into ``positions`` of the tokens whose word values let the word tests pass."""
        if not self.gates:
            return []
        attrs = sorted(self.gates)
        table = doc.to_array(attrs).reshape((len(doc), len(attrs)))[positions].tolist()
        gates = [self.gates[a] for a in attrs]
        return [j for j, row in enumerate(table) if any(v in g for v, g in zip(row, gates, strict=True))]

    def _copies(self, doc: Doc, positions: list[int]) -> Doc:
        """A Doc of copies of the tokens at ``positions``, with all their values."""
        vocab = doc.vocab
        table = doc.to_array([ORTH, *COPIED])[positions]
        copies = Doc(
            vocab, words=[vocab.strings[int(o)] for o in table[:, 0]], spaces=[False] * len(positions)
        )
        copies.from_array(COPIED, numpy.ascontiguousarray(table[:, 1:]))
        return copies


class MemoAttributeRuler:
    """The attribute ruler with its patterns' token tests answered once per distinct token.

    Every pattern is a fixed sequence of token tests (no operators), each a function of
    one token's values. A test is asked of the model's own ``Matcher`` on a one-token Doc
    with those values, once per distinct token; a pattern of several tokens matches where
    each of its tests holds on consecutive tokens, exactly as the ``Matcher`` finds it.
    """

    def __init__(
        self,
        ruler: AttributeRuler,
        tests: _Tests,
        test_ids: dict[int, tuple[int, int, int]],
        longer: dict[int, list[int]],
        signature: list[int],
    ) -> None:
        self.ruler = ruler
        self.tests = tests
        #: matcher key -> (attribute-set id, pattern number within it, token number)
        self.test_ids = test_ids
        #: attribute-set id -> numbers of its patterns of two tokens or more
        self.longer = longer
        self.attrs: list[dict[int, int]] = ruler.attrs
        self.columns = sorted({a for attrs in self.attrs for a in attrs})
        self._col = {a: n for n, a in enumerate(self.columns)}
        self._rows = _Rows(len(self.columns))
        #: the attributes the tests look at: tokens that agree on them pass the same tests
        self.signature = signature
        #: (attribute-set id, pattern number) -> length, for the patterns of several tokens
        self.sizes = {
            (a, number): len(ruler.matcher.get(str(a))[1][number])
            for a, numbers in longer.items()
            for number in numbers
        }

    @classmethod
    def of(cls, ruler: AttributeRuler) -> MemoAttributeRuler | None:
        """The memoised ruler, or None when a pattern or an attribute does not allow it."""
        vocab = ruler.vocab
        tests = _Tests(vocab)
        test_ids: dict[int, tuple[int, int, int]] = {}
        longer: dict[int, list[int]] = {}
        tested: set[int] = set()
        for attr_id, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            if not set(attrs) <= WRITABLE:
                return None
            found = ruler.matcher.get(str(attr_id))
            if found is None:
                continue
            for number, pattern in enumerate(found[1]):
                if not pattern or not all(k.upper() in TOKEN_LOCAL_KEYS for t in pattern for k in t):
                    return None  # an operator, an extension, a sentence start: not memoisable
                if not -len(pattern) <= index < len(pattern):
                    return None  # the stock ruler raises on a match; leave that to it
                if len(pattern) > 1:
                    longer.setdefault(attr_id, []).append(number)
                for position, test in enumerate(pattern):
                    tested.update(IDS["ORTH" if k.upper() == "TEXT" else k.upper()] for k in test)
                    key = f"{attr_id}:{number}:{position}"
                    tests.add(key, test)
                    test_ids[vocab.strings.add(key)] = (attr_id, number, position)
        return cls(ruler, tests, test_ids, longer, sorted(tested))

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        rows = self._rows
        rows.clear_if_full()
        keys = _keys(doc, self.signature)
        known = rows.ids
        ids = [known.get(k, -1) for k in keys]
        if -1 in ids:
            new = {keys[i]: i for i in range(n - 1, -1, -1) if ids[i] < 0}
            self._learn(doc, new)
            ids = [known[k] for k in keys]
        index = numpy.fromiter(ids, dtype=numpy.intp, count=n)
        values, mask = rows.values[index], rows.mask[index]
        if self.longer:
            self._longer_matches(doc, index, values, mask)
        table = numpy.ascontiguousarray(doc.to_array(self.columns), dtype=numpy.uint64).reshape((n, -1))
        table[mask] = values[mask]
        doc.from_array(self.columns, table)
        return doc

    def _learn(self, doc: Doc, new: dict[bytes, int]) -> None:
        """Ask the model's matcher which token tests the tokens of ``doc`` with a new
        signature pass (on a Doc of copies of one token of each signature, with all their
        values); remember the answers and what the one-token patterns among them write."""
        positions = list(new.values())
        passed: list[set[tuple[int, int, int]]] = [set() for _ in positions]
        for m, j in self.tests.passed(doc, positions):
            passed[j].add(self.test_ids[m])
        for key, tests in zip(new, passed, strict=True):
            frozen = frozenset(tests)
            single = [a for a, number, _pos in frozen if number not in self.longer.get(a, ())]
            self._rows.add(key, self._final(single), frozen, bool(self._longer_at(frozen)))

    def _final(self, attr_ids: Iterable[int]) -> dict[int, int]:
        """Column -> value after writing the attribute sets in spaCy's order (ascending
        id, so a later pattern wins)."""
        final: dict[int, int] = {}
        for attr_id in sorted(set(attr_ids)):
            for attr, value in self.attrs[attr_id].items():
                final[self._col[attr]] = value
        return final

    def _longer_matches(self, doc: Doc, index: Any, values: Any, mask: Any) -> None:
        """Where a pattern of several tokens matches, its target token's row is redone
        with that pattern among the one-token ones, in spaCy's order."""
        extra = self._rows.extra
        n = len(doc)
        targets: dict[int, list[int]] = {}
        for start in numpy.flatnonzero(self._rows.starts[index]).tolist():
            first = extra[index[start]]
            for attr_id, number, size in self._longer_at(first):
                if start + size <= n and all(
                    (attr_id, number, p) in extra[index[start + p]] for p in range(1, size)
                ):
                    target = start + range(size)[self.ruler.indices[attr_id]]
                    targets.setdefault(target, []).append(attr_id)
        for i, more in targets.items():
            single = [a for a, number, _p in extra[index[i]] if number not in self.longer.get(a, ())]
            final = self._final([*single, *more])
            mask[i] = False
            for col, value in final.items():
                values[i, col] = value
                mask[i, col] = True

    def _longer_at(self, passed: Passed) -> list[tuple[int, int, int]]:
        """The patterns of several tokens whose first test ``passed`` holds: (attribute-set
        id, pattern number, length)."""
        return [
            (a, number, self.sizes[(a, number)])
            for a, number, p in passed
            if p == 0 and (a, number) in self.sizes
        ]


class MemoLemmatizer:
    """The rule lemmatizer with each (text, POS, morphology) lemmatised once."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._memo: dict[bytes, int] = {}
        # The rules test "form in index" against word lists of up to 57,000 entries, one
        # scan per new word: as sets, the same test is a lookup. The lemmatizer is ours
        # alone now (it left the pipeline), and nothing else reads the table.
        index = lemmatizer.lookups.get_table("lemma_index", None)
        if index is not None:
            for key in list(index.keys()):
                if isinstance(index[key], list):
                    index[key] = frozenset(index[key])

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        lem = self.lemmatizer
        if not lem._validated:
            lem._validate_tables()
        memo = self._memo
        if len(memo) > MAX_MEMO:
            memo.clear()
        lemmas = doc.to_array([LEMMA]).tolist()
        keys = _keys(doc, [ORTH, POS, MORPH])
        strings = doc.vocab.strings
        for i, key in enumerate(keys):
            if lem.overwrite or lemmas[i] == 0:
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = strings.add(lem.lemmatize(doc[i])[0])
                lemmas[i] = lemma
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


class MemoPipe:
    """The pipeline slot of a memoised component (``communique_memo_pipe``): spaCy's
    factories build components from config, so the slot is made first and given the
    wrapper after."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner: MemoAttributeRuler | MemoLemmatizer | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.inner is None:
            raise RuntimeError(f"pipe {self.name!r} was never given its component")
        return self.inner(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("communique_memo_pipe", default_config={})
def make_memo_pipe(nlp: Language, name: str) -> MemoPipe:
    return MemoPipe(name)
