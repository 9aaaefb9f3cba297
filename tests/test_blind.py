"""eval.blind: a blind set's halves, split by the ids read into the gold set."""

from eval.blind import blind_questions, load_set, set_numbers

ROWS = [
    {"id": "q-a01", "type": "answerable", "question": "How many?", "evidence": ["42 mapped OCGs"]},
    {"id": "q-n01", "type": "near_miss", "question": "What did it cost?", "missing": "the cost"},
    {
        "id": "q-f01",
        "type": "followup",
        "question": "and 101?",
        "history": ["How many 999 calls?"],
        "evidence": ["101 calls"],
        "read_as": "How many 101 calls?",
    },
]


def test_a_half_is_the_rows_read_or_the_rows_not():
    read = blind_questions(ROWS, {"q-a01"}, read=True)
    unread = blind_questions(ROWS, {"q-a01"}, read=False)
    assert [q.id for q in read] == ["q-a01"] and [q.id for q in unread] == ["q-n01", "q-f01"]
    near_miss, followup = unread
    assert not near_miss.answerable and near_miss.evidence == () and near_miss.missing == "the cost"
    assert followup.answerable and followup.history == ("How many 999 calls?",)
    assert followup.read_as == "How many 101 calls?"


def test_the_split_sets_are_those_from_set_5_on():
    numbers = set_numbers()
    assert numbers[0] == 5 and 4 not in numbers and numbers == sorted(numbers)
    assert all(row["id"] and row["question"] for row in load_set(numbers[-1]))
