"""Fast tests of the answer logic with tiny fakes: question cleaning, follow-up reading,
the asked-kind and named-thing checks, answer-line selection and the per-paper timeline."""

import math
from dataclasses import replace
from datetime import date

import pytest

from eval.calibrate import choose_threshold, fit_logistic
from index.store import load, write_build
from ingest.records import Chunk, Period
from panelqa.text import acronyms_spelled_out, spelled_by_initials, terms
from retrieval.answer import Answer, Reading, answer_lines, compose, is_answer_line, sentences
from retrieval.asked import read_asked
from retrieval.engine import Engine
from retrieval.followup import Understood, read_as, topic_of
from retrieval.gates import answering
from retrieval.grounds import names_rarest, term_coverage, topic_held
from retrieval.judge import named_share, named_things, probability
from retrieval.kinds import asked_kind, holds_kind
from retrieval.query import clean_question, parse_query
from retrieval.search import Hit
from retrieval.timeline import build_timeline
from tests.test_store import CHUNKS, THREADS, VECTORS


def chunk(
    n: int, text: str, source: str = "a.txt", month: int = 3, kind: str = "narrative", title: str = "Report"
) -> Chunk:
    period = Period(date(2019, month - 2, 1), date(2019, month, 28))
    return Chunk(f"c{n}", source, title, date(2019, month + 1, 5), period, "s", kind, None, 1, None, text)


def hit(c: Chunk, dense: float = 0.6) -> Hit:
    return Hit(c, 1.0, dense, 1.0, "bm25")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<b>what about</b> Track my Crime?", "what about Track my Crime?"),
        ("Stop &amp; search", "Stop & search"),
        ("&lt;i&gt;Drive&lt;/i&gt; referrals", "Drive referrals"),
        ("is 3 < 4 and 5 > 2?", "is 3 < 4 and 5 > 2?"),  # comparisons are not tags
        ("rural<br/>crime", "rural crime"),
        # A chat's shorthand is written out; the papers' company 'PPL' is not.
        ("how many ppl were victims last yr?", "how many people were victims last year?"),
        ("Have PPL found a site?", "Have PPL found a site?"),
    ],
)
def test_questions_lose_markup_and_entities(raw, clean):
    assert clean_question(raw) == clean


def test_topic_is_the_longest_run_of_naming_words():
    assert topic_of("what happened to Track my Crime?") == "Track my Crime"
    assert topic_of("How has We Don't Buy Crime developed since it launched?") == "We Don't Buy Crime"
    assert topic_of("What did the PCC say about Spice?") == "Spice"  # 'PCC' weighs half
    # "PCC's" weighs half as 'PCC' does, and 'the approach to' frames the topic.
    assert topic_of("Give me the history of the PCC's work on rural crime") == "rural crime"
    assert topic_of("How has the approach to hate crime changed?") == "hate crime"
    # The force area is no topic, possessive or not; a date's pieces are none either.
    assert topic_of("What was West Mercia's rape conviction rate in 2020?") == "rape conviction rate"
    assert topic_of("What was spent in 2014/15 on cyber crime?") == "cyber crime"
    # A comparison closing a phrase frames the topic; one before a noun names it.
    assert topic_of("Was drink-fuelled violence worse than usual in December?") == "drink-fuelled violence"
    assert topic_of("How much went to the better care fund?") == "better care fund"
    # A topic names something: not a span of time, a bare number or a word that is no
    # term ('IT' reads as 'it'); nor is 'proportion' what is asked about.
    defendants = "What proportion of defendants had been defendants in the previous 12 months?"
    assert topic_of(defendants) == "defendants"
    assert topic_of("When will the old shared IT network be switched off?") == "old shared IT network"
    assert topic_of("How many councillors were co-opted onto the panel?") == "councillors"
    assert topic_of("Roughly how much was lost to fraud?") == "lost"  # not 'Roughly'; 'to' ends the run
    assert topic_of("How quickly did officers get to emergencies?") == "officers"
    # 'and' or 'of' between two naming words is inside the phrase, one way round or the other.
    soc = "What was the response to the consultation on the serious and organised crime strategy?"
    assert topic_of(soc) == "serious and organised crime strategy"
    assert (
        topic_of("What did the 2018 town and parish council survey find?") == "town and parish council survey"
    )
    assert topic_of("How did the review of custody provision go?") == "review of custody provision"
    assert topic_of("Did the panel discuss cyber crime and fraud?") == "cyber crime"  # two topics
    assert topic_of("What did they say of it?") == ""  # no naming word either side


def test_the_dates_a_question_names_are_no_part_of_its_topic():
    # A timeline 'since 2015' follows rural crime through every paper, not the passages
    # that happen to say 2015.
    question = "How has rural crime in Herefordshire developed since January 2015?"
    reading = Engine._reading(question, question, parse_query(question))
    assert reading.topic_terms == frozenset(terms("rural crime Herefordshire"))


def test_followups_inherit_the_topic_and_standalone_questions_do_not_change():
    history = ["what happened to Track my Crime?"]
    assert read_as("when did the Home Office close it?", history) == Understood(
        "when did the Home Office close Track my Crime?", history[0]
    )
    # 'they' stands for people when a thing pronoun is there
    assert read_as("when did they close it?", history)[0] == "when did they close Track my Crime?"
    standalone = "What is the rape conviction rate in West Mercia?"
    assert read_as(standalone, history) == Understood(standalone)
    # no topic of its own: the earlier topic is added
    assert read_as("How many questions were sent in?", history)[0] == (
        "How many questions were sent in, on Track my Crime?"
    )
    assert read_as("when did the Home Office close it?", []) == Understood(
        "when did the Home Office close it?"
    )
    # 'that' before a verb is a pronoun ('why does that matter'); in an idiom it stands for nothing.
    assert (
        read_as("why does that matter for burglary?", history)[0]
        == "why does Track my Crime matter for burglary?"
    )
    assert read_as("and for that matter, who runs it?", history)[0] == "and who runs Track my Crime?"
    # After a preposition 'that matter' is a noun phrase: a determiner, not a pronoun.
    assert read_as("What did the panel decide on that matter?", history)[0] == (
        "What did the panel decide on that matter?"
    )


def test_of_those_after_a_count_is_among_what_was_counted():
    earlier = ["How many recommendations were in the HMICFRS report The Poor Relation?"]
    assert read_as("how many of those are for every force?", earlier)[0] == (
        "how many of the recommendations in The Poor Relation are for every force?"
    )
    assert read_as("when was it published?", earlier)[0] == "when was The Poor Relation published?"  # no 'of'

    deaths = ["How many road deaths were there in October to December 2015?"]
    assert (
        read_as("How many of them were pedestrians?", deaths)[0]
        == "How many of the road deaths were pedestrians?"
    )
    # Only a plural pronoun after a share of them: 'the conclusion of it' is of the report.
    assert (
        read_as("What was the conclusion of it?", earlier)[0]
        == "What was the conclusion of The Poor Relation?"
    )


def test_a_question_read_with_the_earlier_topic_is_on_that_topic():
    understood = read_as("what's the forecast for the full year?", ["How many robberies were there?"])
    assert understood.text == "what's the forecast for the full year, on robberies?"
    assert understood.carried == "robberies"  # not 'forecast', the question's own word
    reading = Engine._reading(
        understood.text, understood.text, parse_query(understood.text), understood.carried
    )
    assert reading.topic == "robberies"
    # A question's own ', on …' carries nothing.
    assert read_as("Did the panel agree, on balance?", []).carried is None
    own = Engine._reading(
        "Did the panel agree, on balance?", "Did the panel agree, on balance?", parse_query("x")
    )
    assert own.topic != "balance"


def test_a_question_that_continues_the_conversation_carries_its_topic():
    earlier = ["What did the public confidence survey show?"]
    # 'And …' continues the conversation though it has words of its own.
    assert read_as("And how many residents trust the police?", earlier)[0] == (
        "And how many residents trust the police, on public confidence survey?"
    )
    # It has a topic of its own when it names one.
    assert read_as("And who chairs the Victims Board?", earlier)[0] == "And who chairs the Victims Board?"
    standalone = "How many residents in Herefordshire trust the police?"
    assert read_as(standalone, earlier)[0] == standalone
    # A superlative with nothing after it is of what was asked before.
    assert read_as("Which policing area had the lowest?", earlier)[0] == (
        "Which policing area had the lowest, on public confidence survey?"
    )


def test_an_idiom_is_read_without_its_words():
    forecast = ["How many robberies were there?", "what's the forecast for the full year?"]
    assert read_as("and for that matter, what about burglary?", forecast)[0] == (
        "what's the forecast for the full year, on burglary?"
    )
    # A question standing alone is not changed, its idiom kept.
    assert read_as("For that matter, who chairs the Victims Board?", forecast[:1]).text == (
        "For that matter, who chairs the Victims Board?"
    )


def test_elliptical_followups_swap_the_matching_topic():
    earlier = ["How many 999 calls were answered within 10 seconds?"]
    assert read_as("and 101 calls?", earlier)[0] == "How many 101 calls were answered within 10 seconds?"
    assert read_as("and in 2021?", earlier)[0] == (
        "How many 999 calls were answered within 10 seconds in 2021?"
    )
    # 'And by when …' with a clause of its own is its own question: its pronoun takes the topic.
    precept = ["What majority does the panel need to veto the proposed precept?"]
    assert read_as("and by when do we have to give our view on it?", precept)[0] == (
        "and by when do we have to give our view on proposed precept?"
    )
    # 'over the same three months' is the earlier question's time; the counted noun stays.
    business = ["How many business crime offences were logged in the last quarter of 2015?"]
    assert read_as("and rural crime over the same three months?", business)[0] == (
        "How many rural crime offences were logged in the last quarter of 2015?"
    )
    # 'the same quarter last year' is another time, and 'the same period' alone asks again.
    burglaries = ["How many burglaries were there in Q1 2016?"]
    assert read_as("and in the same quarter last year?", burglaries)[0] == (
        "How many burglaries were there in Q1 2016 in the same quarter last year?"
    )
    assert read_as("and over the same period?", burglaries)[0] == burglaries[0]
    # A time alone is the earlier question asked of it, in place of the time of its sort.
    recruits = ["How many new police recruits are planned for February 2020?"]
    assert read_as("and March?", recruits)[0] == "How many new police recruits are planned for March 2020?"
    assert read_as("and in 2021?", recruits)[0] == (
        "How many new police recruits are planned for February 2021?"
    )
    assert read_as("and Q3?", burglaries)[0] == "How many burglaries were there in Q3 2016?"
    # A date's day goes with its month: no '27 February' from '27 November'.
    meeting = ["What's down for the 27 November 2019 panel meeting?"]
    assert read_as("and february 2020?", meeting)[0] == "What's down for the february 2020 panel meeting?"
    # The time that closes the question is swapped, not a count nor the verb 'may'; a span
    # ('since 2019') keeps its word.
    officers = ["How many of the 2000 new officers were recruited in 2019?"]
    assert read_as("and 2020?", officers)[0] == "How many of the 2000 new officers were recruited in 2020?"
    precept = ["What may the precept rise to in February 2020?"]
    assert read_as("and March?", precept)[0] == "What may the precept rise to in March 2020?"
    assert read_as("and since 2019?", officers)[0] == (
        "How many of the 2000 new officers were recruited in 2019 since 2019?"
    )
    # 'when was that?' asks of what the earlier question asked about, not of its topic alone
    chair = ["who took over as chair of the NPAS strategic board in 2021?"]
    assert read_as("when was that?", chair)[0] == "when was that: " + chair[0]
    assert read_as("why was that?", [*chair, "when was that?"])[0] == "why was that: " + chair[0]
    assert (
        read_as("when did it close?", ["what happened to Track my Crime?"])[0]
        == "when did Track my Crime close?"
    )
    # a follow-up of a follow-up is read against the completed earlier one
    chain = ["what happened to Track my Crime?", "when did the Home Office close it?"]
    assert read_as("what replaced it?", chain)[0] == "what replaced Track my Crime?"


@pytest.mark.parametrize(
    ("earlier", "followup", "read"),
    [
        # 'and in Telford?' asks the earlier question of another place, in place of the one it named
        (
            "how many offences against police personnel were there in Herefordshire oct-dec 2015?",
            "and in Telford?",
            "how many offences against police personnel were there in Telford oct-dec 2015?",
        ),
        (
            "How many burglaries were there in North Worcestershire in Q3?",
            "and in Telford & Wrekin?",
            "How many burglaries were there in Telford & Wrekin in Q3?",
        ),
        (
            "What phone number does the report give for Worcestershire County Council?",
            "and for the Worcestershire Hub?",
            "What phone number does the report give for Worcestershire Hub?",
        ),
        # a short month, a quarter, a season or a name after 'the' (a body, a paper) is no place
        (
            "How many offences in Herefordshire in Oct-Dec 2015?",
            "and in Telford?",
            "How many offences in Telford in Oct-Dec 2015?",
        ),
        (
            "What is the budget for the Police and Crime Plan?",
            "and in Telford?",
            "What is the budget for the Police and Crime Plan in Telford?",
        ),
        (
            "How many burglaries were there in Q3 2016?",
            "and in Shropshire?",
            "How many burglaries were there in Q3 2016 in Shropshire?",
        ),
    ],
)
def test_and_in_another_place_swaps_the_place_asked_of(earlier, followup, read):
    assert read_as(followup, [earlier])[0] == read


PLACES = frozenset({"herefordshire", "telford", "shropshire", "worcestershire", "mercia"})


@pytest.mark.parametrize(
    ("earlier", "followup", "read"),
    [
        # A place the papers name asks the earlier question there, typed in any case, alone
        # or with filler, with or without 'and' or 'in'.
        (
            "How many personal robberies were recorded in South Worcestershire in Oct-Dec 2015?",
            "herefordshire same quarter?",
            "How many personal robberies were recorded in Herefordshire in Oct-Dec 2015?",
        ),
        (
            "How many burglaries were recorded across West Mercia in the last quarter of 2015?",
            "shropshire's figure for that?",
            "How many burglaries were recorded across Shropshire in the last quarter of 2015?",
        ),
        (
            "How many robberies were recorded in Shropshire?",
            "and telford?",
            "How many robberies were recorded in Telford?",
        ),
        (
            "How many robberies were recorded in Shropshire?",
            "north worcestershire?",
            "How many robberies were recorded in North Worcestershire?",
        ),
        # The earlier question's place may be its subject; if it named none, the place is added.
        (
            "How much funding did South Worcestershire get in 2021?",
            "And Herefordshire?",
            "How much funding did Herefordshire get in 2021?",
        ),
        (
            "How many robberies were recorded in 2015?",
            "and telford?",
            "How many robberies were recorded in 2015 in Telford?",
        ),
        # Anything else the follow-up says is no place: 'and burglaries?' swaps the topic.
        (
            "How many robberies were recorded in Shropshire?",
            "and burglaries?",
            "How many burglaries were recorded in Shropshire?",
        ),
        ("How many robberies were recorded in Shropshire?", "telford's new police station?", None),
        # Not a place's word inside a longer name, nor somewhere else or another time.
        (
            "How many robberies in Herefordshire were reported to West Mercia Police?",
            "and telford?",
            "How many robberies in Telford were reported to West Mercia Police?",
        ),
        (
            "What did the West Mercia Police and Crime Panel decide?",
            "and telford?",
            "What did the West Mercia Police and Crime Panel decide in Telford?",
        ),
        ("How many robberies were recorded in Shropshire?", "not telford?", "not telford, on robberies?"),
        (
            "How many robberies were recorded in Shropshire?",
            "herefordshire and worcestershire?",
            "herefordshire and worcestershire, on robberies?",
        ),
    ],
)
def test_a_place_the_papers_name_asks_the_earlier_question_there(earlier, followup, read):
    assert read_as(followup, [earlier], PLACES)[0] == (read or followup)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much has the new OCC cost so far?", "amount"),
        ("How many perpetrators were referred to Drive?", "count"),
        ("What percentage of 101 calls were answered?", "percentage"),
        ("When did it go live?", "date"),
        ("Who chairs the Victims' Board?", "person"),
        ("Where was the event held?", "place"),
        ("Did the appeal succeed?", "yesno"),
        ("What was the average time to attend emergency incidents?", "duration"),
        ("Hate crime: up or down on last year, and by how much?", "figure"),
        ("How much did recorded crime rise in 2019?", "figure"),
        ("How much more is the PCC putting into rural crime?", "figure"),
        ("How much of the government's £10m did West Mercia get?", "figure"),
        ("what's the water safety officer post going to cost the PCC", "amount"),
        ("What did the force pay for the Holmer Road site?", "amount"),
        ("How big is the Crown Court backlog?", "figure"),
        ("How big a problem is knife crime?", None),
        ("How much has recorded crime increased since 2019?", "figure"),
        ("How much did the drop-in centre cost?", "amount"),
        ("VAL funding - what's it costing the PCC annually?", "amount"),
        ("How much shoplifting was recorded in rural West Mercia in 2018/19?", "figure"),
        ("How much was spent on the new control centre?", "amount"),
        ("what hours can victims ring the advice line?", "hours"),
        ("What are the front counter's opening hours?", "hours"),
        ("when does the precept consultation open?", "date"),
        ("what time limit applies to complaints?", None),
        ("how much money was reported lost to fraud?", "amount"),
        ("where was the standing committee held?", "place"),
        ("what was the shortfall, short for cash?", None),
        ("What time does the meeting start?", "hours"),
        ("What time period does the report cover?", None),
        ("How many hours were lost to sickness?", "count"),
        ("What is the phone number for the Victim Advice Line?", "phone"),
        ("what's her email?", "email"),
        ("What's the web address of the portal dealers use?", "web"),
        ("How many phone calls were answered?", "count"),
        ("MATES - what does it stand for?", "expansion"),
        ("What are the nine outcomes in the Victims' Charter?", "list"),
        ("What does the 7 point plan on assaults say?", "list"),
        ("Which three Welsh forces does West Mercia border?", "list"),
        ("VMB on 101 calls - what's VMB?", "definition"),
        ("What is the PCC's view?", None),
        ("Which force had the most arrests?", None),
        ("What did the year 3 evaluation of Drive find?", None),
        ("What did the PCC say about email scams?", None),
        ("What did the panel say about police pay?", None),
        ("Why have response times got worse?", None),
        ("What happened to Track my Crime?", None),
        # Asked without the usual words, as users paraphrase.
        ("What was the actual number of 999 calls in Q2?", "count"),
        ("What was the turnout at the conference?", "count"),
        ("what's the subscriber count for We Alert?", "count"),
        ("Did the number of burglaries rise?", "yesno"),
        ("What was spent on the new tablets?", "amount"),
        ("What's Warwickshire being charged for IT services?", "amount"),
        ("what's the pay for the analyst job?", "amount"),
        ("After it was suspended, when did the force rejoin the scheme?", "date"),
        ("When the service was re-tendered, did the incumbent keep it?", "yesno"),
        ("How quickly, on average, did officers reach emergencies?", "duration"),
        ("By early 2020, had the PCC taken over the fire service?", "yesno"),
        ("In 2019, did the PCC approve the precept?", "yesno"),
        ("Why has the number of burglaries fallen?", None),
        ("What did the PCC say about a number of complaints?", None),
        ("What is the number of people charged with knife offences?", "count"),
        ("What hourly rate are special constables paid?", None),
        ("When exactly did the VAL go live?", "date"),
        ("Up or down, and how much?", "amount"),
        ("Which Chief Superintendent leads the department?", "person"),
        ("What's the name of the consultant?", "person"),
        ("What compliance rate did the audit find?", "percentage"),
        ("what's the new go-live date for the OCC?", "date"),
        ("What is the date of the next panel meeting?", "date"),
        ("What is the up-to-date position on the OCC?", None),
        ("What is the spend to date on the OCC?", None),
        ("Until when are the extra rural officers funded?", "date"),
        ("What was body worn video compliance for stop and search in Q2?", "percentage"),
        ("What is the force doing about compliance with the Victims Code?", None),
        ("What is the figure for burglary in 2019?", "figure"),
        ("What rank is West Mercia for confidence?", "figure"),
        ("What figures did the panel see?", None),
        ("What month did Track my Crime close?", "date"),
        ("What is the waiting time for 101?", "duration"),
        ("What was the PCC's position on Spice?", None),
        (clean_question("What’s the new go-live date for the OCC?"), "date"),  # a phone's apostrophe
        # After a topic and a dash, 'when' asks a date; 'what's the … rate' a share.
        ("Something's Not Right campaign - when did it launch in Herefordshire?", "date"),
        ("what's the national average conviction rate in the magistrates' court?", "percentage"),
    ],
)
def test_asked_kind(question, kind):
    assert asked_kind(question) == kind


def test_a_sentence_holds_the_asked_kind_only_with_the_right_value():
    assert holds_kind("amount", "The contract is worth £1.2m a year.")
    assert not holds_kind("amount", "The new OCC build is complete.")
    assert holds_kind("count", "There have been 168 referrals.")
    assert not holds_kind("count", "Commitment 1.2 was updated in 2019.")  # a ref and a year
    assert holds_kind("percentage", "88% of calls were answered.")
    assert holds_kind("duration", "The PCCs funded a six month research project.")  # a number in words
    assert holds_kind("duration", "It took 10.7 minutes on average.")
    assert not holds_kind("duration", "The PCCs funded a research project.")
    assert holds_kind("hours", "Tuesday, 10 September 2019, 11.00 am")
    assert holds_kind("hours", "The line is open 8am to 8pm and online support is 24/7.")
    assert not holds_kind("hours", "Victims can ring the line on 0300 333 3000.")  # no time of day
    assert not holds_kind("hours", "A 1.5 amp fuse; 5 amendments; answered within 24 hours.")
    assert holds_kind("duration", "The five RABO posts have been extended until 31 March 2021.")
    assert not holds_kind("duration", "The posts have been extended until further notice.")
    assert holds_kind("duration", "The initial campaign is scheduled to last a month.")
    assert not holds_kind("duration", "The group meets once a month.")  # how often
    assert not holds_kind("duration", "Officers ran a week of action in May.")  # which week
    assert holds_kind("date", "It will be two more quarters until the results are fully reliable.")
    assert holds_kind("date", "The strategy will be refreshed next year.")
    assert not holds_kind("date", "There were two more arrests.")
    assert holds_kind("phone", "Victims can ring the line on 0300 333 3000.")
    assert not holds_kind("phone", "In 2019 there were 1,539 offences.")
    assert holds_kind("email", "Email: sjones19@worcestershire.gov.uk")
    assert not holds_kind("email", "Tel: 01905 844871")
    assert holds_kind("web", "Dealers log sales at www.wedontbuycrime.co.uk.")
    assert holds_kind(None, "Anything at all.")


def test_named_things_and_their_share():
    things = named_things("How much cash was seized in Operation Venetic by the PCC?")
    assert things == ["Operation Venetic"]  # the first word and 'PCC' are no names
    assert named_things("How many were killed on West Mercia's roads?") == []  # possessive or not
    assert named_share(things, "Operation Venetic found cash.") == 1.0
    assert named_share(things, "Operation Falcon found cash.") == 0.0  # 'venet' is missing
    # After its first use a paper writes a name by its initials.
    assert named_share(["Victim Advice Line"], "The VAL has contacted 2091 victims.") == 1.0
    assert named_share(["Victim Advice Line"], "The val has contacted 2091 victims.") == 0.0
    assert named_share(["Track my Crime"], "TMC closed in August.") == 1.0  # its small words too
    assert named_share(["Citizens Advice"], "Funding for CA engagement.") == 0.0  # two letters are shared
    assert named_share(["PCSOs"], "One PCSO joined.") == 1.0  # a plural acronym is the acronym


def test_boilerplate_headings_and_fragments_are_no_answer_lines():
    quotes = {
        q.text: q
        for q in sentences(
            "The purpose of this report is to provide an update.\nCase Study 2.\n"
            "track' proposal to instigate a pilot.\nTrack my Crime\n"
            "Track my Crime closed on 1 August 2019.\n- Hate Crime – All victims are contacted by telephone\n"
            "- Burglary"
        )
    }
    good = [text for text, quote in quotes.items() if is_answer_line(quote)]
    # A list item is whole without a full stop; a bare one ('- Burglary') is a heading.
    assert good == [
        "Track my Crime closed on 1 August 2019.",
        "- Hate Crime – All victims are contacted by telephone",
    ]


def test_a_table_rows_page_number_is_not_quoted():
    row = "Missing Persons Reports | Quarter unless exceptional | Increased volumes on previous month | 33"
    assert [q.text for q in sentences(row)] == [row.removesuffix(" | 33")]
    assert [q.text for q in sentences("Specials | Recruited | 58")] == ["Specials | Recruited | 58"]


def test_a_line_giving_no_figure_is_no_answer_line_for_a_figure():
    hits = [
        hit(chunk(1, "In Q2 there were 125 referrals made to Drive.")),
        hit(chunk(2, "Factors such as driving while distracted add to the challenges.")),
        hit(chunk(3, "Of these, 103 have been referred onto Drive.")),
    ]
    question = "How many referrals were made to Drive?"
    reading = Reading(question, question, frozenset({"drive"}), kind="count")
    assert [h.chunk.id for _, quoted in answer_lines(hits, reading) for h in quoted] == ["c1", "c3"]
    # An open question takes any line on its topic.
    open_reading = Reading("What is Drive?", "What is Drive?", frozenset({"drive"}))
    assert len(answer_lines(hits, open_reading)) == 3


def test_a_table_row_is_a_whole_line_and_found_one_is_an_answer_line_however_short():
    row = "Mr Peter Whatley | Substantive Member - Malvern Hills District Council"
    hits = [hit(chunk(1, f"Membership:\n{row}"))]
    question = "Which council does Peter Whatley represent?"
    reading = Reading(question, question, frozenset(terms("Peter Whatley")))
    assert [quote.text for quote, _ in answer_lines(hits, reading)] == [row]
    short = [hit(chunk(1, "Specials | 58"))]
    specials = Reading("How many Specials?", "How many Specials?", frozenset({"special"}))
    assert answer_lines(short, specials) == []
    assert [q.text for q, _ in answer_lines(short, specials, {"c1": "Specials | 58"})] == ["Specials | 58"]


def test_a_line_without_a_full_stop_is_whole_unless_it_closes_the_passage():
    """'… a waiting-list for the next vacancies' ends its line in the paper; only a
    passage's last line may have been cut by a split."""
    text = (
        "Sixteen new PCSOs started and 41 candidates are on a waiting-list for the next vacancies\n"
        "The PCC was less worried about 101 performance than about the 999 response"
    )
    assert [q.text for q in sentences(text) if is_answer_line(q)] == [text.splitlines()[0]]
    # A line the next carries on in lower case is half a sentence, cut by a page break.
    cut = "The force should not fund the two posts after March\nunless the Home Office grant is renewed."
    assert [q.text for q in sentences(cut) if is_answer_line(q)] == []


def test_a_sentence_under_a_heading_naming_the_whole_topic_carries_it():
    """'One formal response was received' names no strategy; its heading does."""
    passage = chunk(1, "One formal response was received during the consultation period.")
    headed = hit(replace(passage, context="Serious and Organised Crime Strategy – Consultation Report"))
    question = "How many responses did the serious and organised crime strategy consultation get?"
    reading = Reading(question, question, frozenset(terms("serious and organised crime strategy")))
    assert [q.text for q, _ in answer_lines([headed], reading)] == [passage.text]
    # Unheaded, or headed by part of the topic only, it does not.
    assert answer_lines([hit(passage)], reading) == []
    partly = hit(replace(passage, context="Crime Strategy"))
    assert answer_lines([partly], reading) == []
    # Nor does a line saying nothing else asked ('response', 'consultation').
    other = hit(replace(headed.chunk, text="It has four strands and three aims."))
    assert answer_lines([other], reading) == []


def test_only_quoted_passages_are_cited_and_the_rest_is_related():
    hits = [
        hit(chunk(1, "Track my Crime closed on 1 August 2019.")),
        hit(chunk(2, "Monitoring is on track.")),  # no topic term: not an answer line
        hit(chunk(3, "Track my Crime was replaced by Single Online Home in 2019.")),
    ]
    reading = Reading(
        "what happened to Track my Crime?", "what happened to Track my Crime?", frozenset({"crime"})
    )
    lines = answer_lines(hits, reading)
    assert [h.chunk.id for _, quoted in lines for h in quoted] == ["c1", "c3"]
    answer = compose(reading, hits, [], "answered")
    assert [c.hit.chunk.id for c in answer.citations] == ["c1", "c3"]
    assert [c.n for c in answer.citations] == [1, 2]
    assert [(c.n, c.hit.chunk.id) for c in answer.related] == [(3, "c2")]
    assert answer.text.splitlines() == [
        "Track my Crime closed on 1 August 2019. [1]",
        "Track my Crime was replaced by Single Online Home in 2019. [2]",
    ]


def test_the_calibrated_decision_is_the_gate_then_the_model():
    import numpy as np

    from eval.calibrate import Dataset, answered

    # One feature; the model answers when it is 1 (weights 10, bias -5, threshold 0.5).
    data = Dataset(
        x=np.array([[1.0], [1.0], [0.0], [0.0], [1.0]]),
        y=np.array([1, 0, 1, 0, 1]),
        origin=["gold"] * 5,
        by_gate_alone=np.array([False, False, True, True, False]),
        gate_passed=np.array([True, False, True, False, True]),
    )
    # Row 2: a figure found by its gate is answered whatever the model says; row 1: a name
    # whose gate failed is refused whatever the model says.
    assert answered(data, np.array([10.0]), -5.0, 0.5).tolist() == [True, False, True, False, True]
    assert data.modelled.tolist() == [True, False, False, False, True]


def test_the_sentence_giving_the_asked_figure_is_quoted_first():
    hits = [
        hit(chunk(1, "Drive referrals are monitored closely by the panel.")),
        hit(chunk(2, "Drive is funded by the PCC. Key figures: 125 referrals made to Drive in Q2.")),
    ]
    question = "How many referrals were made to Drive?"
    reading = Reading(question, question, frozenset({"drive"}), kind="count")
    answer = compose(
        reading, hits, [], "answered", answering={"c2": "Key figures: 125 referrals made to Drive in Q2."}
    )
    assert answer.text.splitlines()[0] == "Key figures: 125 referrals made to Drive in Q2. [1]"
    assert [c.hit.chunk.id for c in answer.citations][0] == "c2"


def test_the_answering_sentence_is_quoted_from_the_sentence_naming_its_topic():
    # Only the passage names the topic; the gate read it so, and the answer must cite it.
    checks = "Over the two nights 105 checks were conducted."
    question = "How many checks did Op Vulture involve?"
    reading = Reading(question, question, frozenset({"vultur"}), kind="count")

    def answered(*texts: str) -> Answer:
        hits = [hit(chunk(n, text)) for n, text in enumerate(texts)]
        return compose(reading, hits, [], "answered", answering={f"c{len(texts) - 1}": checks})

    vulture = f"35. Op Vulture to target criminality. Op Vulture ran over two nights. Staff came. {checks}"
    answer = answered("Vulture checks are planned by local teams.", vulture)
    assert answer.text.splitlines()[0] == f"Op Vulture ran over two nights. Staff came. {checks} [1]"
    assert answer.citations[0].hit.chunk.id == "c1"
    # From the copy of the topic sentence nearest the answer only, and never across a line.
    assert answered(f"Op Vulture ran.\nOp Vulture ran. {checks}").text == f"Op Vulture ran. {checks} [1]"
    assert answered(f"Op Vulture ran.\n{checks}").text == f"{checks} [1]"
    # Further back than TOPIC_REACH sentences, the answering sentence is quoted alone.
    assert answered(f"Op Vulture ran. It was busy. Staff came. {checks}").text == f"{checks} [1]"


def test_a_non_answer_cites_nothing_and_lists_the_nearest_as_related():
    hits = [hit(chunk(1, "The new OCC build is complete."))]
    reading = Reading("q", "How much did the new OCC cost?", frozenset({"occ"}), kind="amount")
    answer = compose(reading, hits, [], "not_stated", "the cost")
    assert answer.abstained and answer.outcome == "not_stated" and not answer.citations
    assert answer.text == "The papers discuss the new OCC but do not give the cost."
    assert answer.missing == "the cost" and [c.n for c in answer.related] == [1]


def test_a_not_stated_answer_reads_as_english():
    from retrieval.judge import not_stated_text

    question = "Which company runs the PCC's public confidence survey?"
    assert (
        not_stated_text("PCC's public confidence survey", "which organisation", question)
        == "The papers discuss the PCC's public confidence survey but do not say which organisation."
    )
    assert not_stated_text("", "how much") == "The papers discuss this topic but do not say how much."


def test_timeline_has_one_entry_per_paper_latest_first():
    hits = [
        hit(chunk(1, "Drive went live.", "old.txt", month=3)),
        hit(chunk(2, "Drive had 168 referrals.", "new.txt", month=9)),
        hit(chunk(3, "Drive is working well.", "new.txt", month=9, title="Minutes")),
        hit(chunk(4, "Drive had 170 referrals.", "new.txt", month=9, title="Report")),
    ]
    entries = build_timeline(hits, 10)
    assert [e.hits[0].chunk.source for e in entries] == ["new.txt", "old.txt"]
    # two items of the newer paper (report and minutes), a second report passage dropped
    assert [h.chunk.id for h in entries[0].hits] == ["c2", "c3"]


def test_a_paper_repeating_an_earlier_ones_words_keeps_its_entry():
    # The same table row in two papers: both report on the topic, so neither is silent.
    row = "Joint Audit and Standards Committee: a combined committee."
    hits = [
        hit(chunk(1, row, "new.txt", month=9)),
        hit(chunk(2, row, "old.txt", month=3)),
        hit(chunk(3, row, "new.txt", month=9, title="B")),
    ]
    entries = build_timeline(hits, 10)
    assert [e.hits[0].chunk.source for e in entries] == ["new.txt", "old.txt"]
    assert [len(e.hits) for e in entries] == [1, 1]  # a paper's second passage may not repeat


def test_logistic_fit_separates_and_threshold_keeps_positives():
    # one feature: positives at 1, negatives at 0; the fit must put them apart
    x = [[1.0]] * 10 + [[0.0]] * 10
    y = [1] * 10 + [0] * 10
    import numpy as np

    weights, bias = fit_logistic(np.array(x), np.array(y))
    assert probability([1.0], list(weights), bias) > 0.8 > 0.2 > probability([0.0], list(weights), bias)
    scores = np.array([0.9] * 10 + [0.1] * 10)
    assert choose_threshold(scores, np.array(y)) == 0.9  # refuses no positive, every negative


def test_a_followup_carries_the_topic_not_the_dates_or_the_force_area():
    from retrieval.followup import read_as

    earlier = (
        "How many stop searches were carried out in West Mercia between October 2018 and September 2019?"
    )
    assert read_as("What was the main reason for them?", [earlier])[0] == (
        "What was the main reason for stop searches?"
    )
    calls = "What percentage of 999 calls were answered within 10 seconds in July 2021?"
    assert read_as("And what about 101 calls?", [calls])[0] == (
        "What percentage of 101 calls were answered within 10 seconds in July 2021?"
    )


def test_a_name_must_be_said_as_written_not_only_share_a_stem():
    # 'Mars' and 'Mar' stem alike; a name is matched word for word.
    assert named_share(["Mars"], "Figures to Mar 2020.") == 0.0
    assert named_share(["Mars"], "A base on Mars.") == 1.0
    assert named_share(["Women's Aid"], "funding to Women's Aid for IDVAs") == 1.0


def test_an_answer_says_read_as_only_when_the_question_was_read_differently():
    def answer(question: str, understood: str) -> Answer:
        return Answer(question, "", (), (), False, read_as=understood)

    assert answer("when did they close it?", "when did they close Track my Crime?").reread
    # Casing a lower-case question is no different reading; nor is an empty one.
    assert not answer("has the icv pool grown?", "has the ICV pool grown?").reread
    assert not answer("has the icv pool grown?", "").reread


def test_a_topic_is_held_by_one_passage_not_pieced_together(tmp_path):
    write_build(tmp_path, iter(CHUNKS), VECTORS, THREADS, {"model": "all-MiniLM-L6-v2"})
    index = load(tmp_path)
    cadets, rural = (Hit(index.chunks[n], 1.0, 1.0, 1.0, "dense") for n in (0, 2))
    # 'cadet' is in two of the four passages, 'rural' in one: idf log(5/2.5) and log(5/1.5).
    cadet_weight, rural_weight = math.log(2), math.log(5 / 1.5)
    topic = ["cadet", "rural"]
    assert term_coverage(index, topic, [cadets, rural]) == 1.0
    assert topic_held(index, topic, [cadets, rural]) == pytest.approx(
        rural_weight / (cadet_weight + rural_weight)
    )
    # A one-word name counts only where it is written, as 'Mars' is not 'Mar' (March):
    # 'Rurals' stems to 'rural' but 'Rural crime team expanded' does not say it.
    assert topic_held(index, ["rural"], [rural], names=["Rurals"]) == 0.0
    assert topic_held(index, ["rural"], [rural], names=["Rural"]) == 1.0


def test_a_passage_holds_the_words_its_acronyms_stand_for():
    question = "how many people had more than 20 days of unallocated rest days in lieu?"
    assert spelled_by_initials(question, "36 individuals with 20 days unallocated RDIL.") == set(
        terms("rest days lieu")
    )
    assert spelled_by_initials("how many organised crime groups?", "42 mapped OCGs") == set(
        terms("organised crime groups")
    )
    assert spelled_by_initials("anti-social behaviour incidents", "3,400 ASB incidents") == set(
        terms("anti social behaviour")
    )
    # Initials in order, from one word on, only small words skipped.
    assert spelled_by_initials("the police and crime plan", "The PCC said.") == set()
    assert spelled_by_initials("groups of organised crime", "42 OCGs") == set()
    # A heading in capitals is no acronym of small words: 'AND' spells no 'a new data'.
    assert spelled_by_initials("police overtime and new data?", "WEST MERCIA POLICE AND CRIME PANEL") == set()


def test_a_passage_spells_out_the_questions_acronyms_in_capitalised_words():
    board = (
        "The RPO continues to support the PCC in his role on the National Police Air Service Strategic Board."
    )
    assert acronyms_spelled_out("who chairs the NPAS board?", board) == {"npas"}
    assert acronyms_spelled_out("who chairs the NPAS board?", "New police are saying so.") == set()
    assert acronyms_spelled_out("what does VAL stand for?", "VAL Activities: the VAL calls victims.") == set()
    assert acronyms_spelled_out("Is the Office of the PCC busy?", "the Police and Crime Commissioner") == {
        "pcc"
    }


def test_a_word_before_a_span_of_time_a_verb_of_coming_and_i_are_no_topic():
    assert topic_of("On a normal month how many robberies does West Mercia get?") == "robberies"
    assert topic_of("how many comments came in during the stream?") == "comments"
    assert topic_of("Who should I contact for a copy of the panel agenda?") == "panel agenda"


def test_false_silence_is_a_reporting_paper_said_to_say_nothing():
    from eval.answers import says_silent

    labels = {"a.txt": "Report A (meeting 1 Jan 2020)", "b.txt": "Report B"}
    answer = Answer("q", "", (), (), False, silent=("Report B",))
    assert says_silent(answer, {"b.txt": "a quote"}, labels)
    assert not says_silent(answer, {"a.txt": "a quote"}, labels)
    assert not says_silent(Answer("q", "", (), (), False), {"b.txt": "a quote"}, labels)


def test_a_paper_without_a_meeting_date_is_said_so_once_not_on_every_citation():
    from dataclasses import replace

    from app.ui import citation_line, export_markdown, timeline_label
    from retrieval.present import answer_markdown, where
    from retrieval.query import Filters

    # Two passages of an extract that states no meeting (both cited or related), one dated.
    extract = [
        replace(chunk(n, f"Drive had {n}00 referrals.", "x.txt", month=9, title=t), meeting_date=None)
        for n, t in ((1, "Extract"), (2, "Extract part 2"))
    ]
    dated = chunk(3, "Drive had 50 referrals.", "old.txt", month=3)
    hits = [hit(extract[0]), hit(extract[1]), hit(dated)]
    reading = Reading("Drive referrals over time", "Drive referrals over time", frozenset({"drive"}))
    answer = compose(reading, hits, build_timeline(hits, 10), "answered")
    # The undated paper's lines give the period it reports on; the dated one its meeting.
    assert answer.text.splitlines()[0] == "Jul–Sep 2019: Drive had 100 referrals. [1]"
    assert "Jan–Mar 2019 (meeting 5 Apr 2019): Drive had 50 referrals." in answer.text
    assert "not stated" not in answer.text
    assert answer.notes == ("Meeting date not stated for: Extract, reporting on Jul–Sep 2019.",)
    assert where(extract[0]) == "Extract, reporting on Jul–Sep 2019, page 1, x.txt"
    assert "not stated" not in citation_line(answer.citations[0])
    assert timeline_label("Jul–Sep 2019", answer.citations[0]) == "Jul–Sep 2019"
    assert "meeting 5 Apr 2019" in timeline_label("Jan–Mar 2019", answer.citations[1])
    for text in (answer_markdown(answer), export_markdown(answer, Filters(), ())):
        assert text.count("Meeting date not stated") == 1, text


def test_earlier_questions_a_standalone_question_did_not_use_are_said_unused():
    from app.ui import read_with
    from retrieval.query import Filters

    assert read_with(Filters(), ()) == "Read with filters: none. Earlier questions: none."
    followed = read_with(Filters(), ("what happened to Track my Crime?",), reread=True)
    assert followed.endswith("Earlier questions: 'what happened to Track my Crime?'.")
    alone = read_with(Filters(), ("what happened to Track my Crime?",), reread=False)
    assert alone.endswith("'what happened to Track my Crime?' (not used: the question stands alone).")


def test_a_source_says_which_asked_ref_a_renumbered_row_carries_on():
    from dataclasses import replace

    from retrieval.answer import Citation, Quote
    from retrieval.present import cited_where

    row = replace(chunk(1, "Building of a new OCC", "2021.txt", month=9, title="Extract"), ref="C6")
    quote = Quote("Building of a new OCC", "Supporting activity")
    carried = Citation(1, replace(hit(row), continues="3.4"), quote)
    assert "ref C6 (Supporting activity), continuing 3.4, " in cited_where(carried)
    assert "continuing" not in cited_where(Citation(1, hit(row), quote))


def test_a_row_two_pointers_refer_to_is_cited_once():
    from dataclasses import replace as with_field

    from retrieval.timeline import TimelineEntry

    target = hit(chunk(9, "Members of the public can now report crimes online."))
    rows = [
        with_field(hit(chunk(n, "Refer to 1.2 for the public's online reporting.")), referred=(target,))
        for n in (1, 2)
    ]
    entries = [TimelineEntry(f"Q{n}", date(2019, 3, 28), (row,)) for n, row in enumerate(rows, 1)]
    reading = Reading("how has 4.2 progressed?", "how has 4.2 progressed?", frozenset(terms("online")))
    answer = compose(reading, rows, entries, "answered")
    # The second pointer cites 1.2's row by the number it was given first, and its entry
    # lists that number, so the chat shows it too.
    assert [c.hit.chunk.id for c in answer.citations] == ["c1", "c9", "c2"]
    assert answer.timeline == (("Q1", (1, 2)), ("Q2", (3, 2)))


def test_a_figure_is_answered_only_in_a_passage_naming_its_topics_rarest_word(tmp_path):
    """'How many people came to the PCC's new surgery events?' is not answered by 'Over 200
    people attended a White Ribbon Day event': that passage has 'PCC' and 'event', not the
    rarest word 'surgery'. A neighbouring passage may name it (a split paragraph)."""
    write_build(tmp_path, iter(CHUNKS), VECTORS, THREADS, {"model": "all-MiniLM-L6-v2"})
    index = load(tmp_path)
    asked = read_asked("How many rural cadets were recruited?", "count", frozenset({"cadet", "rural"}))
    # 'rural' is in one passage, 'cadet' in two: 'rural' is the rarest.
    first, second, third, other = (Hit(c, 1.0, 1.0, 1.0, "bm25") for c in index.chunks)
    asked_question = "How many rural cadets?"
    assert names_rarest(index, asked, asked_question, third)
    assert names_rarest(index, asked, asked_question, second)  # its next passage says it
    assert not names_rarest(index, asked, asked_question, first)
    assert not names_rarest(index, asked, asked_question, other)
    # A word no paper uses is the user's own: the rarest of the papers' words counts.
    unheard = read_asked("How many rural youth cadets?", "count", frozenset({"cadet", "rural", "zzyouth"}))
    assert names_rarest(index, unheard, asked_question, third)
    drive = "Drive. There have been 168 referrals of high risk DA perpetrators into the DAPP."
    question = "How many referrals were made to Drive?"
    asked = read_asked(question, asked_kind(question), frozenset({"drive"}))
    assert answering(asked, [drive], question, names_rarest=[True])
    assert not answering(asked, [drive], question, names_rarest=[False])
    # So is a name.
    survey = "Public confidence survey. The survey is run by Ipsos MORI for the PCC."
    question = "Which company runs the public confidence survey?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("public confidence survey")))
    assert answering(asked, [survey], question, names_rarest=[True])
    assert not answering(asked, [survey], question, names_rarest=[False])
