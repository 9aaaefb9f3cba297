"""Objective headings repaired against the objectives the papers name elsewhere.

PDF extraction garbles some headings ('REFO | DRMING WEST MERCIA' comes out as 'Drming
West Mercia') and papers capitalise them differently. A heading is mapped to the most
often stated heading it resembles, by character trigrams, so one garbled copy is read as
the objective the other papers spell out.
"""

from __future__ import annotations

from collections import Counter

SIMILAR = 0.5  # trigram Jaccard: a garbled copy scores ~0.64, distinct objectives < 0.35


def trigrams(text: str) -> set[str]:
    padded = f"  {' '.join(text.casefold().split())} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(first: str, second: str) -> float:
    a, b = trigrams(first), trigrams(second)
    return len(a & b) / len(a | b) if a | b else 0.0


def canonical_objectives(stated: list[str]) -> dict[str, str]:
    """Each heading as stated -> the heading to show: the most stated one it resembles."""
    counts = Counter(stated)
    canon: list[str] = []
    mapping: dict[str, str] = {}
    for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        match = max(canon, key=lambda c: similarity(name, c), default=None)
        if match is not None and similarity(name, match) >= SIMILAR:
            mapping[name] = match
        else:
            canon.append(name)
            mapping[name] = name
    return mapping
