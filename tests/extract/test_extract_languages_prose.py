"""Languages as prose and French lists write them (round 3): lower-case French names after
an article or elided ('l'anglais', 'notions d'espagnol'), 'bilingue français-anglais',
'X est sa langue maternelle', levels in running text (ILR, STANAG), and one level after a
list for all of it ('(all fluent)'). Every input here is written for these tests."""

from __future__ import annotations

import pytest

from jobscreen.extract import extract


def _levels(text: str) -> dict[str, object]:
    return {e["language"]: e.get("level") for e in extract(text).data.get("languages", [])}


def test_french_prose_names_languages_in_lower_case() -> None:
    text = (
        "Le wolof est sa langue maternelle. Il parle couramment le français et l'anglais et "
        "a de bonnes notions de portugais.\n"
    )
    assert _levels(text) == {
        "Wolof": "native",
        "French": "fluent",
        "English": "fluent",
        "Portuguese": "B1",
    }


def test_two_mother_tongues_told_in_french() -> None:
    text = "Le lingala et le français sont mes deux langues maternelles.\n"
    assert _levels(text) == {"Lingala": "native", "French": "native"}


def test_a_level_before_an_elided_name() -> None:
    assert _levels("Langues : anglais courant, notions d'espagnol.\n") == {
        "English": "fluent",
        "Spanish": "A2",
    }


def test_bilingue_with_a_hyphenated_pair() -> None:
    assert _levels("Langues\nbilingue français-néerlandais\n") == {
        "French": "bilingual",
        "Dutch": "bilingual",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her Italian is rated ILR 3.\n", {"Italian": "ILR 3"}),
        ("He speaks Polish STANAG 6001 SLP 3333.\n", {"Polish": "C1"}),
    ],
)
def test_levels_in_running_text(text: str, expected: dict[str, object]) -> None:
    assert _levels(text) == expected


@pytest.mark.parametrize("shared", ["(all fluent)", "- all fluent", "(both C1)"])
def test_one_level_after_a_list_for_all_of_it(shared: str) -> None:
    levels = _levels(f"Languages: Greek, Turkish and Kurdish {shared}\n")
    assert len(set(levels.values())) == 1
    assert None not in levels.values()
    assert set(levels) == {"Greek", "Turkish", "Kurdish"}


def test_a_level_after_a_comma_list_is_the_last_ones_only() -> None:
    levels = _levels("Languages: Greek, Turkish and Kurdish (fluent)\n")
    assert levels["Kurdish"] == "fluent"
    assert levels["Greek"] is None


def test_a_lower_case_name_with_no_article_is_no_language_in_prose() -> None:
    # 'droit français' is French law, not the language
    assert _levels("Elle enseigne le droit français et courant depuis 2010.\n") == {}


def test_pacific_and_american_languages_are_named() -> None:
    text = (
        "I speak te reo Māori fluently and have a basic knowledge of Samoan.\n\n"
        "Languages\n- Nahuatl — elementary proficiency\n- Guaraní — intermediate\n"
    )
    assert set(_levels(text)) == {"Maori", "Samoan", "Nahuatl", "Guarani"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elle est parfaitement bilingue en français.\n", {"French": "bilingual"}),
        ("Langues\nItalien \u2013 connaissances de base\n", {"Italian": "A2"}),
        ("Il a quelques notions d'allemand.\n", {"German": "A2"}),
        ("Languages\n\nEnglish\nFluent (IELTS Academic 8.0)\n", {"English": "fluent"}),
    ],
)
def test_more_level_phrases(text: str, expected: dict[str, object]) -> None:
    assert _levels(text) == expected
