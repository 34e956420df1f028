"""What the bundled vacancies' notes say the matcher does, checked against the matcher.

A note that leaves a word out of a rule "because the matcher takes it for" another word is
only honest if the matcher does; the claims found false were withdrawn and the words put
back. Those still standing are checked to hold.
"""

from __future__ import annotations

import pytest

from jobscreen.engine.matching import PhraseIndex, compile_phrases, normalise


def finds(phrase: str, text: str) -> bool:
    return bool(PhraseIndex(compile_phrases([phrase])).scan(normalise(text)))


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("mediation", "handled media relations"),
        ("mediation", "daily meditation"),
        ("political", "drafted the travel policy"),
        ("ethics", "country director for Ethiopia"),
        ("vision", "visiting scholar"),
        ("impact", "impartial observer"),
        ("envoy", "environment programme"),
        ("audit", "a large audience"),
    ],
)
def test_withdrawn_claims_the_matcher_does_not_confuse_these(phrase: str, text: str) -> None:
    assert not finds(phrase, text)
    assert finds(phrase, phrase)  # and it still finds the word itself


def test_spellings_in_ise_and_ize_are_one() -> None:
    assert normalise("organising events") == normalise("organizing events")


@pytest.mark.parametrize(
    ("phrase", "text"),
    [("values", "value for money"), ("development", "policy development")],
)
def test_claims_that_stand_a_bare_word_would_match_these(phrase: str, text: str) -> None:
    assert finds(phrase, text)
