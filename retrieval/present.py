"""Answers as plain data (the CLI's JSON contract) and as Markdown for briefing notes."""

from __future__ import annotations

from ingest.records import Chunk
from retrieval.answer import Answer, Citation, entry_label
from retrieval.timeline import undated_note


def citation_dict(citation: Citation) -> dict:
    chunk = citation.hit.chunk
    return {
        "n": citation.n,
        "id": chunk.id,
        "text": chunk.text,
        "quote": citation.quote.text if citation.quote else None,
        "column": citation.quote.column if citation.quote else None,
        "source": chunk.source,
        "title": chunk.title,
        "meeting_date": chunk.meeting_date.isoformat() if chunk.meeting_date else None,
        "period": chunk.period.label if chunk.period else None,
        "page": chunk.page,
        "paragraph": chunk.paragraph,
        "ref": chunk.ref,
        "continues": citation.hit.continues,  # the asked ref a renumbered row carries on
        "became": citation.hit.became,  # the asked ref an earlier row's commitment became
        "found_by": citation.hit.why,  # 'referred': the row a bare 'Refer to X' points to
        "parent_ref": chunk.parent_ref,
        "section": chunk.section,
        "kind": chunk.kind,
        "score": round(citation.hit.score, 6),
        "dense": round(citation.hit.dense, 4),
    }


def answer_dict(answer: Answer) -> dict:
    return {
        "question": answer.question,
        "answer": answer.text,
        "read_as": answer.read_as,
        "outcome": answer.outcome,
        "abstained": answer.abstained,
        "missing": answer.missing,
        "written_by": answer.written_by,
        "notes": list(answer.notes),
        "citations": [citation_dict(c) for c in answer.citations],
        "related": [citation_dict(c) for c in answer.related],
        "timeline": [timeline_dict(label, ns, answer.citations) for label, ns in answer.timeline],
        "silent": list(answer.silent),
        "earlier_meanings": list(answer.earlier_meanings),
    }


def timeline_dict(period: str, numbers: tuple[int, ...], citations: tuple[Citation, ...]) -> dict:
    """A timeline entry: the period it reports on, its label as the answer says it ('Jul–Sep
    2021 · C6 (was 3.4) · no progress update given; …'), and the paper and meeting."""
    cited = next(c for c in citations if c.n == numbers[0])
    lead = cited.hit.chunk
    return {
        "period": period,
        "label": entry_label(period, cited),
        "citations": list(numbers),
        "source": lead.source,
        "meeting_date": lead.meeting_date.isoformat() if lead.meeting_date else None,
    }


def where(
    chunk: Chunk, column: str | None = None, continuing: str | None = None, became: str | None = None
) -> str:
    """'Paper title, meeting 5 Feb 2020, reporting on Oct–Dec 2019, ref 1.2 (Progress
    update), page 7, file': everything a reader needs to find and check the passage; for a
    renumbered row, the asked ref it carries on ('ref C6 (Supporting activity), continuing
    3.4'), or for an earlier one, the asked ref it became ('ref 3.4 (…), later C6')."""
    parts = [chunk.title]
    # A paper with no meeting date shows its period; the answer or page says once that its
    # meeting is not stated (`undated_note`).
    if chunk.meeting_date:
        parts.append(f"meeting {chunk.meeting_date:%-d %b %Y}")
    if chunk.period:
        parts.append(f"reporting on {chunk.period.label}")
    if chunk.ref:
        parts.append(f"ref {chunk.ref}" + (f" ({column})" if column else ""))
        if continuing:
            parts.append(f"continuing {continuing}")
        if became:
            parts.append(f"later {became}")
    if chunk.kind == "minutes" and chunk.paragraph:
        parts.append(f"minute {chunk.paragraph}")
    elif chunk.paragraph:
        parts.append(f"para {chunk.paragraph}")
    if chunk.page:
        parts.append(f"page {chunk.page}")
    parts.append(chunk.source)
    return ", ".join(parts)


def cited_where(citation: Citation) -> str:
    hit = citation.hit
    return where(hit.chunk, citation.quote.column if citation.quote else None, hit.continues, hit.became)


def answer_markdown(answer: Answer) -> str:
    lines = [f"**Q:** {answer.question}", ""]
    if answer.reread:
        lines += [f"*Read as: {answer.read_as}*", ""]
    lines.append(answer.text.replace("\n", "  \n"))
    for heading, citations in (("**Sources**", answer.citations), ("**Related**", answer.related)):
        if citations:
            lines += ["", heading, ""]
        for citation in citations:
            quote = f' — "{citation.quote.text}"' if citation.quote else ""
            lines.append(f"{citation.n}. {cited_where(citation)}{quote}")
    note = undated_note(c.hit.chunk for c in answer.citations + answer.related)
    return "\n".join(lines + (["", f"_{note}_"] if note else [])) + "\n"
