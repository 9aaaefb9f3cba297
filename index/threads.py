"""Commitment threads: the same plan commitment recognised across papers.

Papers share a numbering scheme when the refs they have in common name like-worded
commitments; within a scheme rows are joined by ref, or by near-identical wording when a
ref moved. A new plan renumbers everything (2021) and reuses refs for other commitments
('A1'): there each old commitment is scored against each new row by all the evidence the
papers give, by meaning as well as by words: its wording bullet by bullet (a new commitment
often merges old ones), its sub-activities (a commitment may be demoted to one, or its
sub-activities move), clauses repeated word for word, and notes naming the same ref.
Each new row stays a commitment of its own. An old commitment joins the new row it fits
best; several old ones may join one (D7 absorbs 4.9 and 4.10) and keep their histories; an
old one that split (3.1 into C1, C3 and C4) continues in each successor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from index.embed import Embedder
from ingest.records import Chunk
from ingest.tables import LABELS
from panelqa.text import normalise_ref, terms

SAME_REF_SIMILARITY = 0.6
RENUMBERED_SIMILARITY = 0.92
SHARED_SCHEME = 0.5  # share of common refs worded alike in two papers of one scheme
# Chosen by cross-validation over eval/commitment_links.jsonl (`panelqa eval`, eval/register.py).
LINK_THRESHOLD = 0.80
MIN_OVERLAP_TERMS = 4
NOTE_REF = re.compile(
    r"\b(?:refer(?:red)?\s+to|cross[\s-]*reference\s+to|see|was)\s+"
    r"\(?([A-Z]?\.?\d+(?:\.\d+)*)",
    re.I,
)
BULLET = re.compile(r"\s*(?:•|\n|<li>|</li>)\s*")
CLAUSE_BREAK = re.compile(r"\s*(?:•|\n|(?<=[.;:])\s|(?<=[a-z])\s(?=[A-Z][a-z]+ing\b))\s*")


@dataclass
class PlanEntry:
    """One paper's rows for one commitment ref."""

    source: str
    ref: str
    as_at: str
    wording: str = ""
    activities: list[str] = field(default_factory=list)
    notes: set[str] = field(default_factory=set)  # refs its cells point to
    chunk_ids: list[str] = field(default_factory=list)


def row_key(chunk: Chunk) -> tuple[str, str] | None:
    if chunk.kind != "plan_row" or not chunk.ref:
        return None
    return chunk.source, chunk.parent_ref or chunk.ref


def plan_entries(chunks: list[Chunk]) -> list[PlanEntry]:
    """Every (paper, commitment ref) with its wording, activities and notes, in key order."""
    entries: dict[tuple[str, str], PlanEntry] = {}
    for chunk in chunks:
        key = row_key(chunk)
        if key is None:
            continue
        entry = entries.setdefault(key, PlanEntry(key[0], key[1], str(chunk.as_at or "")))
        entry.wording = entry.wording or (chunk.commitment or "")
        activity = chunk.cells.get(LABELS["activity"], "")
        if activity and activity not in entry.activities:
            entry.activities.append(activity)
        for text in chunk.cells.values():
            entry.notes.update(r for m in NOTE_REF.finditer(text) if (r := normalise_ref(m.group(1))))
        entry.chunk_ids.append(chunk.id)
    return [entries[k] for k in sorted(entries)]


def schemes(entries: list[PlanEntry], similarity: np.ndarray) -> dict[str, int]:
    """Number each paper's numbering scheme. Two papers share one when most refs they have
    in common name a like-worded commitment in both; a renumbered plan reuses refs ('A1')
    for other commitments."""
    at = {(e.source, e.ref): i for i, e in enumerate(entries)}
    papers = sorted(
        {e.source for e in entries}, key=lambda s: (min(e.as_at for e in entries if e.source == s), s)
    )
    scheme: dict[str, int] = {}
    for paper in papers:
        scheme[paper] = next(
            (scheme[p] for p in scheme if _same_scheme(p, paper, at, similarity)), len(set(scheme.values()))
        )
    return scheme


def _same_scheme(first: str, second: str, at: dict, similarity: np.ndarray) -> bool:
    shared = [(at[key], at[(second, key[1])]) for key in at if key[0] == first and (second, key[1]) in at]
    alike = sum(similarity[i, j] >= SAME_REF_SIMILARITY for i, j in shared)
    return bool(shared) and alike >= SHARED_SCHEME * len(shared)


def wording_units(wording: str) -> list[str]:
    """The whole wording and each bullet of it (a merged commitment lists several)."""
    bullets = [b.strip(" .") for b in BULLET.split(wording) if len(b.split()) >= 3]
    return list(dict.fromkeys([wording.strip(), *bullets])) if wording.strip() else []


def clauses(text: str) -> list[str]:
    """Bullets, sentences and run-together clauses ('… locally Making sure …'): the pieces a
    merged commitment takes over from the ones it absorbed."""
    return [c for c in CLAUSE_BREAK.split(text) if len(terms(c)) >= MIN_OVERLAP_TERMS]


def overlap(first: PlanEntry, second: PlanEntry) -> float:
    """The largest share of a clause of one wording that the other repeats word for word
    (stemmed, stop words out): a merged commitment repeats each wording it absorbed."""
    best = 0.0
    for part, whole in ((first, second), (second, first)):
        held = set(terms(whole.wording))
        for clause in clauses(part.wording):
            mine = set(terms(clause))
            best = max(best, len(mine & held) / len(mine))
    return best


class _Components:
    """Union-find over entries that remembers which papers each component holds."""

    def __init__(self, entries: list[PlanEntry]) -> None:
        self.parent = list(range(len(entries)))
        self.papers = [{e.source} for e in entries]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, exclusive: set[str] | None = None) -> bool:
        """Join i's and j's components unless both hold a paper in `exclusive` (or, with
        no `exclusive`, any paper at all: one paper never lists a commitment twice)."""
        a, b = self.find(i), self.find(j)
        shared = self.papers[a] & self.papers[b]
        if a == b or (shared & exclusive if exclusive is not None else shared):
            return False
        self.parent[b] = a
        self.papers[a] |= self.papers[b]
        return True


@dataclass(frozen=True)
class Link:
    """Evidence that an older commitment (a component of entries joined within its scheme,
    named by its root) continues as a newer-scheme entry."""

    old: int
    new: int
    wording: float  # best cosine between bullets of the two wordings
    activity: float  # best cosine between their sub-activities, or one's wording and the
    # other's sub-activity (a commitment demoted to a sub-activity, or promoted)
    repeated: float  # share of a clause of one repeated word for word by the other
    note: bool  # both point to the same ref, or the newer names the older's ref

    @property
    def score(self) -> float:
        return max(self.wording, self.activity, self.repeated) + (NOTE_WEIGHT if self.note else 0.0)


@dataclass
class Linking:
    """Entries joined within their schemes, and every scored cross-scheme link."""

    entries: list[PlanEntry]
    scheme: dict[str, int]
    components: _Components
    links: list[Link]

    def threads(self, threshold: float = LINK_THRESHOLD) -> tuple[dict[int, int], dict[int, set[int]]]:
        """Each entry's thread (the root of its component after linking) and, for an old
        commitment that split, the further threads it continues into."""
        components = _Components(self.entries)
        for i in range(len(self.entries)):
            components.join(i, self.components.find(i))
        best: dict[int, int] = {}
        also: dict[int, set[int]] = {}
        for link in sorted(self.links, key=lambda k: (-k.score, k.old, k.new)):
            if link.score < threshold:
                break
            if link.old not in best:
                best[link.old] = link.new
                components.join(link.new, link.old, exclusive=self._newer_papers(link))
            else:
                also.setdefault(link.old, set()).add(link.new)
        thread = {i: components.find(i) for i in range(len(self.entries))}
        further = {
            i: {thread[n] for n in also[root]} - {thread[i]}
            for i in range(len(self.entries))
            if (root := self.components.find(i)) in also
        }
        return thread, {i: f for i, f in further.items() if f}

    def _newer_papers(self, link: Link) -> set[str]:
        newer = self.scheme[self.entries[link.new].source]
        return {s for s, n in self.scheme.items() if n == newer}


NOTE_WEIGHT = 0.05


def _unit_vectors(
    entries: list[PlanEntry], embedder: Embedder, texts_of
) -> tuple[np.ndarray, list[list[int]]]:
    """Embed every entry's texts in one call; return the vectors and each entry's rows."""
    texts: list[str] = []
    rows: list[list[int]] = []
    for entry in entries:
        mine = texts_of(entry)
        rows.append(list(range(len(texts), len(texts) + len(mine))))
        texts.extend(mine)
    return (embedder.embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)), rows


def _best(similarity: np.ndarray, rows_a: list[int], rows_b: list[int]) -> float:
    return float(similarity[np.ix_(rows_a, rows_b)].max()) if rows_a and rows_b else 0.0


def _within_schemes(entries: list[PlanEntry], embedder: Embedder) -> tuple[dict[str, int], _Components]:
    words, _ = _unit_vectors(entries, embedder, lambda e: [e.wording or e.ref])
    similarity = words @ words.T
    scheme = schemes(entries, similarity)
    components = _Components(entries)
    for i, a in enumerate(entries):
        for j in range(i + 1, len(entries)):
            b = entries[j]
            if a.source == b.source or scheme[a.source] != scheme[b.source]:
                continue
            limit = SAME_REF_SIMILARITY if a.ref == b.ref else RENUMBERED_SIMILARITY
            if similarity[i, j] >= limit:
                components.join(i, j)
    return scheme, components


def link_entries(entries: list[PlanEntry], embedder: Embedder) -> Linking:
    """Join entries by ref within a scheme and score every link across schemes: each older
    commitment (all its papers' entries) against each entry of a newer scheme."""
    scheme, components = _within_schemes(entries, embedder)
    words, word_rows = _unit_vectors(entries, embedder, lambda e: wording_units(e.wording))
    both, both_rows = _unit_vectors(entries, embedder, lambda e: wording_units(e.wording) + e.activities)
    word_sim, both_sim = words @ words.T, both @ both.T
    refs_of: dict[str, set[str]] = {}
    for entry in entries:
        refs_of.setdefault(entry.source, set()).add(entry.ref)
    members: dict[int, list[int]] = {}
    for i in range(len(entries)):
        members.setdefault(components.find(i), []).append(i)
    links = []
    for root, olds in members.items():
        old_scheme = scheme[entries[root].source]
        old_rows = [r for i in olds for r in word_rows[i]], [r for i in olds for r in both_rows[i]]
        for new, b in enumerate(entries):
            if scheme[b.source] <= old_scheme:
                continue
            note = any(
                bool(entries[i].notes & b.notes)
                or (entries[i].ref in b.notes and entries[i].ref not in refs_of[b.source])
                for i in olds
            )
            links.append(
                Link(
                    root,
                    new,
                    _best(word_sim, old_rows[0], word_rows[new]),
                    _best(both_sim, old_rows[1], both_rows[new]),
                    max(overlap(entries[i], b) for i in olds),
                    note,
                )
            )
    return Linking(entries, scheme, components, links)


ALSO = "also:"  # threads.json key prefix: 'also:<chunk id>' -> further threads, space-separated


def build_threads(
    chunks: list[Chunk], embedder: Embedder, threshold: float = LINK_THRESHOLD
) -> dict[str, str]:
    """Map each plan_row chunk id to a thread id ('T0003'), deterministic for a corpus; an
    old commitment split across several new ones also gets 'also:<chunk id>' -> 'T0005 T0009'."""
    entries = plan_entries(chunks)
    if not entries:
        return {}
    thread, further = link_entries(entries, embedder).threads(threshold)
    names = {root: f"T{n:04d}" for n, root in enumerate(sorted(set(thread.values())))}
    mapping = {chunk_id: names[thread[i]] for i, e in enumerate(entries) for chunk_id in e.chunk_ids}
    for i, roots in further.items():
        mapping.update(
            {
                f"{ALSO}{chunk_id}": " ".join(sorted(names[r] for r in roots))
                for chunk_id in entries[i].chunk_ids
            }
        )
    return mapping
