"""Promises in the minutes, with the point they answered, who made them, and the later
papers that appear to follow them up.

A promise is an undertaking to the Panel: someone 'agreed to' / 'offered to' do something,
'would provide' something, or the Panel 'would be provided with' something. Not promises:
statutory duties ('In accordance with the … Act', 'was required to'), things sent TO the
Commissioner (the Panel's own duty), and statements of continuing policy ('would continue
to'). Each promise is read in its minute point (one bulleted line), so the sentence before
it is the question or suggestion it answered.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from index.text import index_text
from ingest.records import Chunk
from panelqa.text import terms
from retrieval.answer import sentences
from retrieval.present import where

ACTOR = (
    r"(?:Deputy PCC|DPCC|PCC|Commissioner|Chief Constable|Chief Executive|OPCC|"
    r"[Oo]fficers?|[Tt]he [Ff]orce|[Hh]e|[Ss]he)"
)
RECIPIENT = r"(?:[Tt]he Panel|[Mm]embers|[Cc]ouncillors|PCP)"
DELIVERY = r"(?:provided|circulated|shared|sent|reported|updated|brought|given|informed|advised)"
PROMISE = re.compile(
    rf"\b{ACTOR} (?:agreed|undertook|offered|promised|committed) to\b"
    rf"|\b{ACTOR} (?:would|will|shall) (?:provide|circulate|report back|share|update|write|send"
    r"|arrange|confirm|look into|follow up|feed back|respond to|check|bring)\b"
    rf"|\b{RECIPIENT} (?:would|will) be {DELIVERY}\b"
    rf"|\b(?:would|will) be {DELIVERY}(?: to {RECIPIENT}| in the next)?\b"
    rf"|\bto be (?:circulated|provided|shared|sent)\b",
)
# A duty imposed by law, or something sent to the Commissioner, is not his undertaking.
NOT_PROMISE = re.compile(
    r"\b(?:[Ii]n accordance with|[Uu]nder Section|was required to|must)\b"
    rf"|\b(?:PCC|Commissioner) (?:would|will) be {DELIVERY}\b"
    r"|\bwould continue to\b"
)
NAMED_ACTOR = re.compile(
    r"\b(Deputy PCC|DPCC|PCC|Chief Constable|Chief Executive(?:, OPCC)?|"
    r"Commissioner)\b"
)
TITLE_RUN = re.compile(r"[A-Z][\w'’]*(?:\s+(?:and|of|for|in|the|to|&)?\s*[A-Z][\w'’]*)*")
OBJECT = re.compile(r"\b(?:from|on) the ([a-z][a-z ]+?)(?= would| which| in respect|[.,;]|$)")
FALLBACK_OBJECT = re.compile(r"(?:provided with|provide|circulate|check) (?:some |the )?([\w ,-]+)")
NOT_TOPIC = re.compile(
    r"^(?:Member|Members|Panel|Deputy PCC|DPCC|PCC|"
    r"Chief Constable|Chief Executive|Commissioner|West Mercia|Data|"
    r"January|February|March|April|May|June|July|August|September|"
    r"October|November|December)$"
)
# Words every promise uses: they say that something was promised, not what.
PROCEDURAL = frozenset(
    terms(
        "panel pcc dpcc commissioner member members agreed agree circulate circulated provide "
        "provided update updated check suggested suggest helpful question asked queried would "
        "data detail details information next meeting opportunity look available results "
        "confirmed advised explained respect whether current currently"
    )
)


UNNAMED = "not named in the minute"


@dataclass(frozen=True)
class FollowUp:
    chunk: Chunk
    share: float  # idf-weighted share of the promise's distinctive words the passage holds


@dataclass(frozen=True)
class Promise:
    chunk: Chunk  # the minute passage it stands in
    sentence: str  # verbatim from the minute
    answering: str | None  # the point's sentences before it: the question it answered
    made_by: str
    made_by_stated: bool  # False when the minute is passive and the maker is inferred or unknown
    topic: str

    @property
    def minute(self) -> str | None:
        return self.chunk.paragraph

    @property
    def meeting(self) -> date | None:
        return self.chunk.meeting_date


def is_promise(sentence: str) -> bool:
    return bool(PROMISE.search(sentence)) and not NOT_PROMISE.search(sentence)


def maker(sentence: str, before: Sequence[str]) -> tuple[str, bool]:
    """Who made the promise: named in it, else the last officer who spoke in the point."""
    named = NAMED_ACTOR.search(sentence)
    if named and not re.search(rf"{re.escape(named.group(1))} (?:would|will) be", sentence):
        return named.group(1), True
    for earlier in reversed(before):
        spoke = NAMED_ACTOR.findall(earlier)
        if spoke:
            return spoke[-1], False
    return UNNAMED, False


def _names(text: str) -> list[str]:
    """Capitalised names of two words or more, or with a capital inside ('SmartWater',
    'SOC'): a lone 'Strategy' or 'Consultation' only refers back to a name."""
    text = re.sub("['‘’]", " ", text)
    found = []
    for run in TITLE_RUN.findall(text):
        run = re.sub(r"^(?:The|A|An|It|In|During)\s+", "", run.strip())
        if NOT_TOPIC.match(run) or run.startswith("West Mercia") or not terms(run):
            continue
        if " " in run or coined(run):
            found.append(run)
    return found


def coined(word: str) -> bool:
    """A word with a capital inside ('SmartWater', 'SOC'): a coined name or initials,
    which name one thing by themselves."""
    return any(c.isupper() for c in word[1:])


def naming_words(topic: str) -> list[str]:
    """What a passage may say to name a promise's topic: the topic itself, or a coined
    word of it alone ('Smartwater packs' names the SmartWater Scheme; 'Scheme' only says
    what kind of thing it is)."""
    return list(dict.fromkeys([topic, *(w.strip("()") for w in topic.split() if coined(w))]))


def topic_of(sentence: str, answering: str | None, idf: dict[str, float]) -> str:
    """What was promised, as a name a reader knows: a name in the promise itself ('SmartWater
    Scheme'), else what it delivers ('the findings from the peer reviews'), else the name the
    question used ('Serious Organised Crime Strategy'), else the promise's object."""

    def best(names: list[str]) -> str:
        return max(names, key=lambda n: (sum(idf.get(t, 0.0) for t in set(terms(n))), len(n)))

    if names := _names(sentence):
        return best(names)
    if thing := OBJECT.search(sentence):
        return thing.group(1)
    if names := _names(answering or ""):
        return best(names)
    thing = FALLBACK_OBJECT.search(sentence)
    return " ".join((thing.group(1) if thing else sentence).split()[:8])


def _points(chunk: Chunk) -> Iterable[list[str]]:
    """A minute passage's points: each line, as its sentences."""
    for line in chunk.text.split("\n"):
        quotes = [q.text.lstrip("- ").strip() for q in sentences(line)]
        if quotes:
            yield [q for q in quotes if q]


def find_promises(chunks: Sequence[Chunk], idf: dict[str, float]) -> list[Promise]:
    """Every promise in the minutes among `chunks`, latest meeting first, in minute order."""
    found = []
    for chunk in chunks:
        if chunk.kind != "minutes":
            continue
        for point in _points(chunk):
            for at, sentence in enumerate(point):
                if not is_promise(sentence):
                    continue
                before = point[:at]
                who, stated = maker(sentence, before)
                answering = " ".join(before) or None
                found.append(
                    Promise(chunk, sentence, answering, who, stated, topic_of(sentence, answering, idf))
                )
    return sorted(
        found, key=lambda p: (-(p.meeting or date.min).toordinal(), p.chunk.source, p.chunk.ordinal)
    )


def inverse_document_frequency(chunks: Sequence[Chunk]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for chunk in chunks:
        for term in set(terms(index_text(chunk))):
            counts[term] = counts.get(term, 0) + 1
    return {t: math.log((len(chunks) + 1) / (n + 0.5)) for t, n in counts.items()}


FOLLOW_UP_SHARE = 0.3  # chosen by leave-one-promise-out cross-validation (eval/promises.py)


def passage_words(chunk: Chunk) -> str:
    """A passage's terms in order, its item title first (a report's title names its
    subject), space-delimited so a name can be matched as a run of terms."""
    return f" {' '.join(terms(f'{chunk.title}. {index_text(chunk)}'))} "


def is_later(chunk: Chunk, promise: Promise) -> bool:
    """Went to a later meeting than the promise's (or, undated, reports on a later period)."""
    when = chunk.meeting_date or chunk.as_at
    return bool(when and promise.meeting and when > promise.meeting)


def promised_words(promise: Promise) -> set[str]:
    return set(terms(f"{promise.answering or ''} {promise.sentence} {promise.topic}")) - PROCEDURAL


def follow_ups(
    promise: Promise,
    chunks: Sequence[Chunk],
    words: Sequence[str],
    idf: dict[str, float],
    min_share: float = FOLLOW_UP_SHARE,
    limit: int = 3,
) -> list[FollowUp]:
    """Later passages that name the promised thing (its topic's words in a run, or a
    coined word of it: `naming_words`) and hold at least `min_share` of the promise's
    distinctive words, idf-weighted. A paper item titled after the topic comes first,
    then passages that name it most often (a passage about the thing, not one naming it in
    passing); one passage per item."""
    wanted = promised_words(promise)
    runs = [f" {run} " for name in naming_words(promise.topic) if (run := " ".join(terms(name)))]
    total = sum(idf.get(t, 0.0) for t in wanted)
    if not runs or not total:
        return []
    found: dict[tuple[str, str], tuple[tuple[bool, int, float], FollowUp]] = {}
    for chunk, text in zip(chunks, words, strict=True):
        if not is_later(chunk, promise) or not any(run in text for run in runs):
            continue
        share = sum(idf.get(t, 0.0) for t in wanted & set(text.split())) / total
        title = f" {' '.join(terms(chunk.title))} "
        rank = (any(run in title for run in runs), max(text.count(run) for run in runs), share)
        item = (chunk.source, chunk.title)
        if share >= min_share and (item not in found or rank > found[item][0]):
            found[item] = (rank, FollowUp(chunk, share))
    ordered = sorted(found.values(), key=lambda pair: (tuple(-r for r in pair[0]), pair[1].chunk.id))
    return [follow for _, follow in ordered[:limit]]


@dataclass(frozen=True)
class FollowedPromise:
    promise: Promise
    follow_ups: tuple[FollowUp, ...]
    # With no follow-up: later passages that name the topic yet share too little of the
    # promise's words to read as its follow-up. Shown so that 'no follow-up' is not read
    # as 'never mentioned again'.
    mentions: tuple[FollowUp, ...] = ()
    min_share: float = FOLLOW_UP_SHARE


def promises_with_follow_ups(
    chunks: Sequence[Chunk], min_share: float = FOLLOW_UP_SHARE
) -> list[FollowedPromise]:
    """Every promise in the minutes with the later passages that appear to follow it up,
    or else the later passages that name its topic."""
    idf = inverse_document_frequency(chunks)
    words = [passage_words(c) for c in chunks]
    followed = []
    for promise in find_promises(chunks, idf):
        found = tuple(follow_ups(promise, chunks, words, idf, min_share))
        mentions = () if found else tuple(follow_ups(promise, chunks, words, idf, 0.0))
        followed.append(FollowedPromise(promise, found, mentions, min_share))
    return followed


def _passage_dicts(follows: Sequence[FollowUp]) -> list[dict]:
    return [
        {"passage_id": f.chunk.id, "share": round(f.share, 3), "where": where(f.chunk), "text": f.chunk.text}
        for f in follows
    ]


def followed_promise_dict(followed: FollowedPromise) -> dict:
    promise = followed.promise
    return {
        "meeting_date": promise.meeting.isoformat() if promise.meeting else None,
        "minute": promise.minute,
        "minute_title": promise.chunk.section,
        "sentence": promise.sentence,
        "answering": promise.answering,
        "made_by": promise.made_by,
        "made_by_stated": promise.made_by_stated,
        "topic": promise.topic,
        "passage_id": promise.chunk.id,
        "where": where(promise.chunk),
        "follow_ups": _passage_dicts(followed.follow_ups),
        "mentions": _passage_dicts(followed.mentions),
        "follow_up_note": None if followed.follow_ups else no_follow_up_note(followed),
    }


def no_follow_up_note(followed: FollowedPromise) -> str:
    """Why no follow-up is shown: no later paper names the topic, or those that name it
    share too little of the promise's words. Says what was searched, so it can be checked."""
    promise = followed.promise
    after = f"{promise.meeting:%-d %B %Y}" if promise.meeting else "the meeting"
    names = " or ".join(f"'{name}'" for name in naming_words(promise.topic))
    if not followed.mentions:
        return f"No later paper mentions it: no passage in a paper after {after} names {names}."
    return (
        f"No follow-up found: papers after {after} name {names}, but no passage naming it "
        f"shares {followed.min_share:.0%} of the promise's words, so none reads as following it up."
    )


def made_by_phrase(promise: Promise) -> str:
    """Who made the promise, and how we know: named in it ('by the PCC'), inferred from
    who spoke last in the point, or not known."""
    if promise.made_by == UNNAMED:
        return "maker not named in the minute"
    if promise.made_by_stated:
        return f"by the {promise.made_by}"
    return (
        f"by the {promise.made_by} (inferred: the minute does not say who; "
        f"the {promise.made_by} spoke last in the point)"
    )


def promise_lines(followed: FollowedPromise) -> list[str]:
    promise = followed.promise
    when = f"{promise.meeting:%-d %B %Y}" if promise.meeting else "Meeting date not stated"
    lines = [
        f"{when}, minute {promise.minute or '?'} · {promise.topic} · {made_by_phrase(promise)}",
        f"  Asked: {promise.answering or '(no question recorded in the point)'}",
        f"  Promised: {promise.sentence}",
        f"  Passage: {promise.chunk.id} ({where(promise.chunk)})",
    ]
    lines += [f"  Follow-up: {f.chunk.id} ({where(f.chunk)})" for f in followed.follow_ups]
    if followed.follow_ups:
        return lines
    return [
        *lines,
        f"  {no_follow_up_note(followed)}",
        *(f"  Mentioned: {f.chunk.id} ({where(f.chunk)})" for f in followed.mentions),
    ]
