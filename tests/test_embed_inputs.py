"""The model's inputs for a batch of token ids (fast lane: no model)."""

from index.embed import feeds


def test_a_batch_is_padded_to_its_longest_with_the_padding_masked():
    inputs = feeds([[101, 7, 102], [101, 102]])
    assert inputs["input_ids"].tolist() == [[101, 7, 102], [101, 102, 0]]
    assert inputs["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]
    assert inputs["token_type_ids"].tolist() == [[0, 0, 0], [0, 0, 0]]
    assert {a.dtype.name for a in inputs.values()} == {"int64"}
