"""Delivery Plan Extract tables: one record per commitment row, stitched back together.

The PDF extractor writes a table row as tab-separated cells on one line, but rows that
crossed a page (or wrapped) come out as several lines whose empty first cell means
"same row, next piece of each cell". Sub-activities such as '(A4.6)' start a new piece
of the same commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.clean import (
    clean_block,
    clean_line,
    drop_contained,
    without_repeats_of,
)
from ingest.records import Passage
from ingest.segment import Line, title_case
from ingest.split import pack_groups, split_words, word_count
from ingest.wording import bullets, cell_lines, first_words, joined_wording
from panelqa.text import normalise_ref, ref_order, terms

COLUMNS: tuple[str, ...] = ("commitment", "activity", "update", "oversight")
# Column -> the label a passage and its `cells` give it; the one definition of these labels.
LABELS = {
    "commitment": "Commitment",
    "activity": "Supporting activity",
    "update": "Progress update",
    "oversight": "Oversight",
}
# The progress update comes straight after the commitment so that it always falls inside
# the embedding model's window, which reads only the start of a passage.
EMIT_ORDER = ("update", "activity", "oversight")

SUB_MARKER = re.compile(r"^\s*(?:<[^>]+>\s*)*\(\s*([A-ZА-ЯΑ-Ω]?\s*\d+(?:\s*\.\s*\d+)+)\s*\)")
TABLE_END = re.compile(r"^\s*(#|appendix\s+\d+\b|agenda item\b)", re.I)


def is_plan_header(raw: str) -> bool:
    cells = [clean_line(c).lower() for c in raw.split("\t")]
    return len(cells) >= 3 and cells[0] in {"ref", "no", "no."} and "commitment" in " ".join(cells[1:])


def column_map(raw: str) -> tuple[str, ...]:
    """Which column each cell after the ref holds, read from the header row."""
    names: list[str | None] = []
    for cell in raw.split("\t")[1:]:
        text = clean_line(cell).lower()
        hits = [
            name
            for name, words in (
                ("commitment", ("commitment",)),
                ("activity", ("activit",)),
                ("update", ("update", "progress")),
                ("oversight", ("oversight", "mechanism")),
            )
            if any(w in text for w in words)
        ]
        if len(hits) > 1:  # a garbled header ran several titles into one cell
            return COLUMNS
        names.append(hits[0] if hits else None)
    while names and names[-1] is None:
        names.pop()
    if "commitment" not in names or "activity" not in names:
        return COLUMNS
    # An unnamed column between named ones is most likely a second update or oversight.
    return tuple(name or "oversight" for name in names)


@dataclass
class Activity:
    ref: str | None
    cells: dict[str, list[str]] = field(default_factory=dict)

    def add(self, column: str, text: str) -> None:
        if text.strip():
            self.cells.setdefault(column, []).append(text.strip())

    def text(self, column: str) -> str:
        pieces = drop_contained([clean_line(p) for p in self.cells.get(column, [])])
        return clean_block(" ".join(pieces))


@dataclass
class PlanRow:
    ref: str
    section: str
    objective: str
    page: int | None
    commitment: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


class PlanTableParser:
    """Feed it the lines after a plan header; it stops at the first line past the table."""

    def __init__(self, header: str, section: str) -> None:
        self.columns = column_map(header)
        self.objective = section
        self.group = ""
        self.rows: list[PlanRow] = []
        self.last_column = "update"  # where text with no column of its own goes
        # Short untabbed lines held back: headings if a header row follows, else row text.
        self.pending: list[tuple[int | None, str]] = []

    @property
    def section(self) -> str:
        return " › ".join(part for part in (self.objective, self.group) if part)

    def feed(self, page: int | None, raw: str) -> bool:
        """Take one line; False when the line is not part of the table."""
        if not raw.strip():
            return True  # page breaks inside a table leave blank lines
        if "\t" not in raw:
            return self._free_line(page, raw)
        if is_plan_header(raw):
            self._take_headings()
            self.columns = column_map(raw)
            return True
        cells = raw.split("\t")
        first = clean_line(cells[0])
        if not first and _may_be_heading(" ".join(clean_line(c) for c in cells)):
            self.pending.append((page, raw))  # '\tReforming West Mercia\t\t' above a header
            return True
        ref = normalise_ref(first) if len(first) <= 14 and not SUB_MARKER.match(cells[0]) else None
        if not ref and self._is_section_row(cells, first):
            self._take_headings()
            self._set_section(cells)
            return True
        self.close()
        if ref and self._is_wrapped_end(cells):
            self._continue(page, ["", *cells[1:]])  # the 'ref' was stray text in the margin
        elif ref:
            self._new_row(ref, page, cells)
        else:
            self._continue(page, cells)
        return True

    def close(self) -> None:
        """Lines held back as possible headings were row text after all."""
        for page, raw in self.pending:
            self._continue(page, raw.split("\t"))
        self.pending.clear()

    def _take_headings(self) -> None:
        """Lines held back just above a header or section row are headings
        ('Reforming West Mercia' / 'Policing element:')."""
        for _, heading in self.pending:
            self._set_section(heading.split("\t"))
        self.pending.clear()

    def _free_line(self, page: int | None, raw: str) -> bool:
        if TABLE_END.match(raw) or _is_shouted_heading(raw):
            return False
        if _may_be_heading(clean_line(raw)):
            self.pending.append((page, raw))
        else:
            self.close()
            self._continue(page, [raw])
        return True

    def _is_wrapped_end(self, cells: list[str]) -> bool:
        """A commitment never starts in lower case: a row whose commitment cell does is the
        end of the row above wrapped onto a line of its own ('4.0  alongside traditional
        and existing methods.'), whatever its first cell looks like."""
        at = self.columns.index("commitment") + 1
        commitment = clean_line(cells[at]) if at < len(cells) else ""
        return bool(self.rows) and commitment[:1].islower()

    def _is_section_row(self, cells: list[str], first: str) -> bool:
        """A heading row: shouted, ending in ':', alone in the first cell, or after a stray
        column of its initials ('PAR  PART B: Police and Crime Commissioner's Commitments')."""
        filled = [clean_line(c) for c in cells if clean_line(c)]
        text = " ".join(filled)
        return (
            bool(first)
            and first[0].isupper()
            and 0 < len(filled) <= 3
            and word_count(text) <= 10
            and (
                text.isupper()
                or text.endswith(":")
                or not any(clean_line(c) for c in cells[1:])
                or (len(filled) == 2 and len(first) <= 5 and filled[1].upper().startswith(first.upper()))
            )
        )

    def _set_section(self, cells: list[str]) -> None:
        text, is_group = section_row_text(cells)
        if is_group:
            self.group = text
        else:
            self.objective, self.group = text, ""

    def _new_row(self, ref: str, page: int | None, cells: list[str]) -> None:
        row = PlanRow(ref=ref, section=self.section, objective=self.objective, page=page)
        self.rows.append(row)
        row.activities.append(Activity(None))
        self._place(row, cells[1:], offset=0)

    def _continue(self, page: int | None, cells: list[str]) -> None:
        if not self.rows:
            return
        row = self.rows[-1]
        first = cells[0]
        if not first.strip() or SUB_MARKER.match(first):
            self._place(row, cells[1:] if not first.strip() else cells, offset=0)
        elif sum(1 for c in cells if c.strip()) >= 3:
            self._place(row, cells, offset=0)  # a wrapped row whose ref column was lost
        else:
            # Text spilling out of its cell (page overflow): it continues the last column.
            row.activities[-1].add(self.last_column, first)
            self._place(row, cells[1:], offset=0)

    def _place(self, row: PlanRow, cells: list[str], offset: int) -> None:
        """Put cells (starting at the commitment column) into the row, opening a new
        activity where a cell starts with a sub-activity marker."""
        columns = list(self.columns)
        for i, cell in enumerate(cells):
            if not cell.strip():
                continue
            marker = SUB_MARKER.match(cell)
            column = columns[i + offset] if i + offset < len(columns) else columns[-1]
            if marker:
                sub_ref = normalise_ref(marker.group(1))
                if column == "activity":
                    row = self._row_of(row, sub_ref, cell)
                current = row.activities[-1]
                if current.ref != sub_ref or current.cells.get("activity"):
                    row.activities.append(Activity(sub_ref))
                if column != "activity" and "activity" in columns:
                    # A sub-activity is always the activity column, whatever its position.
                    offset = columns.index("activity") - i
                    column = "activity"
            if column == "commitment":
                row.commitment.append(cell_lines(cell))
            else:
                row.activities[-1].add(column, cell)
                self.last_column = column

    def _row_of(self, row: PlanRow, sub_ref: str | None, activity: str) -> PlanRow:
        """The row a sub-activity belongs to. One numbered under a commitment not seen yet
        and printed after this one ('(D8.1)' in D7's row) starts that commitment's row: the
        extractor lost its ref cell and ran its wording into the cell above, where it is the
        trailing bullets (from the one sharing most words with the sub-activity)."""
        parent = sub_ref.rsplit(".", 1)[0] if sub_ref and "." in sub_ref else None
        if (
            not parent
            or _numbering(parent) != _numbering(row.ref)  # '(A1.1)' under 1.2: another plan's ref
            or any(parent == r.ref for r in self.rows)
            or ref_order(parent) <= ref_order(row.ref)
        ):
            return row
        wording = bullets(row.commitment)
        wanted = set(terms(activity))
        shared = [len(wanted & set(terms(b))) for b in wording]
        cut = max(range(1, len(wording)), key=lambda i: (shared[i], i), default=len(wording))
        found = PlanRow(ref=parent, section=row.section, objective=row.objective, page=row.page)
        row.commitment, found.commitment = ["\n".join(wording[:cut])], wording[cut:]
        found.activities.append(Activity(None))
        self.rows.append(found)
        return found


def _numbering(ref: str) -> str:
    """A ref's numbering scheme: 'D7' and 'D8' are 'D0', '3.2' is '0.0'."""
    return re.sub(r"\d+", "0", ref)


def join_split_cells(cells: list[str]) -> str:
    """Rejoin a heading the extractor cut across cells, sometimes repeating letters at the
    cut: 'Polic|ce and Crime Commiss|ioner's' is "Police and Crime Commissioner's", and a
    fragment that merely begins the next cell's first word ('Poli|Policing') is dropped.
    A cell starting in lower case continues the word before it; a heading split at a word
    boundary before a lower-case word would run together, which these tables never do."""
    joined = ""
    for cell in cells:
        first_word = cell.split(" ", 1)[0]
        if joined and " " not in joined and first_word.startswith(joined) and first_word != joined:
            joined = cell
        elif joined and joined[-1].isalpha() and cell[0].islower():
            overlap = next(
                (n for n in range(min(len(joined), len(cell)), 0, -1) if joined.endswith(cell[:n])), 0
            )
            joined += cell[overlap:]
        else:
            joined = f"{joined} {cell}".strip()
    return joined


def section_row_text(cells: list[str]) -> tuple[str, bool]:
    """The heading a table's section row states, and whether it is a sub-group
    ('Police and Crime Commissioner's Commitments:') rather than an objective."""
    filled = [clean_line(c) for c in cells if clean_line(c)]
    if len(filled) > 1 and len(filled[0]) <= 5 and filled[0].isupper():
        filled = filled[1:]  # 'PUT  PUTTING VICTIMS…': a stray column of initials
    joined = join_split_cells(filled)
    text = title_case(joined.rstrip(":"))
    return text, joined.endswith(":") or text.lower().startswith("part ")


def _may_be_heading(text: str) -> bool:
    """Short, capitalised and unfinished: a heading if a header or section row follows."""
    text = text.strip()
    return text[:1].isupper() and word_count(text) <= 8 and not text.endswith(".")


def _is_shouted_heading(raw: str) -> bool:
    text = clean_line(raw)
    return text.isupper() and word_count(text) >= 3


def row_passages(row: PlanRow, max_words: int) -> list[Passage]:
    """One passage per activity of a commitment row (split further if too long)."""
    commitment = joined_wording(row.commitment)
    head = f"Commitment {row.ref}: {commitment}" if commitment else f"Commitment {row.ref}"
    activities = [a for a in row.activities if any(a.text(c) for c in EMIT_ORDER)]
    passages = []
    for activity in activities or [Activity(None)]:
        texts = {c: activity.text(c) for c in EMIT_ORDER}
        for column in ("activity", "oversight"):
            texts[column] = without_repeats_of(texts[column], texts["update"])
        cells = [(LABELS[c], texts[c]) for c in EMIT_ORDER if texts[c]]
        ref = activity.ref or row.ref
        for text, held in _layout(head, commitment, cells, max_words):
            passages.append(
                Passage(
                    kind="plan_row",
                    section=row.section,
                    text=text,
                    page=row.page,
                    ref=ref,
                    parent_ref=row.ref if activity.ref and activity.ref != row.ref else None,
                    commitment=commitment or None,
                    objective=row.objective,
                    context=first_words(head, 40),
                    cells=held,
                )
            )
    return passages


def _layout(
    head: str, commitment: str, cells: list[tuple[str, str]], max_words: int
) -> list[tuple[str, dict[str, str]]]:
    """The passage texts of one activity, each with the cells it holds: 'Label: text'
    lines under the head, cut into several passages when too long for the model. A cell
    cut into pieces holds them one a line, each a verbatim substring of its passage."""
    first = {LABELS["commitment"]: commitment} if commitment else {}
    whole = "\n".join([head] + [f"{label}: {text}" for label, text in cells])
    if word_count(whole) <= int(max_words * 1.5):
        return [(whole, first | dict(cells))]
    pieces = [(label, piece) for label, text in cells for piece in split_words(text, max_words)]
    lines = [f"{label}: {piece}" for label, piece in pieces]
    laid = []
    for group in pack_groups(lines, max_words):
        held: dict[str, list[str]] = {}
        for i in group:
            held.setdefault(pieces[i][0], []).append(pieces[i][1])
        laid.append(
            ("\n".join(lines[i] for i in group), {label: "\n".join(texts) for label, texts in held.items()})
        )
    laid[0] = (head + "\n" + laid[0][0], first | laid[0][1])
    return laid


def parse_plan_table(lines: list[Line], start: int, max_words: int) -> tuple[list[Passage], int]:
    """Parse the table whose header is lines[start]; return passages and the end index.
    A short row just above the header names the objective the table is under."""
    parser = PlanTableParser(lines[start][1], "")
    for _, above in lines[max(0, start - 3) : start]:
        if "\t" in above and word_count(clean_line(above.replace("\t", " "))) <= 10:
            parser.feed(None, above)
    end = start + 1
    while end < len(lines) and parser.feed(*lines[end]):
        end += 1
    parser.close()
    passages = [p for row in parser.rows for p in row_passages(row, max_words)]
    return passages, end
