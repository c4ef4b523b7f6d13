"""Date expressions resolved against a report date (2020-12-18 is a Friday)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outposts.code.dates import find_dateline, find_dates, parse_iso_date

REPORT = date(2020, 12, 18)
D = date.fromisoformat

# sentence, expression, value, precision, earliest, latest
CASES = [
    ("Shelling hit the village on Thursday.", "Thursday", "2020-12-17", 1, "2020-12-17", "2020-12-17"),
    ("A convoy was ambushed Thursday night.", "Thursday night", "2020-12-17", 1, "2020-12-17",
     "2020-12-17"),
    ("Troops arrived on Friday.", "Friday", "2020-12-18", 1, "2020-12-18", "2020-12-18"),
    ("Two posts changed hands last Friday.", "last Friday", "2020-12-11", 1, "2020-12-11", "2020-12-11"),
    ("A drone crashed yesterday near the river.", "yesterday", "2020-12-17", 1, "2020-12-17",
     "2020-12-17"),
    ("Police raided a house today.", "today", "2020-12-18", 1, "2020-12-18", "2020-12-18"),
    ("Gunfire was heard overnight in the old town.", "overnight", "2020-12-17", 1, "2020-12-17",
     "2020-12-18"),
    ("Last week, a checkpoint was set up.", "Last week", "2020-12-10", 2, "2020-12-07", "2020-12-13"),
    ("Patrols resumed earlier this week.", "earlier this week", "2020-12-15", 2, "2020-12-14",
     "2020-12-17"),
    ("Patrols resumed this week.", "this week", "2020-12-16", 2, "2020-12-14", "2020-12-18"),
    ("A base was opened earlier this month.", "earlier this month", "2020-12-09", 3, "2020-12-01",
     "2020-12-18"),
    ("Fighting flared last month.", "last month", "2020-11-15", 3, "2020-11-01", "2020-11-30"),
    ("The monitor reported it on December 17.", "December 17", "2020-12-17", 1, "2020-12-17",
     "2020-12-17"),
    ("The bridge was cut on 17 December.", "17 December", "2020-12-17", 1, "2020-12-17", "2020-12-17"),
    ("The bridge was cut on Dec. 17 at dawn.", "Dec. 17", "2020-12-17", 1, "2020-12-17", "2020-12-17"),
    ("Protests began on 8 May 2020 in the square.", "8 May 2020", "2020-05-08", 1, "2020-05-08",
     "2020-05-08"),
    ("Protests began May 8, 2020, in the square.", "May 8, 2020", "2020-05-08", 1, "2020-05-08",
     "2020-05-08"),
    ("The log is dated 2020-05-08.", "2020-05-08", "2020-05-08", 1, "2020-05-08", "2020-05-08"),
    ("Raids took place in May 2020.", "May 2020", "2020-05-16", 3, "2020-05-01", "2020-05-31"),
    ("It happened on Monday, December 14, near the dam.", "Monday, December 14", "2020-12-14", 1,
     "2020-12-14", "2020-12-14"),
    ("A soldier died two days ago.", "two days ago", "2020-12-16", 1, "2020-12-16", "2020-12-16"),
    ("The raid happened three weeks ago.", "three weeks ago", "2020-11-27", 2, "2020-11-24",
     "2020-11-30"),
    # a day and month later than the report date belong to the previous year
    ("The road reopened on December 25.", "December 25", "2019-12-25", 1, "2019-12-25", "2019-12-25"),
    ("Forms dated 17/12/2020 were found.", "17/12/2020", "2020-12-17", 1, "2020-12-17", "2020-12-17"),
]


@pytest.mark.parametrize("sentence,expr,value,precision,earliest,latest", CASES)
def test_find_dates_resolves(sentence, expr, value, precision, earliest, latest):
    found = find_dates(sentence, REPORT)
    assert len(found) == 1, found
    m = found[0]
    assert (m.text, m.value, m.time_precision) == (expr, D(value), precision)
    assert (m.earliest, m.latest) == (D(earliest), D(latest))
    assert sentence[m.start:m.end] == expr


@pytest.mark.parametrize("sentence", [
    "Their units have been stationed there for almost three years.",
    "Most fronts were settled in the past two years.",
    "The group has operated in the desert since 2017.",
    "Nobody has been seen there since October 2017.",
    "Checkpoints will stay until March 3.",
    "This may be a sign that the 5th Corps is moving.",
    "Records dated 8/5/2020 are ambiguous.",
    "No date was given for the raid on February 30, 2020.",
])
def test_durations_and_non_dates_give_nothing(sentence):
    assert find_dates(sentence, REPORT) == []


def test_several_dates_in_text_order_without_overlap():
    text = "On Monday, December 14, gunmen struck; yesterday police replied; last week was calm."
    found = find_dates(text, REPORT)
    assert [m.text for m in found] == ["Monday, December 14", "yesterday", "last week"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_weekday_on_report_day_is_report_day():
    assert find_dates("Clashes on Friday.", D("2020-12-18"))[0].value == D("2020-12-18")
    assert find_dates("Clashes on Saturday.", D("2020-12-18"))[0].value == D("2020-12-12")


@pytest.mark.parametrize("opening,expected", [
    ("On 8 May 2020, gunmen opened fire on a checkpoint.", "2020-05-08"),
    ("BEIRUT, May 8, 2020 — Officials said on Friday that", "2020-05-08"),
    ("8 May 2020 - A roadside bomb went off.", "2020-05-08"),
    ("As reported on 4 May 2020, a patrol was attacked.", "2020-05-04"),
    ("Around 3 January 2022 (as reported), shells hit a farm.", "2022-01-03"),
    ("Title line\n\n2021-03-05 Aleppo: a car bomb exploded.", "2021-03-05"),
])
def test_find_dateline(opening, expected):
    assert find_dateline(opening) == D(expected)


def test_find_dateline_absent_or_too_late():
    assert find_dateline("Troops moved on December 17 to the border.") is None
    assert find_dateline("x" * 400 + " On 8 May 2020, ...") is None
    assert find_dateline("") is None


def test_parse_iso_date():
    assert parse_iso_date(" 2020-12-18 ") == D("2020-12-18")
    for bad in ("2020-13-01", "18/12/2020", "yesterday", "", "2020-02-30"):
        with pytest.raises(ValueError, match="invalid date"):
            parse_iso_date(bad)


def test_large_input_is_bounded():
    text = ("since " * 20000) + ("May " * 20000) + ("1 " * 20000) + "on 8 May 2020"
    found = find_dates(text, REPORT)
    assert found[-1].value == D("2020-05-08")


WORDS = st.sampled_from([
    "on", "Thursday", "last", "week", "May", "8", "2020", "17", "December", "Dec.", "ago", "two",
    "days", "since", "for", "years", "yesterday", "overnight", "-", "/", ",", "early", "mid-",
    "this", "month", "earlier", "2020-05-08", "31/12/2020", "Feb", "29", "\n", "the", "of",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=40).map(" ".join)),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_find_dates_never_raises_and_offsets_in_bounds(text, report):
    found = find_dates(text, report)
    last_end = 0
    for m in found:
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.earliest <= m.value <= m.latest
        assert m.time_precision in (1, 2, 3)
        last_end = m.end
    find_dateline(text)


@pytest.mark.parametrize("text, first, precision", [
    ("Attackers killed 66 in a March massacre elsewhere in the region.", date(2021, 3, 1), 3),
    ("The district suffered 100 deaths in January.", date(2021, 1, 1), 3),
    ("In May, fighters attacked the town.", date(2021, 5, 1), 3),
])
def test_a_month_alone_is_that_month_before_the_report(text, first, precision):
    found = find_dates(text, date(2021, 6, 25))
    assert [(d.value.replace(day=1), d.time_precision) for d in found] == [(first, precision)]


def test_a_month_word_in_lower_case_is_no_date():
    assert find_dates("They may attack in march order.", date(2021, 6, 25)) == []

