"""Tables of figures: ingest reads each figure's column; the gate reads a figure by its row
and column (ingest.headers, retrieval.gates.FigureTable)."""

from dataclasses import replace

from ingest.headers import header_size, row_label, table_columns
from ingest.narrative import parse_narrative
from ingest.records import CELL_JOIN, Chunk
from panelqa.text import terms
from retrieval.answer import BY_COLUMNS, by_columns, sentences
from retrieval.asked import read_asked
from retrieval.gates import FigureTable, answering
from retrieval.kinds import asked_kind
from retrieval.search import Hit

# A two-row header whose upper cells span the empty ones after them; a row with a gap.
GRID = [
    ["", "All Persons", "", "Persons In Care", ""],
    ["", "No. of Missing Reports", "Repeat Rate (%)", "No. of Missing Reports", "In Care Rate (%)"],
    ["Herefordshire", "109", "19%", "24", "22%"],
    ["Shropshire", "211", "", "60", "28%"],
]


def test_a_header_names_each_column_from_the_top_down_and_a_gap_keeps_its_place():
    size, columns = table_columns(GRID)
    assert size == 2
    assert columns["Herefordshire | 109 | 19% | 24 | 22%"] == [
        "",
        "All Persons No. of Missing Reports",
        "All Persons Repeat Rate (%)",
        "Persons In Care No. of Missing Reports",
        "Persons In Care In Care Rate (%)",
    ]
    # Shropshire's empty repeat rate is dropped from the row, not its columns' names.
    assert columns["Shropshire | 211 | 60 | 28%"] == [
        "",
        "All Persons No. of Missing Reports",
        "Persons In Care No. of Missing Reports",
        "Persons In Care In Care Rate (%)",
    ]


def test_a_table_of_figures_has_the_rows_above_its_first_figures_as_header():
    details = [["Author:", "Performance Review"], ["Date:", "January 2016"], ["Version:", "1"]]
    assert header_size(details) == 0  # one row of figures is a paper's details
    summary = [["Topic", "Inclusion", "Data"], ["Putting Victims First"], ["Confidence", "Quarter", "2"]]
    summary.append(["Hate Crime", "Month", "29"])
    assert header_size(summary) == 1  # the section's label under it is not header


def test_a_table_split_over_passages_keeps_its_header_in_each_ones_context():
    rows = ["\tMay 2015\tNov 2015"] + [f"{n} to {n + 4} days\t{100 + n}\t{50 + n}" for n in range(0, 200, 5)]
    passages = parse_narrative([(1, "RDIL balances"), *((1, r) for r in rows)], "Report", 60)
    assert len(passages) > 1
    assert passages[0].text.startswith("May 2015 | Nov 2015")
    assert all(p.context == "Report › RDIL balances\nMay 2015 | Nov 2015" for p in passages[1:])
    assert passages[1].columns[passages[1].text.split("\n")[0]] == ["", "May 2015", "Nov 2015"]


def _answers(question: str, topic: str, heading: str, grid: list[list[str]]) -> list[str]:
    """What the gate quotes from a passage holding the table, as ingest writes it, in a
    paper on Oct–Dec 2015."""
    text = "\n".join([heading, *(CELL_JOIN.join(c for c in cells if c) for cells in grid)])
    asked = read_asked(question, asked_kind(question), frozenset(terms(topic)), topic)
    table = FigureTable(table_columns(grid)[1], "Oct–Dec 2015")
    return [piece for _, piece in answering(asked, [text], question, tables=[table])]


def test_a_figure_is_read_by_its_row_and_column():
    question = "How many missing person reports were there in Shropshire in Oct-Dec 2015?"
    topic = "missing person reports"
    assert _answers(question, topic, "Missing Persons", GRID) == ["Shropshire | 211 | 60 | 28%"]  # not '211'
    # Another quarter than the paper's, when neither row nor column names one.
    assert _answers(question.replace("Oct-Dec", "Jul-Sep"), topic, "Missing Persons", GRID) == []
    # The header names columns and answers nothing: 'Persons Under 18' holds no count.
    under_18 = [
        ["", "All Persons", "Persons Under 18"],
        ["", "No. of Missing Reports", "No. of Missing Reports"],
    ]
    under_18 += [["Herefordshire", "109", "50"], ["Shropshire", "211", "114"]]
    text = "\n".join(["Missing Persons", *(CELL_JOIN.join(c for c in cells if c) for cells in under_18)])
    # A follow-up read as 'and for Herefordshire, how many, on missing person reports?'
    # counts no noun of its own, so any number would do but for the header's '18'.
    question = "And for Herefordshire, how many, on missing person reports?"
    topic_terms = frozenset(terms("Herefordshire missing person reports"))
    asked = replace(read_asked(question, "count", topic_terms, "missing person reports"), counted=())
    table = FigureTable(table_columns(under_18)[1], "Oct–Dec 2015")
    found = answering(asked, [text], question, tables=[table])
    assert [piece for _, piece in found] == ["Herefordshire | 109 | 50"]


def test_a_figure_is_under_the_column_the_question_names_best_and_for_the_place_asked():
    assaults = [
        ["", "VAP with Injury", "VAP without Injury", "Total Number of Victims"],
        ["Special Constable", "", "2", "2"],
        ["PCSO", "1", "5", "7"],
        ["Police Staff", "3", "", "5", "4"],  # a cell beyond the header names no column
    ]
    topic = "special constables"
    question = "How many special constables were victims of VAP with injury?"
    assert _answers(question, topic, "Assaults on police", assaults) == []  # its cell is empty
    question = "How many special constables were victims of VAP without injury?"
    assert _answers(question, topic, "Assaults on police", assaults) == ["Special Constable | 2 | 2"]
    staff = "How many police staff were victims of VAP with injury?"
    assert _answers(staff, "police staff", "Assaults on police", assaults) == ["Police Staff | 3 | 5 | 4"]
    without = staff.replace("with injury", "without injury")  # left empty; '4' is under no column
    assert _answers(without, "police staff", "Assaults on police", assaults) == []
    crime = [["", "Herefordshire", "", "Shropshire", ""]]
    crime += [
        ["", "Last Quarter", "Quarter Avg", "Last Quarter", "Quarter Avg"],
        ["Rape", "41", "35", "44", "48"],
    ]
    crime += [["Burglary", "80", "80", "162", "140"]]
    question = "How many rapes were recorded in Herefordshire last quarter?"
    assert _answers(question, "rapes", "Crime recorded", crime) == ["Rape | 41 | 35 | 44 | 48"]
    # Ludlow is in the passage, but no row or column gives a figure for it.
    ludlow = question.replace("Herefordshire", "Ludlow")
    assert _answers(ludlow, "rapes", "Crime recorded (Ludlow is in Shropshire)", crime) == []


def test_a_row_numbered_other_than_asked_is_not_the_answer():
    grid = [["", "May 2015", "Nov 2015"], ["5 to 10 days", "757", "543"], ["11 to 19 days", "266", "145"]]
    question = "How many people had 11-19 days of RDIL in Nov 2015?"
    assert _answers(question, "RDIL", "RDIL balances", grid) == ["11 to 19 days | 266 | 145"]


MEETINGS = [
    ["NAME", "PURPOSE (Safer West Mercia Plan - Cross cutting / other)", "MEETS"],
    ["Victim Contract Management Board", "Oversight contract performance.", "Quarterly"],
    ["Safer Roads Partnership Board", "Governance of the Safer Roads Partnership", "Bi annual"],
    ["Diversity & Inclusion Group", "Brings together police, police federation and Unison", "Quarterly"],
    ["Victims' Board", "PCC meeting to improve outcomes and services for victims", ""],
]


def test_a_table_of_text_has_a_header_only_if_its_first_row_names_columns():
    assert header_size(MEETINGS) == 1
    assert table_columns(MEETINGS)[1][
        "Safer Roads Partnership Board | Governance of the Safer Roads Partnership | Bi annual"
    ] == [
        "",
        "PURPOSE (Safer West Mercia Plan - Cross cutting / other)",
        "MEETS",
    ]
    members = [["Mr S J Mackay (Chairman)", "Substantive Member - Worcestershire County Council"]]
    members += [["Mr Peter Whatley", "Substantive Member - Malvern Hills District Council"]] * 2
    assert header_size(members) == 0  # a row of text, not columns' names
    minutes = [["1.", "Introduction", "ACTION"], ["2.1", "The PCC said …", ""], ["2.2", "The ACC said …", ""]]
    assert header_size(minutes) == 0  # an item's number


def test_how_often_is_read_from_a_row_under_its_columns_names():
    """'How often does the … Board meet?' is answered by the row whose 'MEETS' cell says it,
    and only for the board named in a run: 'Victim Contract Management Board' is no
    meeting of the Victims' Board."""
    question = "How often does the Safer Roads Partnership Board meet?"
    roads = _answers(question, "Safer Roads Partnership Board", "Oversight mechanisms", MEETINGS)
    assert roads == ["Safer Roads Partnership Board | Governance of the Safer Roads Partnership | Bi annual"]
    victims = "How often does the Victims Board meet?"
    assert _answers(victims, "Victims Board", "Oversight mechanisms", MEETINGS) == []
    # A row is of what its first cell names, not of what its purpose mentions.
    federation = "How often does the Police Federation meet?"
    assert _answers(federation, "Police Federation", "Oversight mechanisms", MEETINGS) == []


def test_a_quoted_row_is_read_under_its_columns_names():
    row = "Shropshire | 211 | 60 | 28%"
    columns = table_columns(GRID)[1]
    table = Chunk("t1", "a.txt", "Report", None, None, "s", "table", None, 1, None, row, columns=columns)
    assert by_columns(row, [Hit(table, 1.0, 0.6, 1.0, "bm25")]) == (
        f"\n{BY_COLUMNS}Shropshire: All Persons No. of Missing Reports: 211; Persons In Care No. of Missing "
        "Reports: 60; Persons In Care In Care Rate (%): 28%"
    )
    sentence = "211 reports were recorded in Shropshire."
    assert by_columns(sentence, [Hit(table, 1.0, 0.6, 1.0, "bm25")]) == ""  # no row of the table


def test_a_row_of_figures_keeps_its_last_cell_and_a_summary_row_drops_its_page():
    crime = "Domestic Burglary | 757 | 734 | 80 | 80 | 181 | 167"
    assert [q.text for q in sentences(crime)] == [crime]
    summary = "Hate Crime | Month & quarter | No exceptional volumes | 29"
    assert [q.text for q in sentences(summary)] == ["Hate Crime | Month & quarter | No exceptional volumes"]


SICKNESS = [
    ["", "", "Sep-15", "", "Mar-15", ""],
    ["", "", "%", "Rank", "%", "Rank"],
    ["West Mercia", "Officer", "5.2%", "37th", "5.7%", "39th"],
    ["", "Staff", "4.7%", "33rd", "5.2%", "38th"],
    ["National", "Officer", "4.4%", "", "4.1%", ""],
    ["", "Staff", "4.2%", "", "3.9%", ""],
]


def test_a_row_with_an_empty_first_cell_continues_the_group_above():
    columns = table_columns(SICKNESS)[1]
    assert row_label("Staff | 4.2% | 3.9%", columns["Staff | 4.2% | 3.9%"]) == "National Staff"
    assert (
        row_label(
            "West Mercia | Officer | 5.2% | 37th | 5.7% | 39th",
            columns["West Mercia | Officer | 5.2% | 37th | 5.7% | 39th"],
        )
        == "West Mercia Officer"
    )
    # The row whose label the question says most of: not 'National Officer' for national staff.
    question = "What was the national sickness rate for staff in Sep-15?"
    assert _answers(question, "national sickness rate", "Sickness", SICKNESS) == ["Staff | 4.2% | 3.9%"]
