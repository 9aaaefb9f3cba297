"""Which words the papers use, on a fake index whose vocabulary can be read off."""

from types import SimpleNamespace

import numpy as np

from panelqa.text import terms
from retrieval.vocabulary import PaperWords


class FakeIndex:
    """Just what PaperWords reads: postings by stemmed term, the vocabulary and the texts."""

    def __init__(self, *texts: str):
        self.chunks = [SimpleNamespace(text=text) for text in texts]
        vocabulary = sorted({t for text in texts for t in terms(text)})
        self.bm25 = SimpleNamespace(vocab_dict={t: n for n, t in enumerate(vocabulary)})

    def postings(self, term: str) -> np.ndarray:
        return np.array([i for i, c in enumerate(self.chunks) if term in terms(c.text)], dtype=np.int64)


WORDS = PaperWords(FakeIndex("Rural crime and the precept decision.", "Modern slavery victims."), frozenset())


def test_a_word_no_paper_uses_is_unmentioned():
    assert WORDS.unmentioned("graffiti")
    assert not WORDS.unmentioned("decision")
    assert not WORDS.unmentioned("how")  # no term at all


def test_a_typo_or_another_word_for_the_same_thing_is_mentioned():
    assert not WORDS.unmentioned("decison")  # one edit from 'decision'
    assert not WORDS.unmentioned("slavary")
    assert not WORDS.unmentioned("vicitms")  # a transposition is one edit
    assert not WORDS.unmentioned("countryside")  # the papers' 'rural' (wording.SAME_THINGS)
    # Two edits is another word: 'begging' is not 'being'.
    assert PaperWords(FakeIndex("Being there."), frozenset()).unmentioned("begging")
    # Respelling a question's word goes by stems, more cautiously.
    assert WORDS.unheard(terms("decison")[0])


def test_a_word_that_may_be_a_typo_is_no_common_english_word():
    words = PaperWords(WORDS.index, frozenset({"hanging"}))
    assert words.may_be_typo("comissioner")
    assert not words.may_be_typo("hanging")
    assert not words.may_be_typo("rural")
    assert words.written_lower["crime"] == 1 and "Rural" not in words.written_lower


def test_places_are_names_given_after_in_never_written_in_lower_case():
    words = PaperWords(
        FakeIndex(
            "Burglary rose in Herefordshire and across North Worcestershire.",
            "Savings in April. A review in Operation Venetic. Work in Qtr 2. Reading in Reading; reading.",
            "A decrease in Covid absences.",
        ),
        frozenset(),
    )
    # Not a month, a name's first word, a label before a number, a word written in lower case,
    # nor a noun's qualifier ('Covid absences').
    assert words.places == {"herefordshire", "worcestershire"}
