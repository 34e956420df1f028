"""An organisation's own vocabulary file beside its vacancies: merged over the package's,
validated with located errors, threaded to the engine, recorded and verified."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import jobscreen.batch
from jobscreen.errors import JobscreenError
from jobscreen.inputs import VOCABULARY_FILE
from jobscreen.options import ScreenOptions
from jobscreen.orgvocab import load, vocabulary_beside
from jobscreen.runs import screen_files
from jobscreen.sources import read_vacancy_file
from jobscreen.vocabulary import vocabulary
from tests.conftest import invoke

AS_OF = "2024-01-01"
AS_DATE = dt.date(2024, 1, 1)
WASH = """\
version: 1
concepts:
  wash:
    label: {en: water sanitation and hygiene, fr: eau assainissement et hygiène}
    alt:
      en: [borehole rehabilitation, latrine construction]
    acronyms: [WASH]
    broader: [humanitarian-action]
    note: water supply, sanitation and hygiene work in programmes
"""
VACANCY = """\
id: post
title: Officer
organisation: Relief Org
requirements:
  - id: exp
    kind: experience
    concepts: [{concept}]
    required: true
    text: Three years of experience.
    min_years: 3
"""
CV = """\
name: Ann
experience:
  - title: Officer
    organisation: Relief Org
    start: 2015-01
    end: 2020-12
    description: Led {words} in three districts.
"""


def folder(top: Path, vocab: str | None, concept: str = "wash") -> Path:
    """A folder with one vacancy naming ``concept`` and, if given, a vocabulary file."""
    top.mkdir(parents=True, exist_ok=True)
    (top / "post.yaml").write_text(VACANCY.format(concept=concept), encoding="utf-8")
    if vocab is not None:
        (top / VOCABULARY_FILE).write_text(vocab, encoding="utf-8")
    return top


def cv(top: Path, words: str) -> Path:
    (top / "cvs").mkdir(parents=True, exist_ok=True)
    path = top / "cvs" / "ann.yaml"
    path.write_text(CV.format(words=words), encoding="utf-8")
    return path


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder: org/ with a vacancy naming 'wash' and WASH beside it, and
    cvs/ann.yaml, whose only match is one of the file's labels."""
    folder(tmp_path / "org", WASH)
    cv(tmp_path, "borehole rehabilitation")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def scored(vacancy: str, *more: str) -> list[dict[str, Any]]:
    """The results of scoring cvs/ against a vacancy, as JSON."""
    code, out, err = invoke("score", vacancy, "cvs", "-f", "json", "--as-of", AS_OF, *more)
    assert code == 0, err
    results: list[dict[str, Any]] = json.loads(out)["results"]
    return results


def vocab_file(tmp_path: Path, text: str) -> str:
    path = folder(tmp_path / "org", text, "diplomacy") / VOCABULARY_FILE
    return str(path)


# --- merging -----------------------------------------------------------------------------


def test_a_new_concept_is_added_and_made_narrower_than_its_broader(tmp_path: Path) -> None:
    merged = load(vocab_file(tmp_path, WASH))
    wash = merged.concepts["wash"]
    assert wash.label == "water sanitation and hygiene"
    assert "borehole rehabilitation" in wash.labels
    assert wash.acronyms == ("WASH",)
    assert "wash" in merged.concepts["humanitarian-action"].narrower
    assert "wash" in {c.id for c in merged.accepted("humanitarian-action")}
    assert merged.organisation is not None
    assert merged.organisation.changes["concepts"] == {"wash": "added"}
    assert "wash" not in vocabulary().concepts, "the package's vocabulary is left as it was"


def test_an_extension_adds_to_the_package_concept_and_keeps_what_it_had(tmp_path: Path) -> None:
    text = """\
version: 1
concepts:
  diplomacy:
    alt: {en: [envoy liaison], es: [diplomacia]}
    acronyms: [DIPL]
    not: {en: [diplomacy board game]}
"""
    merged = load(vocab_file(tmp_path, text)).concepts["diplomacy"]
    before = vocabulary().concepts["diplomacy"]
    assert set(before.labels) < set(merged.labels)
    assert {"envoy liaison", "diplomacia"} == set(merged.labels) - set(before.labels)
    assert merged.acronyms == (*before.acronyms, "DIPL")
    assert set(merged.false_friends) - set(before.false_friends) == {"diplomacy board game"}
    assert merged.broader == before.broader
    assert merged.label == before.label


def test_replace_redefines_a_concept_entirely(tmp_path: Path) -> None:
    text = """\
version: 1
concepts:
  diplomacy:
    replace: true
    label: {en: diplomacy}
    alt: {en: [statecraft]}
"""
    merged = load(vocab_file(tmp_path, text))
    assert merged.concepts["diplomacy"].labels == ("diplomacy", "statecraft")
    assert merged.concepts["diplomacy"].broader == ()
    assert merged.organisation is not None
    assert merged.organisation.changes["concepts"] == {"diplomacy": "replaced"}
    # the package's narrower concepts still point to it
    assert "bilateral-diplomacy" in merged.concepts["diplomacy"].narrower


def test_narrower_makes_a_package_concept_narrower_than_the_new_one(tmp_path: Path) -> None:
    text = """\
version: 1
concepts:
  statecraft-family:
    label: {en: statecraft family}
    narrower: [diplomacy, mediation]
"""
    merged = load(vocab_file(tmp_path, text))
    assert {"diplomacy", "mediation"} <= set(merged.concepts["statecraft-family"].narrower)
    assert "statecraft-family" in merged.concepts["diplomacy"].broader
    accepted = {c.id for c in merged.accepted("statecraft-family")}
    assert {"diplomacy", "bilateral-diplomacy", "mediation"} <= accepted


def test_kinds_and_fields_are_added_and_extended(tmp_path: Path) -> None:
    text = """\
version: 1
kinds:
  water-utility:
    label: {en: water utility}
    names: {en: [water board, water authority]}
    implies: [governmental]
    evidence_for: [wash]
  ministry-of-foreign-affairs:
    names: {en: [foreign and commonwealth desk]}
fields:
  "0312":
    alt: {en: [statecraft studies]}
concepts:
  wash:
    label: {en: water sanitation and hygiene}
"""
    merged = load(vocab_file(tmp_path, text))
    utility = merged.employers["water-utility"]
    assert utility.names == ("water board", "water authority")
    assert utility.implies == ("governmental",)
    assert utility.evidence_for == ("wash",)
    assert "foreign and commonwealth desk" in merged.employers["ministry-of-foreign-affairs"].names
    assert "foreign ministry" in merged.employers["ministry-of-foreign-affairs"].names
    assert "statecraft studies" in merged.fields["0312"].names


def test_no_file_is_the_package_vocabulary_itself(tmp_path: Path) -> None:
    post = folder(tmp_path / "plain", None, "diplomacy") / "post.yaml"
    assert vocabulary_beside(post) is vocabulary()
    assert read_vacancy_file(post).vocabulary is vocabulary()


def test_the_same_file_is_read_once_and_an_edit_is_read_again(tmp_path: Path) -> None:
    path = vocab_file(tmp_path, WASH)
    first = load(path)
    assert load(path) is first
    Path(path).write_text(WASH.replace("latrine construction", "latrine building"), "utf-8")
    again = load(path)
    assert again is not first
    assert "latrine building" in again.concepts["wash"].labels


# --- validation --------------------------------------------------------------------------

HEAD = "version: 1\nconcepts:\n"
INVALID = {
    "unknown-key": (
        HEAD + "  wash:\n    label: {en: wash}\n    colour: blue\n",
        "5:5: error: unknown key 'colour'",
    ),
    "bad-id": (
        HEAD + "  Wash Stuff:\n    label: {en: wash}\n",
        "3:3: error: 'Wash Stuff' is not an id: "
        "lowercase letters and digits, in words joined by hyphens",
    ),
    "language-key": (
        HEAD + "  diplomacy:\n    alt: {EN: [member state liaison]}\n",
        "4:11: error: 'EN' is not a language code: two lowercase letters (ISO 639-1: en, fr)",
    ),
    "language-key-of-a-kind": (
        "version: 1\nkinds:\n  utility:\n    label: {english: utility}\n    names: {en: [x y]}\n",
        "4:13: error: 'english' is not a language code: two lowercase letters (ISO 639-1: en, fr)",
    ),
    "version": ("version: 2\n", "1:10: error: version: input should be less than or equal to 1"),
    "not-a-mapping": (
        "- wash\n",
        "1:1: error: expected an organisation's vocabulary (a mapping of keys), found a list",
    ),
    "duplicate-id": (
        HEAD + "  wash:\n    label: {en: wash}\n  wash:\n    label: {en: washing}\n",
        "5:3: error: duplicate key 'wash'",
    ),
    "unknown-broader": (
        HEAD + "  wash:\n    label: {en: wash}\n    broader: [plumbing]\n",
        "5:15: error: unknown concept 'plumbing'",
    ),
    "unknown-narrower": (
        HEAD + "  diplomacy:\n    narrower: [diplomacy-ii]\n",
        "4:16: error: unknown concept 'diplomacy-ii'",
    ),
    "unknown-evidence": (
        "version: 1\nkinds:\n  utility:\n    label: {en: utility}\n    names: {en: [water board]}"
        "\n    evidence_for: [plumbing]\n",
        "6:20: error: unknown concept 'plumbing'",
    ),
    "cycle": (
        HEAD + "  international-relations:\n    broader: [diplomacy]\n",
        "4:15: error: broader links make a loop: "
        "international-relations > diplomacy > international-relations",
    ),
    "self-cycle": (
        HEAD + "  diplomacy:\n    narrower: [diplomacy]\n",
        "4:16: error: broader links make a loop: diplomacy > diplomacy",
    ),
    "label-of-another": (
        HEAD + "  wash:\n    label: {en: wash}\n    alt: {en: [Mine-Action]}\n",
        "5:16: error: label 'Mine-Action' is also 'mine-action''s: "
        "link the two concepts (broader or related) or drop it",
    ),
    "acronym-of-another": (
        HEAD + "  wash:\n    label: {en: wash}\n    acronyms: [IHL]\n",
        "5:16: error: acronym 'IHL' is also 'international-humanitarian-law''s: "
        "link the two concepts (broader or related) or drop it",
    ),
    "replace-nothing": (
        HEAD + "  wash:\n    replace: true\n    label: {en: wash}\n",
        "4:14: error: nothing to replace: no concept 'wash'",
    ),
    "new-without-label": (
        HEAD + "  wash:\n    alt: {en: [borehole]}\n",
        "4:5: error: a new or replaced concept needs 'label' with at least 'en'",
    ),
    "replaced-without-english": (
        HEAD + "  diplomacy:\n    replace: true\n    label: {fr: diplomatie}\n",
        "5:12: error: a new or replaced concept needs 'label' with at least 'en'",
    ),
    "extension-relabels": (
        HEAD + "  diplomacy:\n    label: {en: statecraft}\n",
        "4:12: error: 'diplomacy' has a preferred label: add 'alt' labels, or give 'replace: true'",
    ),
    "label-is-the-package-false-friend": (
        HEAD + "  diplomacy:\n    alt: {en: [Diplomatic Manner]}\n",
        "4:16: error: label 'Diplomatic Manner' is also one of 'diplomacy''s false friends "
        "(not): it would never match",
    ),
    "false-friend-is-the-package-label": (
        HEAD + "  diplomacy:\n    not: {en: [diplomacy]}\n",
        "4:16: error: false friend 'diplomacy' is also one of 'diplomacy''s labels: "
        "that label would never match",
    ),
    "both-in-a-new-concept": (
        HEAD + "  wash:\n    label: {en: water works}\n    not: {en: [Water-Works]}\n",
        "4:17: error: label 'water works' is also one of 'wash''s false friends "
        "(not): it would never match",
    ),
    "label-without-a-word": (
        HEAD + '  diplomacy:\n    alt: {en: ["--"]}\n',
        "4:16: error: label '--' has no letter or digit: it would never match",
    ),
    "unknown-field": (
        'version: 1\nfields:\n  "0999":\n    alt: {en: [plumbing]}\n',
        "4:5: error: no field of study '0999' in fields.yaml (ISCED-F 2013)",
    ),
}


@pytest.mark.parametrize("case", INVALID, ids=str)
def test_each_problem_is_one_located_line(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, expected = INVALID[case]
    folder(tmp_path / "vac", text, "diplomacy")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "vac")
    assert code == 1, out
    problems = [line for line in out.splitlines() if line.startswith(f"vac/{VOCABULARY_FILE}:")]
    assert problems == [f"vac/{VOCABULARY_FILE}:{expected}"], out
    # every vacancy beside it says why it is not checked, once, instead of guessing
    beside = f"the vocabulary beside it, vac/{VOCABULARY_FILE}, has errors"
    assert f"vac/post.yaml:1:1: error: not checked: {beside}" in out.splitlines(), out


@pytest.mark.parametrize("command", ["score", "explain"])
def test_a_broken_file_stops_scoring_with_its_located_errors(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, expected = INVALID["cycle"]
    folder(tmp_path / "vac", text, "diplomacy")
    cv(tmp_path, "diplomacy")
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(command, "vac/post.yaml", "cvs/ann.yaml")
    assert code == 1
    assert not out
    assert err.splitlines()[0] == f"vac/{VOCABULARY_FILE}:{expected}", err
    assert "Traceback" not in err


def test_a_vacancy_naming_an_organisation_concept_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder(tmp_path / "org", WASH)
    folder(tmp_path / "plain", None)
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "org")
    assert (code, out.splitlines()[-1]) == (0, "2 files valid"), out
    code, out, _ = invoke("validate", "plain")
    assert code == 1
    assert out.splitlines()[0] == (
        "plain/post.yaml:7:16: error: unknown concept 'wash' (see jobscreen concepts)"
    )


def test_a_concept_nowhere_stays_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder(tmp_path / "org", WASH, "plumbing")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("validate", "org")
    assert code == 1
    assert "org/post.yaml:7:16: error: unknown concept 'plumbing' (see jobscreen concepts)" in (
        out.splitlines()
    )


# --- never a vacancy or a CV -------------------------------------------------------------


def test_folders_never_read_it_as_a_vacancy_or_a_cv(org: Path) -> None:
    (org / "cvs" / VOCABULARY_FILE).write_text(WASH, encoding="utf-8")
    code, out, err = invoke("match", "cvs/ann.yaml", "org", "-f", "json", "--as-of", AS_OF)
    assert (code, err) == (0, ""), err
    assert [m["vacancy"]["id"] for m in json.loads(out)["matches"]] == ["post"]
    assert [r["candidate"] for r in scored("org/post.yaml")] == ["ann"]


@pytest.mark.parametrize(
    "args",
    [
        ("score", f"org/{VOCABULARY_FILE}", "cvs"),
        ("match", "cvs/ann.yaml", f"org/{VOCABULARY_FILE}"),
        ("score", "org/post.yaml", f"org/{VOCABULARY_FILE}"),
    ],
)
def test_naming_it_as_a_vacancy_or_a_cv_says_what_it_is(args: tuple[str, ...], org: Path) -> None:
    code, _, err = invoke(*args)
    assert code in (1, 2)
    assert f"org/{VOCABULARY_FILE} is an organisation's vocabulary" in err, err


# --- scoring -----------------------------------------------------------------------------


def test_a_cv_matching_only_an_organisation_label_meets_the_rule(org: Path) -> None:
    (result,) = scored("org/post.yaml")
    rule = result["rules"][0]
    assert rule["status"] == "met", rule
    assert "borehole rehabilitation" in json.dumps(rule["evidence"]), rule


def test_the_html_report_names_the_organisation_s_vocabulary_and_its_digest(org: Path) -> None:
    code, out, err = invoke("score", "org/post.yaml", "cvs", "--as-of", AS_OF, "-f", "html")
    assert code == 0, err
    digest = load(str(org / "org" / VOCABULARY_FILE)).organisation
    assert digest is not None
    assert "<th>organisation's vocabulary</th>" in out
    assert digest.sha256 in out


def test_two_folders_with_different_files_in_one_process_do_not_mix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same vacancy in three folders: the package's vocabulary, and two files that
    extend diplomacy differently; a CV saying 'corridor whispering' (words the package's
    vocabulary does not have: it has 'backchannel') meets it only in the first."""
    extend = "version: 1\nconcepts:\n  diplomacy:\n    alt: {{en: [{}]}}\n"
    folder(tmp_path / "a", extend.format("corridor whispering"), "diplomacy")
    folder(tmp_path / "b", extend.format("courier liaison"), "diplomacy")
    folder(tmp_path / "plain", None, "diplomacy")
    cv(tmp_path, "corridor whispering")
    monkeypatch.chdir(tmp_path)
    statuses = {}
    for name in ("a", "b", "plain", "a"):
        statuses[name] = scored(f"{name}/post.yaml")[0]["rules"][0]["status"]
    assert statuses == {"a": "met", "b": "not_met", "plain": "not_met"}
    _, out, _ = invoke("match", "cvs/ann.yaml", "a", "b", "plain", "-f", "json")
    scores = sorted(m["score"] for m in json.loads(out)["matches"])
    assert scores[0] == scores[1] < scores[2], scores


def test_workers_match_with_the_organisation_vocabulary(org: Path, parallel_spy: list[int]) -> None:
    text = (org / "cvs" / "ann.yaml").read_text(encoding="utf-8")
    for index in range(jobscreen.batch.PARALLEL_FROM):
        (org / "cvs" / f"c{index}.yaml").write_text(text, encoding="utf-8")
    statuses = {r["rules"][0]["status"] for r in scored("org/post.yaml", "--jobs", "2")}
    assert parallel_spy == [2]
    assert statuses == {"met"}


# --- record and verify -------------------------------------------------------------------


def test_the_record_carries_both_digests_and_verify_names_the_file(org: Path) -> None:
    tmp_path = org
    _, out, _ = invoke("score", "org/post.yaml", "cvs", "-f", "json", "--as-of", AS_OF)
    recorded = json.loads(out)["record"]["vocabulary"]
    assert recorded["sha256"] == vocabulary().sha256
    assert recorded["organisation"]["path"] == f"org/{VOCABULARY_FILE}"
    (tmp_path / "rec.json").write_text(out, encoding="utf-8")
    assert invoke("verify", "rec.json")[:2] == (0, "rec.json: identical: every result reproduced\n")
    vocab = tmp_path / "org" / VOCABULARY_FILE
    vocab.write_text(WASH.replace("borehole rehabilitation, ", ""), encoding="utf-8")
    code, out, _ = invoke("verify", "rec.json")
    lines = out.splitlines()
    assert code == 1
    assert (
        f"  note: the organisation's vocabulary {vocab} changed since the record: results differ"
        in lines
    ), out
    assert any(
        line.startswith(
            "  record.vocabulary.organisation.sha256 (the organisation's vocabulary file changed)"
        )
        for line in lines
    ), out
    assert '  results[ann].rules[0].status: "met" → "not_met"' in lines, out


def test_verify_says_when_the_file_was_added_after_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extend = "version: 1\nconcepts:\n  diplomacy:\n    alt: {en: [corridor whispering]}\n"
    folder(tmp_path / "org", None, "diplomacy")
    cv(tmp_path, "corridor whispering")
    monkeypatch.chdir(tmp_path)
    _, out, _ = invoke("score", "org/post.yaml", "cvs", "-f", "json", "--as-of", AS_OF)
    assert "organisation" not in json.loads(out)["record"]["vocabulary"]
    (tmp_path / "rec.json").write_text(out, encoding="utf-8")
    (tmp_path / "org" / VOCABULARY_FILE).write_text(extend, encoding="utf-8")
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert any(
        line.startswith(
            "  record.vocabulary.organisation (the organisation's vocabulary file was added"
        )
        for line in out.splitlines()
    ), out
    assert "changed since the record: results differ" in out


def test_a_record_without_a_file_re_runs_as_before(tmp_path: Path) -> None:
    post = folder(tmp_path / "plain", None, "diplomacy") / "post.yaml"
    cv(tmp_path, "diplomatic liaison")
    options = ScreenOptions()
    with screen_files(str(post), [str(tmp_path / "cvs")], options, AS_DATE) as run:
        record = run.screening.record
        assert record is not None
        assert record.vocabulary is not None
        assert record.vocabulary.sha256 == vocabulary().sha256
        assert record.vocabulary.organisation is None


# --- concepts ----------------------------------------------------------------------------


def test_concepts_shows_what_came_from_the_organisation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder(tmp_path / "org", WASH)
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("concepts", "wash", "--vacancies", "org")
    assert code == 0, out
    assert f"  added by the organisation's vocabulary (org/{VOCABULARY_FILE})" in out.splitlines()
    assert "    org/post.yaml: exp (directly)" in out.splitlines()
    code, out, _ = invoke("concepts", "humanitarian-action", "--vacancies", "org", "-f", "json")
    data = json.loads(out)
    assert data["organisation"] == {
        "file": f"org/{VOCABULARY_FILE}",
        "change": "extended",
        "narrower": ["wash"],
    }
    assert "wash" in data["narrower"]
    code, out, _ = invoke("concepts", "--vacancies", "org")
    assert any(
        line.startswith("wash ") and "(added by the organisation)" in line
        for line in out.splitlines()
    ), out
    _, plain, _ = invoke("concepts", "humanitarian-action", "-f", "json")
    assert "organisation" not in json.loads(plain)


def test_concepts_refuses_folders_with_different_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder(tmp_path / "a", WASH)
    folder(tmp_path / "b", WASH.replace("latrine construction", "latrine building"))
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("concepts", "wash", "--vacancies", "a", "--vacancies", "b")
    assert code == 2
    assert "different vocabularies" in err, err


def test_an_error_in_the_file_is_never_a_crash(tmp_path: Path) -> None:
    path = vocab_file(tmp_path, "version: 1\nconcepts: {wash: 3}\n")
    with pytest.raises(JobscreenError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:2:18: wash: input should be a valid dictionary"), (
        caught.value
    )


def test_a_valid_file_fits_the_committed_schema(tmp_path: Path) -> None:
    from jsonschema import Draft7Validator  # type: ignore[import-untyped,unused-ignore]

    from jobscreen.yamlsafe import parse_yaml
    from tests.conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "vocabulary.schema.json").read_text("utf-8"))
    text = WASH + "  diplomacy:\n    not: {en: [diplomacy board game]}\n"
    (data,) = parse_yaml(text, "x.yaml")
    data["version"] = 1  # as a YAML 1.1 editor reads it
    assert list(Draft7Validator(schema).iter_errors(data)) == []
    data["concepts"]["wash"]["colour"] = "blue"
    assert list(Draft7Validator(schema).iter_errors(data)) != []
    load(vocab_file(tmp_path, text))  # the loader takes it too


# --- hostile files -------------------------------------------------------------------------


def test_no_label_keeps_a_control_or_invisible_character(tmp_path: Path) -> None:
    """Labels nested in a language's list (alt, not, names) are cleaned as every text is: no
    terminal escape reaches `jobscreen concepts`, no zero-width character hides in a label."""
    text = (
        HEAD + "  diplomacy:\n"
        '    alt: {en: ["red\\x1b[31mtape", "rtl\\u202eabc", "zero\\u200bwidth"]}\n'
        '    not: {en: ["bell\\x07ring"]}\n'
        'kinds:\n  utility:\n    label: {en: utility}\n    names: {en: ["water\\u2066 board"]}\n'
        'fields:\n  "0312":\n    alt: {en: ["state\\u200dcraft"]}\n'
    )
    vocab = load(vocab_file(tmp_path, text))
    words = [
        *vocab.concepts["diplomacy"].labels,
        *vocab.concepts["diplomacy"].false_friends,
        *vocab.employers["utility"].names,
        *vocab.fields["0312"].names,
    ]
    assert {"red[31mtape", "rtlabc", "zerowidth", "bellring", "water board", "statecraft"} <= set(
        words
    )
    from jobscreen.errors import CONTROL

    assert [w for w in words if CONTROL.search(w)] == []


def test_a_label_of_invisible_characters_only_is_a_located_error(tmp_path: Path) -> None:
    path = vocab_file(tmp_path, HEAD + '  diplomacy:\n    alt: {en: ["\\u200b\\u200b"]}\n')
    with pytest.raises(JobscreenError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:4:16: "), caught.value


class CountingConcept(dict[str, Any]):
    """A merged concept, counting how often its links are read (across all of them)."""

    reads = 0

    def get(self, key: str, default: Any = None) -> Any:
        CountingConcept.reads += 1
        return super().get(key, default)


def chain(length: int, loop: bool = False) -> str:
    """A file of ``length`` concepts, each narrower than the one before it (the first than
    diplomacy, or, with ``loop``, than the last)."""
    top = f"c{length - 1}" if loop else "diplomacy"
    entries = [
        f"  c{i}:\n    label: {{en: concept {i}}}\n    broader: [{f'c{i - 1}' if i else top}]\n"
        for i in range(length)
    ]
    return HEAD + "".join(entries)


@pytest.mark.parametrize("loop", [False, True], ids=["chain", "loop"])
def test_loops_are_found_in_linear_work_and_told_in_bounded_words(
    loop: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long chain of broader links was searched once per link, each search as long as
    the chain: 4,000 links took minutes. Counting look-ups measures the work, not the clock."""
    import jobscreen.orgvocab as orgvocab
    from jobscreen.vocabulary import package_data as vocabulary_data
    from jobscreen.yamlsafe import parse_yaml

    counts = []
    for length in (200, 400):
        (data,) = parse_yaml(chain(length, loop), "x.yaml")
        file = orgvocab.OrganisationVocabulary.model_validate(data)
        merged = vocabulary_data()[0]["concepts"]["concepts"] | {
            key: {"broader": entry.broader} for key, entry in file.concepts.items()
        }
        CountingConcept.reads = 0
        counted = {key: CountingConcept(concept) for key, concept in merged.items()}
        problems = list(orgvocab.cycle_problems(file, counted))
        counts.append(CountingConcept.reads)
        assert len(problems) == (length if loop else 0)
        assert all(len(why) < 200 for _, why in problems), problems[0]
    assert counts[1] < 2.5 * counts[0], counts  # twice the links, about twice the work


def test_verify_says_the_vocabulary_file_is_gone_when_the_re_run_needs_it(org: Path) -> None:
    """With the file deleted, verify stopped at 'unknown concept 'wash'' in the vacancy,
    never saying that the record's vocabulary file was the one missing."""
    _, out, _ = invoke("score", "org/post.yaml", "cvs", "-f", "json", "--as-of", AS_OF)
    (org / "rec.json").write_text(out, encoding="utf-8")
    (org / "org" / VOCABULARY_FILE).unlink()
    code, _, err = invoke("verify", "rec.json")
    assert code == 1
    gone = f"the organisation's vocabulary org/{VOCABULARY_FILE} it was made with is gone"
    assert err.startswith(f"rec.json: error: cannot re-run: {gone} ("), err
    assert "unknown concept 'wash'" in err, err
