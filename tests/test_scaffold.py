"""`jobscreen new vacancy`: a skeleton that validates, and rules drafted from a notice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from jobscreen import scaffold
from jobscreen.mentions import concepts_named, fields_named
from jobscreen.scaffold import (
    SCHEMA_LINE,
    Sentence,
    folded,
    kind_of_sentence,
    read_notice,
    sentences_of,
    vacancy_skeleton,
)
from tests.conftest import ROOT, cli, invoke

SEEDS = ROOT.parent / "shared" / "seeds"
CCM = SEEDS / "ccm-isu-director.txt"
NOTICE = """\
Job Title: Programme Officer
Grade: P-3

Education
Advanced university degree (Master's degree or equivalent) in law is required. A first-level
university degree in combination with two additional years of qualifying experience may be
accepted in lieu of the advanced university degree.

Work Experience
- A minimum of seven (7) years of experience in programme management is required.
- Experience in mediation is desirable.
- a university degree (Master's level preferred) in a relevant field;

Languages
English and French are the working languages of the Secretariat. Fluency in English is
required. Knowledge of French is desirable.
"""


def load(text: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def validate_text(tmp_path: Path, text: str, *options: str) -> tuple[int, str]:
    path = tmp_path / "vacancy.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = invoke("validate", *options, str(path))
    return code, out


def test_skeleton_validates_with_one_rule_of_each_kind_and_strict_names_its_examples(
    tmp_path: Path,
) -> None:
    text = vacancy_skeleton()
    code, out = validate_text(tmp_path, text)
    kinds = [rule["kind"] for rule in load(text)["requirements"]]
    assert code == 0, out
    code, out = validate_text(tmp_path, text, "--strict")  # unedited: its EXAMPLE values
    assert code == 1
    examples = [line for line in text.splitlines() if "EXAMPLE:" in line and ": " in line]
    found = [line for line in out.splitlines() if " error: " in line]
    assert len(found) == len(examples), out
    assert all(" error: JS107 " in line for line in found), out
    assert text.splitlines()[0] == SCHEMA_LINE
    assert kinds == ["education", "experience", "language", "competency", "review", "any_of"]
    assert {"title", "organisation"} <= load(text).keys()


def test_sentences_split_lines_bullets_and_full_stops() -> None:
    text = (
        "Heading\n- First item here.\n- second item\n  goes on here\nOne two three. Four five six."
    )
    assert list(sentences_of(text)) == [
        "First item here.",
        "second item goes on here",
        "One two three.",
        "Four five six.",
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A doctoral degree in a relevant area is an added advantage.", "education"),
        ("Minimum ten years' experience at a senior level in diplomacy.", "experience"),
        ("Experience of working in political environments.", "experience"),
        ("Fluency in English, both oral and written, is required.", "language"),
        ("English and French are the working languages of the Secretariat.", None),
        ("Develops proposals based on past experience;", None),
    ],
)
def test_sentence_kinds(sentence: str, kind: str | None) -> None:
    assert kind_of_sentence(sentence) == kind


def test_notice_reader_finds_fields_and_joins_the_in_lieu_clause() -> None:
    notice = read_notice(NOTICE)
    assert notice.fields == {"title": "Programme Officer", "grade": "P-3"}
    assert [s.kind for s in notice.sentences] == [
        "education",
        "experience",
        "experience",
        "education",
        "language",
        "language",
    ]
    assert notice.sentences[0].text.endswith("in lieu of the advanced university degree.")


def test_drafted_rules_quote_their_sentences_and_guess_values(tmp_path: Path) -> None:
    notice = read_notice(NOTICE)
    text = vacancy_skeleton("programme-officer", notice, "notice.txt")
    rules = {rule["id"]: rule for rule in load(text)["requirements"]}
    code, out = validate_text(tmp_path, text)
    assert code == 0, out
    assert [rules[i]["text"] for i in ("edu-1", "exp-1", "exp-2", "edu-2")] == [
        s.text for s in notice.sentences[:4]
    ]
    assert (rules["edu-1"]["min_level"], rules["edu-1"]["required"]) == ("master", True)
    assert (rules["exp-1"]["min_years"], rules["exp-1"]["required"]) == (7, True)
    assert (rules["exp-2"]["min_years"], rules["exp-2"]["required"]) == (0, False)
    assert (rules["edu-2"]["min_level"], rules["edu-2"]["required"]) == ("bachelor", True)
    assert (rules["lang-english-1"]["level"], rules["lang-french-1"]["level"]) == (
        "fluency",
        "knowledge",
    )
    assert rules["lang-french-1"]["required"] is False
    assert "in_lieu" in text  # the in-lieu clause is pointed out for review
    assert text.count("# REVIEW") >= 3 * len(notice.sentences)


def test_a_draft_holds_the_notices_rules_and_no_example() -> None:
    only_language = read_notice("Fluency in English is required.")
    text = vacancy_skeleton("v", only_language)
    ids = [rule["id"] for rule in load(text)["requirements"]]
    assert ids == ["lang-english-1"]
    assert "EXAMPLE" not in text.split("requirements:", 1)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Knowledge of: law, #1 priority; 'quoted' and \"double\" - dash",
        "A sentence " * 30,
        "Master\u2019s degree \u2014 \u201cadvanced\u201d (10) years: 100% & more",
    ],
    ids=["yaml-characters", "long", "unicode"],
)
def test_folded_text_reads_back_as_the_sentence(text: str) -> None:
    block = "\n".join(["rule:", *folded("text", text, indent=2)])
    assert load(block)["rule"]["text"] == " ".join(text.split())


def test_title_with_yaml_characters_is_quoted() -> None:
    notice = read_notice("Position: Director: ISU, #1 - 'CCM'\n")
    assert load(vacancy_skeleton("v", notice))["title"] == "Director: ISU, #1 - 'CCM'"


# --- the command --------------------------------------------------------------------------


def test_new_vacancy_prints_the_skeleton_to_stdout() -> None:
    code, out, _ = invoke("new", "vacancy")
    assert code == 0
    assert out == vacancy_skeleton()


def test_new_vacancy_writes_a_file_named_after_it_and_will_not_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "my-post.yaml"
    first = cli("new", "vacancy", "--output", str(target))
    assert first.returncode == 0, first.stderr
    assert load(target.read_text(encoding="utf-8"))["id"] == "my-post"
    again = cli("new", "vacancy", "--output", str(target))
    assert again.returncode == 2
    assert b"exists; add --force" in again.stderr
    forced = cli("new", "vacancy", "--output", str(target), "--force", "--id", "other")
    assert forced.returncode == 0
    assert load(target.read_text(encoding="utf-8"))["id"] == "other"


def test_bad_id_and_missing_notice_are_reported() -> None:
    bad_id = cli("new", "vacancy", "--id", "no spaces")
    assert bad_id.returncode == 2
    assert b"--id must be" in bad_id.stderr
    missing = cli("new", "vacancy", "--from-notice", "no/such/notice.txt")
    assert missing.returncode == 1
    assert missing.stderr.startswith(b"no/such/notice.txt:")
    assert b"no such file" in missing.stderr


@pytest.mark.parametrize("notice", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_seed_notice_drafts_a_valid_file(notice: Path, tmp_path: Path) -> None:
    target = tmp_path / "vacancies" / f"{notice.stem}.yaml"
    target.parent.mkdir()
    made = cli("new", "vacancy", "--from-notice", str(notice), "--output", str(target))
    checked = cli("validate", str(target))
    assert made.returncode == 0, made.stderr
    assert checked.returncode == 0, checked.stdout.decode()
    assert load(target.read_text(encoding="utf-8"))["id"] == notice.stem


@pytest.mark.skipif(not CCM.is_file(), reason="the seed notices are not beside the repository")
def test_ccm_notice_carries_its_education_experience_and_language_sentences(
    tmp_path: Path,
) -> None:
    made = cli("new", "vacancy", "--from-notice", str(CCM))
    text = made.stdout.decode()
    code, out = validate_text(tmp_path, text)
    texts: dict[str, list[str]] = {rule["kind"]: [] for rule in load(text)["requirements"]}
    for rule in load(text)["requirements"]:
        texts[rule["kind"]].append(" ".join(rule["text"].split()))
    assert made.returncode == 0
    assert code == 0, out
    assert texts["education"][0].startswith("A minimum of a master's degree or equivalent")
    assert "A minimum of 10 years professional work experience" in " ".join(texts["experience"])
    assert "Experience in managing a mine action programme is desirable" in texts["experience"]
    assert texts["language"][0] == (
        "Fluency in English, both oral and written, is required; working knowledge of other "
        "UN official language is an asset."
    )
    assert Sentence("language", texts["language"][0]) in read_notice(CCM.read_text()).sentences


@pytest.mark.parametrize("text", ["", "  \n\n\t\n"])
def test_an_empty_notice_is_refused(text: str, tmp_path: Path) -> None:
    notice = tmp_path / "empty.txt"
    notice.write_text(text, encoding="utf-8")
    done = cli("new", "vacancy", "--from-notice", str(notice))
    assert done.returncode == 1  # an input error, as an empty CV or vacancy is
    assert done.stdout == b""
    assert done.stderr.startswith(f"{notice}:1:1: error: empty file\n".encode())


def test_an_empty_notice_name_is_a_usage_error() -> None:
    done = cli("new", "vacancy", "--from-notice", "")
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"--from-notice: give a file name" in done.stderr


def test_a_notice_with_no_requirement_sentence_drafts_the_skeleton_and_says_so(
    tmp_path: Path,
) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text("Title: Clerk\nApply online before Friday.\n", encoding="utf-8")
    done = cli("new", "vacancy", "--from-notice", str(notice))
    assert done.returncode == 0
    assert b"warning: no education, experience or language sentence found" in done.stderr
    odd = tmp_path / "n\nnotice.txt"  # the warning names it on one line
    odd.write_text("Apply online before Friday.\n", encoding="utf-8")
    warned = cli("new", "vacancy", "--from-notice", str(odd)).stderr.decode()
    assert len(warned.splitlines()) == 1
    assert "n\\x0anotice.txt" in warned
    assert load(done.stdout.decode())["title"] == "Clerk"
    drafted = cli("new", "vacancy", "--from-notice", str(CCM)) if CCM.is_file() else None
    assert drafted is None or b"warning" not in drafted.stderr


@pytest.mark.parametrize(
    ("name", "label"), [("title", "Title"), ("grade", "Grade"), ("duty_station", "Location")]
)
def test_a_labelled_field_try_never_leaves_its_line(name: str, label: str) -> None:
    # Issue 14: 40,000 blank lines between two words took 56 s. The label's leading spaces
    # ran across the blank lines from each line start; kept on their line, every try of
    # the pattern is bounded by its line, and a notice is read in linear time.
    match = scaffold._FIELDS[name].search(f"x\n\n \n\n  {label}: value\n")
    assert match is not None
    assert "\n" not in match[0]


def test_a_label_and_its_value_are_read_on_one_line() -> None:
    notice = read_notice("Title\n\n: Director\n\n\n   Grade : D-1\nLocation:\nGeneva\n")
    assert notice.fields == {"grade": "D-1"}


def test_a_logical_line_keeps_its_physical_lines_until_joined() -> None:
    # A run of 1,000,000 lines going on in lower case took 39 s (the line was copied as it
    # grew, once a line); its lines are now joined once.
    text = "Experience in\nlaw and\nmediation.\n- a bullet\nnext line\nThe End"
    assert list(scaffold.logical_lines(text)) == [
        ["Experience in", "law and", "mediation."],
        ["a bullet", "next line"],
        ["The End"],
    ]
    assert list(sentences_of(text)) == ["Experience in law and mediation.", "a bullet next line"]


def test_a_rule_s_sentence_is_built_once_however_many_clauses_join_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each in-lieu clause rebuilt the joined sentence and the list of those found: quadratic
    # in the clauses. They are now collected and joined once.
    built: list[str] = []

    class Counted(Sentence):
        def __init__(self, kind: str, text: str) -> None:
            built.append(kind)
            super().__init__(kind, text)

    monkeypatch.setattr(scaffold, "Sentence", Counted)
    lieu = "A first-level university degree may be accepted in lieu of the advanced degree."
    extra = "Experience in mediation is desirable."
    notice = read_notice("\n".join(["A Master's degree is required.", *[lieu, extra] * 50]))
    assert built == ["education"] + ["experience"] * 50
    assert notice.sentences[0].text == " ".join(["A Master's degree is required.", *[lieu] * 50])


def test_a_sentence_is_searched_once_for_every_level_term(monkeypatch: pytest.MonkeyPatch) -> None:
    # One search for each of 34 level terms made 2 MB of language sentences take 11 s.
    searched: list[str] = []
    pattern = scaffold._LEVEL_TERM

    class Counted:
        def search(self, text: str) -> re.Match[str] | None:
            searched.append(text)
            return pattern.search(text)

    monkeypatch.setattr(scaffold, "_LEVEL_TERM", Counted())
    sentence = "Fluency in English and a working knowledge of French are required."
    draft = vacancy_skeleton("x", read_notice(sentence))
    assert 'level: "fluency"' in draft
    assert searched == [sentence, sentence]  # its kind, then its level


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("Fluency in English and working knowledge of French", "fluency"),
        ("working knowledge of French; fluency in English", "working knowledge"),
        ("French at C1 or native speaker", "c1"),
        ("FLUENT in English", "fluent"),
        ("English (upper intermediate)", "upper intermediate"),
        ("confidently fluent", "fluent"),
        ("no level here", None),
    ],
)
def test_the_first_and_longest_level_term_is_read(sentence: str, term: str | None) -> None:
    assert scaffold.level_term(sentence) == term


SEEDS = ROOT.parent / "shared" / "seeds"
NOTICES = sorted((ROOT / "tests" / "data" / "golden" / "notices").glob("*.txt"))
TITLES = {
    "ccm-isu-director": "Director, Implementation Support Unit, Convention on Cluster Munitions",
    "comsec-head-good-offices": "Adviser and Head, Good Offices Section",
    "comsec-pao-good-offices": "Political Affairs Officer, Good Offices Section",
    "nato-asg-pasp": "Assistant Secretary General for Political Affairs and Security Policy",
    "un-aro-senior-pmo": "Senior Programme Management Officer",
}


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.stem)
def test_real_notices_draft_safely(notice: Path) -> None:
    draft = read_notice(notice.read_text(encoding="utf-8"))
    text = vacancy_skeleton(notice.stem, draft, notice.name)
    data = load(text)
    assert data["title"] == TITLES[notice.stem]
    rules = data["requirements"]
    if not draft.sentences:  # the skeleton's examples, and a warning (test_cli)
        return
    assert all(not r["text"].startswith("EXAMPLE") for r in rules)  # no example left
    assert {r["kind"] for r in rules} <= {"education", "experience", "language"}
    for r in rules:  # whatever the sentence names is listed
        if r["kind"] == "experience" and concepts_named(r["text"]):
            assert r["concepts"] == concepts_named(r["text"])
        if r["kind"] == "education" and fields_named(r["text"]):
            assert r["fields"] == fields_named(r["text"])


def test_the_shared_seeds_are_the_golden_notices() -> None:
    if not SEEDS.is_dir():
        pytest.skip("no ../shared/seeds in this clone")
    for notice in NOTICES:
        assert (SEEDS / notice.name).read_bytes() == notice.read_bytes()


def test_mastery_is_no_masters_degree() -> None:
    notice = read_notice("Demonstrates professional competence and mastery of subject matter.")
    assert notice.sentences == ()


def test_a_draft_names_the_fields_and_concepts_of_its_sentences() -> None:
    notice = read_notice(
        "Advanced university degree in law, sociology or related disciplines is required.\n"
        "Seven years of experience in programme management and advocacy is required.\n"
    )
    rules = load(vacancy_skeleton("v", notice))["requirements"]
    assert (rules[0]["fields"], rules[0]["related_fields"]) == (["law", "sociology"], True)
    assert rules[1]["concepts"] == ["programme-management", "advocacy"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Legal Officer\nGeneva\n", "Legal Officer"),
        (
            "United Nations Development Programme (UNDP)\nThe Legal Officer will lead x.",
            "Legal Officer",
        ),
        ("JOB DESCRIPTION\nThe Legal Officer will be responsible for y.", "Legal Officer"),
        (
            "Legal Officer, Treaty Section\nThe Legal Officer will lead.",
            "Legal Officer, Treaty Section",
        ),
        ("See www.example.org\n", None),
    ],
)
def test_a_title_without_a_label(text: str, title: str | None) -> None:
    assert read_notice(text).fields.get("title") == title


def test_new_cv_validates_and_takes_its_id_from_the_file(tmp_path: Path) -> None:
    target = tmp_path / "amy-lee.yaml"
    code, _, err = invoke("new", "cv", "-o", str(target))
    assert code == 0, err
    data = load(target.read_text(encoding="utf-8"))
    assert data["id"] == "amy-lee"
    assert {"education", "experience", "languages", "competencies"} <= data.keys()
    assert invoke("validate", str(target))[0] == 0
    assert invoke("new", "cv", "-o", str(target))[0] == 2  # never replaced without --force
    assert invoke("new", "cv", "-o", str(target), "--force", "--id", "x1")[0] == 0
    assert load(target.read_text(encoding="utf-8"))["id"] == "x1"
    assert invoke("new", "cv", "--id", "no way")[0] == 2
