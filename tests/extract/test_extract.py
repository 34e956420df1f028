"""Tests of the plain-text CV extractor: the example set, each pattern, the YAML, robustness.

The example set is examples/candidates/txt-*.txt|md; each has a native YAML written by hand in
tests/data/extract/<stem>.expected.yaml, with the claims it states as ``# claim:`` comments.
Conventions of those files: degree abbreviations without dots ('LL.M.' -> LLM), word forms as
written ("Bachelor's degree"), a degree in progress as '<degree> candidate'; dates as YYYY or
YYYY-MM strings, 'present' for a current post; the organisation as written after the title;
languages by their canonical English name, levels in lower case as written (CEFR in capitals,
preferred when a line gives both; a Europass grid as understand/read/speak/write, speaking the
lower of its two columns).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jobscreen.cv import CVFile
from jobscreen.engine.matching import PhraseIndex
from jobscreen.extract import Extraction, Note, extract, sections, to_yaml
from jobscreen.extract.sections import joined_lines
from jobscreen.levels import degree_of
from tests.conftest import CANDIDATES, DATA

EXAMPLES = CANDIDATES
EXPECTED = DATA / "extract"
STEMS = sorted(p.name.removesuffix(".expected.yaml") for p in EXPECTED.glob("*.expected.yaml"))
XFAIL: dict[str, str] = {}  # stem -> why that style still fails; none at present
EDUCATION_FIELDS = ("degree", "field", "year")
POST_FIELDS = ("start", "end", "title", "organisation")
HYPOTHESIS = settings(suppress_health_check=[HealthCheck.too_slow])


def _case(stem: str) -> Any:
    if stem in XFAIL:
        return pytest.param(stem, marks=pytest.mark.xfail(strict=True, reason=XFAIL[stem]))
    return stem


CASES = [_case(stem) for stem in STEMS]


def _source(stem: str) -> Path:
    found = [p for p in EXAMPLES.glob(f"{stem}.*") if p.suffix in {".txt", ".md"}]
    assert len(found) == 1, f"{stem}: expected one .txt or .md example, found {found}"
    return found[0]


@functools.cache
def _extracted(stem: str) -> Extraction:
    return extract(_source(stem).read_text(encoding="utf-8"))


@functools.cache
def _expected_text(stem: str) -> str:
    return (EXPECTED / f"{stem}.expected.yaml").read_text(encoding="utf-8")


def _expected(stem: str) -> dict[str, Any]:
    data = yaml.safe_load(_expected_text(stem))
    assert isinstance(data, dict)
    return data


def _rows(data: dict[str, Any], kind: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {f: None if entry.get(f) is None else str(entry[f]) for f in fields}
        for entry in data.get(kind, [])
    ]


def _mismatches(stem: str, kind: str, fields: tuple[str, ...]) -> list[str]:
    want, got = _rows(_expected(stem), kind, fields), _rows(_extracted(stem).data, kind, fields)
    problems = [f"{stem}: {len(got)} {kind} entries, expected {len(want)}"] * (
        len(got) != len(want)
    )
    for number, (w, g) in enumerate(zip(want, got, strict=False)):
        problems += [
            f"{stem} {kind}[{number}].{f}: got {g[f]!r}, expected {w[f]!r}"
            for f in fields
            if g[f] != w[f]
        ]
    return problems


def _languages(data: dict[str, Any]) -> dict[str, Any]:
    return {entry["language"]: entry.get("level") for entry in data.get("languages", [])}


def _scalar_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _scalar_paths(item, (*path, key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _scalar_paths(item, (*path, number))
    else:
        yield path


# --- the example set -------------------------------------------------------------------


def test_the_set_covers_eight_styles_and_markdown() -> None:
    assert len(STEMS) >= 8
    assert any(_source(stem).suffix == ".md" for stem in STEMS)


def test_every_text_example_has_an_expected_file() -> None:
    texts = {p.stem for p in EXAMPLES.glob("txt-*") if p.suffix in {".txt", ".md"}}
    assert texts == set(STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_expected_file_is_a_valid_native_cv(stem: str) -> None:
    CVFile.model_validate(_expected(stem))


@pytest.mark.parametrize("stem", CASES)
def test_education_matches_expected(stem: str) -> None:
    problems = _mismatches(stem, "education", EDUCATION_FIELDS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stem", CASES)
def test_experience_matches_expected(stem: str) -> None:
    problems = _mismatches(stem, "experience", POST_FIELDS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stem", CASES)
def test_languages_match_expected(stem: str) -> None:
    got, want = _languages(_extracted(stem).data), _languages(_expected(stem))
    assert got == want, f"{stem}: languages {got}, expected {want}"


@pytest.mark.parametrize("stem", CASES)
def test_competencies_match_expected(stem: str) -> None:
    got, want = _extracted(stem).data.get("competencies"), _expected(stem).get("competencies")
    assert got == want, f"{stem}: competencies {got}, expected {want}"


@pytest.mark.parametrize("stem", CASES)
def test_claims_match_expected(stem: str) -> None:
    want = [
        line.removeprefix("# claim:").strip()
        for line in _expected_text(stem).splitlines()
        if line.startswith("# claim:")
    ]
    claims = _extracted(stem).claims
    assert len(claims) == len(want), f"{stem}: claims {claims}, expected {want}"
    missing = [w for w in want if not any(w.lower() in c.lower() for c in claims)]
    assert not missing, f"{stem}: claims {claims} miss {missing}"


@pytest.mark.parametrize("stem", STEMS)
def test_extraction_is_valid_and_its_yaml_loads_back(stem: str) -> None:
    extraction = _extracted(stem)
    CVFile.model_validate(extraction.data)
    assert yaml.safe_load(to_yaml(extraction)) == extraction.data


@pytest.mark.parametrize("stem", STEMS)
def test_every_value_has_a_note(stem: str) -> None:
    extraction = _extracted(stem)
    noted = {note.path for note in extraction.notes}  # a level mapping is noted as a whole
    paths = _scalar_paths(extraction.data)
    silent = [
        p for p in paths if not any(p[:k] in noted for k in range(min(3, len(p)), len(p) + 1))
    ]
    assert not silent, f"{stem}: values without a note: {silent}"


# --- precision and recall over the whole set -------------------------------------------


def _items(kind: str, data: dict[str, Any]) -> Counter[tuple[str, ...]]:
    if kind == "degrees":
        rows = _rows(data, "education", EDUCATION_FIELDS)
    elif kind == "post dates":
        rows = _rows(data, "experience", ("start", "end"))
    else:
        rows = [{"language": k, "level": _level_key(v)} for k, v in _languages(data).items()]
    return Counter(tuple(str(v) for v in row.values()) for row in rows)


def _level_key(level: Any) -> str:
    return str(sorted(level.items())) if isinstance(level, dict) else str(level)


def scores() -> dict[str, tuple[float, float, int, int, int]]:
    """Precision, recall, true positives, extracted and expected items, per kind."""
    result = {}
    for kind in ("degrees", "post dates", "languages"):
        hits = found = wanted = 0
        for stem in (s for s in STEMS if s not in XFAIL):
            got, want = _items(kind, _extracted(stem).data), _items(kind, _expected(stem))
            hits += sum((got & want).values())
            found += sum(got.values())
            wanted += sum(want.values())
        result[kind] = (hits / found if found else 1.0, hits / wanted, hits, found, wanted)
    return result


@pytest.mark.parametrize("kind", ["degrees", "post dates", "languages"])
def test_precision_and_recall_are_perfect_over_the_set(kind: str) -> None:
    precision, recall, hits, found, wanted = scores()[kind]
    message = (
        f"{kind}: precision {precision:.3f} ({hits}/{found}), recall {recall:.3f} ({hits}/{wanted})"
    )
    assert (precision, recall) == (1.0, 1.0), message


# --- degrees ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "degree", "field", "year"),
    [
        ("MA in International Relations (SOAS, 2006)", "MA", "International Relations", 2006),
        ("LL.M., Public International Law", "LLM", "Public International Law", None),
        ("Bachelor's degree in Sociology", "Bachelor's degree", "Sociology", None),
        ("BSc Economics, University of Nairobi, 2001", "BSc", "Economics", 2001),
        ("Ph.D. in Political Science, Columbia University, 2014", "PhD", "Political Science", 2014),
        ("Master of Arts - MA, International Relations", "MA", "International Relations", None),
        ("Master of Laws (LLM) in Human Rights Law, 2012", "LLM", "Human Rights Law", 2012),
        ("Licence en droit, Université de Dakar (1999)", "Licence", "droit", 1999),
        ("BA (Hons) in Economics, University of Peshawar, 2004", "BA", "Economics", 2004),
        ("MBA, INSEAD 2007", "MBA", None, 2007),
        (
            "2004 \u2013 2006  MA, Conflict Resolution \u2014 University of Bradford",
            "MA",
            "Conflict Resolution",
            2006,
        ),
        (
            "She holds an MPhil in Development Studies from the University of Cambridge (2008).",
            "MPhil",
            "Development Studies",
            2008,
        ),
    ],
)
def test_degree_and_field(text: str, degree: str, field: str | None, year: int | None) -> None:
    [entry] = extract(text).data["education"]
    assert (entry["degree"], entry.get("field"), entry.get("year")) == (degree, field, year)


def test_institution_in_parentheses_or_after_from() -> None:
    data = extract("MA in International Relations (SOAS, 2006)").data
    assert data["education"][0]["institution"] == "SOAS"
    data = extract("He holds an MSc in Chemistry from the University of Oslo (2005).").data
    assert data["education"][0]["institution"] == "University of Oslo"


def test_two_degrees_in_one_sentence() -> None:
    text = "He holds an MSc in Chemistry (2005) and an MA in International Security (2008)."
    education = extract(text).data["education"]
    assert [(e["degree"], e["field"], e["year"]) for e in education] == [
        ("MSc", "Chemistry", 2005),
        ("MA", "International Security", 2008),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "PhD candidate",
        "PhD candidate in War Studies, King's College London",
        "Education: PhD candidate, Sociology, Université de Montréal",
        "Currently pursuing a PhD in Law at Leiden University",
        "PhD (in progress), University of Geneva",
        "Doctoral candidate, Graduate Institute Geneva",
        "PhD student in history",
    ],
)
def test_a_phd_candidate_is_not_a_doctorate(text: str) -> None:
    extraction = extract(text)
    [entry] = extraction.data["education"]
    assert "candidate" in entry["degree"].lower()
    assert degree_of(entry["degree"]).level is None
    notes = [n.message for n in extraction.notes if n.path == ("education", 0, "degree")]
    assert any("in progress" in message for message in notes), notes


def test_degree_lines_under_a_heading_take_the_lines_around_them() -> None:
    text = "Education\nGraduate Institute Geneva\nMaster of Arts - MA, History\n2008 - 2010\n"
    [entry] = extract(text).data["education"]
    assert entry == {
        "degree": "MA",
        "field": "History",
        "institution": "Graduate Institute Geneva",
        "year": 2010,
    }


def test_a_degree_word_in_a_post_description_is_not_a_degree() -> None:
    text = "Lecturer, MA programme in Peace Studies, University of Bradford (2010-2012)"
    data = extract(text).data
    assert "education" not in data
    assert data["experience"][0]["start"] == "2010"


# --- posts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Programme Officer, UNHCR, 2010-2015", "2010", "2015"),
        ("Programme Officer, UNHCR, 2010\u20132015", "2010", "2015"),
        ("Programme Officer, UNHCR, Jan 2010 - present", "2010-01", "present"),
        ("03/2012 to 06/2018 Programme Analyst, UN Women", "2012-03", "2018-06"),
        ("Head of Office, UNOCHA, since 2019", "2019", "present"),
        ("Political Officer, African Union Commission (2008-10)", "2008", "2010"),
        ("Research Officer, Equality Commission (2011\u201315)", "2011", "2015"),
        ("Senior Adviser, Ministry of Foreign Affairs, Kenya (2012-2016)", "2012", "2016"),
        ("2016 - present: Head of Section, OSCE", "2016", "present"),
        ("07/2018 to date   Programme Manager, UNDP Kenya", "2018-07", "present"),
        ("Consultant, UNODC (2015-03 - 2016-02)", "2015-03", "2016-02"),
        ("From March 2013 until June 2016 she was Legal Officer at the ICC.", "2013-03", "2016-06"),
        ("Between 2008 and 2012 he was a Research Fellow with SIPRI.", "2008", "2012"),
    ],
)
def test_post_dates(text: str, start: str, end: str) -> None:
    [post] = extract(text).data["experience"]
    assert (post["start"], post["end"]) == (start, end)


@pytest.mark.parametrize(
    ("month", "number"),
    [("Jan", "01"), ("February", "02"), ("Sept.", "09"), ("Oct", "10"), ("December", "12")],
)
def test_month_names_map_to_year_and_month(month: str, number: str) -> None:
    [post] = extract(f"Desk Officer, DPPA, {month} 2014 - present").data["experience"]
    assert post["start"] == f"2014-{number}"


@pytest.mark.parametrize(
    ("text", "title", "organisation"),
    [
        (
            "Senior Adviser, Ministry of Foreign Affairs, Kenya (2012-2016)",
            "Senior Adviser",
            "Ministry of Foreign Affairs, Kenya",
        ),
        ("2016 - present: Head of Section, OSCE", "Head of Section", "OSCE"),
        ("Programme Officer at UNDP (2010-2014)", "Programme Officer", "UNDP"),
        ("2012\u20132016 | Political Affairs Officer | DPPA", "Political Affairs Officer", "DPPA"),
        (
            "UNICEF Somalia, Child Protection Officer (2009-2011)",
            "Child Protection Officer",
            "UNICEF Somalia",
        ),
        ("Since 2019 she has served as Director at the OPCW in The Hague.", "Director", "OPCW"),
        (
            "From 2008 to 2012 he worked with the African Union as a Political Officer.",
            "Political Officer",
            "African Union",
        ),
        ("She has worked for the UN since 2005 and speaks Portuguese.", None, "UN"),
        (
            "From 2012 to 2019 he was Policy Adviser at the Ministry of Foreign Affairs and Trade.",
            "Policy Adviser",
            "Ministry of Foreign Affairs and Trade",
        ),
        ("Programme Officer (UNDP), 2015 \u2013 2018", "Programme Officer", "UNDP"),
        ("June 2010 \u2013 May 2012 | UNHCR | Protection Officer", "Protection Officer", "UNHCR"),
    ],
)
def test_post_title_and_organisation(text: str, title: str | None, organisation: str) -> None:
    [post] = extract(text).data["experience"]
    assert (post.get("title"), post.get("organisation")) == (title, organisation)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Previously, I worked as M&E Officer at Plan International (2016-2020) and as "
            "Project Assistant with the Red Cross (2014\u201316).",
            [
                ("M&E Officer", "Plan International", "2016", "2020"),
                ("Project Assistant", "Red Cross", "2014", "2016"),
            ],
        ),
        (
            "2016 - present: Head of Section, OSCE, 2012-2016: Deputy Head of Mission, Embassy",
            [
                ("Head of Section", "OSCE", "2016", "present"),
                ("Deputy Head of Mission", "Embassy", "2012", "2016"),
            ],
        ),
        (
            "Programme Officer, UNDP (2010-2012, 2014-2016)",
            [
                ("Programme Officer", "UNDP", "2010", "2012"),
                ("Programme Officer", "UNDP", "2014", "2016"),
            ],
        ),
    ],
)
def test_several_dated_posts_in_one_line(text: str, expected: list[tuple[str, ...]]) -> None:
    posts = extract(text).data["experience"]
    assert [(p["title"], p["organisation"], p["start"], p["end"]) for p in posts] == expected


def test_lines_after_a_post_become_its_description() -> None:
    text = (
        "Experience\n"
        "Senior Adviser, Ministry of Foreign Affairs (2012-2016)\n"
        "- Led the mediation support team.\n"
        "- Drafted briefing notes.\n"
        "Head of Section, OSCE (2016-2020)\n"
        "Managed four staff.\n"
    )
    posts = extract(text).data["experience"]
    assert [p.get("description") for p in posts] == [
        "Led the mediation support team. Drafted briefing notes.",
        "Managed four staff.",
    ]


def test_title_and_employer_on_the_lines_above_the_dates() -> None:
    text = "Experience\nAssociate Expert\nUNIDIR\nSep 2009 - Feb 2011 · 1 yr 6 mos\nGeneva\n"
    [post] = extract(text).data["experience"]
    assert post == {
        "title": "Associate Expert",
        "organisation": "UNIDIR",
        "start": "2009-09",
        "end": "2011-02",
        "description": "Geneva",
    }


def test_title_on_the_line_below_the_dates() -> None:
    [post] = extract("Experience\n2019 - present\nHead of Section, OSCE\n").data["experience"]
    assert (post["title"], post["organisation"], post["start"]) == (
        "Head of Section",
        "OSCE",
        "2019",
    )


def test_dates_title_and_employer_each_on_a_line() -> None:
    text = "Experience\n2015\u20132018\nProgramme Officer\nUNDP Afghanistan, Kabul\n- Managed it.\n"
    [post] = extract(text).data["experience"]
    assert (post["title"], post["organisation"]) == ("Programme Officer", "UNDP Afghanistan, Kabul")
    assert post["description"] == "Managed it."


def test_employer_on_the_line_below_a_dated_title() -> None:
    text = (
        "Work experience\n01/03/2013 \u2013 31/08/2018 Programme Officer\nOSCE Mission to Skopje\n"
    )
    [post] = extract(text).data["experience"]
    assert post == {
        "title": "Programme Officer",
        "organisation": "OSCE Mission to Skopje",
        "start": "2013-03-01",
        "end": "2018-08-31",
    }


def test_labelled_fields_of_application_forms() -> None:
    text = (
        "EMPLOYMENT RECORD\n"
        "From: 01/2015  To: 12/2018\n"
        "Functional title: Programme Officer\n"
        "Name of employer: UNDP Afghanistan\n"
        "Description of duties: Managed the reintegration portfolio.\n\n"
        "Functional title: Associate Programme Officer\n"
        "Name of employer: UNHCR\n"
        "From: 03/2011  To: 12/2014\n"
    )
    posts = extract(text).data["experience"]
    assert [(p["title"], p["organisation"], p["start"], p["end"]) for p in posts] == [
        ("Programme Officer", "UNDP Afghanistan", "2015-01", "2018-12"),
        ("Associate Programme Officer", "UNHCR", "2011-03", "2014-12"),
    ]
    assert posts[0]["description"] == "Managed the reintegration portfolio."


@pytest.mark.parametrize(
    ("text", "start", "end", "uncertain"),
    [
        ("Officer, UNDP, 01/09/2015 \u2013 31/12/2018", "2015-09-01", "2018-12-31", False),
        ("Officer, UNDP, 01/09/2015 \u2013 02/10/2018", "2015-09-01", "2018-10-02", True),
        ("Officer, UNDP, 09/01/2015 \u2013 12/31/2018", "2015-01-09", "2018-12-31", True),
        (
            "Officer, UNDP, 01/09/2018 - present\nIntern, UNDP, 15/06/2010 - 28/02/2013",
            "2018-09-01",
            "present",
            False,
        ),
    ],
)
def test_day_month_year_dates(text: str, start: str, end: str, uncertain: bool) -> None:
    extraction = extract(text)
    post = extraction.data["experience"][0]
    assert (post["start"], post["end"]) == (start, end)
    assert (("experience", 0) in extraction.uncertain) is uncertain


@pytest.mark.parametrize(
    "text",
    [
        "Gap 2016-2019 not explained.",
        "Managed the programme ahead of the 2013 and 2017 elections.",
        "Led the 2016-2018 reform of the unit.",
    ],
)
def test_a_year_in_passing_is_not_a_post(text: str) -> None:
    extraction = extract(text)
    assert "experience" not in extraction.data
    assert extraction.unplaced == (text,)


# --- claims ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Over 12 years of experience in political affairs since 2008.",
            "Over 12 years of experience in political affairs since 2008",
        ),
        ("She brings a decade of work on arms control.", "a decade of work on arms control"),
        (
            "More than 15 years' experience in humanitarian coordination (2005-2020).",
            "More than 15 years' experience in humanitarian coordination (2005-2020)",
        ),
    ],
)
def test_stated_totals_are_claims_not_posts(text: str, claim: str) -> None:
    extraction = extract(text)
    assert extraction.claims == (claim,)
    assert "experience" not in extraction.data


def test_durations_of_posts_are_not_claims() -> None:
    extraction = extract("Experience\nAnalyst\nUNDP\nJan 2017 - Present · 7 yrs 2 mos\n")
    assert extraction.claims == ()


# --- languages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Languages: English (native), French (fluent), Spanish (B1)",
            {"English": "native", "French": "fluent", "Spanish": "B1"},
        ),
        ("He has a working knowledge of Arabic.", {"Arabic": "working knowledge"}),
        ("Bilingual English/French.", {"English": "bilingual", "French": "bilingual"}),
        ("Languages: bilingual English/French", {"English": "bilingual", "French": "bilingual"}),
        ("Mother tongue: Swahili", {"Swahili": "mother tongue"}),
        ("She is fluent in English and French.", {"English": "fluent", "French": "fluent"}),
        (
            "Languages\nSpanish\nNative or bilingual proficiency",
            {"Spanish": "native or bilingual proficiency"},
        ),
        (
            "LANGUAGES\nEnglish \u2013 fluent; Kiswahili \u2013 mother tongue",
            {"English": "fluent", "Swahili": "mother tongue"},
        ),
        ("Languages\n- English \u2014 fluent (C1)", {"English": "C1"}),
        (
            "A native Norwegian speaker, he also speaks Russian.",
            {"Norwegian": "native", "Russian": None},
        ),
        ("I speak French and English fluently.", {"French": "fluent", "English": "fluent"}),
        (
            "Languages: English, French, Spanish (B1)",
            {"English": None, "French": None, "Spanish": "B1"},
        ),
        ("Turkish is her mother tongue.", {"Turkish": "mother tongue"}),
        (
            "Personal skills\nMother tongue(s): Macedonian\nOther language(s):",
            {"Macedonian": "mother tongue"},
        ),
        (
            "Languages\nEnglish   C2   C2   C1   B2   C1",
            {"English": {"understand": "C2", "read": "C2", "speak": "B2", "write": "C1"}},
        ),
        (
            "Languages: French (listening C1, reading C2, speaking B2, writing B2)",
            {"French": {"understand": "C1", "read": "C2", "speak": "B2", "write": "B2"}},
        ),
    ],
)
def test_languages_and_levels(text: str, expected: dict[str, str | None]) -> None:
    assert _languages(extract(text).data) == expected


def test_a_nato_level_in_roman_numerals_is_no_language_code() -> None:
    # VI, IV, III, II are NATO's levels here, not Vietnamese, Inuktitut ...
    found = _languages(extract("Languages\nEnglish — NATO Level VI\nFrench — level IV").data)
    assert set(found) == {"English", "French"}


@pytest.mark.parametrize(
    "text",
    [
        "Covered Russian politics and French-speaking West Africa.",
        "Field missions across Latin America.",
        "He has a deep knowledge of English law.",
        "Trained staff in French (advanced course).",
    ],
)
def test_language_names_in_passing_are_not_languages(text: str) -> None:
    assert "languages" not in extract(text).data


# --- competencies, names, Markdown ------------------------------------------------------


def test_competency_phrases_are_found_case_insensitive_and_word_bounded() -> None:
    text = "Strong in teamwork and COMMUNICATION; good at planning and\norganising."
    phrases = ["Communication", "Teamwork", "Planning and Organising", "Team", "Accountability"]
    competencies = extract(text, phrases).data["competencies"]
    assert competencies == ["Communication", "Teamwork", "Planning and Organising"]


def test_competency_phrases_are_found_in_one_pass_over_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 14: one search per phrase took 69 s for 10,000 rules and a 199 KB CV. The
    # engine's phrase index looks for every phrase in one pass over the text.
    scanned: list[str] = []
    scan = PhraseIndex.scan

    def counted(index: PhraseIndex, text: str) -> dict[tuple[str, ...], tuple[int, int]]:
        scanned.append(text)
        return scan(index, text)

    monkeypatch.setattr(PhraseIndex, "scan", counted)
    phrases = [f"skill {n}" for n in range(500)] + ["Teamwork", "team"]
    competencies = extract("Teamwork, skill 42 and SKILL\n7.", phrases).data["competencies"]
    assert competencies == ["skill 7", "skill 42", "Teamwork"]
    assert len(scanned) == 1


def test_skills_section_items_are_competencies() -> None:
    data = extract("Skills\n* Mediation support\n* report writing, political analysis\n").data
    assert data["competencies"] == ["Mediation support", "report writing", "political analysis"]


def test_a_sentence_in_a_skills_list_is_unplaced() -> None:
    text = "Skills: negotiation, early warning tools for field missions across the Sahel region"
    extraction = extract(text)
    assert extraction.data["competencies"] == ["negotiation"]
    assert extraction.unplaced == (
        "early warning tools for field missions across the Sahel region",
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Name: Amina Diallo\nMA in Law (2001)", "Amina Diallo"),
        ("Amina Diallo\nMA in Law (2001)", "Amina Diallo"),
        ("# Sofia Márquez Rojas\n\n## Education\n", "Sofia Márquez Rojas"),
        ("CURRICULUM VITAE\n\nGRACE WANJIRU MWANGI\n", "Grace Wanjiru Mwangi"),
        ("CV summary: Hassan Rahimi", "Hassan Rahimi"),
        ("Dear panel,\n\nMy name is Inês Carvalho and I apply.", "Inês Carvalho"),
        ("Experience\nAmina Diallo", None),
        ("Senior Political Affairs Officer\nDPPA (2010-2012)", None),
        ("UNICEF Somalia, Child Protection Officer (2009-2011)", None),
        ("Dr. Ayşe Demir\nSenior Adviser on disarmament.", "Ayşe Demir"),
        ("Jonas Berg is a disarmament specialist.", "Jonas Berg"),
        ("Europass Curriculum Vitae\n\nPERSONAL INFORMATION\nElena Petrovska\n", "Elena Petrovska"),
    ],
)
def test_name_at_the_top(text: str, name: str | None) -> None:
    assert extract(text).data.get("name") == name


def test_email_near_the_top_but_not_a_referee_s() -> None:
    data = extract("Jane Roe\nGeneva | jane.roe@example.org\n\nReferences\nref@example.org").data
    assert data["email"] == "jane.roe@example.org"
    assert extract("References\nDr Ann Lee, ann.lee@example.org").data.get("email") is None


def test_markdown_markup_does_not_confuse_it() -> None:
    text = (
        "# Jane Roe\n\n## Education\n* **MA in Peace Studies**, University of Bradford, 2005\n\n"
        "## Experience\n- **Programme Officer**, *UNDP* (2006\u20132010)\n"
        "• __Field Coordinator__, IOM (2010-2012)\n"
        "| 2012-2014 | Consultant | [OSCE](https://www.osce.org) |\n\n"
        "## Languages\n- **English** (native)\n"
    )
    data = extract(text).data
    assert data["name"] == "Jane Roe"
    assert data["education"][0]["degree"] == "MA"
    assert [(p["title"], p["organisation"]) for p in data["experience"]] == [
        ("Programme Officer", "UNDP"),
        ("Field Coordinator", "IOM"),
        ("Consultant", "OSCE"),
    ]
    assert data["languages"] == [{"language": "English", "level": "native"}]


def test_markdown_links_lose_their_targets_and_keep_their_text() -> None:
    text = "Experience\n2012-2014 Consultant, [OSCE](https://www.osce.org) and [x](y)\n"
    assert extract(text).data["experience"][0]["organisation"] == "OSCE and x"


@HYPOTHESIS
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "](", "a", " ", "\n"])).map("".join))
@example("[[a](b)")
@example("[a](b[c](d)")
def test_a_markdown_link_try_never_crosses_a_bracket(text: str) -> None:
    # Issue 14: a line of 199,000 '[' (or '[a](' repeated) took minutes, each try of the
    # link pattern running to the end of the line. With no bracket inside a link's text or
    # target, every try stops at the next bracket, so a line is read in linear time.
    for match in sections._LINK.finditer(text):
        assert (match[0].count("["), match[0].count("]")) == (1, 1), match[0]


def test_a_sentence_end_is_judged_on_the_words_before_it_not_the_whole_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A line of 'A. B. ' (every full stop an initial's, so no sentence ends) copied the run
    # since the line's start at each full stop: quadratic. Only the last words are looked at.
    seen: list[int] = []
    abbreviated = sections.abbreviated

    def measured(before: str) -> bool:
        seen.append(len(before))
        return abbreviated(before)

    monkeypatch.setattr(sections, "abbreviated", measured)
    assert sections.split_sentences("A. B. " * 100 + "Led a team. Then more.") == [
        "A. B. " * 100 + "Led a team.",
        "Then more.",
    ]
    assert len(seen) == 201
    assert max(seen) <= 40


# --- conservatism: notes, uncertain entries, unplaced lines -----------------------------


def test_lines_it_cannot_read_are_unplaced() -> None:
    extraction = extract("Dear panel,\nI like cats.\n\nMA in Law, University of Lagos, 2001")
    assert extraction.unplaced == ("Dear panel,", "I like cats.")
    assert extraction.data["education"][0]["year"] == 2001


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Since 2019 she has been busy with many things.", ("experience", 0)),
        ("Postgraduate Diploma in Mediation, University of Oxford, 2010", ("education", 0)),
        ("Languages: Portuguese (limited)", ("languages", 0)),
    ],
)
def test_doubtful_entries_are_uncertain_and_noted(text: str, entry: tuple[str, int]) -> None:
    extraction = extract(text)
    assert extraction.uncertain == {entry}
    assert any(n.path == entry and n.message.startswith("uncertain") for n in extraction.notes)


def test_the_first_value_of_an_entry_names_its_source() -> None:
    extraction = extract("MA in International Relations (SOAS, 2006)")
    [note] = [n for n in extraction.notes if n.path == ("education", 0, "degree")]
    assert note.message == "inferred from 'MA in International Relations (SOAS, 2006)'"


# --- YAML ------------------------------------------------------------------------------


def test_yaml_comments_every_value_and_lists_unplaced_and_claims() -> None:
    extraction = extract(
        "Name: Amina Diallo\nHello there.\nOver 12 years of experience in mediation."
    )
    text = to_yaml(extraction)
    assert "name: Amina Diallo  # the 'Name:' line" in text
    assert "#   - Hello there." in text
    assert "#   - Over 12 years of experience in mediation" in text
    assert yaml.safe_load(text) == {"name": "Amina Diallo"}


def test_yaml_quotes_strings_yaml_would_mistype() -> None:
    data: dict[str, Any] = {
        "id": "12",
        "name": "no",
        "experience": [{"title": "yes", "start": "2012", "end": "2014-03-01"}],
        "competencies": ["null", "1e3", "on", "~", "#hash", "a: b", "- dash", "x\ny", "\u2028"],
        "summary": "3.10",
    }
    extraction = Extraction(
        data, (Note(("name",), "a\nnote\u2028with breaks"),), (), frozenset(), ()
    )
    assert yaml.safe_load(to_yaml(extraction)) == data


def test_yaml_of_nothing_loads_as_an_empty_mapping() -> None:
    assert yaml.safe_load(to_yaml(extract(""))) == {}


# --- robustness ------------------------------------------------------------------------

NASTY = [
    "",
    " \n\t\n",
    "\x00\x01\x02\ufffe\ufeff\u2028\x85",
    "(" * 5000,
    "2010-2015 " * 20000,
    "a. " * 50000,
    "Languages: " + "English, " * 5000,
    "MA " * 10000,
    "as A at B " * 3000,
    bytes(range(256)).decode("latin-1") * 20,
    "|---|---|\n| 2010 | x |\n" * 100,
    "x" * 300_000,
    ", - ,\n2010 - 2015\n",  # issue 14: every part around ' - ' punctuation
    ".: \u2014  | \u00b7\n | 2010 - 2015 | since 2019",
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_never_crashes_on_odd_input(text: str) -> None:
    extraction = extract(text)
    CVFile.model_validate(extraction.data)
    assert yaml.safe_load(to_yaml(extraction)) == extraction.data


@pytest.mark.parametrize(
    "text", [", - ,\n2010 - 2015\n", "2010 - 2015 , - ,\n", "x\n.: |\n2010 - 2015 | since 2019\n"]
)
def test_punctuation_alone_names_no_title_or_employer(text: str) -> None:
    extraction = extract(text)
    posts = extraction.data["experience"]
    assert posts[0]["start"] == "2010"
    assert posts[0]["end"] == "2015"
    assert not any("title" in p or "organisation" in p for p in posts)
    assert ("experience", 0) in extraction.uncertain


def test_a_punctuation_line_above_dates_is_unplaced_not_their_header() -> None:
    assert extract(", - ,\n2010 - 2015\n").unplaced == (", - ,",)


def test_lists_are_capped_with_a_note() -> None:
    extraction = extract("Experience\n" + "2010-2015 Officer, UNDP\n" * 300)
    assert len(extraction.data["experience"]) == 200
    assert any("first 200 of 300 experience" in n.message for n in extraction.notes if not n.path)


FRAGMENTS = st.sampled_from(
    [
        "Education",
        "Experience",
        "Languages",
        "Skills",
        "## Summary",
        "MA in Law (SOAS, 2006)",
        "PhD candidate",
        "LL.M.",
        "2010-2015",
        "(2008-10)",
        "since 2019",
        "Jan 2010 - present",
        "03/2012 to 06/2018",
        "Head of Section, OSCE",
        "English (native)",
        "bilingual English/French",
        "over 12 years of experience in",
        "- ",
        "**",
        "|",
        ":",
        ";",
        ", ",
        ". ",
        "\n",
        "\n\n",
        "(",
        ")",
        "\u2013",
    ]
)


@HYPOTHESIS
@given(st.text())
def test_extract_never_raises_on_any_text(text: str) -> None:
    extraction = extract(text)
    CVFile.model_validate(extraction.data)
    assert yaml.safe_load(to_yaml(extraction)) == extraction.data


@HYPOTHESIS
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map(" ".join))
def test_extract_never_raises_on_cv_like_text(text: str) -> None:
    extraction = extract(text, ["Communication", "teamwork"])
    CVFile.model_validate(extraction.data)
    assert yaml.safe_load(to_yaml(extraction)) == extraction.data


LINES = st.sampled_from(
    [
        "",
        "PROFESSIONAL EXPERIENCE",
        "EXPÉRIENCE PROFESSIONNELLE",
        "## Experience",
        "Education",
        "FORMATION",
        "Languages",
        "LANGUES",
        "2019 - present",
        "Since 2015",
        "Depuis mars 2018",
        "03/2012 - 06/2018",
        "2008 \u2013 2012",
        "Jan. 2010 \u2013 à ce jour",
        "Secretariat of the Pacific Community",
        "Ministry of Foreign Affairs, Nairobi",
        "Regional Forum Office",
        "Permanent Mission of Chile to the United Nations",
        "Senior Political Officer",
        "DEPUTY HEAD, ELECTIONS DEPARTMENT",
        "Chargée de mission, Ministère des Affaires étrangères (2012-2016)",
        "Programme Officer | UNDP | Dakar | 2016-2019",
        "**Head of Office** \u00b7 OSCE Mission to Skopje",
        "*2014 \u2013 2019*",
        "| 2010-2014 | Analyst | African Union |",
        "- Led a team of six officers (2017)",
        "She has held the post since 1 March 2022, and oversees the Secretariat's support to the",
        "From January 2016 to December 2020 I was Director of the Peace Institute.",
        "MA in International Relations, University of Ghana, 2006",
        "Master 2 Relations internationales, Sciences Po (2009)",
        "Certificate in Mediation (2 weeks, 2015)",
        "English (native), French (C1), Arabic: notions",
        "Anglais courant ; espagnol lu, écrit, parlé",
        "STANAG 6001 SLP 3332",
    ]
)


@HYPOTHESIS
@given(st.lists(LINES, max_size=30).map("\n".join))
def test_extract_never_raises_on_cv_like_lines(text: str) -> None:
    """Whole CV lines in any order: a post's lines arranged as no test thought of (an
    employer alone below dates, then an office line) once raised KeyError inside the reader."""
    extraction = extract(text)
    CVFile.model_validate(extraction.data)
    assert yaml.safe_load(to_yaml(extraction)) == extraction.data


# --- found by review ---------------------------------------------------------------------


@pytest.mark.parametrize("month", ["juİn 2015", "JUİLLET 2015", "\u017fept. 2015"])
def test_a_month_that_matches_only_caselessly_is_no_date_and_no_crash(month: str) -> None:
    posts = extract(f"Experience\n{month} - 2018 Officer, UNDP\n").data.get("experience", [])
    assert all(not str(p.get("start", "")).startswith("2015-") for p in posts)


def test_a_slash_before_a_french_present_is_a_range() -> None:
    [post] = extract("Experience\n2021-06/à ce jour Officer, UNDP\n").data["experience"]
    assert (str(post["start"]), post["end"]) == ("2021-06", "present")


def test_wrapped_prose_is_joined_into_sentences_not_into_one_paragraph() -> None:
    # thousands of short lines under a line of prose: never one ever-growing line
    text = "Experience\nI have worked for many years as an officer in the ministry and was"
    lines = joined_lines(text + "\nand" * 5000)
    assert max(len(line.text) for line in lines if line is not None) <= 2 * 1_000
