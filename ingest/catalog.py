"""The corpus catalog: human-checked title, meeting date, period and kind of each paper.

Where a paper's own text is wrong (a title naming the wrong year), the catalog wins.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ingest.records import Period

CATALOG_NAME = "catalog.toml"


@dataclass(frozen=True)
class CatalogEntry:
    file: str
    title: str
    kind: str
    meeting_date: date | None
    period: Period | None
    note: str = ""


def load_catalog(corpus_dir: Path) -> dict[str, CatalogEntry]:
    path = corpus_dir / CATALOG_NAME
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entries = {}
    for paper in data.get("paper", []):
        period = paper.get("period")
        entries[paper["file"]] = CatalogEntry(
            file=paper["file"],
            title=paper["title"],
            kind=paper.get("kind", "report"),
            meeting_date=paper.get("meeting_date"),
            period=Period(period["start"], period["end"]) if period else None,
            note=paper.get("note", ""),
        )
    return entries
