"""Score CAMEO roots and PLOVER types on PETRARCH2's validation sentences.

Run: ``.venv/bin/python benchmarks/petrarch_validation.py [--suite gsr|unit|all] [--errors N]``

Data: ``shared/eval/petrarch_validation.jsonl`` (README-petrarch.md). Two suites:

* ``petr2_gsr_validation`` (78 records; the headline): real news sentences coded with
  real CAMEO codes and Phoenix actor codes (``USAGOV``, ``IGOUNOMIL``, ``---REB``).
* ``petrarch2_unit_tests`` (284 records): mechanics tests coded against a *test* verb
  dictionary (non-CAMEO codes such as 223, 9xx, 345) and fictional actors (Arnor =
  ARN...). Per the README their CAMEO categories are not scored for accuracy here
  either: the suite is run for the no-output rate and as a smoke test; its root-level
  figures count only codes that are real CAMEO roots (01-20) and are printed apart.

Each record is one Article (id = suite:line:id, date = the record's date). Scoring is
per record, on sets: the expected codes' 2-digit roots against the roots of our events
(TP = roots in both, FP = predicted roots not expected, FN = expected roots not
predicted); the same at PLOVER level (code -> PLOVER type with
``codebook.cameo_code(code).plover_event``; roots 01/02 have none and are left out) and
at root + dyad level (reciprocal events expanded into ordered pairs, joint actions
"A and B met" into every ordered pair of actors, a lone actor without recipient into
(actor, ?); the country key of a Phoenix code is its first three letters, ``IGO...`` ->
IGO, and ``---`` (unknown country) matches any predicted actor). Records expecting an
error or discard count as no-event records.

"In scope" roots are those the trigger lexicon can produce (the roots of the CAMEO
codes in ``triggers.tsv``); the rest (statements and appeals 01-02, material
cooperation 06, yield 08, investigate 09, protest 14, force posture 15, coerce 17,
assault/fight/mass violence 18-20: the military and domestic-violence sentences) are
"out of current lexicon". Both figures are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from communique.codebook import Codebook
from communique.errors import CodebookError
from communique.extract import Extractor
from communique.model import Article, ArticleResult, Event
from plover_gsr import Counts, _f, _normalise_reason, _pct, pred_key

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
DATA = EVAL / "petrarch_validation.jsonl"
SUITES = {"gsr": "petr2_gsr_validation", "unit": "petrarch2_unit_tests"}
ROOTS = {f"{n:02d}" for n in range(1, 21)}
ANY = "---"


def read_records(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            record["key"] = f"{record['suite']}:{n}:{record['id']}"
            out.append(record)
    return out


def plover_of(code: str, codebook: Codebook) -> str | None:
    """The PLOVER type of a CAMEO code (full code first, then shorter); None if none."""
    for prefix in (code, code[:3], code[:2]):
        try:
            return codebook.cameo_code(prefix).plover_event
        except CodebookError:
            continue
    return None


def gold_actor_key(code: str) -> str:
    head = code[:3].upper()
    return "IGO" if head == "IGO" else head


@dataclass
class Record:
    data: dict
    result: ArticleResult
    events: list[Event]

    @property
    def expected(self) -> list[dict]:
        return self.data["expected_events"]

    @property
    def no_event_record(self) -> bool:
        return bool(self.data["expect_no_events"] or self.data.get("expected_error"))

    def gold_roots(self) -> set[str]:
        return {e["code"][:2] for e in self.expected if e["code"][:2] in ROOTS}

    def pred_roots(self) -> set[str]:
        return {e.cameo[:2] for e in self.events}

    def gold_plover(self, cb: Codebook) -> set[str]:
        return {t for e in self.expected if e["code"][:2] in ROOTS and (t := plover_of(e["code"], cb))}

    def pred_plover(self) -> set[str]:
        return {e.event for e in self.events}

    def gold_dyads(self) -> set[tuple[str, str, str]]:
        return {
            (e["code"][:2], gold_actor_key(e["source"]), gold_actor_key(e["target"]))
            for e in self.expected
            if e["code"][:2] in ROOTS and not e.get("source_is_text") and not e.get("target_is_text")
        }

    def pred_dyads(self, cb: Codebook) -> set[tuple[str, str, str]]:
        out = set()
        for e in self.events:
            actors = [pred_key(a, cb) for a in e.actor]
            recipients = [pred_key(r, cb) for r in e.recipient]
            if recipients:
                out |= {(e.cameo[:2], a, r) for a in actors for r in recipients}
            elif len(actors) > 1:
                out |= {(e.cameo[:2], a, b) for a, b in permutations(actors, 2)}
            else:  # one actor, no recipient: matches only a gold target of unknown country
                out |= {(e.cameo[:2], a, "?") for a in actors}
        return out


def dyad_counts(gold: set[tuple], pred: set[tuple]) -> Counts:
    """Match gold triples to predicted ones; ``---`` in gold matches any predicted key."""
    unmatched = set(pred)
    tp = 0
    for root, src, tgt in sorted(gold):
        hit = next(
            (p for p in sorted(unmatched) if p[0] == root and src in (ANY, p[1]) and tgt in (ANY, p[2])),
            None,
        )
        if hit is not None:
            unmatched.discard(hit)
            tp += 1
    return Counts(tp=tp, fp=len(unmatched), fn=len(gold) - tp)


def set_counts(gold: set, pred: set) -> Counts:
    return Counts(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))


def run(extractor: Extractor, records: list[dict], drop: set[str]) -> list[Record]:
    articles = [
        Article(id=r["key"], text=r["text"], date=dt.date.fromisoformat(r["date"]) if r["date"] else None)
        for r in records
    ]
    return [
        Record(r, res, [e for e in res.events if e.modality not in drop])
        for r, res in zip(records, extractor.extract_many(articles), strict=True)
    ]


# -- report ---------------------------------------------------------------------------------
def _line(label: str, c: Counts, width: int = 34) -> str:
    return (
        f"{label:<{width}} {c.tp:>4} {c.fp:>4} {c.fn:>4} {_f(c.precision):>5} {_f(c.recall):>5} {_f(c.f1):>5}"
    )


def _header(label: str, width: int = 34) -> str:
    return f"{label:<{width}} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>5} {'R':>5} {'F1':>5}"


def report(name: str, recs: list[Record], cb: Codebook, in_scope: set[str], errors: int) -> None:
    print(f"################ {name}: {len(recs)} records ################")
    with_gold = [r for r in recs if r.gold_roots()]
    no_event = [r for r in recs if r.no_event_record]
    other = [r for r in recs if not r.gold_roots() and not r.no_event_record]
    n_gold = sum(len(r.expected) for r in recs)
    non_cameo = Counter(e["code"] for r in recs for e in r.expected if e["code"][:2] not in ROOTS)
    print(
        f"records with a CAMEO-root expectation {len(with_gold)}, no-event/error records {len(no_event)}, "
        f"others {len(other)}; expected events {n_gold}"
    )
    if non_cameo:
        print(f"expected codes that are not CAMEO roots 01-20 (left out): {dict(non_cameo.most_common())}")
    print()

    # Root and PLOVER level, overall and in scope.
    root_all, root_in, plover_all, plover_in, dyad_all, dyad_in = (Counts() for _ in range(6))
    in_plover = {plover_of(r, cb) for r in in_scope} - {None}
    for r in recs:
        g, p = r.gold_roots(), r.pred_roots()
        root_all.add(set_counts(g, p))
        root_in.add(set_counts(g & in_scope, p))
        gp, pp = r.gold_plover(cb), r.pred_plover()
        plover_all.add(set_counts(gp, pp))
        plover_in.add(set_counts(gp & in_plover, pp))
        gd, pd = r.gold_dyads(), r.pred_dyads(cb)
        dyad_all.add(dyad_counts(gd, pd))
        dyad_in.add(dyad_counts({d for d in gd if d[0] in in_scope}, pd))
    print(_header("== per record, set of codes =="))
    print(_line("CAMEO root, all expected", root_all))
    print(_line("CAMEO root, expected in scope", root_in))
    print(_line("PLOVER type, all expected", plover_all))
    print(_line("PLOVER type, expected in scope", plover_in))
    print(_line("root + dyad (country keys), all", dyad_all))
    print(_line("root + dyad, expected in scope", dyad_in))
    print("(in-scope lines keep every prediction: a prediction on an out-of-scope record is an FP)")
    print()

    # Per root.
    print(_header("== per CAMEO root ==", 34))
    per_root: dict[str, Counts] = defaultdict(Counts)
    support: Counter = Counter()
    for r in recs:
        g, p = r.gold_roots(), r.pred_roots()
        for root in g | p:
            per_root[root].add(set_counts(g & {root}, p & {root}))
        support.update(g)
    for root in sorted(per_root):
        scope = "lexicon" if root in in_scope else "out"
        label = f"{root} {plover_of(root, cb) or '(dropped)'} [{scope}] n={support[root]}"
        print(_line(label, per_root[root]))
    print()

    # Output rates.
    print("== Output rate ==")
    groups = {
        "records with expected events": with_gold,
        "  ...all expected roots in scope": [r for r in with_gold if r.gold_roots() <= in_scope],
        "  ...some expected root in scope": [r for r in with_gold if r.gold_roots() & in_scope],
        "  ...no expected root in scope": [r for r in with_gold if not r.gold_roots() & in_scope],
        "no-event / error records": no_event,
    }
    for label, group in groups.items():
        empty = sum(not r.events for r in group)
        print(
            f"{label:<36} no output {_pct(empty, len(group)):<15} events {sum(len(r.events) for r in group)}"
        )
    print()

    # Per category.
    print("== Per category (source file's test category) ==")
    print(
        f"{'category':<12} {'recs':>4} {'w/gold':>6} {'in-scope':>8} {'no-out':>6} {'silent ok':>9} "
        f"{'root TP':>7} {'FP':>4} {'FN':>4}"
    )
    by_cat: dict[str, list[Record]] = defaultdict(list)
    for r in recs:
        by_cat[r.data["category"]].append(r)
    for cat in sorted(by_cat, key=lambda c: -len(by_cat[c])):
        group = by_cat[cat]
        c = Counts()
        for r in group:
            c.add(set_counts(r.gold_roots(), r.pred_roots()))
        w_gold = [r for r in group if r.gold_roots()]
        scoped = sum(bool(r.gold_roots() & in_scope) for r in w_gold)
        silent = [r for r in group if r.no_event_record]
        print(
            f"{cat:<12} {len(group):>4} {len(w_gold):>6} {scoped:>8} {sum(not r.events for r in w_gold):>6} "
            f"{sum(not r.events for r in silent):>4}/{len(silent):<4} {c.tp:>7} {c.fp:>4} {c.fn:>4}"
        )
    print()

    # Confusions.
    print("== Most frequent root errors (expected -> predicted; (none) = no event) ==")
    confusion: Counter = Counter()
    for r in recs:
        g, p = r.gold_roots(), r.pred_roots()
        for root in g - p:
            confusion[(root, ",".join(sorted(p - g)) or "(none)")] += 1
        if not g:
            for root in p:
                confusion[("(no event)", root)] += 1
    for (g, p), n in confusion.most_common(15):
        print(f"{n:>4}  {g:<10} -> {p}")
    print()

    # Miss reasons (in scope).
    reasons: Counter = Counter()
    for r in with_gold:
        for root in (r.gold_roots() & in_scope) - r.pred_roots():
            notes = [n for x in r.result.explanations for n in x.triggers]
            same = [n for n in notes if n.cameo[:2] == root]
            if same:
                reasons["trigger found, " + _normalise_reason(same[0].reason or "coded (filtered)")] += 1
            elif notes:
                reasons["only triggers of another root"] += 1
            else:
                reasons["no trigger word found"] += 1
    print("== Why in-scope expected roots were missed ==")
    for reason, n in reasons.most_common():
        print(f"{n:>4}  {reason}")
    print()

    if errors:
        print(f"== Up to {errors} records with a miss or a false positive ==")
        shown = 0
        for r in recs:
            g, p = r.gold_roots(), r.pred_roots()
            if g == p and not (r.no_event_record and r.events):
                continue
            shown += 1
            if shown > errors:
                break
            exp = "; ".join(f"{e['source']}->{e['target']} {e['code']}" for e in r.expected) or "(no event)"
            print(f"- {r.data['key']} [{r.data['category']}] {r.data['text']}")
            print(f"    expected:  {exp}")
            preds = [
                f"{e.cameo} {e.event} {','.join(a.code or a.entity_text for a in e.actor)}->"
                f"{','.join(x.code or x.entity_text for x in e.recipient)} '{e.event_text}' [{e.modality}]"
                for e in r.events
            ]
            print(f"    predicted: {'; '.join(preds) or '(none)'}")
            for x in r.result.explanations:
                for n in x.triggers:
                    state = "coded" if n.coded else f"not coded: {n.reason}"
                    print(f"    trigger:   '{n.event_text}' {n.cameo} {n.event} {state}")
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--suite", choices=["gsr", "unit", "all"], default="all")
    parser.add_argument("--errors", type=int, default=0, help="print N records with errors per suite")
    parser.add_argument(
        "--drop-modality",
        action="append",
        default=[],
        choices=["negated", "future", "hypothetical", "historical"],
        help="ignore predicted events of this modality (repeatable); default: score all",
    )
    parser.add_argument("--no-require-recipient", action="store_true")
    args = parser.parse_args(argv)

    wanted = [SUITES[s] for s in ("gsr", "unit") if args.suite in (s, "all")]
    records = [r for r in read_records(args.data) if r["suite"] in wanted]
    began = time.perf_counter()
    extractor = Extractor(require_recipient=False) if args.no_require_recipient else Extractor()
    loaded = time.perf_counter()
    recs = run(extractor, records, set(args.drop_modality))
    done = time.perf_counter()
    cb = extractor.codebook
    in_scope = {c[:2] for c in cb.triggers.cameo_codes}
    print(f"data:    {args.data}  ({len(records)} records)")
    print(
        f"system:  communique {extractor.pipeline_version}; require_recipient={not args.no_require_recipient}"
    )
    print(f"time:    model load {loaded - began:.1f}s, extraction {done - loaded:.1f}s")
    print(f"scored modalities: all except {args.drop_modality or 'none'}")
    print(f"in-scope CAMEO roots (from the trigger lexicon): {', '.join(sorted(in_scope))}")
    print(f"out of current lexicon: {', '.join(sorted(ROOTS - in_scope))}")
    print()
    for suite in wanted:
        group = [r for r in recs if r.data["suite"] == suite]
        if suite == SUITES["unit"]:
            print(
                "NOTE: unit tests use fictional actors (PETR.Validate dictionaries) and a test verb "
                "dictionary;\nour codebook knows neither, so near-silence is expected. Mechanics only."
            )
        report(suite, group, cb, in_scope, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
