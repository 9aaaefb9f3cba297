"""The engine on the real corpus and the real model: the issue's example questions,
exact quotes, abstention, filters, and the CLI contract."""

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from click.testing import CliRunner

from eval.gold import PARAPHRASE_PATH, load_gold
from eval.metrics import contains_evidence
from panelqa.errors import BadQuery
from retrieval.answer import BY_COLUMNS, SILENT_PREFIX

# Answer measures on the 1093-question gold set: measured value, then a small margin
# (measured 0.921 abstained of unanswerable + near miss, 0.940 of plainly unanswerable,
# 0.092 answerable refused, 0.870 cited evidence, 0.912 recall@5, 0.816 follow-up
# recall@3, 0.906 timelines; 0.915, 0.940, 0.094, 0.866, 0.908, 0.807 and 0.906 when
# blind set 17's half A joined at first sight, its own refused 0.227 and recall@5 0.682).
ABSTAIN_ALL, ABSTAIN_UNANSWERABLE, FALSE_ABSTENTION = 0.91, 0.93, 0.10
CITED_EVIDENCE, RECALL_AT_5, FOLLOWUP_AT_3, TIMELINE_PAPERS = 0.86, 0.90, 0.80, 0.89
# Timelines saying a paper that reports on the topic says nothing: 0.011 of 91 measured
# (0.037 before a paper mentioning the topic was no longer called silent).
FALSE_SILENCE = 0.02


def test_a_timeline_follows_a_name_through_papers_that_write_its_initials(engine):
    # The 2015 report says only 'our IAGs'; later ones repeat a committee's table row
    # word for word, and a repeat is no silence.
    answer = engine.ask("How has the work of the Independent Advisory Groups changed over time?")
    sources = {answer.citations[n - 1].hit.chunk.source for _, numbers in answer.timeline for n in numbers}
    assert len(sources) == 5, answer.text
    assert SILENT_PREFIX not in answer.text


def test_track_my_crime_timeline_spans_papers_in_date_order(engine):
    answer = engine.ask("what happened to Track my Crime?")
    cited = {
        c.hit.chunk.source
        for c in answer.citations
        if "rack my" in c.hit.chunk.text or "Single Online Home" in c.hit.chunk.text
    }
    assert {
        "2018-11-27_performance-report_jul-sep-2018.txt",
        "2019-09-10_agenda-pack.txt",
        "2020-02-05_performance-report_oct-dec-2019.txt",
    } <= cited
    kinds = {
        c.hit.chunk.kind
        for c in (*answer.citations, *answer.related)
        if c.hit.chunk.source.startswith("2019")
    }
    assert {"minutes", "plan_row"} <= kinds
    labels = [label for label, _ in answer.timeline]
    assert labels[0] == "Oct–Dec 2019"
    ends = [next(c for c in answer.citations if c.n == ns[0]).hit.chunk.as_at for _, ns in answer.timeline]
    assert ends == sorted(ends, reverse=True)


def test_latest_on_a_commitment_puts_the_latest_row_first(engine):
    # One entry per paper, latest first: a later paper's row of the same commitment (its
    # thread, possibly renumbered) may lead; the 3.4 row of Feb 2020 is among them.
    answer = engine.ask("what is the latest on commitment 3.4?")
    rows = [c.hit.chunk for c in answer.citations]
    assert rows[0].as_at == max(row.as_at for row in rows)
    assert any(row.ref == "3.4" and row.source.startswith("2020-02-05") for row in rows)
    # The 2021 plan renumbered 3.4 as C6 and gives it no update ('n/a'): its line says so,
    # rather than quoting the row's activity heading as the latest status.
    assert answer.text.splitlines()[0].startswith(
        "Jul–Sep 2021 · C6 (was 3.4) · no progress update given; supporting activity: "
    )


def test_since_filter_keeps_only_2021_material(engine):
    from retrieval.query import Filters

    answer = engine.ask("victims board", filters=Filters(since=date(2021, 1, 1)))
    assert answer.citations
    assert all(c.hit.chunk.as_at >= date(2021, 1, 1) for c in answer.citations)


def test_every_quote_is_verbatim_for_every_gold_question(engine):
    for question in load_gold():
        answer = engine.ask(question.question, history=question.history)
        for citation in (*answer.citations, *answer.related):
            if citation.quote:
                assert citation.quote.text in citation.hit.chunk.text, question.id
        if answer.abstained:
            continue
        by_number = {c.n: c.hit.chunk.text for c in answer.citations}
        lines = answer.text.split("\n")
        for i, line in enumerate(lines):
            # The papers that say nothing, and what an asked ref named before: no quote.
            if line.startswith(SILENT_PREFIX) or line in answer.earlier_meanings:
                continue
            if line.startswith(BY_COLUMNS):  # the row above, read by its columns: its cells
                cells = [read.rsplit(": ", 1)[-1] for read in line.split("; ")]
                assert i and all(cell in lines[i - 1] for cell in cells), (question.id, line)
                continue
            # 'quote [1][3]' or, on a timeline, 'Oct–Dec 2019 · 1.2: quote [1]', and after a
            # bare 'Refer to 3.1', ' → 3.1: its quote [2]'
            for part in line.split(" → "):
                cited = re.fullmatch(r"(.*?) ((?:\[\d+\])+)", part)
                assert cited, (question.id, line)
                body = cited.group(1)
                for n in map(int, re.findall(r"\d+", cited.group(2))):
                    assert any(said in by_number[n] for said in (body, body.split(": ", 1)[-1])), (
                        question.id,
                        line,
                    )


def test_answer_behaviour_on_the_gold_set(engine):
    """`panelqa eval`'s answer measures in CI. Thresholds: the measured value with a small
    margin (see the commit that set them for the numbers)."""
    from eval.answers import evaluate_answers

    result = evaluate_answers(engine, load_gold())
    assert result.abstain_all >= ABSTAIN_ALL, result
    assert result.abstain_unanswerable >= ABSTAIN_UNANSWERABLE, result
    assert result.false_abstention <= FALSE_ABSTENTION, result
    assert result.cited_evidence >= CITED_EVIDENCE, result
    assert result.citations_median <= 4, result
    assert result.recall_at_5_cited_then_related >= RECALL_AT_5, result
    assert result.followup_recall_at_3 >= FOLLOWUP_AT_3, result
    assert result.timeline_paper_coverage >= TIMELINE_PAPERS, result
    assert result.timeline_false_silence <= FALSE_SILENCE, result


def with_a_typo(question: str) -> str:
    """The question with the middle letter of its longest lower-case word (six letters or
    more, not the first word) dropped: 'hapened'."""
    words = question.split()
    candidates = [i for i, w in enumerate(words) if i and w.isalpha() and w.islower() and len(w) >= 6]
    if not candidates:
        return question
    i = max(candidates, key=lambda n: len(words[n]))
    middle = len(words[i]) // 2
    words[i] = words[i][:middle] + words[i][middle + 1 :]
    return " ".join(words)


@pytest.mark.parametrize(
    ("typed", "most_refused", "least_abstained"),
    [
        # Names and topics are read by capitals, so a lower-case question is cased as the
        # papers write its words; measured on 1093 questions 0.104 refused, 0.891 abstained
        # (typed with capitals 0.092 and 0.921; on 418, 0.054 and 0.785 before the casing).
        (str.lower, 0.11, 0.87),
        # A word no paper uses counts as a name, so a typo is respelled as the passages
        # found write the word and they are searched for again; measured on 1093 questions
        # 0.118 refused, 0.901 abstained (on 418, 0.349 refused before the respelling).
        (with_a_typo, 0.13, 0.88),
    ],
)
def test_questions_as_chat_users_type_them(engine, typed, most_refused, least_abstained):
    from eval.answers import evaluate_answers

    gold = [
        replace(q, question=typed(q.question), history=tuple(typed(h) for h in q.history))
        for q in load_gold()
    ]
    result = evaluate_answers(engine, gold)
    assert result.false_abstention <= most_refused, result
    assert result.abstain_all >= least_abstained, result


def test_questions_in_other_words_than_the_papers(engine):
    """eval/paraphrase.jsonl: 150 gold questions as users put them ('launched' for 'went
    live'). A dev set: the rules that read other words were found on it, so it guards
    them; blind sets measure how they generalise. Measured 0.29 refused, 0.90 of near
    misses abstained (0.33 and 0.56 before; in the gold wording 0.05 and 0.94); 0.30 and
    0.88 at 1005 gold questions, 0.31 and 0.92 at 1049; 0.33 and 0.92 once 'which <class>'
    asks a name of the class (two answers ranked fourth and fifth, outside the three passages a
    gate reads, were refused for it)."""
    from eval.answers import evaluate_answers

    result = evaluate_answers(engine, load_gold(PARAPHRASE_PATH))
    assert result.false_abstention <= 0.34, result
    assert result.abstain_all >= 0.88, result


@pytest.mark.parametrize("question", ["", "   ", "?!?...", "x" * 2001])
def test_bad_questions_get_a_clear_error(engine, question):
    with pytest.raises(BadQuery):
        engine.ask(question)


def test_cli_ask_json_and_batch(index_dir, tmp_path):
    from app.cli import main

    runner = CliRunner()
    result = runner.invoke(
        main, ["ask", "--json", "--index", str(index_dir), "what is the latest on commitment 3.4?"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(data) == {
        "question",
        "read_as",
        "answer",
        "outcome",
        "abstained",
        "missing",
        "written_by",
        "notes",
        "citations",
        "related",
        "timeline",
        "silent",
        "earlier_meanings",
    }
    assert any(citation["ref"] == "3.4" for citation in data["citations"])
    assert [(c["ref"], c["continues"]) for c in data["citations"]][0] == ("C6", "3.4")
    assert data["timeline"][0]["label"].startswith("Jul–Sep 2021 · C6 (was 3.4) · no progress update")
    questions = tmp_path / "q.txt"
    questions.write_text('Track my Crime\n{"question": ""}\n{"question": "999 calls"}\n')
    batch = runner.invoke(main, ["batch", "--index", str(index_dir), str(questions)])
    records = [json.loads(line) for line in batch.stdout.strip().splitlines() if line.startswith("{")]
    assert len(records) == 3 and "error" in records[1] and "answer" in records[2]


def test_every_generated_negative_differs_from_the_question_it_came_from(engine):
    # A swap that changed nothing would label an answerable question a negative.
    from eval.calibrate import generated_negatives

    gold = load_gold()
    answerable = {q.question for q in gold if q.answerable}
    made = generated_negatives(engine, gold)
    assert len(made) > 100 and not answerable & {m.question for m in made}


def test_engine_beats_baselines_on_the_gold_set(engine):
    """A small slice of `panelqa eval` in CI: thresholds from measured numbers on the
    603-question set (full engine, citations then related: recall@5 0.930, MRR@10 0.751;
    BM25: 0.824 / 0.668)."""
    from eval import systems
    from eval.run import evaluate

    gold = load_gold()
    full = evaluate("full", systems.full_engine(engine), gold)
    bm25 = evaluate("bm25", systems.bm25_only(engine), gold)
    assert full.recall_at_5 >= 0.91 and full.mrr_at_10 >= 0.72
    assert full.mrr_at_10 > bm25.mrr_at_10


def test_gold_evidence_occurs_in_the_corpus(corpus_chunks):
    gold = load_gold()
    assert len(gold) >= 60
    for kind in ("timeline", "precedent", "unanswerable"):
        assert sum(q.type == kind for q in gold) >= 8
    for question in gold:
        for evidence in question.evidence:
            assert any(contains_evidence(c.text, [evidence]) for c in corpus_chunks), (question.id, evidence)


def test_bm25s_agrees_with_the_rank_bm25_reference(engine):
    """Same terms, same Okapi BM25: the sparse scorer and rank-bm25's Python loop rank the
    same passages (they differ only in how a term in over half the passages is weighted)."""
    from eval import systems

    ours, reference = systems.bm25_only(engine), systems.rank_bm25_reference(engine)
    overlaps = []
    for question in load_gold():
        a, b = set(ours(question.question, 10).texts), set(reference(question.question, 10).texts)
        overlaps.append(len(a & b) / max(len(a | b), 1))
    assert sum(overlaps) / len(overlaps) >= 0.8, sum(overlaps) / len(overlaps)
