"""Relative and partial date expressions, resolved against a publication date (our own
sentences). Friday 15 March 2024 is the reference."""
from __future__ import annotations

from datetime import date

import pytest

from actorkit import analyse
from parley.coder.dates import find_dates

PUB = date(2024, 3, 15)  # a Friday


@pytest.mark.parametrize("text,value,end,gran", [
    ("The envoys met earlier this week.", "2024-03-11", "2024-03-15", "range"),
    ("Talks will continue later this month.", "2024-03-15", "2024-03-31", "range"),
    ("The offensive stalled in mid-2021.", "2021", None, "year"),
    ("The offensive stalled in late 2022.", "2022", None, "year"),
    ("Troops withdrew in mid-January.", "2024-01", None, "month"),
    ("The base was hit the previous day.", "2024-03-14", None, "day"),
    ("Clashes erupted over the weekend.", "2024-03-09", "2024-03-10", "range"),
    ("Sanctions were tightened last week.", "2024-03-04", "2024-03-10", "range"),
    ("Aid deliveries resumed last year.", "2023", None, "year"),
    ("More strikes are expected in the coming days.", "2024-03-15", "2024-03-18", "range"),
    ("Both sides have traded fire in recent weeks.", "2024-02-23", "2024-03-15", "range"),
    ("The truce has held since 2022.", "2022", "2024-03-15", "range"),
    ("They signed the accord on Aug. 5.", "2023-08-05", None, "day"),
    ("They signed the accord on Sept. 12, 2022.", "2022-09-12", None, "day"),
    ("The ministers met on Wednesday.", "2024-03-13", None, "day"),
    ("The ministers met this past Friday.", "2024-03-08", None, "day"),
    ("A vote is scheduled for next May.", "2024-05", None, "month"),
    ("The strike happened two days ago.", "2024-03-13", None, "day"),
])
def test_expressions(text, value, end, gran):
    (found,) = find_dates(text, 0, PUB)
    assert (found.date, found.enddate, found.granularity) == (value, end, gran)
    assert text[found.start:found.end] == found.text


def test_future_sentences_look_forward():
    (found,) = find_dates("The delegations will meet on Monday.", 0, PUB, future=True)
    assert found.date == "2024-03-18"


def test_capitalised_months_only_and_may_the_modal():
    assert find_dates("Protesters march on the capital.", 0, PUB) == []
    assert find_dates("The army may advance if talks fail.", 0, PUB) == []
    assert find_dates("May peace return.", 0, PUB) == []
    assert [d.date for d in find_dates("The army may advance in May.", 0, PUB)] == ["2023-05"]


def test_no_publication_date_no_relative_date():
    assert find_dates("The envoys met earlier this week.", 0, None) == []
    assert find_dates("The ministers met on Wednesday.", 0, None) == []
    assert [d.date for d in find_dates("The ministers met on 3 March 2021.", 0, None)] == ["2021-03-03"]


def test_dates_stage_records_text_and_sentence():
    doc = analyse("Drones struck the port.\n\nOn Tuesday, officials said the strike began last month.",
                  published="2024-03-15", ner=False)
    got = [(d.span.text, d.date, d.sentence) for d in doc.dates]
    assert got == [("On Tuesday", "2024-03-12", 1), ("last month", "2024-02", 1)]
