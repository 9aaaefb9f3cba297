"""Split a paper into its items: an agenda pack holds minutes, reports and appendices,
each with its own title and date; a single report is one item."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.clean import clean_line
from panelqa.text import parse_date

# A page line: (page number or None, raw text).
Line = tuple[int | None, str]

REPORT_HEADER = re.compile(
    r"^[#*\s]*(?:[A-Z][A-Za-z]+\s+){0,3}POLICE\s+AND\s+CRIME\s+PANEL\W+"
    r"(?:\w+day,?\s+)?\d{1,2}\s+[A-Za-z]+\s+\d{4}\W*$",
    re.I,
)

MINUTES_WORD = re.compile(r"^[#*\s]*minutes[*\s]*$", re.I)
AGENDA_ITEM = re.compile(r"^[#*\s]*agenda item\s+\d+[*\s]*$", re.I)

SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "by", "with", "at", "or"}


@dataclass
class Item:
    title: str
    meeting_date: date | None
    kind: str  # "minutes", "report" or "other"
    lines: list[Line]


def title_case(text: str) -> str:
    """'POLICE & CRIME PLAN ACTIVITY (JULY - SEPTEMBER 2018)' -> readable title case."""
    if any(c.islower() for c in text):
        return text
    out = []
    for i, word in enumerate(text.split()):
        bare = word.strip("()[]")
        if word.startswith("(") and word.endswith(")") and bare.isalpha() and len(bare) <= 5:
            out.append(word)  # '(VAL)', '(SOC)': acronyms stay capitals
        elif i and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            lower = word.lower()
            at = next((j for j, c in enumerate(lower) if c.isalpha()), 0)
            out.append(lower[:at] + lower[at : at + 1].upper() + lower[at + 1 :])
    return " ".join(out)


def _next_text(lines: list[Line], start: int, limit: int = 6) -> tuple[int, str]:
    for i in range(start, min(len(lines), start + limit)):
        text = clean_line(lines[i][1].lstrip("#"))
        if text:
            return i, text
    return start, ""


def _minutes_date(lines: list[Line], at: int) -> date | None:
    """Minutes open with the meeting's own date a few lines above the word 'Minutes'."""
    for _, raw in reversed(lines[max(0, at - 6) : at]):
        found = parse_date(raw)
        if found:
            return found
    return None


def split_items(lines: list[Line], default_date: date | None, default_title: str) -> list[Item]:
    items = [Item(default_title, default_date, "other", [])]
    i = 0
    while i < len(lines):
        raw = lines[i][1]
        if REPORT_HEADER.match(raw.strip()):
            title_at, title = _next_text(lines, i + 1)
            items.append(Item(title_case(title), parse_date(raw), "report", []))
            i = title_at + 1
            continue
        if MINUTES_WORD.match(raw.strip()) and (when := _minutes_date(lines, i)):
            title = f"Minutes of the Panel meeting held on {when.day} {when:%B %Y}"
            items.append(Item(title, when, "minutes", []))
            i += 1
            continue
        if not AGENDA_ITEM.match(raw.strip()):
            items[-1].lines.append(lines[i])
        i += 1
    kept = [item for item in items if any(text.strip() for _, text in item.lines)]
    if len(kept) == 1 and kept[0].kind == "other":
        kept[0].kind = "report"
    return kept
