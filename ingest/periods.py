"""Dates and reporting periods as papers write them.

"(JULY - SEPTEMBER 2018)", "Quarter 2 update July to Sept 2021",
"covers the time period 1 October – 31 December 2016", "5 February 2020".
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ingest.records import Period

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|–|—|to|until)\s*"

DAY_RANGE = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?{_DASH}"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})",
    re.I,
)
MONTH_RANGE = re.compile(
    rf"\b(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?{_DASH}(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})",
    re.I,
)
DAY_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\s*,?\s+(?P<y>(?:19|20)\d{{2}})\b",
    re.I,
)


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _period(m1: str, y1: str | None, m2: str, y2: str) -> Period | None:
    start_m, end_m, end_y = month_number(m1), month_number(m2), int(y2)
    start_y = int(y1) if y1 else (end_y if start_m <= end_m else end_y - 1)
    start, end = date(start_y, start_m, 1), month_end(end_y, end_m)
    if start > end or (end - start).days > 370:
        return None
    return Period(start, end)


def parse_period(text: str) -> Period | None:
    """The first reporting period written in the text, or None."""
    text = " ".join(text.split())
    candidates = []
    for pattern in (DAY_RANGE, MONTH_RANGE):
        for match in pattern.finditer(text):
            found = _period(match["m1"], match["y1"], match["m2"], match["y2"])
            if found:
                candidates.append((match.start(), found))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def parse_date(text: str) -> date | None:
    """The first full date ('18 June 2019', 'Tuesday, 10 September 2019') in the text."""
    for match in DAY_DATE.finditer(" ".join(text.split())):
        try:
            return date(int(match["y"]), month_number(match["m"]), int(match["d"]))
        except ValueError:
            continue
    return None


def quarter_of(day: date) -> Period:
    first = 3 * ((day.month - 1) // 3) + 1
    return Period(date(day.year, first, 1), month_end(day.year, first + 2))


def reconcile(period: Period | None, meeting: date | None) -> tuple[Period | None, str | None]:
    """A paper cannot report on a period that ends after its meeting. When the title names
    the wrong year (a known slip), shift the period back a year and say so."""
    if period is None or meeting is None or period.end <= meeting:
        return period, None
    shifted = Period(period.start.replace(year=period.start.year - 1),
                     month_end(period.end.year - 1, period.end.month))
    if shifted.end <= meeting:
        return shifted, (
            f"period {period.label} ends after the meeting of {meeting.isoformat()}; "
            f"assumed {shifted.label} (the title probably names the wrong year)"
        )
    return period, f"period {period.label} ends after the meeting of {meeting.isoformat()}"
