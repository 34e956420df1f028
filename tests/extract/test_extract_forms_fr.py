"""A French P.11 form ('Notice personnelle'): its post fields' labels, the item letter before
'DE : ... À : ...', the language grid's 'facilement / difficilement', and 'Langue
maternelle : X' as a level. Every input here is written for these tests."""

from __future__ import annotations

from jobscreen.extract import extract

_FORM = (
    "7. CONNAISSANCES LINGUISTIQUES\n"
    "   Langue maternelle : lingala\n"
    "   Autres langues        Lu          Écrit        Parlé        Compris\n"
    "   Français            facilement   facilement   facilement   facilement   (courant)\n"
    "   Portugais           difficilement difficilement facilement  facilement   (notions)\n"
    "\n"
    "9. EXPÉRIENCE PROFESSIONNELLE\n"
    "\n"
    "   A. DE : 11/2018     À : à ce jour\n"
    "      Titre exact de votre poste : Conseillère juridique (P-4)\n"
    "      Nom de l'employeur : Organisation mondiale de la santé\n"
    "      Description de vos fonctions : appui juridique aux bureaux de pays.\n"
    "\n"
    "   B. DE : 03/2013     À : 10/2018\n"
    "      Titre exact de votre poste : Juriste\n"
    "      Nom de l'employeur : Médecins du Monde\n"
)


def test_a_french_forms_post_fields_are_read_by_their_labels() -> None:
    first, second = extract(_FORM).data["experience"]
    assert first["title"] == "Conseillère juridique (P-4)"
    assert first["organisation"] == "Organisation mondiale de la santé"
    assert first["description"] == "appui juridique aux bureaux de pays."
    assert (first["start"], first["end"]) == ("2018-11", "present")
    assert (second["title"], second["organisation"]) == ("Juriste", "Médecins du Monde")


def test_the_grids_words_tell_no_level_the_brackets_do() -> None:
    languages = {e["language"]: e.get("level") for e in extract(_FORM).data["languages"]}
    assert languages == {"Lingala": "native", "French": "fluent", "Portuguese": "A2"}


def test_a_single_letter_is_no_title() -> None:
    [post] = extract("Expérience\n\nB. 2010 - 2012\n").data["experience"]
    assert "title" not in post
