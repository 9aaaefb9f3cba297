"""What the rankers see of a chunk, and how text becomes BM25 terms."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from ingest.clean import fold_lookalikes
from ingest.records import Chunk

# Commitment refs ('3.4', 'a4.6') stay whole tokens, so a ref in a question matches it.
TOKEN = re.compile(r"[a-z]+\d+(?:\.\d+)*|\d+(?:\.\d+)*|[a-z]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves s t what's whats""".split()
    # Words that ask rather than name a topic: "what happened to …", "has the panel
    # discussed … before?", "was … ever raised?".
) | frozenset("""happen happened happening changed tell say said mention mentioned anything
    discuss discussed discussing raise raised ever previously""".split())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Lower-cased, look-alike-folded, stop-worded, stemmed tokens."""
    words = TOKEN.findall(fold_lookalikes(text).lower().replace("’", "'"))
    kept = [w for w in words if w not in STOPWORDS]
    return _stemmer().stemWords(kept)


def index_text(chunk: Chunk) -> str:
    """Heading, ref and commitment context plus the passage: what is embedded and indexed."""
    if chunk.context and chunk.context not in chunk.text:
        return f"{chunk.context}\n{chunk.text}"
    return chunk.text
