"""Pure metric functions over plain lists and sets."""

from __future__ import annotations

import re
import unicodedata

from panelqa.text import fold_lookalikes

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
MIN_PART = 20  # characters: the shortest half of an evidence string that may count alone


def normalise(text: str) -> str:
    """Case, white space, quotes, dashes and look-alike letters do not matter."""
    text = fold_lookalikes(unicodedata.normalize("NFKC", text)).translate(_QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip()


def contains_evidence(text: str, evidence: list[str]) -> bool:
    """A passage hits when it holds an evidence string, or one whole half of it (so a chunk
    boundary falling inside the evidence does not hide the hit)."""
    haystack = normalise(text)
    for item in evidence:
        needle = normalise(item)
        if needle in haystack:
            return True
        half = len(needle) // 2
        if half >= MIN_PART and (needle[:half] in haystack or needle[half:] in haystack):
            return True
    return False


def first_hit_rank(texts: list[str], evidence: list[str]) -> int | None:
    """1-based rank of the first passage holding evidence, or None."""
    for rank, text in enumerate(texts, start=1):
        if contains_evidence(text, evidence):
            return rank
    return None


def recall_at_k(ranks: list[int | None], k: int) -> float:
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr_at_k(ranks: list[int | None], k: int) -> float:
    return sum(1.0 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    position = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[position]
