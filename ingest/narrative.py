"""Narrative text: sections follow headings, passages follow numbered paragraphs.

Also routes the tables met on the way: Delivery Plan Extract tables to `tables`,
any other tab-separated table to plain 'table' passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.clean import clean_block, clean_line
from ingest.headers import table_columns
from ingest.records import CELL_JOIN, Passage
from ingest.segment import Line
from ingest.split import pack_groups, split_words, word_count
from ingest.tables import is_plan_header, parse_plan_table

# 'Chair: John Campion', 'Minutes: Jackie Irvin, Policy Officer': a field of a meeting's
# header, said once, not a heading over what follows (the next heading would drop it).
FIELD = re.compile(r"^[A-Z][a-z]+:\s+\S")
NUMBERED = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
BULLET = re.compile(r"^\s*(?:[-•*·]|\(?[a-z]\)|[a-z]\.)\s+")
TOP_HEADING = re.compile(
    r"^(appendix\s+[0-9a-z]+\b|part\s+\d|objective\s+\d+\b|\d+\.\s+part\b|\d+\.\s+[A-Z ]+$)",
    re.I,
)
# '2.4 HARM REDUCTION', '2.4.1 Crime Recorded': a report's numbered sections; the number's
# depth says which heading it replaces.
SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(?=[A-Z])")
LOWER_CASE_WORD = re.compile(r"\b[a-z][a-z]{4,}\b")  # a heading capitalises its longer words
HEADING_WORDS = 10  # a longer line is a sentence or a list item, whatever it starts with


def heading_text(raw: str) -> str | None:
    """The heading a line states, or None when it is body text."""
    stripped = raw.strip()
    text = clean_line(stripped.lstrip("#"))
    if not text or "\t" in raw or FIELD.match(text):
        return None
    if stripped.startswith("#") or re.fullmatch(r"\*\*[^*]+\*\*", stripped):
        return text
    words = word_count(text)
    sentence_case_number = NUMBERED.match(text) and not text.isupper()
    if TOP_HEADING.match(text) and words <= (HEADING_WORDS if sentence_case_number else 20):
        return text  # 'PART 1 – UPDATE ON …' may be long; '1. How the current …' is a list
    if words > HEADING_WORDS or text.endswith((".", ",", ";", ")", "–", "-")):
        return None
    if SECTION_NUMBER.match(text) and not LOWER_CASE_WORD.search(text):
        return text  # '2.4.1 Crime Recorded'; '2.2 Members are asked to note …' is a paragraph
    if (
        text[0].isupper()
        and not BULLET.match(stripped)
        and not NUMBERED.match(text)
        and not re.search(r"@|\d{4,}|www\.", text)
    ):
        return text
    return None


def section_depth(heading: str) -> int:
    """How many numbers a numbered section heading carries ('2.4.1 Crime Recorded': 3), else 0."""
    number = SECTION_NUMBER.match(heading)
    return number.group(1).count(".") + 1 if number else 0


@dataclass
class _Para:
    number: str | None
    page: int | None
    lines: list[str] = field(default_factory=list)


@dataclass
class NarrativeParser:
    item_title: str
    max_words: int
    top: str = ""
    # The numbered sections open under `top`, outermost first ('2.4 HARM REDUCTION', '2.4.1 …').
    numbered: list[str] = field(default_factory=list)
    sub: str = ""
    # The last heading not closing in a colon, which a colon-closed one sits under.
    parent_heading: str = ""
    passages: list[Passage] = field(default_factory=list)
    _paras: list[_Para] = field(default_factory=list)

    @property
    def section(self) -> str:
        return " › ".join(p for p in (self.top, *self.numbered, self.sub) if p)

    def run(self, lines: list[Line]) -> list[Passage]:
        i = 0
        while i < len(lines):
            page, raw = lines[i]
            if "\t" in raw and is_plan_header(raw):
                self._flush()
                found, i = parse_plan_table(lines, i, self.max_words)
                self.passages.extend(found)
                continue
            if "\t" in raw:
                i = self._table(lines, i)
                continue
            self._line(page, raw)
            i += 1
        self._flush()
        return self.passages

    def _line(self, page: int | None, raw: str) -> None:
        if not raw.strip():
            return
        heading = heading_text(raw)
        if heading:
            self._flush()
            depth = section_depth(heading)
            if TOP_HEADING.match(heading) or raw.lstrip().startswith("# "):
                self.top, self.numbered, self.sub, self.parent_heading = heading, [], "", ""
            elif depth:
                self.numbered = [h for h in self.numbered if section_depth(h) < depth]
                self.numbered.append(heading)
                self.sub = self.parent_heading = ""
            elif heading.endswith(":"):
                # 'Promotion and Engagement:', 'The PCC will:' lead into what follows under
                # the heading above ('Facebook Live holding to account'); they do not end it.
                self.sub = " › ".join(p for p in (self.parent_heading, heading) if p)
            else:
                self.sub = self.parent_heading = heading
            return
        text = clean_line(raw)
        number = NUMBERED.match(text)
        if number:
            self._paras.append(_Para(number.group(1), page, [text]))
        elif self._paras and (text[:1].islower() or BULLET.match(raw) or text[:1] in "(£%"):
            self._paras[-1].lines.append(text)  # a paragraph the page break cut, or its list
        else:
            self._paras.append(_Para(None, page, [text]))

    def _table(self, lines: list[Line], start: int) -> int:
        self._flush()
        end = start
        grid = []
        while end < len(lines) and ("\t" in lines[end][1] or not lines[end][1].strip()):
            if "\t" in lines[end][1] and is_plan_header(lines[end][1]):
                break
            cells = [clean_line(c).replace("\n", " ") for c in lines[end][1].split("\t")]
            if any(cells):
                grid.append(cells)
            end += 1
        rows = [CELL_JOIN.join(c for c in cells if c) for cells in grid]
        header_rows, columns = table_columns(grid)
        header = "\n".join(rows[:header_rows])
        for group in pack_groups(rows, self.max_words):
            # A table split over passages keeps its header with each, for search to read.
            self._emit(
                "table",
                "\n".join(rows[i] for i in group),
                lines[start][0],
                None,
                columns={rows[i]: columns[rows[i]] for i in group if rows[i] in columns},
                header="" if group[0] < header_rows else header,
            )
        return end

    def _flush(self) -> None:
        """Turn the paragraphs gathered under the current heading into passages."""
        group: list[_Para] = []
        for para in self._paras:
            words = sum(word_count(" ".join(p.lines)) for p in group)
            if group and (para.number or words + word_count(" ".join(para.lines)) > self.max_words):
                self._emit_group(group)
                group = []
            group.append(para)
        if group:
            self._emit_group(group)
        self._paras = []

    def _emit_group(self, group: list[_Para]) -> None:
        text = "\n".join(clean_block("\n".join(p.lines)) for p in group)
        numbers = [p.number for p in group if p.number]
        paragraph = None
        if numbers:
            paragraph = numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
        for piece in split_words(text, self.max_words):
            self._emit("narrative", piece, group[0].page, paragraph)

    def _emit(
        self,
        kind: str,
        text: str,
        page: int | None,
        paragraph: str | None,
        columns: dict[str, list[str]] | None = None,
        header: str = "",
    ) -> None:
        if not text.strip():
            return
        context = " › ".join(p for p in (self.item_title, self.section) if p)
        context = "\n".join(p for p in (context, header) if p)
        self.passages.append(
            Passage(
                kind=kind,
                section=self.section,
                text=text.strip(),
                page=page,
                paragraph=paragraph,
                context=context,
                columns=columns or {},
            )
        )


def parse_narrative(lines: list[Line], item_title: str, max_words: int) -> list[Passage]:
    return NarrativeParser(item_title, max_words).run(lines)
