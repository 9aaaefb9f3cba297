"""The gates of retrieval.gates on one-sentence fakes whose answers can be read off."""

import pytest

from panelqa.text import date_terms, terms, years_named
from retrieval.asked import NAME_CLASSES, asked_objects, read_asked
from retrieval.gates import answering, lower_case_counts
from retrieval.judge import KIND_WORDS
from retrieval.kinds import VALUE_KINDS, asked_kind, first_ask
from retrieval.verbs import verb_forms
from retrieval.wording import same_things

DRIVE = "Drive update. Key statistics from Q2 data are; 125 referrals made to Drive, 98 current open cases."


def gate(question: str, topic: str, texts: list[str]) -> bool:
    """Whether the question's gate finds an answering sentence in `texts`."""
    asked = read_asked(question, asked_kind(question), frozenset(terms(topic)))
    return bool(answering(asked, texts, question))


def test_a_count_stands_before_its_noun():
    assert gate("How many referrals were made to Drive?", "Drive", [DRIVE])
    # The passage's numbers count referrals and cases, never sheep.
    assert not gate("How many sheep were referred to Drive?", "Drive", [DRIVE])
    # So does 'the number of …'.
    assert gate("What was the number of referrals made to Drive?", "Drive", [DRIVE])
    assert not gate("What was the number of sheep referred to Drive?", "Drive", [DRIVE])
    # A figure in the counted phrase must be there: '101 calls' does not count '999 calls'.
    calls = "Call handling. 101 calls were answered within 30 seconds."
    assert not gate("How many 999 calls did the force receive?", "call handling", [calls])
    # Another figure between the number and the noun breaks the binding.
    assert not gate("How many sheep were stolen?", "sheep", ["Rural theft 2 34. Theft of sheep, cattle."])
    # The counted noun may follow a few words on: '168 referrals of high risk DA perpetrators'.
    dapp = "Drive. There have been 168 referrals of high risk DA perpetrators into the DAPP."
    assert gate("How many high risk perpetrators were referred?", "Drive", [dapp])
    # A long phrase by its first words: '82 county lines' for 'county lines drug networks'.
    lines = "SOC. There are an estimated 82 county lines currently impacting West Mercia."
    assert gate("How many county lines drug networks operate here?", "SOC", [lines])
    assert not gate("How many drug networks operate here?", "SOC", [lines])
    # 'What target …' asks for a figure beside the word target, not any figure.
    rolling = "Victim satisfaction. The rolling 12 month average shows an improvement."
    assert not gate(
        "What target did the force set for improving victim satisfaction?", "victim satisfaction", [rolling]
    )
    climb = "CLIMB. CLIMB had a target of 87 referrals per quarter."
    assert gate("What target was set for CLIMB referrals?", "CLIMB", [climb])


def test_a_count_qualified_otherwise_than_asked_is_another_count():
    crimes = "Rural crime. There were only 635 shoplifting offences recorded in rural areas."
    assert not gate("How many knife crime offences were recorded?", "rural crime", [crimes])
    assert gate("How many shoplifting offences were recorded?", "rural crime", [crimes])
    # A word the question does not qualify the count by, or a new one, is as asked.
    assert gate("How many offences were recorded in rural areas?", "rural crime", [crimes])
    packs = "We Don't Buy Crime. There has been 1813 SmartWater (SW) packs purchased."
    assert gate("How many SmartWater packs were bought?", "We Don't Buy Crime", [packs])
    recruits = "Recruitment. There were 331 new police recruit applications."
    assert gate("How many police recruit applications came in?", "recruitment", [recruits])
    # A qualifier may be written by its initials or in the papers' words.
    asb = "ASB. There were 3,400 ASB incidents reported."
    assert gate("How many anti social behaviour incidents were reported?", "ASB", [asb])
    rural = "Rural crime. There were 410 countryside crimes recorded."
    assert gate("How many rural crimes were recorded?", "rural crime", [rural])
    # 'the total number of full time officers today to 2152'.
    total = "Uplift. Officers recruited, bringing the total number of full time officers today to 2152."
    assert gate("How many full time officers are there in total?", "uplift", [total])


def test_a_value_needs_what_is_asked_about_beside_it():
    money = "Women's Aid. The PCC has released an additional £80,000 per annum to Women's Aid."
    assert gate("How much has the PCC released to Women's Aid per annum?", "Women's Aid", [money])
    # The topic is there, the contract asked about is not.
    assert not gate("How much is the Women's Aid contract for hospitals worth?", "Women's Aid", [money])
    # 'This is costing West Mercia …': what it costs is in the sentence before.
    cost = "Warwickshire. The alliance failed to realise savings. This is costing West Mercia £6m per annum."
    assert gate("How much is the failure to realise savings costing?", "Warwickshire", [cost])


def test_people_are_counted_by_any_noun_for_people():
    event = "Cyber training. The event in Hereford attracted over 30 delegates and 4 speakers."
    assert gate("How many people turned up to the cyber training event?", "cyber training", [event])
    # The other way round does not hold: 'delegates' asks for delegates, not any people.
    crowd = "Cyber training. The event in Hereford attracted over 30 people."
    assert not gate("How many speakers came to the cyber training event?", "cyber training", [crowd])
    # A noun for no person counts no people.
    laptops = "Cyber training. 30 laptops were given."
    assert not gate("How many people came to the event?", "cyber training", [laptops])
    # One person is no headcount, nor are the people the question names in another role.
    survey = "Victim Support. One victim of crime has stated they received a good service."
    assert not gate("How many people did Victim Support contact?", "Victim Support", [survey])
    asked = "How many people were victims more than once?"
    assert not gate(asked, "repeat victims", ["Repeat victims. 40 victims were seen in the quarter."])
    assert gate(asked, "repeat victims", ["Repeat victims. 11 individuals were a victim more than once."])


def test_list_markers_and_labels_are_no_counts():
    steps = "Ambassadors. (1) Plan the scheme (2) Recruit ambassadors (3) Report back."
    assert not gate("How many ambassadors does the PCC have?", "ambassadors", [steps])
    minute = "Complaints. Minute 304 Complaints Annual Report."
    assert not gate("How many complaints were made?", "complaints annual", [minute])
    assert gate("How many complaints were made?", "complaints", ["Complaints. 304 complaints were made."])


def test_a_value_names_the_topic_not_only_its_passage():
    fund = "A449 cameras. Road schemes were approved in May. A £30k fund is available to each area."
    assert not gate("How much funding was granted for the A449 cameras?", "A449 cameras", [fund])
    # The topic in the sentence before is enough ('This is costing …').
    cameras = "The A449 average speed cameras were approved. They cost £90k."
    assert gate("How much did the A449 cameras cost?", "A449 cameras", [cameras])


def test_a_question_naming_a_year_is_answered_for_that_year():
    # A financial year is named by its first year: '2018-19' is not '2019-20'.
    assert years_named("complaints in 2019-20 and 18/19") == {2018, 2019}
    assert years_named("2019/2020 and 2021, not 1,234") == {2019, 2021}
    recorded = "Complaints. During 2018-19, four complaints were recorded."
    assert not gate("How many complaints were recorded in 2019-20?", "complaints", [recorded])
    assert gate("How many complaints were recorded in 2018/19?", "complaints", [recorded])
    # A sentence naming no year speaks for its passage's period and meeting.
    undated = "Hate crime. Satisfaction of hate crime victims is currently 81.1%."
    question = "What was the satisfaction rate of hate crime victims in December 2019?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("hate crime victims")))
    assert not answering(asked, [undated], question, [frozenset({2015, 2016})])
    assert answering(asked, [undated], question, [frozenset({2019, 2020})])


def test_an_open_question_has_no_gate():
    question = "What happened to Track my Crime?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("Track my Crime")))
    assert asked.kind is None and answering(asked, ["No figures here."], question) == []


@pytest.mark.parametrize(
    ("question", "kind", "verb"),
    [
        ("Did the fire authorities win their appeal?", "outcome", "win"),
        ("Was Spice eventually reclassified as a Class A drug?", "outcome", "reclassified"),
        ("Does West Mercia Police use facial recognition?", "outcome", "use"),
        ("Did the panel discuss knife crime?", None, None),  # whether it was said: no verb looked for
        ("Is the government doing anything to help with the Victims' Code?", None, None),  # or done
        ("Which company runs the survey?", "organisation", "runs"),
        ("In which towns were the PCC's Rural Focus events held?", "place", "held"),
        ("Who chairs the Victims' Board?", "person", "chairs"),
        ("Who are the new Assistant PCCs?", "person", None),
        ("What did the evaluation find?", "finding", "found"),
        ("Tell me what HMICFRS found in its report on cyber crime.", "finding", "findings"),
        ("What weapons were found during the knife amnesty?", None, None),
        ("What has the review concluded?", "finding", "conclusion"),
        ("Which three Welsh forces does West Mercia border?", "list", None),
        # A relative clause holds no asked verb.
        ("Did the cyber bid, which included Getsafe Online, succeed?", "outcome", "succeed"),
        ("Which two police forces are bidding to host it?", "force", "bidding"),
        # A word or two may say which of them: 'private companies' are companies.
        ("Which private companies sit on the SOCJAGs?", "organisation", "sit"),
        ("What is the company called?", None, None),
        ("What happened to town centres?", None, None),  # 'happened to' says which of none
        ("Which university was brought in to evaluate it?", "university", "brought"),
        ("What savings did the budgeting exercise come up with?", "amount", None),
        # 'going to look at' asks of 'look at', as the papers write it ('review').
        ("Is the task group going to look at the budget?", "outcome", "review"),
        ("Is West Mercia going to join the scheme?", "outcome", "join"),
        ("Is the strategy going to be published?", "outcome", "published"),
        # 'Which <noun> …' asks one of that class, with the verb straight after it if any.
        ("Which TV programme aired in June 2019?", "named", "aired"),
        ("Which of the bids succeeded?", None, None),  # 'of' is no class
        ("Which complaint category came next?", "named", "came"),  # the class ends at a past verb
        ("Which method did the Alliance use?", "named", "use"),
        ("Which inspections did the PCC or his staff get?", "named", None),  # no named subject
    ],
)
def test_what_a_question_asks_for(question, kind, verb):
    asked = read_asked(question, asked_kind(question), frozenset())
    assert asked.kind == kind
    assert (verb in asked.verb_forms) if verb else not asked.verb_forms


def test_verb_forms_cover_the_past_and_the_irregular():
    assert {"approve", "approved", "approves", "approving"} <= verb_forms("approve")
    assert {"discuss", "discussed"} <= verb_forms("discussed")
    assert {"win", "won"} <= verb_forms("win") and "win" in verb_forms("won")
    assert {"reclassify", "reclassified"} <= verb_forms("reclassified")
    assert {"hit", "hits"} <= verb_forms("hitting") and {"plan", "planning"} <= verb_forms("planned")


@pytest.mark.parametrize(
    ("question", "topic", "mentions", "answers"),
    [
        # An outcome is done, not wished.
        (
            "Was Spice reclassified as a Class A drug?",
            "Spice",
            "Spice. The PCC is calling for Spice to be reclassified as a Class A drug.",
            "Spice. Spice was reclassified as a Class A drug in May.",
        ),
        # A name of the asked shape, not one the question already says.
        (
            "Which company runs the public confidence survey?",
            "public confidence survey",
            "Public confidence survey. The survey is run quarterly for the PCC.",
            "Public confidence survey. The survey is run by Ipsos MORI for the PCC.",
        ),
        # 'Who are the new …?' asks for a person's name, not a role.
        (
            "Who are the new Assistant PCCs?",
            "Assistant PCCs",
            "Assistant PCCs. The Assistant PCCs replace the Community Ambassadors in each community.",
            "Assistant PCCs. The Assistant PCCs are Mr John Smith and Mrs Jane Doe.",
        ),
        # An acronym of the question's own name is no answer to 'who'.
        (
            "Who carried out the PCC's review of Integrated Offender Management?",
            "Integrated Offender Management",
            "IOM. The PCC commissioned a review into Integrated Offender Management (IOM).",
            "IOM. The review of Integrated Offender Management was carried out by Dr Jane Smith.",
        ),
        # A finding is said of the topic.
        (
            "What did the Bristol University evaluation of Drive find?",
            "Drive",
            "Drive evaluation. Bristol University is evaluating Drive over three years.",
            "Drive evaluation. The evaluation found a reduction in abuse among Drive service users.",
        ),
        # A word opening a clause after a colon is no name.
        (
            "Which firm won the contract for the complaint reviews?",
            "complaint reviews",
            "Complaint reviews. Progress update: Procurement is complete and the contract won.",
            "Complaint reviews. The contract was won by Capita Reviews Ltd.",
        ),
        # What is asked about must be said outside the name ('Independent Office …').
        (
            "Which firm won the independent element of the complaint reviews?",
            "complaint reviews",
            "Complaint reviews. Two were referred to the Independent Office for Police Conduct.",
            "Complaint reviews. The independent element went to Capita Reviews Ltd.",
        ),
        # Places and bodies are no person's name.
        (
            "Who is the superintendent for rural crime?",
            "rural crime",
            "Rural crime. Rural crime is led across West Midlands by the Risk Markers team.",
            "Rural crime. Rural crime is led by Superintendent Smith.",
        ),
        # Somebody must do the asked thing: 'a consultant appointed by the PCC' names nobody.
        (
            "Who was appointed as the sexual violence lead?",
            "sexual violence lead",
            "Sexual violence lead. A consultant appointed by the PCC is working with partners.",
            "Sexual violence lead. Jane Harper was appointed as the sexual violence lead.",
        ),
        # How it turned out answers whatever verb was asked ('win' / 'was dismissed').
        (
            "Did the fire authorities win their appeal?",
            "fire authorities appeal",
            "Fire governance. The fire authorities lodged an appeal in June.",
            "Fire governance. The fire authorities' appeal was dismissed in June.",
        ),
        # A decision is no finding: what was agreed does not say what was concluded.
        (
            "What did the Budget Task Group conclude about the precept?",
            "Budget Task Group",
            "Budget Task Group. The Panel agreed that the Budget Task Group would meet in October.",
            "Budget Task Group. The Budget Task Group concluded that the precept was fair.",
        ),
        # The acronym of the question's own name is nobody doing it.
        (
            "Who was recruited as the Independent Custody Visitor coordinator?",
            "Independent Custody Visitor coordinator",
            "Independent Custody Visitors. Subject to vetting a new ICV coordinator has been recruited.",
            "Independent Custody Visitors. The PCC has recruited Jane Harper as coordinator.",
        ),
        # 'Who is the …?' is answered by whoever a sentence says is it, a body too.
        (
            "Who is the lead agency for serious crime?",
            "serious crime",
            "Serious crime. Every agency must work with the lead agency for serious crime.",
            "Serious crime. The NCA is the lead agency for serious crime.",
        ),
        # A place is where something happens.
        (
            "Where was the White Ribbon Day event held?",
            "White Ribbon Day",
            "White Ribbon Day. The event was jointly hosted by the PCC and Hereford & Worcester Fire.",
            "White Ribbon Day. The event was held at Worcester Guildhall.",
        ),
        # Also after 'across', 'to', 'such as' …; a month, possessive or not, is no place.
        (
            "Where has SmartWater been rolled out?",
            "SmartWater",
            "SmartWater. Packs were rolled out, relevant to December's election.",
            "SmartWater. Packs have been rolled out in places such as Wythall and Cleobury Mortimer.",
        ),
        # An asked verb after an article is a noun: 'their use' is not using.
        (
            "Does West Mercia Police use cameras at lakes?",
            "cameras lakes",
            "Cameras at lakes. Boards with instructions on their use are installed next to the cameras.",
            "Cameras at lakes. The force uses cameras at lakes.",
        ),
        # A date said not to happen is no answer.
        (
            "When did the OCC go live?",
            "OCC",
            "OCC. Saab are unable to resource a 2019 go-live.",
            "OCC. The OCC went live in March 2020.",
        ),
        # What an amount measures: a saving does not say what something cost.
        (
            "How much did the new tablets for the custody suites cost?",
            "tablets custody suites",
            "Custody suites now have tablets. This is also making a saving of £350 a month.",
            "Custody suites now have tablets. The tablets cost £12,000 in all.",
        ),
        # The end of a financial year ('2018/19') counts nothing.
        (
            "How many IDVAs have been placed in hospitals?",
            "IDVAs",
            "IDVAs in hospitals. For the 2018/19 year the IDVA service engaged 56% of victims.",
            "IDVAs in hospitals. There are now 4 IDVAs placed in hospitals.",
        ),
        # 'Is it a problem?' is answered by what it is, the complement after an article.
        (
            "Is hare coursing much of a problem in West Mercia?",
            "hare coursing",
            "Hare coursing. Hare coursing patrols ran in West Mercia.",
            "Hare coursing. Hare coursing is not such a problem in West Mercia.",
        ),
        # 'By how much' is answered by how far a figure moved, a share among them.
        (
            "Hate crime this year: up or down, and by how much?",
            "hate crime",
            "Hate crime. Hate crime is reviewed every quarter in 2021.",
            "Hate crime. Hate crime offences are up 40% on the previous year.",
        ),
        # A chat user's phrasal verb is answered by the single verb a paper writes.
        (
            "Did the comms team turn up to the SOC strategy meeting?",
            "SOC strategy meeting",
            "SOC strategy meeting. The comms team wrote to the SOC strategy meeting.",
            "SOC strategy meeting. Comms did not attend the last SOC strategy meeting.",
        ),
        (
            "Which force carried out the peer review?",
            "peer review",
            "Peer review. The peer review praised Northamptonshire Police.",
            "Peer review. Northamptonshire Police undertook a peer review.",
        ),
        # 'Did it go ahead?' is answered by its being put off.
        (
            "Did the mental health conference go ahead?",
            "mental health conference",
            "Mental health conference. The mental health conference was planned for May.",
            "Mental health conference. The mental health conference was postponed.",
        ),
        # 'How many of the bids' counts bids; the thousands of '£50,000' count nothing.
        (
            "How many of the 29 road safety bids got approved?",
            "road safety",
            "Road safety bids. Over £50,000 of bids was approved, comprising 4 projects.",
            "Road safety bids. Of the 29 bids received, 12 bids were approved.",
        ),
        # A count of 'BME officers' says BME; of all new officers, it does not count them.
        (
            "How many BME officers have joined?",
            "officers joined",
            "Officers joined. There were 46 new student officers (0 BME) this quarter.",
            "Officers joined. Of those joining, 7 BME officers started this quarter.",
        ),
        # What is to come is no finding yet.
        (
            "What did the prisons inquiry find?",
            "prisons inquiry",
            "Prisons inquiry. The prisons inquiry will propose a set of recommendations.",
            "Prisons inquiry. The prisons inquiry found that drugs reach prisons by post.",
        ),
        # The question's own number, in words or figures, is no answer; nor is a paragraph's.
        (
            "How many of the three PEEL recommendations had been completed?",
            "PEEL recommendations",
            "PEEL recommendations. 15. The report contains 3 recommendations in an action plan.",
            "PEEL recommendations. 2 PEEL recommendations had been completed by March.",
        ),
        # 'How much of that went into …': any figure, and 'went' asks nothing of the sentence.
        (
            "How much of that went into the Community Ambassadors Fund?",
            "Community Ambassadors Fund",
            "Community Ambassadors Fund. The Community Ambassadors Fund supports safer roads.",
            "Community Ambassadors Fund. £150,000 is invested in the Community Ambassadors Fund.",
        ),
        # Review examples. A figure is in digits, not a footnote mark or a day.
        (
            "By how much did 999 answer times improve?",
            "999 answer times",
            "999 answer times. 999 answer times were discussed at the 3 March meeting^[55].",
            "999 answer times. 999 answer times improved by 12% on last year.",
        ),
        # A count of the topic's own name need not stand beside it: 'Drive referrals'.
        (
            "How many Drive referrals were made?",
            "Drive referrals",
            "Drive referrals. Drive referrals are reviewed monthly.",
            "Drive referrals. There were 125 referrals made to Drive.",
        ),
        # A finding about the future is a finding.
        (
            "What did the review conclude?",
            "review",
            "Review. The review will report its conclusions in May.",
            "Review. The review concluded that Drive will be extended.",
        ),
        # 'yet' is no complement: 'Is the line live yet?' asks whether it is live.
        (
            "Is the Victim Advice Line live yet?",
            "Victim Advice Line",
            "Victim Advice Line. The Victim Advice Line is based in the control room.",
            "Victim Advice Line. The Victim Advice Line is now live.",
        ),
        # '20' is not the question's '2021'.
        (
            "How many PCSOs were recruited in 2021?",
            "PCSOs recruited",
            "PCSOs recruited. PCSOs were recruited throughout 2021.",
            "PCSOs recruited. In 2021, 20 PCSOs were recruited.",
        ),
        # The question's own sum is not what it is about: 'the £5m fund'.
        (
            "How much of the £5m fund has been spent?",
            "fund",
            "Fund. The £5m fund was announced in 2019.",
            "Fund. £320,000 of the fund has been spent.",
        ),
        # The paper's own verb for the outcome, and its noun: 'no amendments' for 'change'.
        (
            "Did the PCC change the draft strategy after the consultation?",
            "draft strategy",
            "Draft strategy. The draft strategy went out for consultation in July.",
            "Draft strategy. No amendments have been made to the draft strategy.",
        ),
        # Not for a person: a round of recruitment names nobody recruited.
        (
            "Who was recruited as the new custody visitor coordinator?",
            "custody visitor coordinator",
            "Custody visitor coordinator. A successful round of recruitment took place for the post.",
            "Custody visitor coordinator. Jane Harper was appointed as the custody visitor coordinator.",
        ),
        # The doer is named just before the verb, not clauses before it.
        (
            "Who was appointed as the victim satisfaction lead?",
            "victim satisfaction",
            "Victim satisfaction. Across the Force, a strategic lead has been appointed.",
            "Victim satisfaction. DPCC now appointed as the lead.",
        ),
        (
            "Who chairs the ethics committee?",
            "ethics committee",
            "Ethics committee. The committee met, and the PCC spoke, in July 2021 and chairs were set out.",
            "Ethics committee. The Deputy PCC, who was elected in 2016 and again in 2021, now chairs it.",
        ),
        (
            "Who heads the ethics committee?",
            "ethics committee",
            "Ethics committee. DPCC/Head of PSD meetings are ongoing.",
            "Ethics committee. Ethics committee: the DPCC heads it.",
        ),
        # A role named for what the person does: 'Mr S J Mackay (Chairman)' for 'who was chairing'.
        (
            "Who was chairing the Police and Crime Panel?",
            "Police and Crime Panel",
            "Police and Crime Panel. The Police and Crime Panel met in September.",
            "Police and Crime Panel. Present: Mr S J Mackay (Chairman), Mr A Fry.",
        ),
        # A closing quote is no part of a name: 'Crime and Vulnerability' is the question's own.
        (
            "Who took over the Crime and Vulnerability department?",
            "Crime and Vulnerability",
            "Crime and Vulnerability. The department is re designated to 'Crime and Vulnerability'.",
            "Crime and Vulnerability. Chief Superintendent Harper took over the department.",
        ),
        # A date may fall in the year after the one its topic names.
        (
            "When are the findings of the victim needs assessment starting in November 2021 expected?",
            "victim needs assessment",
            "The victim needs assessment is awarded. The outcome of this work is due in February 2024.",
            "The victim needs assessment is awarded. The outcome of this work is due in February 2022.",
        ),
        # Only a date still to come: 'launched in 2019' is not answered by a 2020 launch.
        (
            "When was the residents' survey launched in 2019?",
            "residents' survey",
            "The residents' survey was launched in March 2020.",
            "The residents' survey was launched in March 2019.",
        ),
        # Where a value is asked for does not put a passage on topic.
        (
            "When will video remand hearings go live in Shropshire and Herefordshire?",
            "video remand hearings",
            "CSE service. The Shropshire and Herefordshire service will launch in March 2019.",
            "Video remand hearings will go live in Shropshire and Herefordshire in March 2019.",
        ),
        # 'Who was the keynote speaker …?' is answered by a name beside the role.
        (
            "Who was the keynote speaker at the White Ribbon Day event?",
            "White Ribbon Day",
            "White Ribbon Day. Events marked the death of John Smith and the general election.",
            "White Ribbon Day. The keynote speaker was Jane Doe.",
        ),
        # A table row relates its cells with no verb.
        (
            "Which council does Peter Whatley represent on the panel?",
            "Peter Whatley",
            "Mr Peter Whatley attended the meeting. Malvern Hills District Council hosted it.",
            "Membership:\nMr Peter Whatley | Substantive Member - Malvern Hills District Council",
        ),
        # 'allowed' is what is asked, not what the sentence must be about.
        (
            "Are officers allowed visible tattoos?",
            "allowed visible tattoos",
            "Online reporting allows the force to manage demand.",
            "Visible tattoos. Visible tattoos are allowed if not offensive.",
        ),
    ],
)
def test_a_sentence_that_mentions_is_told_from_one_that_answers(question, topic, mentions, answers):
    assert not gate(question, topic, [mentions])
    assert gate(question, topic, [answers])


def test_every_kind_a_gate_reads_says_what_is_missing():
    # A not-stated answer names what is missing by the asked kind (judge.missing_fact).
    kinds = {*NAME_CLASSES, *VALUE_KINDS, "person", "finding", "outcome", None}
    assert kinds <= set(KIND_WORDS)
    # A yes/no question about a change is missing whether it changed, not whether it happened.
    from retrieval.judge import Evidence, missing_fact

    held = Evidence(*[1.0] * 11)
    assert missing_fact("Is domestic abuse getting any worse?", "outcome", held) == "whether it has changed"
    assert missing_fact("Did the PCC approve the precept?", "outcome", held) == "whether it happened"
    assert missing_fact("Which method did the Alliance use?", "named", held) == "which method"


@pytest.mark.parametrize(
    ("question", "topic", "passage", "answers"),
    [
        # A name a colon or a bracket introduces is an answer.
        (
            "Who are the new Assistant PCCs?",
            "Assistant PCCs",
            "Assistant PCCs. They are: Jane Harper and Tom Wilde.",
            True,
        ),
        (
            "Which firm won the contract for the complaint reviews?",
            "complaint reviews",
            "Complaint reviews. The contract was won by an external provider (Capita Reviews Ltd).",
            True,
        ),
        # A count in brackets counts.
        (
            "How many referrals were made to Drive?",
            "Drive",
            "Drive. Referrals rose (125 referrals in Q2).",
            True,
        ),
        # A month or a label after 'in' is no place; a place opening the sentence is one.
        (
            "Where was the White Ribbon Day event held?",
            "White Ribbon Day",
            "White Ribbon Day. It was held in November.",
            False,
        ),
        (
            "Where was the White Ribbon Day event held?",
            "White Ribbon Day",
            "White Ribbon Day. In Telford the event was held.",
            True,
        ),
        # How often is an event's: the line after the board's is not how often it meets.
        (
            "How often does the Victims Board meet?",
            "Victims Board",
            "The Victims Board will meet to review services.\nOversight: • Quarterly assurance reports",
            False,
        ),
        (
            "How often does the Victims Board meet?",
            "Victims Board",
            "The Victims Board meets quarterly.",
            True,
        ),
        # 'What are the N things?' asks them listed, after a word saying what they are.
        (
            "What are the three priorities of the Victims Board?",
            "Victims Board",
            "The Victims Board agreed three priorities: referrals, data sharing and training.",
            True,
        ),
        (
            "What are the nine outcomes in the Victims' Charter?",
            "Victims' Charter",
            # the papers' sentence: a charter, no outcomes said or listed
            "Set out my commitment in a new Victims' Charter, clarifying what services victims can "
            "expect, and what services must be delivered.",
            False,
        ),
        (
            "What were the two restricted items the committee discussed?",
            "committee",
            "The committee met. Items considered included, external and internal audit, HMIC reports.",
            False,
        ),
        # A list with a serial comma is a list; 'which N things' with a verb of its own too.
        (
            "Which three areas received Safer Streets funding?",
            "Safer Streets",
            "Safer Streets. Three areas received funding: Shropshire, Telford, and Herefordshire.",
            True,
        ),
        # Initials used, not said to be anything.
        ("What is VMB?", "VMB", "VMB was introduced on 101 calls in May.", False),
        # A year alone in brackets is a title's, not when anything happened.
        (
            "When did the revived RASSO group first meet?",
            "RASSO group",
            "RASSO group. The group will meet to deliver the National Framework for ISVAs (2021).",
            False,
        ),
        # A date in a table row is its row's event's, under the table's heading.
        (
            "According to the work programme, when will the panel look at the annual complaints report?",
            "annual complaints report",
            "Work Programme\nFebruary 2020 | • Proposed Precept\nJune 2020 | • PCC's Annual Report • Annual "
            "report on complaints 2018-19",
            True,
        ),
        (
            "When will the panel look at the annual complaints report?",
            "annual complaints report",
            "Meeting Date | Item\nJune 2020 | • Annual report on complaints 2018-19",  # nothing else asked
            False,
        ),
        # Initials asked about are said to be something, not only used.
        ("What is CLIMB?", "CLIMB", "West Mercia Diversionary Network (WMDN) – now known as CLIMB", True),
        ("VMB on 101 calls - what's VMB?", "VMB", "Call handling continues with VMB on 101 calls.", False),
        ("What is the VAL?", "VAL", "The Victim Advice Line (VAL) went live in April.", True),
        # 'Which N things …' asks them listed too; an item is a few words, not a clause.
        (
            "Which two areas were successful in getting Safer Streets money?",
            "Safer Streets",
            "Safer Streets. Two areas were successful in receiving funding "
            "South Worcestershire and Herefordshire.",
            True,
        ),
        (
            "Which three Welsh forces does West Mercia border?",
            "Welsh",
            "West Mercia borders three welsh force areas and the difference between the Welsh border "
            "and that with the West Midlands could not be more extreme.",
            False,
        ),
        # A list of the things asked, but of none doing what is asked ('host').
        (
            "Which two regions are bidding to host the Air Service?",
            "Air Service",
            "Air Service. A report details drones used in the regions (Mercia, Wessex, Anglia).",
            False,
        ),
        # A figure for the country is no figure for West Mercia, nor is the sentence after it.
        (
            "What share of businesses in West Mercia reported a cyber attack in 2017?",
            "cyber attack",
            "Cyber attack. 43% of all businesses in the UK identified a cyber attack in 2017. "
            "This figure increased for larger businesses (72%).",
            False,
        ),
        (
            "What share of businesses in West Mercia reported a cyber attack in 2017?",
            "cyber attack",
            "Cyber attack. 12% of businesses in West Mercia reported a cyber attack in 2017.",
            True,
        ),
        # A phone number beside whose it is answers, on a line of its own.
        (
            "What phone number does the report give for the Worcestershire Hub?",
            "Worcestershire Hub",
            "Worcestershire County Council 01905 763763\nWorcestershire Hub: 01905 765765",
            True,
        ),
        (
            "What phone number does the report give for the Worcestershire Hub?",
            "Worcestershire Hub",
            "The Worcestershire Hub opened in 2019.",
            False,
        ),
        # … on the line of whose it is, not the next line's
        (
            "What phone number does the report give for the Worcestershire Hub?",
            "Worcestershire Hub",
            "The Worcestershire Hub is run by the council.\nCouncil switchboard: 01905 763763",
            False,
        ),
        # Initials are answered by the words they spell, not by the initials again.
        (
            "what does VAL stand for?",
            "VAL",
            "The Victim Advice Line (VAL) was launched in April 2019.",
            True,
        ),
        ("what does VAL stand for?", "VAL", "The VAL has contacted 2091 victims by phone.", False),
        # … the asked initials, defined in one sentence: 'Police and Crime Plan' is no PCP defined.
        ("what does PCP stand for?", "PCP", "The Police and Crime Plan sets out the aims.", False),
        (
            "what does MATES stand for?",
            "MATES",
            "The Police and Crime Commissioner (PCC) funds MATES.",
            False,
        ),
        # A name the question says, in any case, is not where: 'in Major Incidents'.
        (
            "where is the major incidents briefing taking place?",
            "major incidents briefing",
            "PCCs will have a briefing session on their role in Major Incidents such as an attack.",
            False,
        ),
        # A month before the verb is nobody appointed.
        (
            "Who was appointed as the sexual violence lead?",
            "sexual violence lead",
            "Sexual violence lead. In March a consultant was appointed by the PCC.",
            False,
        ),
        # A change answers only a question about a change; a verdict answers any outcome.
        ("Did the PCC approve the precept?", "precept", "Precept. The precept rose by 2%.", False),
        (
            "Has the volunteer pool become younger?",
            "volunteer pool",
            "Volunteer pool. The average age of the volunteer pool fell to 60.",
            True,
        ),
        # A figure put against another period reports a change too.
        (
            "Is domestic abuse getting any worse?",
            "domestic abuse",
            "Domestic abuse. 5,059 domestic abuse offences were recorded, 4% below the previous quarter.",
            True,
        ),
        ("Did the cyber bid succeed?", "cyber bid", "Cyber bid. The cyber bid was a successful bid.", True),
        # 'that uses' is a verb: only an article makes the asked verb a noun.
        (
            "Does West Mercia Police use cameras at lakes?",
            "cameras lakes",
            "Cameras at lakes. It is the only force that uses cameras at lakes.",
            True,
        ),
        # A negation far from the date does not take it back.
        (
            "When did the OCC go live?",
            "OCC",
            "OCC. The OCC went live in March 2020, a year later than the plan, not in time for winter.",
            True,
        ),
        # What is asked about may open the sentence: 'Response submitted by …'.
        (
            "Which company sent the response?",
            "consultation",
            "Consultation. Response submitted by Capita Reviews Ltd.",
            True,
        ),
        # A question about a conclusion, singular or plural, is not answered by a decision.
        (
            "What was the conclusion of the Budget Task Group?",
            "Budget Task Group",
            "Budget Task Group. The Panel agreed that the Budget Task Group would meet in October.",
            False,
        ),
        # A long counted phrase: 'complaints about the PCC's conduct' counts complaints.
        (
            "How many complaints about the PCC's conduct did the panel record?",
            "complaints",
            "Complaints. Two of these were referred to the IOPC.",
            False,
        ),
        # Names listed after the class asked for, or after a noun asked about, answer it;
        # a bracket after a capitalised title lists nothing.
        (
            "Which forces were in the most similar comparison group?",
            "comparison group",
            "Comparison group. Most Similar Forces are: Devon & Cornwall, Gloucestershire, Norfolk.",
            True,
        ),
        (
            "Which towns' estate reviews were still waiting on a decision?",
            "estate",
            "Estate. Awaiting direction on a number of reviews (Bridgnorth, Tenbury Wells).",
            True,
        ),
        (
            "Which company won the contract for the complaint review service?",
            "complaint review",
            "Complaint review. Its role under the Local Policing Bodies (Complaints and Misconduct) "
            "Regulations 2012 was to deal with complaints.",
            False,
        ),
        (
            "Which towns' estate reviews were still waiting on a decision?",
            "estate",
            "Estate. Awaiting direction on a number of reviews, due in (June).",
            False,
        ),
        # What qualifies the counted noun is said beside the count, or by its initials.
        (
            "How many hate crime victims has the Victim Advice Line phoned?",
            "Victim Advice Line",
            "Victim Advice Line. The VAL has contacted 2091 victims by phone since 1st April 2019.",
            False,
        ),
        (
            "How many hate crime victims has the Victim Advice Line phoned?",
            "Victim Advice Line",
            "Victim Advice Line. The VAL has contacted 310 hate crime victims by phone.",
            True,
        ),
        (
            "How many anti-social behaviour incidents were recorded?",
            "incidents",
            "Incidents. There were 3,400 incidents recorded, most of them ASB.",
            True,
        ),
        # 'the number of calls …' counts no '999 calls' unless it says 999.
        (
            "How many 999 calls did the force receive in Q2?",
            "999 calls",
            "Calls. In Q2 the number of calls answered within the 10 second target dropped to 88%.",
            False,
        ),
        # A heading of names is no one doing what is asked, nor is the force area's possessive.
        (
            "Who chairs the youth justice management board?",
            "board",
            "Boards. WM YJS Management Board",
            False,
        ),
        (
            "Who chairs the youth justice management board?",
            "board",
            "Boards. Brings together West Mercia's criminal justice partners.",
            False,
        ),
        # A quarter's label is no name: 'Qtr 2' runs nothing.
        (
            "Which organisation runs CLIMB?",
            "CLIMB",
            "CLIMB. CLIMB was run in Qtr 2 for 62 young people.",
            False,
        ),
        # The years a question names do not name its topic ('19' of '2018/19').
        (
            "How many complaints were recorded in 2018/19?",
            "complaints 2018/19",
            "Training. 19 officers were trained in 2018. Complaints are handled promptly.",
            False,
        ),
        # 'Which <class> …' asks a name of that class (kind 'named'):
        # A new name beside the class's noun is one of the class; another name is not.
        (
            "Which Home Secretary did the PCC appear with?",
            "relaunch",
            "Relaunch. A media event alongside Home Secretary Sajid Javid will relaunch the scheme.",
            True,
        ),
        (
            "Which Home Secretary did the PCC appear with?",
            "relaunch",
            "Relaunch. The Crime Survey England and Wales was discussed at the relaunch.",
            False,
        ),
        # A name after 'in' says where; one further from the noun is of another thing.
        (
            "Which Home Secretary did the PCC appear with?",
            "PCC",
            "PCC. The PCC and the Home Secretary met in London on 3 May.",
            False,
        ),
        (
            "Which method did the Alliance use?",
            "Alliance",
            "Alliance. The method was agreed by the Alliance Governance Group.",
            False,
        ),
        # A name said to be one of the class: 'Stafford Park … has become the first industrial estate'.
        (
            "Which industrial estate was the first to join the scheme?",
            "scheme",
            "Scheme. Stafford Park in Telford has become the first industrial estate in the scheme.",
            True,
        ),
        # A name whose first word is the noun names something else.
        (
            "Which front counters are open at weekends?",
            "police station",
            "Police station. Counter Terrorism Local Profiles are held at the police station.",
            False,
        ),
        # A new name doing the verb asked, without the class's noun.
        (
            "Which TV programme aired in June 2019?",
            "Behind the Badge",
            "Behind the Badge. Critical Incident aired in June 2019.",
            True,
        ),
        (
            "Which TV programme aired in June 2019?",
            "Behind the Badge",
            "Behind the Badge. Filming with Critical Incident is planned for June 2019.",
            False,
        ),
        # After an auxiliary and a named subject, the bare verb: 'did the Alliance use'.
        (
            "Which method did the Alliance use to set its priorities?",
            "Alliance",
            "Alliance. Priorities were identified using the Management of Risk in Law Enforcement.",
            True,
        ),
        # A new name at the extreme asked, in the papers' word for it.
        (
            "Which policing area had the lowest confidence?",
            "confidence",
            "Confidence. North Worcestershire saw the highest confidence whilst Herefordshire saw the least.",
            True,
        ),
        (
            "Which policing area had the lowest confidence?",
            "confidence",
            "Confidence. The Crime Survey England and Wales shows confidence rising.",
            False,
        ),
        (
            "Which area had the lowest confidence?",
            "confidence",
            "Confidence. Herefordshire had the lowest.",
            True,
        ),
        (
            "Which area had the lowest confidence?",
            "confidence",
            "Confidence. At least 70% of people in Shropshire have confidence.",
            False,
        ),
        (
            "Which TV programme aired in June?",
            "Behind the Badge",
            "Behind the Badge. Panorama aired in June.",
            True,
        ),
        # The class's members set out after the sentence naming it.
        (
            "Which services does Warwickshire want to keep sharing?",
            "Warwickshire",
            "Warwickshire keep four service areas. These are digital services, forensics, archives and IT.",
            True,
        ),
        (
            "Which services does Warwickshire want to keep sharing?",
            "Warwickshire",
            "Warwickshire want to keep four service areas. Talks on these, the costs and the timing go on.",
            False,
        ),
        # A name in a table row is of the class its row's other cells name.
        (
            "Which assistant chief constable attended the meeting?",
            "meeting",
            "Meeting notes\nMartin Evans | Assistant Chief Constable (ACC)",
            True,
        ),
        (
            "Which assistant chief constable attended the meeting?",
            "meeting",
            "Meeting notes\nMartin Evans | Head of Finance",
            False,
        ),
    ],
)
def test_a_gate_on_one_passage(question, topic, passage, answers):
    assert gate(question, topic, [passage]) is answers


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("Is the task group going to look at the budget?", True),
        ("Will the task group look at the budget?", True),
        ("Did the task group look at the budget?", False),  # a plan is no outcome
    ],
)
def test_a_plan_answers_what_is_to_come_not_what_was_done(question, answers):
    passage = "Task group. It is envisaged that this Group will also review the budget."
    assert gate(question, "task group", [passage]) is answers
    # A wish is no plan, and a 'will' inside the question's clause asks of nothing to come.
    wish = "Task group. The Group could review the budget."
    assert not gate("Is the task group going to look at the budget?", "task group", [wish])
    planned = "Task group. The Group will approve the budget in May."
    assert not gate("Did the task group approve the budget that will fund it?", "task group", [planned])


def test_a_place_the_papers_name_bounds_a_value_wherever_the_question_says_it():
    question = "how many emergency incidents did shropshire get?"
    passage = "Emergency incidents. 10,547 emergency incidents were recorded across the force."
    here = "Emergency incidents. Shropshire had 2,100 emergency incidents."
    topic = frozenset(terms("emergency incidents"))
    asked = read_asked(question, asked_kind(question), topic, places=frozenset({"shropshire"}))
    assert answering(asked, [passage], question) == []
    assert answering(asked, [here], question) == [(0, "Shropshire had 2,100 emergency incidents.")]
    # Without the papers' places the force's total would do.
    assert answering(read_asked(question, asked_kind(question), topic), [passage], question)


def test_a_rows_date_is_read_with_the_heading_not_with_another_row():
    """A passage whose first line is a row has no heading: the October row says nothing of
    the complaints report the June row lists."""
    rows = (
        "June 2020 | • Work programme update • Annual report on complaints\nOctober 2020 | • Proposed Precept"
    )
    question = "According to the work programme, when will the panel look at the annual complaints report?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("annual complaints report")))
    assert [piece for _, piece in answering(asked, [rows], question)] == [rows.splitlines()[0]]


def test_a_count_by_initials_and_questions_of_presence_and_source():
    ocgs = "SOC. As of January 2019, there were 42 mapped OCGs within West Mercia."
    assert gate("How many organised crime groups were mapped?", "SOC", [ocgs])
    assert not gate("How many organised crime gangs were mapped?", "SOC", ["SOC. 42 mapped OCBs."])
    # 'Has X got …?' asks whether the papers say it has: no verb to find.
    chair = "Has Herefordshire's SOCJAG got a non-police chair?"
    assert read_asked(chair, asked_kind(chair), frozenset()).kind is None
    # 'Where … come from?' asks for a source, not a place.
    assert asked_kind("Where do referrals to the panels come from?") is None
    assert asked_kind("Where was the event held?") == "place"
    assert asked_kind("Where are the new cameras?") == "place"


@pytest.mark.parametrize(
    "question",
    [
        "Where has the review of the planned programme of works got to?",
        "where are we with the new control room?",
        "Where does the estates strategy stand?",
        "where is it at with body worn video?",
    ],
)
def test_where_a_thing_has_got_to_asks_its_progress_not_a_place(question):
    assert asked_kind(question) is None


def test_the_verb_of_a_yes_no_question():
    # After 'did', an -ing word before a noun is an adjective ('funding bid'); 'bring' is a verb.
    assert "funding" not in read_asked("Did the funding bid come off?", "yesno", frozenset()).verb_forms
    assert "bring" in read_asked("Did the PCC bring forward the precept?", "yesno", frozenset()).verb_forms
    assert years_named("on 01/02/2020 and figures 10/11/2019") == {2020, 2019}
    # Tables write a short month and year: 'Oct - Dec 18'; a full month and a day is no year.
    assert years_named("331 applications Oct - Dec 18, held 25 Feb 19") == {2018, 2019}
    assert years_named("calls on Jan 15") == frozenset()  # a day, not 2015
    assert years_named("on Dec 31, 2019") == {2019}
    assert asked_kind("What savings plans does the force have?") is None
    assert asked_kind("What savings did the exercise come up with?") == "amount"


def test_the_years_asked_bound_the_answer_and_are_not_what_it_is_about():
    question = "What percentage of stop searches ended in an arrest in 2019?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("stop searches")))
    assert asked.years == {2019} and "2019" not in asked.about
    quarter = "What was body worn video compliance in Q2 2021/22?"
    assert date_terms(quarter) == {"q2", "2021", "22"}
    between = "How many applications came in between October and December 2018?"
    assert not {"octob", "decemb"} & read_asked(between, asked_kind(between), frozenset()).about
    # A passage of 2019 giving some other share does not answer for the arrests.
    assert not answering(
        asked, ["Stop searches in 2019. 16.5% of people stop searched were under 18."], question
    )
    assert answering(asked, ["Stop searches in 2019. 12% of stop searches ended in an arrest."], question)


def test_a_figure_is_for_the_year_its_sentence_or_the_one_before_names():
    # A 2019 paper quoting December 2018's figures: the sentence before says whose they are.
    question = "What share of police recruit applications in December 2018 were from BME applicants?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("police recruit applications")))
    quoted = ["Police recruit applications. There were 331 applications Oct - Dec 18. 4.8% were BME."]
    assert answering(asked, quoted, question, [frozenset({2019})])
    unsaid = ["Police recruit applications. There were 331 applications. 4.8% were BME."]
    assert not answering(asked, unsaid, question, [frozenset({2019})])


def test_a_quarter_asked_is_not_answered_by_another_quarters_figure():
    # The Jul-Sep report gives Q2's figure; the window for 'Q1' reaches it (query.parse_query).
    question = "What percentage of 999 calls were abandoned in Q1 2021?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("999 call abandonment")))
    assert not answering(asked, ["999 call abandonment. In Q2, 999 call abandonment was 2.4%."], question)
    assert answering(asked, ["999 call abandonment. In Q1, 999 call abandonment was 1.4%."], question)


def test_months_asked_are_not_answered_by_other_months_figures():
    collisions = "Road safety. There were 64 serious injury collisions (October & November only)."
    assert not gate(
        "How many serious injury collisions were there in December 2015?", "road safety", [collisions]
    )
    assert gate(
        "How many serious injury collisions were there in November 2015?", "road safety", [collisions]
    )
    # A span of months ('Oct - Dec') holds the months between; over the new year too.
    quarter = "Recruitment. There were 331 new police recruit applications Oct - Dec."
    assert gate("How many police recruit applications came in in November?", "recruitment", [quarter])
    year = "Complaints. From April 2019 to March 2020 there were 40 complaints."
    assert gate("How many complaints were there in January 2020?", "complaints", [year])
    winter = "Complaints. From Nov 2019 - Feb 2020 there were 12 complaints."
    assert gate("How many complaints were there in January 2020?", "complaints", [winter])
    assert not gate("How many complaints were there in June 2020?", "complaints", [winter])
    # A quarter's or a month's figure does not answer for a whole year.
    injury = "Violence. 2,451 violence with injury offences were recorded in the last quarter."
    asked_year = "How many violence with injury offences were recorded over the whole of 2015/16?"
    assert not gate(asked_year, "violence", [injury])
    deaths = "Roads. 5 road deaths occurred in December."
    assert not gate("How many road deaths were there in the whole of 2019?", "roads", [deaths])
    assert gate("How many road deaths were there in 2019?", "roads", [deaths])
    # A total since a month, or by one, is no month's figure: either may answer the other.
    total = "VAL. The VAL has contacted 2091 victims by phone since 1st April 2019."
    assert gate("By mid-August 2019, how many victims had VAL contacted?", "VAL", [total])
    since = "VAL. Since April 2019 the VAL has contacted 2091 victims."
    assert gate("By mid-August 2019, how many victims had VAL contacted?", "VAL", [since])
    # The month a date question is answered by is no period asked about.
    occ = "OCC. The OCC opened on 3 March 2020."
    assert gate("When did the OCC open, after the delay announced in September?", "OCC", [occ])
    # 'may' is a verb; the papers write the month with a capital.
    assert gate("How many victims were contacted in August?", "VAL", ["VAL. 300 victims may be contacted."])


def test_a_count_before_a_preposition_counts_the_noun_before_it():
    providers = "Sexual violence. Cases are checked with the two specialist service providers for victims."
    assert not gate("How many victims were passed on?", "sexual violence", [providers])
    assert gate("How many providers are there?", "sexual violence", [providers])


@pytest.mark.parametrize(
    ("question", "topic", "passage"),
    [
        # 'went live' for 'launched'; 'one formal response' for 'how many replies'.
        (
            "When was the Victims Advice Line launched?",
            "Victims Advice Line",
            "VAL. The Victims Advice Line went live on the 1 April 2019.",
        ),
        (
            "How many replies came in to the consultation?",
            "SOC strategy",
            "SOC strategy. One formal response was received during the consultation.",
        ),
        # '34% fewer individuals' are fewer people.
        (
            "By how much had the number of people over the RDIL limit come down?",
            "RDIL",
            "RDIL. In November there were 34% fewer individuals breaching the RDIL limit.",
        ),
        # 'ring' is 'contact' or 'phone'.
        (
            "Does the VAL ring every victim of hate crime?",
            "VAL",
            "VAL. All victims of hate crime are contacted by telephone by the VAL.",
        ),
        # '8 fatalities' are people who died.
        (
            "Of the ten people who died on the roads, how many died in Herefordshire?",
            "roads",
            "Roads. There were 8 fatalities in Herefordshire in the quarter.",
        ),
    ],
)
def test_a_figure_is_asked_of_in_the_papers_words(question, topic, passage):
    assert gate(question, topic, [passage])


def test_groups_of_the_papers_words_sharing_a_word_are_one():
    # 'hire' is 'recruit' (SYNONYMS) and so 'appoint'.
    assert same_things(terms("hired recruited appointed")) == same_things(terms("appoint"))
    # 'week commencing 15th July' says no start.
    occ = "OCC. Final movement of staff was completed week commencing 15th July."
    assert not gate("What date did the OCC start operating?", "OCC", [occ])


def test_a_second_question_joined_by_and_is_not_what_the_first_is_judged_on():
    question = "How many PCSOs joined between July and September, and how many applicants were waiting?"
    assert first_ask(question) == "How many PCSOs joined between July and September"
    assert first_ask("Hate crime: up or down, and by how much?") == "Hate crime: up or down, and by how much?"
    # 'Sixteen' is a count in words; the counted phrase ends before 'between' or the '?'.
    pcsos = "PCSOs. Sixteen new PCSOs started with the alliance between 1 July and 30 September 2015."
    assert gate(first_ask(question), "PCSOs", [pcsos])
    assert gate("How many new PCSOs started?", "PCSOs", [pcsos])
    # A count phrase ends before a time ('arrests last year') and a verb ('came in').
    arrests = "Arrests. There were 2,500 arrests in the last 12 months."
    assert gate("How many arrests last year?", "arrests", [arrests])


def test_a_figure_asked_for_a_place_is_in_a_passage_naming_it():
    uplift = "Uplift. The PCC's 2021/22 budget includes an uplift of 91 officers."
    question = "How many of the uplift officers are going to Herefordshire?"
    assert not gate(question, "uplift officers", [uplift])
    hereford = "Uplift in Herefordshire. The budget includes an uplift of 21 officers."
    assert gate(question, "uplift officers", [hereford])
    # The force area and a month are no such place.
    assert gate("How many uplift officers are going to West Mercia?", "uplift officers", [uplift])
    assert gate("How many uplift officers were recruited in December?", "uplift officers", [uplift])


def test_how_often_is_answered_by_a_frequency_or_a_number_of_times():
    assert asked_kind("How often does the burglary steering group meet?") == "frequency"
    group = "Burglary. The burglary steering group meets bi-monthly to discuss cross border offences."
    assert gate("How often does the burglary steering group meet?", "burglary steering group", [group])
    vague = "Burglary. The burglary steering group meets to discuss cross border offences."
    assert not gate("How often does the burglary steering group meet?", "burglary steering group", [vague])
    used = "Section 60. Section 60 authorisations were used on three occasions."
    assert gate("How often were section 60 authorisations used?", "Section 60", [used])
    # Any other number, or 'once' opening a clause, says nothing of how often.
    for other in (
        "The burglary steering group has 12 members and meets to discuss offences.",
        "One of the burglary steering group's members is from Shropshire.",
        "Once set up, the burglary steering group will meet to discuss offences.",
    ):
        assert not gate("How often does the burglary steering group meet?", "steering group", [other])
    for often in ("meets twice a year", "meets 4 times a year", "meets six-weekly", "meets annually"):
        assert gate("How regularly does the group meet?", "group", [f"The group {often}."]), often


def test_passages_holding_neither_the_topic_nor_a_name_asked_answer_nothing():
    from retrieval.grounds import Grounds
    from retrieval.judge import Evidence, timeless_names

    open_question = read_asked("What is the PCC's role in the Commonwealth Games?", None, frozenset())

    def grounds(on_topic: bool, said: float) -> Grounds:
        # Every model feature at its most convincing, so only the rule can refuse.
        evidence = Evidence(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, timeless_names_said=said)
        return Grounds(evidence, open_question, (), on_topic)

    weights, bias, threshold = [1.0] * 10, 0.0, 0.5
    assert not grounds(False, 0.0).answered(weights, bias, threshold)
    assert grounds(False, 1.0).answered(weights, bias, threshold)  # a name is there
    assert grounds(True, 0.0).answered(weights, bias, threshold)  # the topic is there
    # A name's times and numbers are no name: a passage need not print the date.
    question = "Did the Commonwealth Games 2022 plan, due 5 February, cover 29 sites in July 2021?"
    things = ["Commonwealth Games 2022", "5 February", "29", "July 2021"]
    assert timeless_names(things, question) == ["Commonwealth Games"]


def test_a_names_initials_start_each_word_and_each_hyphenated_part():
    from retrieval.judge import initials

    assert initials("Independent Advisory Groups") == "IAG"
    assert initials("Track my Crime") == "TC" and initials("Track my Crime", small_words=True) == "TMC"
    assert initials("'Op Vulture Team'") == "OVT"
    assert initials("Anti-Social Behaviour Team") == "ASBT"


def test_a_date_is_the_asked_events_in_a_sentence_on_the_topic():
    question = "When did the Victims Board hold its first meeting?"
    # The passage names the topic, but the date's sentence (and the one before) another's.
    other = (
        "Victims Board. Roads are busy. The Safer Roads Partnership will meet for the first time in May 2016."
    )
    assert not gate(question, "Victims Board", [other])
    assert gate(question, "Victims Board", ["The Victims Board will meet for the first time in May 2016."])
    # The event asked is said in the date's own sentence, not only in the one before.
    framework = "The strategic framework was published last year. Its review commenced in spring 2019."
    assert not gate("When was the strategic framework published?", "strategic framework", [framework])
    published = "The strategic framework was published in spring 2019."
    assert gate("When was the strategic framework published?", "strategic framework", [published])


def test_a_count_is_asked_after_a_terse_opening_label():
    assert asked_kind("apr-dec 2015: number of gross misconduct cases logged?") == "count"
    assert asked_kind("2018/19 - number of complaints lodged about officers?") == "count"
    # Not a number the question talks about, nor 'a number of'.
    assert asked_kind("The PCC - what did he say about the number of officers?") is None
    assert asked_kind("Is a number of schemes running?") == "yesno"


def test_words_the_papers_write_in_lower_case_are_no_personal_names():
    question = "Who is the Strategic Roads Policing Inspector?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("Strategic Roads Policing Inspector")))
    sentence = ["Roads. A Strategic Roads Policing Inspector is delivering the Road Policing Strategy."]
    # Nothing in the one passage writes 'road' or 'policing' in lower case; the papers do.
    papers = lower_case_counts("road safety, road deaths and policing in the road policing unit")
    assert answering(asked, sentence, question)
    assert not answering(asked, sentence, question, written_lower=papers)
    named = ["Roads. The Strategic Roads Policing Inspector is Jane Harper."]
    assert answering(asked, named, question, written_lower=papers)


def test_a_surname_the_papers_seldom_write_in_lower_case_is_still_a_name():
    question = "Who is the West Mercia Police and Crime Commissioner?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("Police and Crime Commissioner")))
    contact = ["Contact your Police and Crime Commissioner: John Champion, OPCC, West Mercia Police."]
    # As the agenda pack writes it: 'a strategic lead/champion', 'to champion the introduction'.
    papers = lower_case_counts("a strategic lead/champion; to champion the introduction of")
    assert answering(asked, contact, question, written_lower=papers)
    # A word written in lower case often is a body's, not a surname ('Road').
    assert not answering(asked, contact, question, written_lower=papers + lower_case_counts("champion " * 3))
    # An address is no prose: 'john.champion@…' writes no word in lower case.
    assert lower_case_counts("john.champion@westmercia.pnn.police.uk or www.westmercia-pcc.gov.uk") == {
        "or": 1
    }


def test_the_answer_quotes_the_found_sentence_saying_most_of_the_question():
    from retrieval.grounds import Grounds
    from retrieval.judge import Evidence

    question = "how many of the recommendations in The Poor Relation are for every force?"
    asked = read_asked(question, asked_kind(question), frozenset(terms("The Poor Relation")))
    found = (
        ("p:1", "This is a national thematic inspection report containing thirteen recommendations."),
        ("p:1", "Four recommendations are for all police forces along with one area for improvement."),
    )
    evidence = Evidence(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, timeless_names_said=1.0)
    grounds = Grounds(evidence, asked, found, True)
    assert grounds.best_found(set(terms(question))) == [found[1]]  # 'forces', not the report's total
    assert grounds.best_found(set(terms("how many recommendations?"))) == [found[0]]  # a tie: the first
    assert Grounds(evidence, asked, (), True).best_found(set(terms(question))) == []


def test_what_a_question_asks_about_is_the_head_word_after_about_regarding_or_any():
    assert asked_objects("What is the PCC doing about graffiti in town centres?") == ["graffiti", "centres"]
    assert asked_objects("Is anything being done about car cruising and boy racers?") == ["cruising"]
    assert asked_objects("Does the force have officers at any airports?") == ["airports"]
    assert asked_objects("What did the panel say regarding the new OCC?") == ["OCC"]
    # 'any news about graffiti' is read on from 'about'.
    assert asked_objects("Is there any news about graffiti?") == ["news", "graffiti"]
    # A comparison or an adverb names no thing; nor does a question word.
    assert asked_objects("Is domestic abuse getting any worse?") == []
    assert asked_objects("Are 101 waiting times getting any shorter?") == []
    assert asked_objects("What is being done about burglaries nowadays?") == ["burglaries"]
    assert asked_objects("Has the panel asked about how long people wait?") == []
    assert asked_objects("What happened to Track my Crime?") == []
    # Where a thing is asked of is asked about too, in a word of five letters or more and
    # not in an idiom of time or manner.
    assert asked_objects("What's being done about anti-social behaviour at skateparks?") == [
        "behaviour",
        "skateparks",
    ]
    assert asked_objects("How many kiosks are there at the moment?") == []
    assert asked_objects("What was done in the rural bits of Shropshire?") == []


def test_a_topic_the_question_names_is_named_whole_or_by_its_initials():
    def named_gate(question: str, topic: str, texts: list[str]) -> bool:
        asked = read_asked(question, asked_kind(question), frozenset(terms(topic)), topic)
        return bool(answering(asked, texts, question))

    question = "When did the PCC's new Victims' Board hold its first meeting?"
    other_board = "Boards. The Safer Roads Governance Board will meet for the first time in February 2016."
    victims_board = "Boards. The Victims' Board will meet for the first time in May 2016."
    assert not named_gate(question, "Victims' Board", [other_board])
    assert named_gate(question, "Victims' Board", [victims_board])
    # The name's initials name it too, in a passage that names it whole.
    iopc = "When did the Independent Office for Police Conduct publish its report?"
    said = "Independent Office for Police Conduct. Complaints rose. The IOPC published it in May 2019."
    assert named_gate(iopc, "Independent Office for Police Conduct", [said])
    assert not named_gate(iopc, "Independent Office for Police Conduct", [said.replace("IOPC", "IPCC")])
    csp = "When did the Community Safety Partnerships get their funding?"
    csps = "Community Safety Partnerships. Bids rose. CSPs got their funding in May 2019."
    assert named_gate(csp, "Community Safety Partnerships", [csps])
    # A name of three words or more is named by its last two ('Street Triage').
    triage = "When did the Mental Health Street Triage service start?"
    started = "Mental health. Demand grew. The Street Triage service started in June 2018."
    assert named_gate(triage, "Mental Health Street Triage", [started])
    assert not named_gate(triage, "Mental Health Street Triage", [started.replace("Street ", "")])
    # A topic carried from an earlier question is a name only where the user capitalised it.
    carried = read_asked(
        question,
        asked_kind(question),
        frozenset(terms("Victims' Board")),
        "Victims' Board",
        "when did it meet?",
    )
    assert answering(carried, [other_board], question)
    # A topic in lower case is named by any of its distinctive words, as before.
    assert named_gate("When did the new victims board first meet?", "victims board", [other_board])
