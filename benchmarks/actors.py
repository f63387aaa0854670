"""Figures: how well actors are resolved (issue 6).

    .venv/bin/python benchmarks/actors.py [news] [ngec] [example]      (default: all three)

- news: every event extracted from ../shared/eval/news/*.jsonl (709 dated texts, read with
  their url/source fields as `communique extract` reads them): the share of actor and
  recipient mentions that carry a country (then also counting the NGOs and militant groups
  with no home state, transnational.tsv), and the 20 most frequent names still without one.
- ngec: ../shared/eval/ngec_actor_resolution_cases.jsonl, `actor_to_country_and_sector`
  cases through `Extractor.resolve_actor` (date "Today"/"today" or none taken as
  2023-06-01): country right (expected "" = no country) and sector right (`code_1`, where
  given; "" = no sector; NGEC's PLOVER sector codes read as CAMEO's, see PLOVER_TO_OURS;
  a body counts as right when NGEC's code is the CAMEO root of
  ours, "EUR" for IGOEUREEC); and for `common_noun_to_sector` and
  `nationality_adjective_to_country` the same fields they expect.
- example: the worked example's entities (../shared/examples/kazakhstan-eu-2022/
  entities.jsonl): each with the right name, office and country among the mentions, and
  "the head of EU diplomacy" resolved to Josep Borrell.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import sys
import time
from pathlib import Path

from communique import Article, Extractor
from communique.fileio import read_articles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TODAY = dt.date(2023, 6, 1)


def news(extractor: Extractor) -> None:
    files = sorted((SHARED / "eval" / "news").glob("*.jsonl"))
    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    total = with_country = stateless = 0
    missing: collections.Counter[str] = collections.Counter()
    by_how: collections.Counter[str] = collections.Counter()
    start = time.perf_counter()
    for result in extractor.extract_many(articles):
        how_of = {(m.entity.entity_text, m.entity.name): m.how for m in result.mentions}
        for event in result.events:
            for entity in (*event.actor, *event.recipient):
                total += 1
                if entity.country:
                    with_country += 1
                    how = how_of.get((entity.entity_text, entity.name)) or "?"
                    by_how[how.split(":")[0].split(" (")[0].split(";")[0]] += 1
                elif "(no state, " in (how_of.get((entity.entity_text, entity.name)) or ""):
                    stateless += 1  # an NGO or militant group with no home state (transnational.tsv)
                else:
                    missing[entity.name or entity.entity_text] += 1
    took = time.perf_counter() - start
    print(f"news: {len(articles)} articles, {took:.0f} s")
    print(
        f"news: actor/recipient mentions with a country: {with_country}/{total}"
        f" = {with_country / max(total, 1):.1%}"
    )
    print(
        "news: with a country or a body with no home state (NGO, militant group): "
        f"{with_country + stateless}/{total} = {(with_country + stateless) / max(total, 1):.1%}"
    )
    print("news: resolved by: " + ", ".join(f"{k} {v}" for k, v in by_how.most_common(8)))
    print("news: top 20 names without a country:")
    for name, count in missing.most_common(20):
        print(f"    {count:4d}  {name}")


def _date(value: str | None) -> dt.date:
    if not value or value.lower() == "today":
        return TODAY
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(
                value.strip().title() if fmt != "%Y-%m-%d" else value[:10], fmt
            ).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable case date {value!r}")


# NGEC writes sectors in PLOVER's agent codes; ours are CAMEO's, converted as the codebook
# converts PLOVER's agents dictionary (sector_nouns.tsv header): MED (medical) is our HLH,
# JRN (journalists) our MED, SOC our CVL, and UNK/JNK ("unknown", "junk") are no sector.
PLOVER_TO_OURS = {"MED": "HLH", "JRN": "MED", "SOC": "CVL", "UNK": "", "JNK": ""}


def ngec(extractor: Extractor) -> None:
    rows = [json.loads(line) for line in (SHARED / "eval" / "ngec_actor_resolution_cases.jsonl").open()]
    for task in ("actor_to_country_and_sector", "common_noun_to_sector", "nationality_adjective_to_country"):
        cases = [r for r in rows if r["task"] == task]
        country_n = country_ok = sector_n = sector_ok = 0
        wrong: list[str] = []
        for case in cases:
            inp, exp = case["input"], case["expected"]
            got = extractor.resolve_actor(
                inp["text"], date=_date(inp.get("date")), context=inp.get("context") or None
            ).to_dict()
            if "country" in exp:
                country_n += 1
                # NGEC writes a body by its CAMEO root ("EUR" for IGOEUREEC, "UNO" for
                # IGOUNO, or just "IGO"); ours is in the code.
                code = got["code"] or ""
                ok = (got["country"] or "") == (exp["country"] or "") or (
                    code.startswith("IGO") and exp["country"] in ("IGO", code[3:6])
                )
                country_ok += ok
                if not ok:
                    wrong.append(f"{inp['text']!r}: country {got['country']} != {exp['country']}")
            if "code_1" in exp:
                sector_n += 1
                wanted = [exp["code_1"], exp.get("code_2")]
                flat = [c for w in wanted for c in (w if isinstance(w, list) else [w]) if c is not None]
                sectors = {PLOVER_TO_OURS.get(c, c) for c in flat}
                ok = (got["sector"] or "") in sectors
                sector_ok += ok
                if not ok:
                    wrong.append(f"{inp['text']!r}: sector {got['sector']} != {exp['code_1']}")
        print(
            f"ngec {task}: {len(cases)} cases; country {country_ok}/{country_n}"
            f" = {country_ok / max(country_n, 1):.1%}; sector {sector_ok}/{sector_n}"
            f" = {sector_ok / max(sector_n, 1):.1%}"
        )
        if "-v" in sys.argv:
            for line in wrong:
                print("    " + line)


def example(extractor: Extractor) -> None:
    folder = SHARED / "examples" / "kazakhstan-eu-2022"
    gold = [json.loads(line) for line in (folder / "entities.jsonl").open()]
    text = (folder / "article.txt").read_text(encoding="utf-8")
    result = extractor.extract(Article(id="example", text=text, date=dt.date(2022, 11, 17)))
    entities = [m.entity for m in result.mentions]
    right = 0
    for g in gold:
        hit = any(
            e.name == g["name"]
            and e.country == g["country"]
            and ("office" not in g or e.office == g["office"])
            for e in entities
        )
        right += hit
        print(
            f"example: {'ok ' if hit else 'MISS'} {g['name']}"
            f" ({g.get('office') or g['kind']}, {g['country']})"
        )
    head = [e for e in entities if e.entity_text.lower().endswith("head of eu diplomacy")]
    print(
        f"example: {right}/{len(gold)} entities right; 'the head of EU diplomacy' -> {[e.name for e in head]}"
    )


def main() -> int:
    parts = [a for a in sys.argv[1:] if not a.startswith("-")] or ["example", "ngec", "news"]
    if not SHARED.is_dir():
        print(f"shared folder not found at {SHARED}")
        return 1
    extractor = Extractor()
    for part in parts:
        {"news": news, "ngec": ngec, "example": example}[part](extractor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
