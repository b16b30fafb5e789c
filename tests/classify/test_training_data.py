from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from obieg.classify import labelled_sets, sdg_taxonomy
from obieg.classify.labelled_sets import LabelledText, deduplicate, split_shippable
from obieg.classify.train import is_probe_target, prototype_corpus


def test_it_merges_duplicate_texts_and_unites_their_labels() -> None:
    items = [
        LabelledText("Access to clean water for all villages.", frozenset({6}), "a"),
        LabelledText("access to clean WATER for all villages", frozenset({3}), "b"),
        LabelledText("Too short", frozenset({1}), "c"),
    ]

    merged = deduplicate(items)

    assert len(merged) == 1
    assert merged[0].goals == frozenset({3, 6})


@given(st.lists(st.text(min_size=30, max_size=80), max_size=40))
def test_a_text_lands_in_exactly_one_part(texts: list[str]) -> None:
    items = [LabelledText(t, frozenset({1}), "x") for t in texts]

    split = split_shippable(items)

    assert len(split.train) + len(split.validation) + len(split.test) == len(items)
    keys = [
        {labelled_sets.text_key(i.text) for i in part}
        for part in (split.train, split.validation, split.test)
    ]
    assert not keys[0] & keys[1]
    assert not keys[0] & keys[2]
    assert not keys[1] & keys[2]


def test_about_a_fifth_of_targets_are_held_out_as_probes() -> None:
    held_out = [t for t in sdg_taxonomy.targets() if is_probe_target(t.code)]

    assert 20 <= len(held_out) <= 50


def test_probe_texts_never_appear_in_the_training_prototypes() -> None:
    training = set(prototype_corpus(probes=False).texts)
    probes = set(prototype_corpus(probes=True).texts)

    assert probes
    assert not training & probes
