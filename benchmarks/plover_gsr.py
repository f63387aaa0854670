"""Score event types, actors and recipients on the PLOVER gold-standard sentences.

Run: ``.venv/bin/python benchmarks/plover_gsr.py [--errors N] [--drop-modality negated]``

Data: ``shared/eval/plover/plover_gsr_cameo.jsonl`` (322 example sentences of the CAMEO
manual recoded into PLOVER; one gold event per sentence; see README-plover-cameo.md).
Every sentence is its own Article (id = gold id, date = the file's placeholder
2000-01-01) and goes through one ``Extractor`` with ``extract_many``.

Scoring, per PLOVER type T (sentence level):

* true positive: gold is T and some predicted event of the sentence is T;
* false negative: gold is T and no predicted event is T;
* false positive: the sentence has a predicted event of type T and gold is not T
  (counted once per sentence and type, so that TP, FP and FN share one unit).

"In scope" types are those the trigger lexicon can produce (the PLOVER types of the
CAMEO codes in ``triggers.tsv``); the others are "out of current lexicon" and can only
be missed. Both figures are printed.

Actor agreement (true positives only) compares country keys. Gold CAMEO actor codes:
the first three letters are the country (ISO 3166 alpha-3 in this file, except the
legacy CAMEO ``JAP``, ``ITL``, ``VTN`` -> JPN, ITA, VNM); any ``IGO...`` code is the key
``IGO``; ``NGO``, ``IMG`` (international militant group) and ``ISM`` are ``NONSTATE``;
anything else (one code reads ``diplomatic``) is unmappable and left out. Predicted
entities: an IGO code of our codebook (``EU``, ``UN``...) is ``IGO``, an ISO3 country is
itself, an organisation or group without a country is ``NONSTATE``, anything else
(e.g. a person of unknown nationality) is ``?``. Of a sentence's predicted events of
the gold type, the best-agreeing one is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from communique.codebook import Codebook
from communique.extract import Extractor
from communique.model import EVENT_TYPES, Article, ArticleResult, Entity, Event

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
GSR = EVAL / "plover" / "plover_gsr_cameo.jsonl"
LEGACY_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NONSTATE_CODES = {"NGO", "IMG", "ISM"}
NONE = "(none)"


# -- gold and predicted actor keys --------------------------------------------------------
def gold_key(code: str | None) -> str | None:
    """The country key of a gold CAMEO actor code (see module docstring); None = unmappable."""
    if not code or len(code) < 3 or not code[:3].isalpha() or not code[:3].isupper():
        return None
    head = code[:3]
    if head == "IGO":
        return "IGO"
    if head in NONSTATE_CODES:
        return "NONSTATE"
    return LEGACY_COUNTRY.get(head, head)


def pred_key(entity: Entity, codebook: Codebook) -> str:
    if entity.country:
        return "IGO" if codebook.igo(entity.country) is not None else entity.country
    return "NONSTATE" if entity.kind in ("organization", "group") else "?"


def gold_keys(entities: list[dict]) -> frozenset[str]:
    return frozenset(k for e in entities if (k := gold_key(e.get("code"))) is not None)


def pred_keys(entities: Iterable[Entity], codebook: Codebook) -> frozenset[str]:
    return frozenset(pred_key(e, codebook) for e in entities)


@dataclass
class Agreement:
    """Actor/recipient agreement of one true positive."""

    actor: bool | None  # None: gold has no mappable actor
    actor_overlap: bool | None
    recipient: bool | None  # None: gold has no mappable recipient
    dyad: bool | None  # benchmarks/gold.py rule: unordered for CONSULT and joint actions

    def score(self) -> int:
        return sum(bool(v) for v in (self.dyad, self.actor, self.recipient, self.actor_overlap))


def agreement(gold: dict, event: Event, codebook: Codebook) -> Agreement:
    g_act, g_rec = gold_keys(gold["actor"]), gold_keys(gold["recipient"])
    p_act, p_rec = pred_keys(event.actor, codebook), pred_keys(event.recipient, codebook)
    has_rec = any(gold_key(r.get("code")) for r in gold["recipient"])
    if not g_act:
        actor = overlap = None
    else:
        actor, overlap = g_act == p_act, bool(g_act & p_act)
    recipient = (g_rec == p_rec) if has_rec else None
    if not g_act and not g_rec:
        dyad = None
    elif gold["event_current_plover"] == "CONSULT" or not gold["recipient"]:
        dyad = g_act | g_rec == p_act | p_rec
    else:
        dyad = g_act == p_act and g_rec == p_rec
    return Agreement(actor, overlap, recipient, dyad)


# -- per-sentence outcome -------------------------------------------------------------------
@dataclass
class Outcome:
    gold: dict
    result: ArticleResult
    events: list[Event]  # after the modality filter
    gold_type: str = field(init=False)
    pred_types: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.gold_type = self.gold["event_current_plover"]
        self.pred_types = {e.event for e in self.events}

    @property
    def hit(self) -> bool:
        return self.gold_type in self.pred_types

    @property
    def false_types(self) -> set[str]:
        return self.pred_types - {self.gold_type}


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def run(extractor: Extractor, gold: list[dict], drop: set[str]) -> list[Outcome]:
    articles = [
        Article(
            id=g["id"],
            text=g["text"],
            date=dt.date.fromisoformat(g["date_placeholder"]) if g.get("date_placeholder") else None,
        )
        for g in gold
    ]
    out = []
    for g, result in zip(gold, extractor.extract_many(articles), strict=True):
        events = [e for e in result.events if e.modality not in drop]
        out.append(Outcome(g, result, events))
    return out


# -- metrics ------------------------------------------------------------------------------
@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


def per_type(outcomes: list[Outcome]) -> dict[str, Counts]:
    counts: dict[str, Counts] = defaultdict(Counts)
    for o in outcomes:
        if o.hit:
            counts[o.gold_type].tp += 1
        else:
            counts[o.gold_type].fn += 1
        for t in o.false_types:
            counts[t].fp += 1
    return counts


def _f(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.0f}%)" if d else "0/0"


def print_type_table(counts: dict[str, Counts], in_scope: set[str], support: Counter) -> None:
    head = f"{'PLOVER type':<12} {'scope':<9} {'gold':>5} {'TP':>4} {'FP':>4} {'FN':>4}"
    print(f"{head} {'P':>5} {'R':>5} {'F1':>5}")
    order = sorted(counts, key=lambda t: (t not in in_scope, -support[t], t))
    for t in order:
        c = counts[t]
        scope = "lexicon" if t in in_scope else "out"
        print(
            f"{t:<12} {scope:<9} {support[t]:>5} {c.tp:>4} {c.fp:>4} {c.fn:>4} "
            f"{_f(c.precision):>5} {_f(c.recall):>5} {_f(c.f1):>5}"
        )
    for label, types in (
        ("in scope", [t for t in counts if t in in_scope]),
        ("out of lex", [t for t in counts if t not in in_scope]),
        ("ALL", list(counts)),
    ):
        total = Counts()
        for t in types:
            total.add(counts[t])
        n = sum(support[t] for t in types)
        print(
            f"{'micro ' + label:<22} {n:>5} {total.tp:>4} {total.fp:>4} {total.fn:>4} "
            f"{_f(total.precision):>5} {_f(total.recall):>5} {_f(total.f1):>5}"
        )
    macro = [counts[t].f1 or 0.0 for t in counts if t in in_scope]
    if macro:
        print(f"{'macro F1 in scope':<22} {sum(macro) / len(macro):.2f}")


# -- why a gold event was missed --------------------------------------------------------------
def _normalise_reason(reason: str) -> str:
    if reason.startswith("no actor: the subject"):
        return "no actor: subject not a known person/state/body"
    return reason.split(":")[0] + (": " + reason.split(":", 1)[1].strip() if ":" in reason else "")


def _lexicon_types(tok, extractor: Extractor, pos: str) -> list[tuple[str, str]]:
    """(PLOVER type, CAMEO code) of the lexicon entries for a token's lemma as ``pos``."""
    cb = extractor.codebook
    entries = cb.triggers.lookup(tok.lemma_.lower(), pos)
    return [(cb.cameo_code(e.cameo).plover_event or "-", e.cameo) for e in entries]


def miss_reason(o: Outcome, extractor: Extractor, doc) -> tuple[str, str]:
    """(category, detail) for a gold event that no predicted event of its type reports.

    ``doc`` is the pipeline's Doc of the sentence (for lemmas and POS of the gold words).
    """
    notes = [n for x in o.result.explanations for n in x.triggers]
    same = [n for n in notes if n.event == o.gold_type]
    if same:
        coded = [n for n in same if n.coded]
        if coded:  # coded, but the event was filtered (modality) or merged away
            return "trigger coded, event dropped (modality filter)", coded[0].event_text
        n = same[0]
        return f"trigger found, {_normalise_reason(n.reason or 'not coded')}", f"'{n.event_text}'"
    gold_words = {w.strip(".,").lower() for w in (o.gold.get("event_text") or "").split()}
    gold_tokens = [t for t in doc if t.lower_ in gold_words and not t.is_stop and t.is_alpha]

    def pos_of(t) -> str:
        return "NOUN" if t.pos_ == "PROPN" else t.pos_

    for t in gold_tokens:
        types = _lexicon_types(t, extractor, pos_of(t))
        if any(typ == o.gold_type for typ, _ in types):
            cameo = next(c for typ, c in types if typ == o.gold_type)
            return (
                f"lexicon {pos_of(t)} present, its pattern not met",
                f"'{t.text}' {t.pos_}/{t.dep_} -> {cameo}",
            )
    others = [n for n in notes if n.event != o.gold_type]
    if others:
        n = others[0]
        state = "coded" if n.coded else f"not coded: {n.reason}"
        return f"wrong type: only a {n.event} trigger", f"'{n.event_text}' ({state})"
    for t in gold_tokens:
        own = pos_of(t)
        for pos in (own, *(x for x in ("VERB", "NOUN") if x != own)):
            types = _lexicon_types(t, extractor, pos)
            if types and pos == pos_of(t):
                typ, cameo = types[0]
                return f"wrong type: gold word is a {typ} trigger, pattern not met", f"'{t.text}' -> {cameo}"
            if types:
                return "lexicon lemma tagged with another POS", f"'{t.text}' tagged {t.pos_}, lexicon {pos}"
    words = ", ".join(f"{t.lemma_}/{t.pos_}" for t in gold_tokens) or (o.gold.get("event_text") or "?")
    return "no trigger word in lexicon", words


# -- report -----------------------------------------------------------------------------------
def _describe(e: Event) -> str:
    acts = ",".join(a.country or a.entity_text for a in e.actor)
    recs = ",".join(r.country or r.entity_text for r in e.recipient)
    mod = "" if e.modality == "asserted" else f" [{e.modality}]"
    return f"{e.event} {e.cameo} {acts}->{recs} '{e.event_text}'{mod}"


def _gold_describe(g: dict) -> str:
    acts = ",".join(f"{a.get('code')}{a.get('sector') or ''}" for a in g["actor"])
    recs = ",".join(f"{r.get('code')}{r.get('sector') or ''}" for r in g["recipient"])
    return f"{g['event_current_plover']} {acts}->{recs} '{g.get('event_text')}'"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GSR)
    parser.add_argument("--errors", type=int, default=0, help="print N misses and N false positives")
    parser.add_argument(
        "--drop-modality",
        action="append",
        default=[],
        choices=["negated", "future", "hypothetical", "historical"],
        help="ignore predicted events of this modality (repeatable); default: score all",
    )
    parser.add_argument(
        "--no-require-recipient",
        action="store_true",
        help="build the Extractor with require_recipient=False (default: the library default, True)",
    )
    args = parser.parse_args(argv)

    gold = read_gold(args.gold)
    began = time.perf_counter()
    extractor = Extractor(require_recipient=False) if args.no_require_recipient else Extractor()
    loaded = time.perf_counter()
    outcomes = run(extractor, gold, set(args.drop_modality))
    done = time.perf_counter()
    cb = extractor.codebook
    in_scope = {cb.cameo_code(c).plover_event for c in cb.triggers.cameo_codes} - {None}
    print(f"gold:    {args.gold}  ({len(gold)} sentences, one gold event each)")
    print(f"system:  communique {extractor.pipeline_version}")
    print(
        f"time:    model load {loaded - began:.1f}s, extraction {done - loaded:.1f}s "
        f"({len(gold) / (done - loaded):.0f} sentences/s)"
    )
    print(f"require_recipient: {not args.no_require_recipient}")
    print(
        f"scored modalities: all except {args.drop_modality}"
        if args.drop_modality
        else "scored: all modalities"
    )
    print(f"in scope (types the trigger lexicon can produce): {', '.join(sorted(in_scope))}")
    out_types = sorted(set(EVENT_TYPES) - in_scope)
    print(f"out of current lexicon: {', '.join(out_types)}")
    print()

    support = Counter(o.gold_type for o in outcomes)
    counts = per_type(outcomes)
    for t in support:
        counts.setdefault(t, Counts())
    print("== Event type, sentence level ==")
    print_type_table(counts, in_scope, support)
    old = [o for o in outcomes if o.gold.get("mode_hint_from_rename") == "investigate"]
    print(
        f"of ACCUSE: {len(old)} gold sentences were INVESTIGATE (CAMEO 09; no 09 trigger in the lexicon), "
        f"TP {sum(o.hit for o in old)}"
    )
    print()

    print("== Output rate ==")
    groups = {
        "all sentences": outcomes,
        "gold in scope": [o for o in outcomes if o.gold_type in in_scope],
        "gold out of lexicon": [o for o in outcomes if o.gold_type not in in_scope],
    }
    for label, group in groups.items():
        empty = sum(not o.events for o in group)
        exact = sum(o.pred_types == {o.gold_type} for o in group)
        n_events = sum(len(o.events) for o in group)
        print(
            f"{label:<22} no prediction {_pct(empty, len(group)):<14} "
            f"exactly the gold type {_pct(exact, len(group)):<14} events {n_events}"
        )
    fp_out = sum(len(o.false_types) for o in groups["gold out of lexicon"])
    fp_in = sum(len(o.false_types) for o in groups["gold in scope"])
    print(f"false positives on in-scope sentences {fp_in}, on out-of-lexicon sentences {fp_out}")
    fp_mod = Counter(e.modality for o in outcomes for e in o.events if e.event != o.gold_type)
    print(f"modality of wrong-type events: {dict(fp_mod.most_common())}")
    print()

    print("== Actor / recipient agreement on true positives (country keys) ==")
    rows: dict[str, list[Agreement]] = defaultdict(list)
    for o in outcomes:
        if not o.hit:
            continue
        best = max(
            (agreement(o.gold, e, cb) for e in o.events if e.event == o.gold_type), key=Agreement.score
        )
        rows[o.gold_type].append(best)
        rows["ALL in scope"].append(best)

    def share(items: list[Agreement], attr: str) -> str:
        vals = [getattr(a, attr) for a in items if getattr(a, attr) is not None]
        return _pct(sum(vals), len(vals))

    print(f"{'type':<13} {'TP':>4} {'actor exact':>14} {'actor overlap':>14} {'recipient':>14} {'dyad':>14}")
    for t in sorted(rows, key=lambda t: (t == "ALL in scope", t)):
        items = rows[t]
        print(
            f"{t:<13} {len(items):>4} {share(items, 'actor'):>14} {share(items, 'actor_overlap'):>14} "
            f"{share(items, 'recipient'):>14} {share(items, 'dyad'):>14}"
        )
    print("(denominators leave out gold sides with no mappable code; recipient only where gold has one)")
    print()

    print("== Most frequent type errors (gold -> predicted; (none) = no event at all) ==")
    confusion: Counter = Counter()
    for o in outcomes:
        if not o.hit and not o.events:
            confusion[(o.gold_type, NONE)] += 1
        for t in o.false_types:
            confusion[(o.gold_type, t)] += 1
    for (g, p), n in confusion.most_common(20):
        scope = "" if g in in_scope else "  (gold out of lexicon)"
        print(f"{n:>4}  {g:<10} -> {p}{scope}")
    print()

    misses = [o for o in outcomes if not o.hit and o.gold_type in in_scope]
    docs = dict(
        zip(
            (o.gold["id"] for o in misses),
            extractor.nlp.pipe(o.gold["text"] for o in misses),
            strict=True,
        )
    )
    reasons = {o.gold["id"]: miss_reason(o, extractor, docs[o.gold["id"]]) for o in misses}
    print(f"== Why in-scope gold events were missed ({len(misses)} misses) ==")
    by_cat: Counter = Counter(cat for cat, _ in reasons.values())
    for cat, n in by_cat.most_common():
        types = Counter(o.gold_type for o in misses if reasons[o.gold["id"]][0] == cat)
        examples = [reasons[o.gold["id"]][1] for o in misses if reasons[o.gold["id"]][0] == cat][:4]
        print(f"{n:>4}  {cat}")
        print(f"        types: {dict(types.most_common())}")
        print(f"        e.g. {'; '.join(examples)}")
    missing: dict[str, Counter] = defaultdict(Counter)
    for o in misses:
        cat, detail = reasons[o.gold["id"]]
        if cat == "no trigger word in lexicon":
            for word in detail.split(", "):
                missing[o.gold_type][word] += 1
    print()
    print("Gold event words absent from the lexicon (lemma/POS, count), by gold type:")
    for t in sorted(missing):
        print(f"  {t:<9} {', '.join(f'{w} {n}' if n > 1 else w for w, n in missing[t].most_common())}")
    print()

    if args.errors:
        print(f"== First {args.errors} in-scope misses ==")
        for o in misses[: args.errors]:
            cat, detail = reasons[o.gold["id"]]
            print(f"- {o.gold['id']}: {o.gold['text']}")
            print(f"    gold:      {_gold_describe(o.gold)}")
            print(f"    predicted: {'; '.join(map(_describe, o.events)) or NONE}")
            for x in o.result.explanations:
                for n in x.triggers:
                    state = "coded" if n.coded else f"not coded: {n.reason}"
                    print(f"    trigger:   '{n.event_text}' {n.cameo} {n.event} {state}")
            print(f"    why:       {cat}: {detail}")
        print()
        fps = [o for o in outcomes if o.false_types]
        print(f"== First {args.errors} false positives (of {len(fps)} sentences) ==")
        for o in fps[: args.errors]:
            print(f"- {o.gold['id']}: {o.gold['text']}")
            print(f"    gold:      {_gold_describe(o.gold)}")
            print(f"    predicted: {'; '.join(map(_describe, o.events))}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
