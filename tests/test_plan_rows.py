"""Plan-table rows the PDF extractor damaged, on tiny hand-made tables: a row whose ref cell
was lost, wording broken across lines or run together, headings inside the table; and the
register's titles made from that wording."""

from ingest.tables import parse_plan_table
from ingest.wording import joined_wording
from retrieval.tracker import title_of

HEADER = "No\tSWP Commitment\tSupporting activity\tQuarter 2 update"
GAP = "     "  # the extractor's rendering of a line break inside a cell


def _rows(lines: list[str]):
    passages, end = parse_plan_table([(1, HEADER), *((1, line) for line in lines)], 0, 400)
    assert end == len(lines) + 1
    return passages


def test_a_row_whose_ref_cell_was_lost_is_found_by_its_sub_activities():
    # D8's ref cell is gone: its wording is the last bullet of D7's cell, carried on into
    # the next line, and its sub-activities are numbered D8.x.
    d7_wording = GAP.join(
        [
            "Hear rural voices via the Rural Matters plan",
            "Back businesses via the Business Matters plan",
            "I will refine my Communications and Engagement strategy, acting on the views of our",
        ]
    )
    passages = _rows(
        [
            f"D7\t{d7_wording}\t(D8.1)Revise the Communications and Engagement Strategy\tDrafted.",
            "\tcommunity\t(D8.2) Meet Your PCC events\tHeld in autumn.",
            "D9\tUse my Ambassador scheme\t(D9.1) Ambassador grants\tCeased.",
        ]
    )
    assert [(p.ref, p.parent_ref) for p in passages] == [
        ("D7", None),
        ("D8.1", "D8"),
        ("D8.2", "D8"),
        ("D9.1", "D9"),
    ]
    d7, d8, _, _ = passages
    assert d7.commitment == (
        "Hear rural voices via the Rural Matters plan\nBack businesses via the Business Matters plan"
    )
    assert d7.cells == {"Commitment": d7.commitment}  # no activity or update of its own
    assert d8.commitment == (
        "I will refine my Communications and Engagement strategy, acting on the views of our community"
    )
    assert d8.text.startswith("Commitment D8: I will refine") and d8.cells["Progress update"] == "Drafted."


def test_the_bullets_moved_start_at_the_one_sharing_most_words_with_the_sub_activity():
    # Two of the three bullets are D5's: the sub-activity names the cyber strategy of the
    # second one, not just the last.
    passages = _rows(
        [
            f"D4\tRun online platforms{GAP}Tackle cyber crime with partners{GAP}Fund the cyber strategy"
            "\t(D5.1) Deliver the cyber crime strategy with partners\tUnder way."
        ]
    )
    d4, d5 = passages
    assert (d4.ref, d4.commitment) == ("D4", "Run online platforms")
    assert (d5.parent_ref, d5.commitment) == (
        "D5",
        "Tackle cyber crime with partners\nFund the cyber strategy",
    )


def test_a_misnumbered_sub_activity_stays_in_its_row():
    # '(3.2.3)' under 3.3: 3.2 is already a row of this table, so the number is a misprint;
    # '(B1.1)' under B2 is not printed after it; '(C1.1)' under 3.4 is another plan's
    # numbering. None opens a row.
    passages = _rows(
        [
            "3.2\tNew technology\t(3.2.1) Mobile working\tDone.",
            "3.3\tFit for purpose buildings\t(3.3.1) Estates programme\tOn track.",
            "\t\t(3.2.3) Replace Hereford station\tSite chosen.",
            "3.4\tOne control centre\t(C1.1) Control room move\tMoved.",
            "B2\tFund partners\t(B1.1) Mobile app\tLive.",
        ]
    )
    assert [(p.ref, p.parent_ref) for p in passages] == [
        ("3.2.1", "3.2"),
        ("3.3.1", "3.3"),
        ("3.2.3", "3.3"),
        ("C1.1", "3.4"),
        ("B1.1", "B2"),
    ]


def test_wording_broken_across_lines_is_rejoined_as_sentences_and_bullets():
    assert joined_wording(["Work with government locally", "Use my role as PCC"]) == (
        "Work with government locally\nUse my role as PCC"
    )
    assert joined_wording(["Ensure commitments are followed", "through with activity"]) == (
        "Ensure commitments are followed through with activity"
    )
    # After a linking word or inside a name, a capital does not start a bullet.
    assert joined_wording(["Act on the views of", "Parish Councils"]) == "Act on the views of Parish Councils"
    assert joined_wording(["Ensure local partnership Joint", "Action Groups meet"]) == (
        "Ensure local partnership Joint Action Groups meet"
    )
    # Rules and page numbers are not wording.
    assert joined_wording(["Support restorative justice", "-----", "1"]) == "Support restorative justice"


def test_a_heading_inside_the_table_names_the_objective_and_stays_out_of_the_row_above():
    header = "Ref\tPlan commitment\tSupporting activity\tProgress update"
    lines = [
        (1, header),
        (1, "A6\tSupport restorative justice\tCommission a provider\tDone."),
        (1, "\tBuilding a more secure West Mercia\t\t"),
        (1, "Poli\tPolicing element:\t\t"),
        (1, header),
        (1, "2.1\tRespond to incidents at the right time\tCall handling\tImproved."),
        (1, "PAR\tPART B: Police and Crime Commissioner's Commitments\t\t"),
        (1, "B1\tSupport victims\tMobile app\tLive."),
    ]
    passages, _ = parse_plan_table(lines, 0, 400)
    a6, row_2_1, b1 = passages
    assert a6.commitment == "Support restorative justice"
    assert row_2_1.objective == "Building a more secure West Mercia"
    assert row_2_1.section == "Building a more secure West Mercia › Policing element"
    assert (
        b1.section
        == "Building a more secure West Mercia › PART B: Police and Crime Commissioner's Commitments"
    )


def test_a_short_capitalised_line_that_is_not_a_heading_stays_row_text():
    passages = _rows(
        [
            "C4\tMonitor the national programme\tSupport the board\tThe board meets in",
            "\t\t\tNovember Each Year",
            "C5\tAspire to a leading service\tReform\tn/a",
        ]
    )
    assert passages[0].cells["Progress update"] == "The board meets in November Each Year"


def test_a_title_is_the_first_clause_of_the_wording_cut_at_a_word():
    assert (
        title_of("Respond at the right time Incorporating the following commitments (D4)\n• Platforms")
        == "Respond at the right time"
    )
    assert title_of("• Give leadership to the force • Join up services") == "Give leadership to the force"
    assert title_of("Work with partners. Refer to 2.2-2.6.") == "Work with partners."
    # A name after a linking word or a possessive is not a heading run in.
    assert (
        title_of("Respond to Policing and Crime Act changes") == "Respond to Policing and Crime Act changes"
    )
    assert title_of("Support West Mercia's Reducing Reoffending Strategy") == (
        "Support West Mercia's Reducing Reoffending Strategy"
    )
    long = "Make sure " + "public funding is spent well, " * 6 + "always"
    cut = title_of(long)
    assert cut.endswith("…") and len(cut) <= 111
    assert long.startswith(cut[:-1]) and long[len(cut) - 1] == " "  # cut between words
    assert title_of("") == "Wording not stated"


def test_a_row_of_several_lines_is_indexed_with_its_wording_once():
    # index_text prepends a passage's context unless the passage already holds it.
    [row] = _rows([f"A7\tWork with government{GAP}Use my role as PCC\t(A7.1) Lobby\tDone."])
    assert row.commitment == "Work with government\nUse my role as PCC"
    assert row.context == "Commitment A7: Work with government\nUse my role as PCC"
    assert row.context in row.text
