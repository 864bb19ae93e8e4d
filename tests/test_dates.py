"""Date expressions resolved against a publication date."""
from __future__ import annotations

from datetime import date

import pytest

from parley.coder.dates import find_dates

PUB = date(2023, 12, 23)  # a Saturday


@pytest.mark.parametrize("text,value,end", [
    ("They met on Saturday.", "2023-12-23", None),
    ("They met on Tuesday.", "2023-12-19", None),
    ("It happened yesterday.", "2023-12-22", None),
    ("Talks began in September 2022.", "2022-09", None),
    ("The vote is set for next March.", "2024-03", None),
    ("Fighting resumed in October.", "2023-10", None),
    ("Talks took place over the past several months.", "2023-09", "2023-12-23"),
    ("Shelling has continued since at least September.", "2023-09", "2023-12-23"),
    ("The deal was signed on March 5, 2021.", "2021-03-05", None),
    ("The deal was signed on 5 March 2021.", "2021-03-05", None),
    ("It was agreed three weeks ago.", "2023-12-02", None),
    ("Prices rose last month.", "2023-11", None),
    ("Elections were held in 2019.", "2019", None),
])
def test_resolution(text, value, end):
    (found,) = find_dates(text, 0, PUB)
    assert (found.date, found.enddate) == (value, end)
    assert text[found.start:found.end] == found.text


def test_modal_may_is_not_a_month():
    assert find_dates("He may change his stance.", 0, PUB) == []


def test_relative_dates_need_a_publication_date():
    assert find_dates("They met on Saturday.", 0, None) == []
    assert [d.date for d in find_dates("They met in September 2022.", 0, None)] == ["2022-09"]
