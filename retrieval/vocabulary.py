"""The words the papers use, as a question's reading asks after them: whether a word is one
no paper uses (nor one a typo away), whether it may be a typo, and how often the papers
write each word in lower case (which tells a person's name from a body's)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.store import Index
from panelqa.text import STOPWORDS, date_terms, terms
from retrieval.followup import COMPASS
from retrieval.gates import lower_case_counts
from retrieval.query import SPELLING_CUTOFF
from retrieval.wording import same_group

# Saying that no paper mentions a word is a claim to the user, so a word this few edits
# (a transposition is one) from one the papers write is taken for a typo of it.
TYPO_EDITS = 1
# A place is a name the papers give after 'in', 'across', 'throughout' or 'within', alone or
# after a compass point ('in Herefordshire', 'across North Worcestershire'), never written in
# lower case; not a name's first word ('in Operation Venetic') nor a noun's qualifier ('a
# decrease in Covid absences').
PLACE_NAMED = re.compile(
    rf"\b(?:in|across|throughout|within)\s+(?:(?:{'|'.join(c.capitalize() for c in COMPASS)})\s+)?"
    r"([A-Z][a-z]{2,})\b(?!\s+[A-Z0-9])(?:\s+([a-z]+))?"
)


@dataclass
class PaperWords:
    index: Index
    english: frozenset[str]  # common English words (the model's vocabulary): no typos

    def unheard(self, term: str) -> bool:
        """Whether no paper uses the (stemmed) term nor one a typo away ('hapen' is 'happen')."""
        if self.index.postings(term).size:
            return False
        near = self._terms_by_initial.get(term[:1], [])
        return len(term) < 4 or not get_close_matches(term, near, n=1, cutoff=SPELLING_CUTOFF)

    def unmentioned(self, word: str) -> bool:
        """Whether no paper mentions the word: none uses it, another word for the same thing
        ('countryside' is 'rural', wording.SAME_THINGS) nor, for a word of five letters or
        more, one written an edit away ('slavary', 'burgalry'; 'begging' is two from
        'being'). A small word with no term ('how') is mentioned."""
        stems = terms(word)
        if not stems or any(self.index.postings(same).size for stem in stems for same in same_group(stem)):
            return False
        written = word.lower()
        return len(written) < 5 or not process.extractOne(
            written, self._written, scorer=OSA.distance, score_cutoff=TYPO_EDITS
        )

    def may_be_typo(self, word: str) -> bool:
        """Whether the word may be a typo: no paper uses it ('there', no term at all, is
        known) and it is no common English word ('hanging' is not 'changing')."""
        stems = terms(word)
        return (
            bool(stems)
            and not any(self.index.postings(t).size for t in stems)
            and word.lower() not in self.english
        )

    @cached_property
    def written_lower(self) -> Counter[str]:
        """How often the papers write each word in lower case: a word they write so is no
        given name ('Road Policing Strategy' is no person); built on first need."""
        return lower_case_counts(" ".join(chunk.text for chunk in self.index.chunks))

    @cached_property
    def places(self) -> frozenset[str]:
        """The places the papers name, lower-cased ('herefordshire', 'telford'): a follow-up
        naming one asks the earlier question there (retrieval.followup)."""
        named = {
            m.group(1)
            for chunk in self.index.chunks
            for m in PLACE_NAMED.finditer(chunk.text)
            if not m.group(2) or m.group(2) in STOPWORDS
        }
        return frozenset(n.lower() for n in named if not self.written_lower[n.lower()] and not date_terms(n))

    @cached_property
    def _written(self) -> list[str]:
        """Every word the papers write, lower-cased (typo look-ups)."""
        return sorted({w for chunk in self.index.chunks for w in re.findall(r"[a-z]+", chunk.text.lower())})

    @cached_property
    def _terms_by_initial(self) -> dict[str, list[str]]:
        """The index's terms by first letter, built on first need (typo look-ups)."""
        by_initial: dict[str, list[str]] = {}
        for known in self.index.bm25.vocab_dict:
            by_initial.setdefault(known[:1], []).append(known)
        return by_initial
