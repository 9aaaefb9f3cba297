"""The records ingestion hands to the index: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from panelqa.text import Period

KINDS = ("narrative", "plan_row", "minutes", "table", "other")
CELL_JOIN = " | "  # how a passage writes a table row's cells, side by side


@dataclass(frozen=True)
class Page:
    """Text of one page (PDF) or of the whole file (text formats, number None)."""

    number: int | None
    text: str


@dataclass(frozen=True)
class Document:
    """A paper as read from disk, before it is split into items and chunks."""

    source: str  # path relative to the corpus folder (or as given, outside it)
    pages: tuple[Page, ...]
    sha256: str
    title: str | None = None  # from the catalog, when the paper is catalogued
    meeting_date: date | None = None
    period: Period | None = None
    kind: str | None = None  # catalog kind: report, agenda_pack, plan_extract
    notes: tuple[str, ...] = ()  # what ingestion was unsure of


@dataclass(frozen=True)
class Chunk:
    id: str
    source: str
    title: str
    meeting_date: date | None
    period: Period | None
    section: str
    kind: str
    ref: str | None
    page: int | None
    paragraph: str | None
    text: str
    parent_ref: str | None = None
    commitment: str | None = None  # the plan commitment a plan_row reports on
    objective: str = ""  # the plan objective a plan_row sits under, when the table names it
    context: str = ""  # heading, ref and commitment, indexed with the text
    ordinal: int = 0  # position within its paper, for neighbours and reading order
    # A plan_row's table cells this passage holds, column label -> verbatim cell text (each a
    # substring of `text`), in reading order: 'Commitment', 'Progress update', …
    cells: dict[str, str] = field(default_factory=dict, compare=False)
    # A table passage's columns: for each row of figures (a line of `text`), the column name
    # of each of its cells in order, '' for its label (ingest.headers).
    columns: dict[str, list[str]] = field(default_factory=dict, compare=False)

    @property
    def as_at(self) -> date | None:
        """The date an update speaks for: its period's end, else its meeting date."""
        return self.period.end if self.period else self.meeting_date

    @property
    def meeting_or_period_end(self) -> date | None:
        """Where the paper stands among meetings: its meeting date, else (a paper whose
        meeting is not stated) the end of the period it reports on."""
        return self.meeting_date or (self.period.end if self.period else None)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        data["period"] = self.period.to_dict() if self.period else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Chunk:
        values = dict(data)
        meeting = values.get("meeting_date")
        values["meeting_date"] = date.fromisoformat(meeting) if meeting else None
        values["period"] = Period.from_dict(values.get("period"))
        return cls(**values)


@dataclass
class Passage:
    """A piece of an item before it becomes a Chunk (ids and paper metadata come later)."""

    kind: str
    section: str
    text: str
    page: int | None = None
    paragraph: str | None = None
    ref: str | None = None
    parent_ref: str | None = None
    commitment: str | None = None
    objective: str = ""
    context: str = ""
    cells: dict[str, str] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
