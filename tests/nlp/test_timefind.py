"""The time-expression finder on plain strings (no spaCy): detection, kinds, values."""

from __future__ import annotations

import datetime

import pytest

from communique.nlp.timefind import dateline_date, dateline_year, find_time_expressions, infer_article_date
from communique.nlp.timex import Anchor

SUNDAY = Anchor(datetime.date(2022, 11, 20))


def _found(text: str, anchor: Anchor = SUNDAY) -> dict[str, tuple[str, str | None, str | None]]:
    return {
        e.text: (e.kind, e.value.start if e.value else None, e.value.end if e.value else None)
        for e in find_time_expressions(text, anchor)
    }


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("They met on 26–27 October in Astana.", "26–27 October", ("date", "2022-10-26", "2022-10-27")),
        ("The forum runs from 5 to 7 May.", "5 to 7 May", ("date", "2022-05-05", "2022-05-07")),
        ("It was signed on 22.11.2022 in Baku.", "22.11.2022", ("date", "2022-11-22", None)),
        ("The talks began Feb. 23 in Geneva.", "Feb. 23", ("date", "2022-02-23", None)),
        ("He arrived 10 days ago.", "10 days ago", ("date", "2022-11-10", None)),
        ("She spoke on Tuesday.", "Tuesday", ("date", "2022-11-15", None)),
        ("They will meet this evening.", "this evening", ("date", "2022-11-20", None)),
        ("The envoy left earlier this month.", "earlier this month", ("date", "2022-11", None)),
        ("Talks are due in the coming weeks.", "the coming weeks", ("date", None, None)),
        ("He came on the eve of the visit.", "the eve of the visit", ("date", None, None)),
        ("Ties go back three decades.", "three decades", ("duration", None, None)),
        ("He stayed for two years.", "for two years", ("duration", None, None)),
        ("The council meets every year.", "every year", ("set", None, None)),
        ("Relations were established in 1993.", "1993", ("date", "1993", None)),
    ],
)
def test_forms_beyond_the_ner(text: str, expression: str, expected: tuple) -> None:
    assert _found(text)[expression] == expected


def test_the_following_day_follows_the_story_not_the_article() -> None:
    found = _found("The summit opened on 3 March 2016. The following day the leaders signed a pact.")
    assert found["The following day"] == ("date", "2016-03-04", None)


def test_the_day_before_with_no_day_named_counts_back_from_the_article() -> None:
    assert _found("The day before, the envoy met the minister.")["The day before"] == (
        "date",
        "2022-11-19",
        None,
    )
    assert _found("The envoy had arrived the previous day.")["the previous day"] == (
        "date",
        "2022-11-19",
        None,
    )
    # a day named earlier in the text is still the reference
    found = _found("They met on 3 March 2016. The day before, the envoy arrived.")
    assert found["The day before"] == ("date", "2016-03-02", None)


def test_spelled_counts_are_found_and_resolved_like_digits() -> None:
    assert (
        _found("He arrived three days ago.")["three days ago"]
        == _found("He arrived 3 days ago.")["3 days ago"]
    )
    assert _found("He arrived two weeks ago.")["two weeks ago"] == ("date", "2022-11-06", "2022-11-12")


def test_offsets_point_into_the_text() -> None:
    text = "On October 26-27 this year Charles Michel visited Kazakhstan."
    (expression,) = find_time_expressions(text, Anchor(None, 2022))
    assert text[expression.start : expression.end] == expression.text == "October 26-27 this year"
    assert (expression.value.start, expression.value.end) == ("2022-10-26", "2022-10-27")


def test_ner_spans_are_merged_with_the_patterns() -> None:
    text = "The agreement was reached in the autumn after long talks."
    start = text.index("the autumn")
    found = find_time_expressions(text, SUNDAY, entities=[(start, start + len("the autumn"))])
    assert [e.text for e in found] == ["the autumn"]


def test_no_numbers_mistaken_for_dates() -> None:
    assert _found("Some 2,000 troops and 45 people crossed in 45 boats.") == {}


def test_durations_and_sets_never_get_a_value() -> None:
    text = "For 10 days, every week, over the past three decades, annually."
    found = find_time_expressions(text, SUNDAY)
    assert found and all(e.kind in ("duration", "set") and e.value is None for e in found)


def _inferred(text: str) -> tuple[str, str] | None:
    found = infer_article_date(text, find_time_expressions(text, Anchor(None, None)))
    return (found[0].start, found[1]) if found else None


def test_article_date_from_a_dateline_takes_the_texts_year() -> None:
    value, source = _inferred("MOSCOW, March 12 (Xinhua) -- The accession, agreed in 1998, is done in 1999.")
    assert value == "1999-03-12" and "dateline" in source


def test_article_date_is_the_latest_day_or_month_not_a_target_year() -> None:
    text = (
        "On November 2022 the envoy visited Astana, on the eve of the anniversary of relations "
        "(2 February 1993). They aim to double trade by 2030 under the 2023-2027 plan."
    )
    value, source = _inferred(text)
    assert value == "2022-11" and "'November 2022'" in source


def test_no_explicit_date_no_article_date() -> None:
    assert _inferred("The president spoke today with his counterpart on Tuesday.") is None


def test_a_dateline_a_day_off_the_wire_date_is_the_story_date() -> None:
    text = "WASHINGTON, March 12 (Xinhua) -- Poland Friday joined NATO."
    assert dateline_date(text, datetime.date(1999, 3, 13)) == datetime.date(1999, 3, 12)
    assert dateline_date(text, datetime.date(1999, 3, 12)) is None  # the same day: nothing to change
    assert dateline_date(text, datetime.date(1999, 6, 1)) is None  # too far: not this story's wire date
    assert dateline_date("Poland joined NATO on March 12.", datetime.date(1999, 3, 13)) is None


def test_relative_days_count_from_the_dateline(extractor) -> None:
    from communique.model import Article

    text = "SINGAPORE, June 19 - Secretary of State George Shultz today praised ASEAN."
    result = extractor.extract(Article(id="x", text=text, date=datetime.date(1987, 6, 18)))
    assert {t.text: t.value for t in result.time_expressions}["today"] == "1987-06-19"


def test_the_ners_ages_and_bare_numbers_are_not_dates() -> None:
    text = "The 52 years old envoy, one of 65 delegates, spent almost seven years in Tashkent."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("52 years old", "65", "almost seven years")]
    found = {e.text: e.kind for e in find_time_expressions(text, SUNDAY, entities=spans)}
    assert "52 years old" not in found and "65" not in found
    assert found["almost seven years"] == "duration"


def test_a_wide_ner_span_over_two_dates_gives_both() -> None:
    text = "They met Feb. 23, 10 days ago, in Geneva."
    start = text.index("Feb.")
    span = (start, text.index(", in"))
    found = {e.text: e.value.start for e in find_time_expressions(text, SUNDAY, entities=[span]) if e.value}
    assert found == {"Feb. 23": "2022-02-23", "10 days ago": "2022-11-10"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.gov/briefing-room/statements/2021/07/17/readout-of-a-call/", "2021-07-17"),
        ("https://example.com/world/envoys-meet-in-geneva-2021-07-17-story.html", "2021-07-17"),
        ("https://example.gov/press/2016/10/263174.htm", "2016-10"),
        ("https://example.org/events/president/news/6152", None),
        (None, None),
    ],
)
def test_a_date_in_the_url_path_dates_the_article(url: str | None, expected: str | None) -> None:
    text = "The minister met his counterpart today. Relations were established on 2 February 1993."
    found = infer_article_date(text, find_time_expressions(text, Anchor(None, None)), url)
    assert found is not None
    if expected is None:
        assert found[0].start == "1993-02-02" and "URL" not in found[1]
    else:
        assert found[0].start == expected and found[1].startswith("the URL ")


def test_a_url_date_anchors_today_and_is_explained(extractor) -> None:
    from communique.model import Article

    text = "The foreign minister met his Chinese counterpart in Beijing today."
    article = Article(id="x", text=text, url="https://example.com/news/2021/07/17/ministers-meet/")
    result = extractor.extract(article)
    assert result.inferred_date == "2021-07-17" and result.inferred_from.startswith("the URL")
    assert {t.text: t.value for t in result.time_expressions}["today"] == "2021-07-17"


def test_a_dateline_field_dates_an_undated_article_with_the_texts_year() -> None:
    text = "Budget talks begun in 1986 went on today, their first round in 1987."
    line = "ROME, Feb 27 -"
    found = infer_article_date(text, find_time_expressions(text, Anchor(None, None)), dateline=line)
    assert found is not None and found[0].start == "1987-02-27" and "dateline" in found[1]
    # Without a year anywhere there is no month to give: no guess.
    text = "The budget talks went on today."
    assert infer_article_date(text, find_time_expressions(text, Anchor(None, None)), dateline=line) is None


def test_a_title_date_counts_like_the_texts() -> None:
    text = "The ministers met in Geneva and signed the accord of 2019."
    found = infer_article_date(
        text, find_time_expressions(text, Anchor(None, None)), title="Geneva talks, 14 March 2021"
    )
    assert found is not None and found[0].start == "2021-03-14"


def test_a_dateline_field_moves_a_wire_date_and_anchors_today(extractor) -> None:
    from communique.model import Article

    filed = dateline_date("Talks went on.", datetime.date(1987, 2, 26), "ROME, Feb 27 -")
    assert filed == datetime.date(1987, 2, 27)
    text = "Italian coalition leaders agreed to meet today."
    wired = Article(id="x", text=text, date=datetime.date(1987, 2, 26), dateline="ROME, Feb 27 -")
    assert {t.text: t.value for t in extractor.extract(wired).time_expressions}["today"] == "1987-02-27"
    undated = Article(id="y", text=text + " Their budget for 1987 is late.", dateline="ROME, Feb 27 -")
    result = extractor.extract(undated)
    assert result.inferred_date == "1987-02-27" and "dateline" in (result.inferred_from or "")


def test_a_range_with_a_minus_sign_is_one_date() -> None:
    """Typeset ranges use U+2212 as often as the en dash ("June 8 \u2212 9, 2017")."""
    found = find_time_expressions("The summit of June 8 \u2212 9, 2017 ended.", Anchor(None, None))
    assert [(e.text, e.value.start, e.value.end) for e in found if e.value] == [
        ("June 8 \u2212 9, 2017", "2017-06-08", "2017-06-09")
    ]


def test_a_datelines_year_is_the_first_after_the_latest_date_the_text_recalls() -> None:
    # "September 1986" recalled under "March 2": the story is of March 1987, not 1986.
    text = "The debt accord reached in September 1986 was reviewed today."
    found = infer_article_date(
        text, find_time_expressions(text, Anchor(None, None)), dateline="MANILA, March 2 -"
    )
    assert found is not None and found[0].start == "1987-03-02"


def test_terms_of_office_choose_a_datelines_year() -> None:
    d = datetime.date
    terms = {"A": [(d(1982, 11, 26), d(1987, 11, 6))], "B": [(d(1981, 1, 20), d(1989, 1, 20))]}
    # Both in office on 31 March of 1983..1987: the first of those after the 1980 accord.
    assert dateline_year(3, 31, d(1980, 1, 1), terms) == (1983, ["A", "B"])
    # A date recalled inside the terms moves the year past it, within them.
    assert dateline_year(3, 31, d(1986, 9, 1), terms)[0] == 1987
    # Nothing recalled: terms alone are no answer, even when one year fits them all.
    assert dateline_year(3, 31, None, terms) == (None, [])
    more = {"B": terms["B"], "C": [(d(1987, 11, 6), d(1989, 6, 2))], "E": [(d(1986, 6, 1), d(1988, 1, 1))]}
    assert dateline_year(12, 1, None, more) == (None, [])
    # Dates recalled after every term: the last year the people were in office.
    assert dateline_year(3, 31, d(1995, 1, 1), terms)[0] == 1987
    # 29 February exists only in leap years; a term still open has no end.
    assert dateline_year(2, 29, d(2021, 3, 1), {"D": [(d(2020, 1, 1), None)]})[0] == 2024


def test_a_titled_person_in_office_dates_an_undated_dateline(extractor) -> None:
    from communique.model import Article

    text = "Prime Minister Yasuhiro Nakasone said the trade accord of 1980 still held."
    result = extractor.extract(Article(id="x", text=text, dateline="TOKYO, March 31 -"))
    assert result.inferred_date == "1983-03-31"  # his first 31 March in office after 1980
    assert "Yasuhiro Nakasone held office" in (result.inferred_from or "")
    former = text.replace("Prime Minister", "Former Prime Minister")
    result = extractor.extract(Article(id="y", text=former, dateline="TOKYO, March 31 -"))
    assert result.inferred_date == "1980-03-31"  # a former holder says nothing of the date


def test_a_users_actors_file_dates_an_undated_dateline_too(tmp_path) -> None:
    """The dates component reads the people of a user's COMMUNIQUE_ACTORS file, as the
    actors component does: their terms of office choose a dateline's year."""
    from communique.extract import Extractor
    from communique.model import Article

    people = tmp_path / "people.csv"
    people.write_text(
        "name,country,office,start,end\nIlse Marrowby,NOR,foreign_minister,1994-01-01,1996-01-01\n",
        encoding="utf-8",
    )
    text = "Foreign Minister Ilse Marrowby said the fishing accord of January 1991 still held."
    article = Article(id="x", text=text, dateline="OSLO, March 3 -")
    own = Extractor(actors_file=str(people)).extract(article)
    assert own.inferred_date == "1994-03-03"  # her first 3 March in office after January 1991
    assert "Ilse Marrowby held office" in (own.inferred_from or "")
    assert Extractor().extract(article).inferred_date == "1991-03-03"  # unknown to the packaged data


def test_the_weekday_of_a_wire_lead_fixes_a_datelines_year_within_the_terms(extractor) -> None:
    """8 August fell on a Saturday in 1992, 1998 and 2009: of those, only 1998 lies in
    President Clinton's terms, and no date the text recalls is needed."""
    from communique.model import Article

    text = "GENEVA, August 8 (Reuters) --\n\nPresident Bill Clinton on Saturday praised the negotiators."
    result = extractor.extract(Article(id="x", text=text))
    assert result.inferred_date == "1998-08-08"
    assert "on a Saturday, the day its lead names" in (result.inferred_from or "")
    # A weekday tied to another day ("last Saturday", a plan) says nothing of the dateline's.
    for other in ("praised last Saturday's talks", "will praise the negotiators on Saturday"):
        lead = text.replace("on Saturday praised the negotiators", other)
        assert extractor.extract(Article(id="y", text=lead)).inferred_date is None


def test_a_weekday_leaves_one_year_of_the_terms_or_none() -> None:
    d = datetime.date
    clinton = {"C": [(d(1993, 1, 20), d(2001, 1, 20))]}
    assert dateline_year(8, 8, None, clinton, weekday=5) == (1998, ["C"])  # a Saturday
    assert dateline_year(3, 12, None, clinton, weekday=4) == (None, [])  # Friday in 1993 and 1999
    # After a recalled date, the first year whose day is that weekday.
    assert dateline_year(2, 10, d(1997, 7, 1), {}, weekday=2)[0] == 1999
    assert dateline_year(2, 10, d(1997, 7, 1), {})[0] == 1998


def test_a_day_named_without_its_year_takes_the_year_of_the_dated_ones() -> None:
    text = "The pact was signed on January 30, 2018. On February 3 a patrol was attacked near the border."
    found = infer_article_date(text, find_time_expressions(text, Anchor(None, None)))
    assert found is not None and found[0].start == "2018-02-03" and "its year from" in found[1]
    # Across a new year: the nearest year, not the dated one's.
    text = "The talks of December 20, 2019 failed. On January 4 the envoys met again."
    found = infer_article_date(text, find_time_expressions(text, Anchor(None, None)))
    assert found is not None and found[0].start == "2020-01-04"


def test_a_day_without_its_year_beside_a_year_alone_takes_that_year() -> None:
    def infer(text: str):
        return infer_article_date(text, find_time_expressions(text, Anchor(None, None)))

    found = infer("The leaders met on 3 March at the summit held in 2016 in Amiens.")
    assert found is not None and found[0].start == "2016-03-03"
    # A year in another sentence is as often background: the answer stays the year.
    found = infer("The pact was signed in 2016. The leaders met on 3 March in Amiens.")
    assert found is not None and found[0].start == "2016"


def test_dates_told_in_the_future_tense_are_plans(extractor) -> None:
    from communique.model import Article

    text = (
        "The ministers met in Vienna on June 28, 2019. In July 2020, the two countries will host the "
        "summit, and their envoys will meet again on September 9."
    )
    result = extractor.extract(Article(id="x", text=text))
    assert result.inferred_date == "2019-06-28"
    # a plan's own verb, a modal, a passive infinitive of a noun: days to come, not the story's
    text = (
        "The ministers met in Vienna on May 14, 2009. A June 3 hearing has been scheduled, the "
        "contract may be signed on June 12, and a summit is to be held on June 20."
    )
    assert extractor.extract(Article(id="y", text=text)).inferred_date == "2009-05-14"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an anniversary is marked around its day: the date it counts from, moved on
        ("The leaders marked the 10th anniversary of the Treaty of April 2, 2009 in Minsk.", "2019-04-02"),
        ("Greetings on the fiftieth anniversary of relations (established on 12 May 1972).", "2022-05-12"),
        (
            "The envoy recalled his first visit, which took place twenty years ago, on June 3, 1998.",
            "2018-06-03",
        ),
        # a date before the anniversary is the anniversary's own day: nothing moves
        ("On July 30, 2016, the 100th anniversary of the port was celebrated.", "2016-07-30"),
    ],
)
def test_an_anniversary_dates_the_story(text: str, expected: str) -> None:
    found = infer_article_date(text, find_time_expressions(text, Anchor(None, None)))
    assert found is not None and found[0].start == expected, found


def test_plans_are_not_the_present_but_bound_it() -> None:
    def infer(text: str, dateline: str | None = None):
        return infer_article_date(text, find_time_expressions(text, Anchor(None, None)), dateline=dateline)

    # A target year is no date; "into the year 2000" looks forward, 1986 is the latest past.
    assert infer("Oil imports will double by 2050.") is None
    found = infer("Imports grew in 1986 and reliance on foreign oil into the year 2000 worries officials.")
    assert found is not None and found[0].start == "1986"
    # Only plans dated to the day: the nearest one.
    found = infer("Talks are scheduled for October 19, 2010, a summit scheduled for December 2, 2010.")
    assert found is not None and found[0].start == "2010-10-19" and "looks forward" in found[1]
    # A dateline before a plan: the last such day before it.
    found = infer("Tax cuts now planned for January 1988 were brought forward.", "BONN, April 7 -")
    assert found is not None and found[0].start == "1987-04-07"
    found = infer("The ministers meet again in April 1987.", "BONN, April 7 -")
    assert found is not None and found[0].start == "1987-04-07"
