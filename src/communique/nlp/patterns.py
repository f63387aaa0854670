"""Match PETRARCH-style verb patterns on the dependency parse of one verb.

A dictionary pattern names words ("* {FINANCIAL AID}") and prepositional phrases
("* (TO BORDER)") that must appear in the verb's own phrase. PETRARCH matched them on
the word order of a Treebank parse; we match them on the verb's dependents: the words
must occur in the verb's argument neighbourhood (objects, particles, complements and
their modifiers, never its subject or a subordinate clause), and a phrase's preposition
must be a dependent of the verb or of its object, with the phrase's nouns below it.
Several patterns may match; the most specific one (most words pinned) wins, and among
equally specific ones the one naming the object, then our own row (``_tie_rank``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from communique.codebook.verbs import NULL_CODE, DictionaryVerb, VerbDictionary, VerbPattern

SKIP_DEPS = frozenset(
    {"nsubj", "csubj", "expl", "advcl", "relcl", "ccomp", "parataxis", "punct", "cc", "conj", "mark", "aux",
     "neg", "appos"}
)  # fmt: skip
PREP_DEPS = frozenset({"prep", "agent", "dative", "prt", "aux", "advmod"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
DEPTH = 3
CLAUSE_DEPS = frozenset({"acl", "relcl", "ccomp", "advcl", "xcomp", "csubj", "parataxis"})
DICTIONARY_RULE = "CAMEO.2.0"  # how EventFrame.rule names a reading of the verb dictionary


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """What the dictionary says about one verb occurrence."""

    verb: DictionaryVerb
    pattern: VerbPattern | None  # None: the verb's default code applies
    cameo: str  # "" (only the reversed event) or a code; never "---"
    reversed: bool = False

    @property
    def specificity(self) -> int:
        return self.pattern.specificity if self.pattern is not None else 0

    @property
    def curated(self) -> bool:
        """Read by one of our own rows (verb_patterns_extra.tsv), not PETRARCH's."""
        return bool((self.pattern or self.verb).source)

    def describe(self) -> str:
        words = " ".join((self.verb.lemma, *self.verb.particle))
        rule = self.pattern.describe().replace("*", words, 1) if self.pattern else f"{words} (verb default)"
        row = self.pattern if self.pattern else self.verb
        where = f"{row.source} line {row.line}" if row.source else f"line {row.line}"
        return f"{DICTIONARY_RULE} {self.verb.block} {where}: {rule}"


def neighbourhood(verb: Token) -> list[Token]:
    """The tokens of the verb's own phrase, down to DEPTH, without subject or clauses, nor a
    phrase fronted before the subject ("At a news conference with Gore, Netanyahu suggested
    ...": the setting, no conference suggested)."""
    out: list[Token] = []
    stack = [
        (c, 1, c.dep_ in OBJECT_DEPS)
        for c in verb.children
        if c.dep_ not in SKIP_DEPS and not _fronted(c, verb)
    ]
    if verb.dep_ in ("acl", "relcl", "amod") or any(c.dep_ == "auxpass" for c in verb.children):
        stack += [(c, 1, True) for c in verb.children if c.dep_ == "nsubjpass"]
    while stack:
        tok, depth, in_object = stack.pop()
        out.append(tok)
        if depth < DEPTH:
            # inside the object a preposition is no step down ("suspended part of a military aid
            # program" keeps "aid"); the verb's own adjuncts ("in a sweep of the area") still count
            stack += [
                (c, depth + (not (in_object and c.dep_ in ("prep", "pobj"))), in_object)
                for c in tok.children
                if c.dep_ not in SKIP_DEPS or c.dep_ == "aux"
            ]
    return out


def _fronted(child: Token, verb: Token) -> bool:
    """A prepositional phrase set off by a comma before the verb's subject."""
    if child.dep_ != "prep" or child.i > verb.i:
        return False
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    end = child.right_edge.i + 1
    return (
        bool(subjects)
        and child.right_edge.i < min(subjects)
        and end < len(verb.doc)
        and verb.doc[end].text == ","
    )


def _keys(tokens: list[Token]) -> set[str]:
    keys: set[str] = set()
    for t in tokens:
        keys.add(t.lower_)
        if not (t.tag_ == "VBN" and t.dep_ in ("acl", "amod")):
            # a participle that modifies a noun is no thing of the pattern: "built a pier
            # based on ..." has no "base" to build
            keys.add(t.lemma_.lower())
    return keys


def _prep_ok(prep: str, nouns: tuple[frozenset[str], ...], around: list[Token], verb: Token) -> bool:
    for tok in around:
        if tok.lower_ != prep or tok.dep_ not in PREP_DEPS or _dates_only(tok) or not _attached(tok, verb):
            continue
        if not nouns:
            return True
        scope = tok.head if tok.dep_ == "aux" else tok
        keys = _keys(_phrase_tokens(scope, tok))
        if all(slot & keys for slot in nouns):
            return True
    return False


def _attached(prep: Token, verb: Token) -> bool:
    """A pattern's "(PREP ...)" follows the verb: the preposition hangs off the verb, its
    particle or its object ("imposed sanctions on X"), never off the passive subject ("a
    camp for refugees was attacked" has no "attack ... for") nor off a clause below the
    object ("a warning that it must cooperate with ...")."""
    head = prep.head
    if head.i == verb.i or prep.dep_ == "aux":
        return True
    if verb.pos_ in ("NOUN", "PROPN") and head.dep_ == "pobj" and head.head.lower_ == "of":
        return head.head.head.i == verb.i  # an event noun's object: "suspension of aid to X"
    return head.head.i == verb.i and head.dep_ in (*OBJECT_DEPS, "prt", "dative", "xcomp")


def _phrase_tokens(scope: Token, prep: Token) -> list[Token]:
    """The words of the prepositional phrase, without the clauses inside it ("inspectors
    looking for weapons" holds no weapons of the phrase)."""
    out: list[Token] = []
    stack = [c for c in scope.children if c.i != prep.i] if scope.i != prep.i else list(prep.children)
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += [c for c in tok.children if c.dep_ not in CLAUSE_DEPS]
    return out


def _dates_only(prep: Token) -> bool:
    """ "called Peru on Tuesday" has no "call on": a preposition whose objects are all
    times only dates the act."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def lemma_candidates(verb: Token) -> list[str]:
    """The verb's lemma, then the base forms its inflection suggests: the small model's
    lemmatiser slips on some forms ("staged" -> "stag"), and a dictionary verb must not be
    lost to that."""
    out = [verb.lemma_.lower()]
    word = verb.lower_
    if verb.tag_ in ("VBD", "VBN") and word.endswith("ed"):
        out += [word[:-1], word[:-2]]  # staged -> stage, launched -> launch
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # stopped -> stop
        if word.endswith("ied"):
            out.append(word[:-3] + "y")  # carried -> carry
    elif verb.tag_ == "VBZ" and word.endswith("s"):
        out += [word[:-1], word[:-2]]
    elif verb.tag_ == "VBG" and word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    return list(dict.fromkeys(out))


def match_verb(
    verb: Token, dictionary: VerbDictionary, *, lemmas: list[str] | None = None
) -> PatternMatch | None:
    """The most specific dictionary reading of ``verb``, or None (unknown, or blocked).
    ``lemmas``: the dictionary verbs to read it as (an event noun's verb: "suspension" is
    read as "suspend", its own phrase as the verb's)."""
    entries: tuple[DictionaryVerb, ...] = ()
    for lemma in lemmas if lemmas is not None else lemma_candidates(verb):
        entries = dictionary.lookup(lemma)
        if entries:
            break
    if not entries:
        return None
    around = neighbourhood(verb)
    child_words = {c.lower_ for c in verb.children if _particle_like(c, verb)}
    keys: set[str] | None = None
    object_keys: set[str] | None = None
    for entry in entries:
        if entry.particle and not all(p in child_words for p in entry.particle):
            continue
        if keys is None:
            # the passive's "by" phrase names the doer, never the thing done: "the embassy was
            # demolished by troops" is no "demolish troops" (it stays for a "(by ...)" phrase)
            agents = {t.i for c in verb.children if c.dep_ == "agent" for t in c.subtree}
            keys = _keys([t for t in around if t.i not in agents])
        best: VerbPattern | None = None
        best_rank = (False, False, False)
        for pattern in _shared_patterns(entry, dictionary):  # most specific first
            if best is not None and (pattern.specificity < best.specificity or all(best_rank)):
                break
            if not all(slot & keys for slot in pattern.words):
                continue
            if not all(_prep_ok(p, nouns, around, verb) for p, nouns in pattern.preps):
                continue
            if object_keys is None:
                object_keys = _keys(_object_tokens(verb, around))
            rank = _tie_rank(pattern, entry, object_keys)
            if best is None or rank > best_rank:
                best, best_rank = pattern, rank
        if best is not None:
            return _reading(entry, best, best.cameo, best.reverse)
        return _reading(entry, None, entry.cameo, entry.reverse)
    return None


def _particle_like(child: Token, verb: Token) -> bool:
    """Whether a child can be a word of a phrasal verb: a particle, or a word right after
    the verb ("gave in", "take note"), or a noun of the idiom ("take leave"); never a
    preposition that opens a phrase further on ("gave a speech in Salt Lake City" is no
    "give in", a concession)."""
    return child.dep_ != "prep" or child.i == verb.i + 1


def _tie_rank(pattern: VerbPattern, entry: DictionaryVerb, object_keys: set[str]) -> tuple[bool, bool, bool]:
    """How a pattern fares among patterns of the same specificity, best first: one whose words
    are the verb's object ("accepted a formula for ending the dispute" is about the formula,
    not the dispute), then one of our own rows (verb_patterns_extra.tsv: written for this
    reading) over one derived from PETRARCH's dictionary, then one recorded with this very verb."""
    on_object = bool(pattern.words) and all(slot & object_keys for slot in pattern.words)
    return on_object, bool(pattern.source), pattern.verb == entry.lemma


def _object_tokens(verb: Token, around: list[Token]) -> list[Token]:
    """The tokens of the verb's phrase that belong to its object (or a passive's subject)."""
    deps = (*OBJECT_DEPS, "nsubjpass")
    inside = {t.i for c in verb.children if c.dep_ in deps for t in c.subtree}
    return [t for t in around if t.i in inside]


def _shared_patterns(entry: DictionaryVerb, dictionary: VerbDictionary) -> tuple[VerbPattern, ...]:
    """The patterns of the entry's block that apply to it (_shared), most specific first;
    kept per entry on the dictionary (speed only, issue 9). Leaving out the others before
    match_verb's loop changes nothing: its early stop looks at the specificity of the next
    pattern, and the patterns are sorted by it."""
    cache = dictionary.shared_patterns
    found = cache.get(entry)
    if found is None:
        patterns = dictionary.patterns_of(entry.block)
        found = cache[entry] = tuple(p for p in patterns if _shared(p, entry, dictionary))
    return found


def _shared(pattern: VerbPattern, entry: DictionaryVerb, dictionary: VerbDictionary) -> bool:
    """A block's pattern recorded with another of its verbs applies to this one when it
    stays among the CAMEO roots the block's verbs code ("indict" shares BLAME's accusations;
    "capture" shares APPREHEND's arrests, not "take part", 030, an idiom of "take"); a verb
    with no code of its own, or only a statement's (01x: its patterns are what make it an
    event), takes all. Our own rows (verb_patterns_extra.tsv) follow the same rule: "prevent
    demonstration" (1721, repression) is no pattern of "postpone" (the organisers' own act).
    A verb our row silenced keeps the root of its dictionary sense: "need" alone is no demand,
    and "press on" (190) is still no pattern of "needs to work on"."""
    if not pattern.verb or pattern.verb == entry.lemma:
        return True
    own = entry.cameo if entry.cameo and entry.cameo != NULL_CODE else entry.sense
    if not own or own.startswith("01"):
        return True
    return pattern.cameo[:2] in dictionary.block_roots.get(entry.block, frozenset({own[:2]}))


def _reading(
    entry: DictionaryVerb, pattern: VerbPattern | None, cameo: str, reverse: str
) -> PatternMatch | None:
    if cameo == NULL_CODE or (not cameo and not reverse):
        return None
    if not cameo:
        return PatternMatch(entry, pattern, reverse, reversed=True)
    return PatternMatch(entry, pattern, cameo)
