"""Trends: each bar's label and the page's count, on hand-made items; then the real page."""

from datetime import date

from app.ui import trend_chart
from panelqa.text import Period
from retrieval.trends import Bar, bar_labels, shortened, summary
from tests.fakes import make_chunk

REPORT = "Police & Crime Plan Activity and Performance Monitoring Report"


def bar(title: str, source: str, meeting: date | None, period: Period | None, passages: int = 1) -> Bar:
    chunks = tuple(
        make_chunk(
            f"{source}:{n}", "999 calls", source=source, title=title, meeting_date=meeting, period=period
        )
        for n in range(passages)
    )
    return Bar(meeting or (period.end if period else None), title, source, chunks)


Q3_2018, Q4_2019 = Period(date(2018, 7, 1), date(2018, 9, 30)), Period(date(2019, 10, 1), date(2019, 12, 31))
Q2_2021 = Period(date(2021, 7, 1), date(2021, 9, 30))
BARS = [
    bar(f"{REPORT} (July – September 2018)", "2018.txt", date(2018, 11, 27), Q3_2018, 2),
    bar("Minutes of the Panel meeting held on 18 June 2019", "pack.txt", date(2019, 6, 18), None, 3),
    bar("Rural Crime", "pack.txt", date(2019, 9, 10), None),
    bar(f"{REPORT} (October – December 2019)", "2020.txt", date(2020, 2, 5), Q4_2019),
    bar("Safer West Mercia Plan Delivery Plan Extract (July – September 2021)", "2021.txt", None, Q2_2021),
]


def test_every_bar_has_a_short_distinct_label_with_its_meeting_and_period():
    assert bar_labels(BARS) == [
        "27 Nov 2018 · Police & Crime Plan Activity and… (Jul–Sep 2018)",
        "18 Jun 2019 · Minutes of the Panel meeting held…",
        "10 Sep 2019 · Rural Crime",
        "5 Feb 2020 · Police & Crime Plan Activity and… (Oct–Dec 2019)",
        "meeting not stated · Safer West Mercia Plan Delivery… (Jul–Sep 2021)",
    ]


def test_labels_cut_to_the_same_words_are_given_whole_then_with_their_file():
    twins = [bar(f"{REPORT}: part {n}", f"{n}.txt", date(2020, 2, 5), None) for n in (1, 2)]
    assert bar_labels(twins) == [f"5 Feb 2020 · {REPORT}: part 1", f"5 Feb 2020 · {REPORT}: part 2"]
    same = [bar("Rural Crime", f"{n}.txt", date(2020, 2, 5), None) for n in (1, 2)]
    assert bar_labels(same) == ["5 Feb 2020 · Rural Crime · 1.txt", "5 Feb 2020 · Rural Crime · 2.txt"]
    assert shortened("Rural Crime", 36) == "Rural Crime"
    assert shortened("one two three four", 12) == "one two…"


def test_the_caption_counts_items_and_papers_apart():
    # 8 passages in 5 items (bars) of 4 papers: the agenda pack holds two of the items.
    assert summary(BARS) == "8 passages in 5 items of 4 papers."
    assert summary(BARS[2:3]) == "1 passage in 1 item of 1 paper."


def test_the_chart_lays_bars_out_horizontally_with_every_label_whole():
    spec = trend_chart(bar_labels(BARS), [2, 3, 1, 1, 1]).to_dict()
    axis = spec["encoding"]["y"]["axis"]
    assert spec["encoding"]["y"]["field"] == "item" and axis["labelOverlap"] is False
    # About 6 px a character at Vega's 10-11 px label font: the longest label fits whole.
    assert axis["labelLimit"] >= 6.5 * max(len(label) for label in bar_labels(BARS))
    assert spec["height"] >= 20 * len(BARS)
