"""Minutes, one minute item at a time ('302 Police & Crime Plan Activity …').

In extracted minutes a multi-line item heading often lands in the middle of the previous
item's text; the tail of that text runs on until the new item's opening sentence
("The Panel received …"). That tail is given back to the item it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.clean import clean_block, clean_line
from ingest.records import Passage
from ingest.segment import Line
from ingest.split import pack, split_words

PLAIN_HEADING = re.compile(r"^(\d{2,4})\s+([A-Z][^\t]{3,})$")
BOLD_SPAN = re.compile(r"^\*\*(.+)\*\*\s*$", re.S)
OPENING = re.compile(r"^(?:The (?:Panel|Committee|Chairman|Chair|Commissioner|PCC)\b)")


@dataclass
class MinuteItem:
    number: str | None
    title: str
    page: int | None
    body: list[str] = field(default_factory=list)


def _logical_lines(lines: list[Line]) -> list[Line]:
    """Join bold spans that the extractor broke over several lines."""
    out: list[Line] = []
    open_span: list[str] | None = None
    page_of_span: int | None = None
    for page, raw in lines:
        text = raw.strip()
        if open_span is not None:
            open_span.append(text)
            if text.endswith("**"):
                out.append((page_of_span, " ".join(open_span)))
                open_span = None
            continue
        if text.startswith("**") and not text.endswith("**", 2):
            open_span, page_of_span = [text], page
            continue
        out.append((page, raw))
    if open_span is not None:
        out.append((page_of_span, " ".join(open_span)))
    return out


class MinutesParser:
    def __init__(self) -> None:
        self.items = [MinuteItem(None, "Attendance and papers", None)]
        self.carry: list[str] | None = None  # text after a heading, owner not yet known
        self.last_number = 0

    def _heading(self, raw: str) -> tuple[str, str, list[str]] | None:
        stripped = raw.strip()
        if "\t" in raw:
            cells = [clean_line(c) for c in raw.split("\t")]
            if cells[0].isdigit() and len(cells) > 1:
                return cells[0], cells[1], [c for c in cells[2:] if c]
            return None
        bold = BOLD_SPAN.match(stripped)
        candidate = clean_line(bold.group(1)) if bold else clean_line(stripped)
        match = PLAIN_HEADING.match(candidate)
        if match and (bold or not candidate.endswith(".")) and len(candidate.split()) <= 30:
            return match.group(1), match.group(2), []
        return None

    def _in_sequence(self, number: str) -> bool:
        n = int(number)
        return self.last_number == 0 or self.last_number < n <= self.last_number + 10

    def feed(self, page: int | None, raw: str) -> None:
        if not raw.strip():
            return
        heading = self._heading(raw)
        if heading and self._in_sequence(heading[0]):
            self._settle_carry(to_previous=False)
            number, title, body = heading
            self.last_number = int(number)
            self.items.append(MinuteItem(number, title, page, list(body)))
            # A heading set as a table row carries its own text; any other heading may
            # have landed inside the previous item's closing lines.
            self.carry = None if "\t" in raw else []
            return
        bold = BOLD_SPAN.match(raw.strip())
        current = self.items[-1]
        if bold and not current.body and self.carry in (None, []):
            current.title += " " + clean_line(bold.group(1))  # the rest of a broken heading
            return
        text = clean_line(raw)
        if self.carry is not None:
            if OPENING.match(text):
                self._settle_carry(to_previous=True)
            else:
                self.carry.append(text)
                return
        current.body.append(text)

    def _settle_carry(self, to_previous: bool) -> None:
        if self.carry:
            owner = self.items[-2] if to_previous and len(self.items) > 1 else self.items[-1]
            owner.body.extend(self.carry)
        self.carry = None

    def finish(self) -> list[MinuteItem]:
        self._settle_carry(to_previous=False)
        return [item for item in self.items if item.body]


def parse_minutes(lines: list[Line], max_words: int) -> list[Passage]:
    parser = MinutesParser()
    for page, raw in _logical_lines(lines):
        parser.feed(page, raw)
    passages = []
    for item in parser.finish():
        heading = f"{item.number} {item.title}" if item.number else item.title
        body = clean_block("\n".join(item.body))
        pieces = [p for line in body.split("\n") for p in split_words(line, max_words)]
        for text in pack(pieces, max_words):
            passages.append(
                Passage(
                    kind="minutes",
                    section=heading,
                    text=text,
                    page=item.page,
                    paragraph=item.number,
                    context=f"Minute {heading}",
                )
            )
    return passages
