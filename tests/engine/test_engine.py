"""The scoring engine through the library API: every rule kind, status and credit, by data.

Vacancies and CVs are small dicts built here; the expected years, credits and scores are
derived by hand from them (the derivation is in a comment where it is not obvious).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from jobscreen.api import assess, default_as_of, match_vacancies, screen
from jobscreen.cv import IDENTITY_FIELDS, CVFile, Profile
from jobscreen.engine.context import CompiledVacancy
from jobscreen.options import ScreenOptions
from jobscreen.report.data import screening_dict
from jobscreen.report.jsonfmt import dumps
from jobscreen.results import Assessment, RuleResult, Status
from jobscreen.sources import Candidate, load_cv, load_vacancy
from jobscreen.vacancy import MAX_WEIGHT, MAX_YEARS, Vacancy, semantic_problems
from tests.conftest import JSONRESUME_SAMPLE, VACANCIES

Data = dict[str, Any]
AS_OF = dt.date(2024, 1, 1)
MET, PARTIAL, NOT_MET, REVIEW = Status.met, Status.partial, Status.not_met, Status.needs_review


# --- builders --------------------------------------------------------------------------


def vacancy(*rules: Data, **meta: Any) -> Vacancy:
    """A valid vacancy of the given rules (top-level rules must state `required`)."""
    data = {"id": "test-vacancy", "title": "Test", "organisation": "Org", **meta}
    built = Vacancy.model_validate({**data, "requirements": list(rules)})
    assert semantic_problems(built) == []
    return built


def candidate(key: str = "cand", source: str = "", **cv: Any) -> Candidate:
    identity, profile = CVFile.model_validate(cv).split()
    return Candidate(key, source or f"{key}.yaml", identity, profile, "")


def outcome(vac: Vacancy, cand: Candidate, as_of: dt.date = AS_OF) -> Assessment:
    return assess(CompiledVacancy.build(vac), cand, as_of)


def find(results: tuple[RuleResult, ...], rule_id: str) -> RuleResult:
    for found in results:
        if found.id == rule_id:
            return found
        if found.children:
            try:
                return find(found.children, rule_id)
            except LookupError:
                continue
    raise LookupError(rule_id)


def judged(rule: Data, as_of: dt.date = AS_OF, **cv: Any) -> RuleResult:
    """One top-level rule (made mandatory unless it says) against one CV."""
    top = {"required": True, **rule}
    return find(outcome(vacancy(top), candidate(**cv), as_of).rules, top["id"])


def post(start: str, end: str | None = None, **fields: Any) -> Data:
    return {"start": start, **({"end": end} if end else {}), **fields}


def experience(min_years: float, **fields: Any) -> Data:
    return {"id": "exp", "kind": "experience", "min_years": min_years, **fields}


def language(level: str, lang: str = "English", **fields: Any) -> Data:
    return {"id": "lang", "kind": "language", "language": lang, "level": level, **fields}


def check(result: RuleResult, status: Status, credit: float) -> None:
    assert result.status is status, result.reason
    assert result.credit == pytest.approx(credit, abs=1e-3), result.reason


def where(result: RuleResult) -> list[str]:
    """The evidence places, without the post details: ['post 1', 'summary', ...]."""
    return [e.where.split(" (")[0] for e in result.evidence]


COMPETENCY: Data = {
    "id": "comp",
    "kind": "competency",
    "name": "Teamwork",
    "evidence": ["works collaboratively", "public speaking"],
}


# --- experience: dates, merging, as-of ---------------------------------------------------

EXPERIENCE = [
    # (posts, min_years, as_of, status, credit, years as the reason gives them)
    pytest.param([post("2014", "2023")], 10, AS_OF, MET, 1.0, "10", id="year-only-both-ends"),
    pytest.param([post("2021", "2023")], 3, AS_OF, MET, 1.0, "3", id="three-years-no-leap-day"),
    pytest.param([post("2014-01", "2021-12")], 10, AS_OF, PARTIAL, 0.8, "8", id="months-8-of-10"),
    # 2014-01..2018-12 and 2016-01..2021-12 merge into 2014-01..2021-12: 8 years, not 5 + 6
    pytest.param(
        [post("2014-01", "2018-12"), post("2016-01", "2021-12")],
        10,
        AS_OF,
        PARTIAL,
        0.8,
        "8",
        id="overlap-counted-once",
    ),
    pytest.param(
        [post("2012-01", "2021-12"), post("2015-03", "2016-08")],
        10,
        AS_OF,
        MET,
        1.0,
        "10",
        id="nested-post-adds-nothing",
    ),
    pytest.param(
        [post("2014-01", "2018-12"), post("2019-01", "2023-12")],
        10,
        AS_OF,
        MET,
        1.0,
        "10",
        id="adjacent-posts",
    ),
    pytest.param(
        [post("2010", "2011"), post("2020", "2021")], 10, AS_OF, PARTIAL, 0.4, "4", id="gap"
    ),
    # Jan-Jun 2014 (the year-only start is 1 January) and Jul-Dec 2015: half a year each
    pytest.param(
        [post("2014", "2014-06"), post("2015-07-01", "2015-12-31")],
        10,
        AS_OF,
        PARTIAL,
        0.1,
        "1",
        id="mixed-precision",
    ),
    # a current post counts to the as-of date, inclusive: ten years and a day
    pytest.param([post("2014-01-01")], 10, AS_OF, MET, 1.0, "10", id="current-no-end"),
    pytest.param([post("2014-01-01", "present")], 10, AS_OF, MET, 1.0, "10", id="current-present"),
    pytest.param(
        [post("2014-01-01")], 10, dt.date(2019, 12, 31), PARTIAL, 0.6, "6", id="current-as-of"
    ),
    # a post that ends after the as-of date counts only up to it: 2019-01-01..2023-12-31
    pytest.param(
        [post("2019-01", "2030-12")], 10, dt.date(2023, 12, 31), PARTIAL, 0.5, "5", id="clipped"
    ),
    pytest.param([post("2025-01")], 10, AS_OF, NOT_MET, 0.0, "0", id="future-post"),
    pytest.param([], 10, AS_OF, NOT_MET, 0.0, "0", id="no-posts"),
]


@pytest.mark.parametrize(("posts", "min_years", "as_of", "status", "credit", "years"), EXPERIENCE)
def test_experience_years(
    posts: list[Data],
    min_years: int,
    as_of: dt.date,
    status: Status,
    credit: float,
    years: str,
) -> None:
    result = judged(experience(min_years), as_of, experience=posts)
    check(result, status, credit)
    assert result.reason.startswith(f"{years} of {min_years} years"), result.reason


def test_future_post_is_not_evidence() -> None:
    posts = [post("2020-01", "2021-12"), post("2030-01")]
    result = judged(experience(1), experience=posts)
    assert where(result) == ["post 1"]
    assert result.reason.endswith("; post 1")


def test_experience_before_the_degree_counts() -> None:
    degree = {"degree": "MA", "field": "Law", "year": 2020}
    result = judged(experience(10), education=[degree], experience=[post("2010", "2019")])
    assert result.status is MET


def test_min_years_zero_needs_one_counted_post() -> None:
    rule = experience(0, domains=["partnerships"])
    short = [post("2020-01", "2020-02", description="Built partnerships with NGOs")]
    found = judged(rule, experience=short)
    assert (found.status, found.credit) == (MET, 1.0)
    assert where(found) == ["post 1"]
    missing = judged(rule, experience=[post("2010", "2020", title="Accountant")])
    assert (missing.status, missing.credit) == (NOT_MET, 0.0)
    assert missing.reason.startswith("no post shows experience in partnerships")


# --- experience: domains and qualifiers --------------------------------------------------


def test_domain_years_count_only_matching_posts_from_title_tags_and_description() -> None:
    posts = [
        post("2016-01", "2017-12", title="Human Rights Officer"),  # 2 years, by title
        post("2018-01", "2018-12", title="Officer", domains=["Human-rights monitoring"]),  # 1
        post("2019-01", "2019-12", description="Reported on human rights abuses."),  # 1
        post("2020-01", "2023-12", title="Accountant", description="Payroll and audits."),
    ]
    result = judged(experience(5, domains=["human rights"]), experience=posts)
    # 2 + 1 + 1 = 4 of 5 years; the accountant's four years do not count
    check(result, PARTIAL, 0.8)
    assert where(result) == ["post 1", "post 2", "post 3"]
    assert result.reason.startswith("4 of 5 years in human rights")


@pytest.mark.parametrize(
    "rule",
    [experience(1, domains=["human rights"]), COMPETENCY | {"evidence": ["human rights"]}],
    ids=["domain", "competency"],
)
def test_the_employer_name_is_not_evidence_of_the_work(rule: Data) -> None:
    accountant = post("2020", "2021", title="Accountant", description="Payroll and audits.")
    result = judged(rule, experience=[accountant | {"organisation": "Human Rights Watch"}])
    assert result.status is NOT_MET, result.evidence


@pytest.mark.parametrize(
    ("domain", "title", "counted"),
    [
        ("programme management", "Program Manager", True),  # spelling and word endings
        ("negotiation", "Negotiations Adviser", True),
        ("international relations", "Intl. Relations Officer", True),
        ("mediation", "Meditation Teacher", False),  # another stem
    ],
)
def test_domains_match_fuzzily_but_not_other_stems(domain: str, title: str, counted: bool) -> None:
    result = judged(experience(1, domains=[domain]), experience=[post("2020", "2020", title=title)])
    assert (result.status is MET) is counted, result.reason


QUALIFIED = [
    # (qualifier, post fields, evidence note or None when the post does not count)
    ("managerial", {"title": "Officer", "managerial": True}, "managerial stated"),
    ("managerial", {"title": "Head of Section"}, "managerial inferred from title"),
    ("managerial", {"title": "Director", "managerial": False}, None),  # explicit false wins
    ("managerial", {"title": "Clerk", "organisation": "Acme"}, None),
    ("international", {"title": "Clerk", "organisation": "United Nations"}, "inferred"),
    ("international", {"title": "Clerk", "organisation": "WHO"}, "inferred from employer"),
    ("international", {"title": "Clerk", "organisation": "NATO", "international": False}, None),
    # "who" is an English word, not the World Health Organization
    ("international", {"title": "Trainer", "description": "Trained staff who file claims."}, None),
    ("senior", {"title": "Senior Adviser"}, "senior inferred from title"),
    ("multilateral", {"title": "Clerk", "organisation": "OSCE"}, "multilateral inferred"),
]


@pytest.mark.parametrize(("qualifier", "fields", "note"), QUALIFIED)
def test_qualifier_years(qualifier: str, fields: Data, note: str | None) -> None:
    rule = experience(2, qualifiers=[qualifier])
    result = judged(rule, experience=[post("2020-01", "2021-12", **fields)])
    if note is None:
        assert (result.status, where(result)) == (NOT_MET, []), result.reason
    else:
        assert result.status is MET, result.reason
        assert note in result.evidence[0].quote


def test_every_qualifier_and_a_domain_are_needed_together() -> None:
    posts = [
        post("2010", "2011", title="Director", organisation="Acme", international=True),  # 2
        post("2012", "2013", title="Director", organisation="Acme"),  # not international
        post("2014", "2014", title="Clerk", organisation="UNDP"),  # not managerial
    ]
    both = judged(experience(3, qualifiers=["international", "managerial"]), experience=posts)
    check(both, PARTIAL, 2 / 3)
    assert where(both) == ["post 1"]
    assert both.evidence[0].quote == "international stated; managerial inferred from title"


# --- education ---------------------------------------------------------------------------

LADDER = [
    ("PhD", "master", MET),
    ("MA", "master", MET),
    ("LLM", "bachelor", MET),
    ("BA", "master", NOT_MET),
    ("MA", "doctorate", NOT_MET),
    ("High school diploma", "bachelor", NOT_MET),
    ("PhD candidate", "master", NOT_MET),  # a degree in progress does not count
    ("postgraduate diploma", "master", REVIEW),
    ("Hogwarts NEWTs", "bachelor", REVIEW),  # unknown name: a person checks
    # degrees.yaml 'review' names: never a silent 'not met' where the higher meaning meets
    ("Maîtrise en droit privé", "master", REVIEW),  # bac+4: a bachelor's or a master's
    ("MA (Hons) Modern History", "master", REVIEW),  # Scottish first degree or NZ master's
    ("Licenciatura en Derecho", "master", REVIEW),  # Spanish pre-Bologna: MECES 3
    ("Maîtrise", "doctorate", NOT_MET),  # no meaning of it is a doctorate
    ("MALD", "master", MET),
    ("Master 2 Droit international", "master", MET),
    ("Shushi", "master", MET),
]


@pytest.mark.parametrize(("degree", "min_level", "status"), LADDER)
def test_education_level(degree: str, min_level: str, status: Status) -> None:
    rule: Data = {"id": "edu", "kind": "education", "min_level": min_level}
    result = judged(rule, education=[{"degree": degree}])
    assert result.status is status, result.reason
    assert result.evidence[0].where == "degree 1"


def test_no_degree_listed_is_not_met() -> None:
    result = judged({"id": "edu", "kind": "education", "min_level": "bachelor"})
    assert (result.status, result.credit, result.reason) == (NOT_MET, 0.0, "no degree listed")


def test_level_may_be_given_instead_of_a_degree_name() -> None:
    rule = {"id": "edu", "kind": "education", "min_level": "master"}
    assert judged(rule, education=[{"level": "master"}]).status is MET


@pytest.mark.parametrize(
    ("field", "status"),
    [
        ("International Relations", MET),
        ("Intl. Relations", MET),
        ("International Relations and Diplomacy", MET),
        ("IR", MET),
        ("Chemistry", NOT_MET),
    ],
)
def test_education_field_matches_fuzzily(field: str, status: Status) -> None:
    rule: Data = {"id": "edu", "kind": "education", "min_level": "master"}
    rule["fields"] = ["international relations", "law"]
    result = judged(rule, education=[{"degree": "MA", "field": field}])
    assert result.status is status, result.reason


def test_field_outside_the_list_needs_review_where_related_fields_are_accepted() -> None:
    rule: Data = {"id": "edu", "kind": "education", "min_level": "master", "fields": ["law"]}
    rule["related_fields"] = True
    vac = vacancy(rule | {"required": True})
    found = outcome(vac, candidate(education=[{"degree": "MA", "field": "Chemistry"}]))
    result = find(found.rules, "edu")
    assert result.status is REVIEW
    assert "Chemistry" in result.reason
    assert found.eligible  # a mandatory rule needing review does not disqualify


IN_LIEU_EDU = {
    "id": "edu",
    "kind": "education",
    "required": True,
    "min_level": "master",
    "fields": ["law"],
    "in_lieu": [{"level": "bachelor", "extra_years": 2, "experience": "exp"}],
}
IN_LIEU_EXP = experience(5) | {"required": True}


def in_lieu(degrees: list[Data], years: int) -> tuple[RuleResult, RuleResult, Assessment]:
    """The education and experience results of a CV with `years` whole years, to 2023."""
    cv = candidate(education=degrees, experience=[post(str(2024 - years), "2023")])
    found = outcome(vacancy(IN_LIEU_EDU, IN_LIEU_EXP), cv)
    return find(found.rules, "edu"), find(found.rules, "exp"), found


def test_master_meets_the_degree_and_leaves_the_experience_minimum_alone() -> None:
    edu, exp, _ = in_lieu([{"degree": "MA", "field": "Law"}], 5)
    assert edu.status is MET
    assert "in lieu" not in edu.reason
    assert (exp.status, exp.reason) == (MET, "5 of 5 years; post 1")


def test_bachelor_in_lieu_raises_the_experience_minimum_and_both_rules_say_so() -> None:
    edu, exp, found = in_lieu([{"degree": "BA", "field": "Law"}], 7)
    assert (edu.status, edu.credit) == (MET, 1.0)
    assert edu.reason.startswith("met in lieu: BA in Law in lieu of a Master's degree")
    assert "7 of 7 years under 'exp' (5 + 2)" in edu.reason
    assert exp.status is MET
    assert exp.reason.startswith("7 of 7 years (5 + 2 in lieu of the degree, edu)")
    assert found.eligible


def test_bachelor_without_the_extra_years_falls_short() -> None:
    edu, exp, found = in_lieu([{"degree": "BA", "field": "Law"}], 6)
    assert edu.status is PARTIAL
    assert 0 < edu.credit < 1
    assert "6 of 7 years" in edu.reason
    assert exp.reason.startswith("6 of 5 years")  # not raised: the degree was not met in lieu
    assert not found.eligible


def test_bachelor_in_lieu_needs_a_listed_field() -> None:
    edu, _, _ = in_lieu([{"degree": "BA", "field": "Chemistry"}], 10)
    assert edu.status is NOT_MET
    assert "Chemistry" in edu.reason


def test_a_master_listed_after_a_bachelor_is_still_an_outright_match() -> None:
    degrees = [{"degree": "BA", "field": "Law"}, {"degree": "MA", "field": "Law"}]
    edu, exp, _ = in_lieu(degrees, 8)
    assert edu.status is MET
    assert edu.evidence[0].where == "degree 2"
    assert "in lieu" not in edu.reason + exp.reason
    assert exp.reason.startswith("8 of 5 years")


# --- languages ---------------------------------------------------------------------------

INSPIRA_ALL_FLUENT = {
    "read": "fluent",
    "write": "fluent",
    "speak": "fluent",
    "understand": "fluent",
}
LANGUAGE_LEVELS = [
    # (vacancy level, skills asked, CV level, status, credit); credit is the mean over the
    # skills that must reach the level of min(1, CV level / required level), CEFR A1..C2 = 1..6
    pytest.param("fluent", None, "C1", MET, 1.0, id="cefr"),
    pytest.param("fluent", None, "B2", PARTIAL, 4 / 5, id="cefr-short"),
    pytest.param(
        "fluent",
        None,
        {
            "listening": "C1",
            "reading": "C1",
            "spoken interaction": "C1",
            "spoken production": "B2",  # speaking is the lower of the two spoken dimensions
            "writing": "C1",
        },
        PARTIAL,
        (1 + 1 + 1 + 4 / 5) / 4,
        id="europass",
    ),
    pytest.param("knowledge", None, "mother tongue", MET, 1.0, id="phrase-native"),
    pytest.param("fluent", None, "fluency", MET, 1.0, id="phrase-fluency"),
    # knowledge: B1 (3) in two of four; basic is A2 (2): the best two give 2/3
    pytest.param("knowledge", None, "basic", PARTIAL, 2 / 3, id="phrase-basic"),
    pytest.param("working knowledge", None, "working knowledge", MET, 1.0, id="phrase-working"),
    pytest.param("fluent", None, "Full professional proficiency", MET, 1.0, id="linkedin-full"),
    pytest.param(
        "fluent", None, "Professional working proficiency", PARTIAL, 4 / 5, id="linkedin-prof"
    ),
    pytest.param("knowledge", None, "Limited working proficiency", MET, 1.0, id="linkedin-ltd"),
    pytest.param(
        "knowledge", None, "Elementary proficiency", PARTIAL, 2 / 3, id="linkedin-elementary"
    ),
    pytest.param("VI", None, "Native or bilingual proficiency", MET, 1.0, id="linkedin-native"),
    pytest.param("fluent", None, "3", MET, 1.0, id="stanag-3-is-c1"),
    pytest.param("fluent", None, "2+", PARTIAL, 3 / 5, id="stanag-2plus-is-b1"),
    pytest.param("knowledge", None, "2", MET, 1.0, id="stanag-2"),
    # SLP 3332: listening, speaking, reading C1 (5); writing B1 (3)
    pytest.param("fluent", None, "3332", PARTIAL, (1 + 1 + 1 + 3 / 5) / 4, id="slp"),
    pytest.param("fluent", ["read", "understand"], "3332", MET, 1.0, id="slp-skills"),
    pytest.param("fluency", None, INSPIRA_ALL_FLUENT, MET, 1.0, id="inspira-fluency"),
    pytest.param(
        "fluency",
        None,
        INSPIRA_ALL_FLUENT | {"understand": "confident"},  # confident = B1 (3) of C1 (5)
        PARTIAL,
        (1 + 1 + 1 + 3 / 5) / 4,
        id="inspira-not-fluent-in-one",
    ),
    pytest.param(
        "knowledge",
        None,
        {"read": "confident", "speak": "fluent", "write": "not fluent", "understand": "not fluent"},
        MET,
        1.0,
        id="inspira-knowledge-two-of-four",
    ),
    # "no" is no level: the whole entry goes to a person (status None: needs review)
    pytest.param(
        "knowledge",
        None,
        {"read": "confident", "speak": "not fluent", "write": "not fluent", "understand": "no"},
        None,
        None,
        id="inspira-unknown-skill-value",
    ),
    # one skill at B1, the next best "not fluent" (A1 = 1 of 3): (1 + 1/3) / 2
    pytest.param(
        "knowledge",
        None,
        {
            "read": "confident",
            "speak": "not fluent",
            "write": "not fluent",
            "understand": "not fluent",
        },
        PARTIAL,
        (1 + 1 / 3) / 2,
        id="inspira-knowledge-one-of-four",
    ),
    pytest.param("VI", None, "C1", PARTIAL, 5 / 6, id="nato-vi"),
    pytest.param("I", None, "A1", MET, 1.0, id="nato-i"),
    pytest.param(
        "B2",
        ["read", "write"],
        {"read": "B2", "write": "B2", "speak": "A1", "understand": "A1"},
        MET,
        1.0,
        id="per-skill-rule",
    ),
    pytest.param("fluent", None, "none", NOT_MET, 0.0, id="none"),
]


@pytest.mark.parametrize(("level", "skills", "cv_level", "status", "credit"), LANGUAGE_LEVELS)
def test_language_level_from_every_cv_vocabulary(
    level: str,
    skills: list[str] | None,
    cv_level: str | Data,
    status: Status | None,
    credit: float | None,
) -> None:
    rule = language(level) | ({"skills": skills} if skills else {})
    result = judged(rule, languages=[{"language": "English", "level": cv_level}])
    if status is None or credit is None:  # a value no vocabulary knows: a person reads it
        status, credit = REVIEW, 0.0
    check(result, status, credit)
    assert result.evidence[0].where == "language 1"


@pytest.mark.parametrize(
    ("cv_level", "why"),
    [
        ("can order coffee", "level 'can order coffee' is not a known level"),
        ({"read": "B1", "write": "meh"}, "level {'read': 'B1', 'write': 'meh'} is not a known"),
        (None, "no level given"),
    ],
    ids=["free-text", "one-skill-unknown", "no-level"],
)
def test_unknown_language_level_needs_review_never_a_silent_zero(cv_level: Any, why: str) -> None:
    vac = vacancy(language("fluent") | {"required": True})
    found = outcome(vac, candidate(languages=[{"language": "en", "level": cv_level}]))
    result = find(found.rules, "lang")
    assert (result.status, result.credit) == (REVIEW, 0.0)
    assert result.reason.startswith(f"English at 'fluent': {why}"), result.reason
    assert result.reason.endswith("; check it")
    assert found.eligible
    assert found.score == 0.0  # no decided rule


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("English", "eng"),
        ("English", "anglais"),
        ("English", "English (UK)"),
        ("en", "English"),
        ("eng", "en-GB"),
        ("no", "Norsk"),
        ("Norwegian", "no"),
    ],
)
def test_language_names_are_normalised_on_both_sides(asked: str, written: str) -> None:
    result = judged(language("B2", asked), languages=[{"language": written, "level": "C1"}])
    assert result.status is MET, result.reason


def test_language_not_listed_is_not_met() -> None:
    result = judged(language("basic", "French"), languages=[{"language": "en", "level": "C2"}])
    assert (result.status, result.credit) == (NOT_MET, 0.0)
    assert result.reason.endswith("French not listed")


def test_best_entry_of_a_language_listed_twice_counts() -> None:
    entries = [{"language": "en", "level": "A2"}, {"language": "English", "level": "C2"}]
    result = judged(language("fluent"), languages=entries)
    assert result.status is MET
    assert result.evidence[0].where == "language 2"


# --- groups and review -------------------------------------------------------------------


def both(high: str, low: str) -> Data:
    """NATO: level VI in one official language and I in the other."""
    return {
        "id": f"{high}-high",
        "kind": "all_of",
        "rules": [language("VI", high, id=f"{high}-vi"), language("I", low, id=f"{low}-i")],
    }


NATO_RULE = {"id": "nato", "kind": "any_of", "rules": [both("en", "fr"), both("fr", "en")]}


@pytest.mark.parametrize(
    ("levels", "status", "credit", "via"),
    [
        ({"en": "C2", "fr": "A1"}, MET, 1.0, "en-high"),
        ({"fr": "native", "en": "A2"}, MET, 1.0, "fr-high"),
        # en VI short (C1: 5/6), fr I met: all_of averages (5/6 + 1) / 2; the other option
        # averages (1/6 + 1) / 2, so any_of keeps the first
        ({"en": "C1", "fr": "A1"}, PARTIAL, (5 / 6 + 1) / 2, "en-high"),
        ({"de": "C2"}, NOT_MET, 0.0, None),
    ],
)
def test_nato_vi_in_one_official_language_and_i_in_the_other(
    levels: dict[str, str], status: Status, credit: float, via: str | None
) -> None:
    langs = [{"language": k, "level": v} for k, v in levels.items()]
    result = judged(NATO_RULE, languages=langs)
    check(result, status, credit)
    if via is not None:
        assert result.reason.startswith(f"best of 2 options ({via})")
        assert find(result.children, via).status is status


UN_OTHER = {
    "id": "un-other",
    "kind": "any_of",
    "required": False,
    "rules": [language("knowledge", lang, id=f"other-{lang}") for lang in ("ar", "zh", "ru")],
}


def test_another_official_un_language_is_an_advantage_never_a_knock_out() -> None:
    vac = vacancy(UN_OTHER)
    with_ru = outcome(vac, candidate(languages=[{"language": "Russian", "level": "B1"}]))
    without = outcome(vac, candidate(languages=[{"language": "German", "level": "C2"}]))
    assert find(with_ru.rules, "un-other").status is MET
    assert find(without.rules, "un-other").status is NOT_MET
    assert with_ru.eligible
    assert without.eligible
    assert (with_ru.score, without.score) == (100.0, 0.0)


AT_LEAST = UN_OTHER | {"id": "two-of", "kind": "at_least", "n": 2}


@pytest.mark.parametrize(
    ("levels", "status", "credit"),
    [
        ({"ar": "B1", "ru": "B2"}, MET, 1.0),
        ({"ar": "B1", "zh": "can order tea"}, REVIEW, 0.5),  # 1 met + 1 to review reach n
        ({"ar": "B1"}, PARTIAL, 0.5),  # the best two credits, 1 and 0, over n = 2
        ({"ar": "A2"}, PARTIAL, (2 / 3 + 0) / 2),
        ({"de": "C2"}, NOT_MET, 0.0),
    ],
)
def test_at_least_n(levels: dict[str, str], status: Status, credit: float) -> None:
    langs = [{"language": k, "level": v} for k, v in levels.items()]
    result = judged(AT_LEAST, languages=langs)
    check(result, status, credit)
    assert len(result.children) == 3


def test_all_of_with_a_rule_to_review_needs_review() -> None:
    review = {"id": "check", "kind": "review", "text": "Holds a clearance."}
    group = {"id": "all", "kind": "all_of", "rules": [language("B1"), review]}
    result = judged(group, languages=[{"language": "en", "level": "C1"}])
    assert result.status is REVIEW


def flatten(result: RuleResult) -> list[RuleResult]:
    return [result, *(r for c in result.children for r in flatten(c))]


@pytest.mark.parametrize("required", [True, False])
def test_nested_rules_are_mandatory_or_desirable_as_their_group_is(required: bool) -> None:
    found = outcome(vacancy(NATO_RULE | {"required": required}), candidate())
    nested = flatten(find(found.rules, "nato"))
    assert len(nested) == 7  # any_of, two all_of, four languages
    assert {r.required for r in nested} == {required}
    grandchild = found.rules[0].to_dict()["rules"][0]["rules"][0]  # as the JSON output says
    assert (grandchild["id"], grandchild["required"]) == ("en-vi", required)


REVIEW_RULE = {"id": "rev", "kind": "review", "text": "Must fulfil the lateral move rules."}


@pytest.mark.parametrize(
    "cv",
    [
        {},
        {
            "education": [{"degree": "PhD", "field": "Law"}],
            "experience": [post("1990", title="Director", managerial=True)],
            "summary": "Fulfils the lateral move rules.",
        },
    ],
    ids=["empty-cv", "full-cv"],
)
def test_review_rules_are_always_needs_review(cv: Data) -> None:
    found = outcome(vacancy(REVIEW_RULE | {"required": True}), candidate(**cv))
    result = find(found.rules, "rev")
    assert (result.status, result.credit) == (REVIEW, 0.0)
    assert result.reason == "a person must check: Must fulfil the lateral move rules."
    assert found.eligible


def group(kind: str, *rules: Data, **fields: Any) -> Data:
    return {"id": f"{kind}-{len(rules)}", "kind": kind, "rules": list(rules), **fields}


LATERAL = "Staff members must fulfil the lateral move rules, or have served two years."


@pytest.mark.parametrize(
    "outer",
    [
        group("any_of", {"id": "r1", "kind": "review"}, experience(2), text=LATERAL),
        group(
            "all_of", experience(2), group("any_of", {"id": "r1", "kind": "review"}), text=LATERAL
        ),
        group(
            "at_least",
            group("any_of", {"id": "r1", "kind": "review", "text": ""}),
            text=LATERAL,
            n=1,
        ),
    ],
    ids=["in-its-group", "through-a-group-without-text", "own-text-empty"],
)
def test_a_nested_review_rule_shows_the_nearest_group_text(outer: Data) -> None:
    found = outcome(vacancy(outer | {"required": True}), candidate())
    assert find(found.rules, "r1").reason == f"a person must check: {LATERAL}"


def test_a_nested_review_rule_takes_its_own_group_text_before_an_outer_one() -> None:
    inner = group("any_of", {"id": "r1", "kind": "review"}, text="Holds a clearance.")
    found = outcome(vacancy(group("all_of", inner, text=LATERAL, required=True)), candidate())
    assert find(found.rules, "r1").reason == "a person must check: Holds a clearance."


# --- competencies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cv", "place", "quoted"),
    [
        ({"competencies": ["Budgeting", "Public speaking"]}, "competency 2", "Public speaking"),
        ({"summary": "I work collaboratively with peers."}, "summary", "collaboratively"),
        (
            {"experience": [post("2020", description="Built teamwork across two units.")]},
            "post 1",
            "Built teamwork across two units.",
        ),
    ],
)
def test_competency_evidence_quotes_where_it_was_found(cv: Data, place: str, quoted: str) -> None:
    result = judged(COMPETENCY, **cv)
    assert (result.status, result.credit) == (MET, 1.0)
    assert where(result) == [place]
    assert quoted in result.evidence[0].quote


def test_competency_without_evidence_is_not_met() -> None:
    result = judged(COMPETENCY, competencies=["Accounting"], summary="Quiet and precise.")
    assert (result.status, result.credit, result.evidence) == (NOT_MET, 0.0, ())
    assert result.reason.startswith("no evidence of Teamwork")


# --- score and eligibility ---------------------------------------------------------------


def test_score_is_the_weighted_credit_of_the_decided_rules() -> None:
    vac = vacancy(
        experience(10, required=True, weight=3),
        language("B2", required=False, weight=1),
        COMPETENCY | {"required": False, "weight": 2},
        REVIEW_RULE | {"required": True, "weight": 5},
    )
    cv = candidate(
        experience=[post("2016-01", "2023-12")], languages=[{"language": "en", "level": "C1"}]
    )
    found = outcome(vac, cv)
    # 8 of 10 years = 0.8 (weight 3), language met (1), no teamwork (2), review left out:
    # 100 * (3 * 0.8 + 1 * 1 + 2 * 0) / (3 + 1 + 2) = 56.67 -> 56.7
    assert found.score == 56.7
    assert not found.eligible
    assert [r.id for r in found.unmet_mandatory] == ["exp"]
    assert [r.id for r in found.review] == ["rev"]


def test_equal_weights_score_the_same_however_large() -> None:
    cv = candidate(experience=[post("2016-01", "2023-12")])
    scores = []
    for weight in (1, MAX_WEIGHT):
        rules = [
            experience(years, id=f"exp{years}", required=True, weight=weight)
            for years in (4, 10, MAX_YEARS)
        ]
        scores.append(outcome(vacancy(*rules), cv).score)
    # 8 years: 4 met (1), 8 of 10 (0.8), 8 of 100 (0.08): 100 * 1.88 / 3 = 62.67 -> 62.7
    assert scores == [62.7, 62.7]


@pytest.mark.parametrize(
    ("required", "cv_level", "eligible"),
    [
        (True, "C1", True),  # met
        (True, "B2", False),  # partial mandatory: out
        (True, None, False),  # language not listed: not met
        (True, "can order coffee", True),  # needs review: not a knock-out
        (False, "B2", True),  # desirable shortfall
        (False, None, True),
    ],
)
def test_eligible_when_every_mandatory_rule_is_met_or_needs_review(
    required: bool, cv_level: str | None, eligible: bool
) -> None:
    vac = vacancy(language("fluent", required=required))
    langs = [] if cv_level is None else [{"language": "en", "level": cv_level}]
    assert outcome(vac, candidate(languages=langs)).eligible is eligible


def rank_fixture() -> tuple[Vacancy, list[Candidate]]:
    vac = vacancy(
        experience(2, required=True),
        COMPETENCY | {"required": False},
    )
    two, one = [post("2022", "2023")], [post("2023", "2023")]
    team = ["Public speaking"]
    cands = [
        candidate("zed", experience=two),  # eligible, 50
        candidate("amy", experience=one, competencies=team),  # out: 100 * (0.5 + 1) / 2 = 75
        candidate("bob", experience=two, competencies=team),  # eligible, 100
        candidate("cat", experience=two),  # eligible, 50: ties with zed, id decides
        candidate("dup", source="z.yaml"),  # out, 0: same id, source decides
        candidate("dup", source="a.yaml"),
    ]
    return vac, cands


def test_ranking_eligible_first_then_score_then_candidate_id_then_source() -> None:
    vac, cands = rank_fixture()
    results = screen(vac, cands, ScreenOptions(AS_OF)).results
    order = [(r.rank, r.assessment.candidate, r.assessment.source) for r in results]
    assert order == [
        (1, "bob", "bob.yaml"),
        (2, "cat", "cat.yaml"),
        (3, "zed", "zed.yaml"),
        (4, "amy", "amy.yaml"),
        (5, "dup", "a.yaml"),
        (6, "dup", "z.yaml"),
    ]
    assert [r.assessment.score for r in results] == [100.0, 50.0, 50.0, 75.0, 0.0, 0.0]


def test_same_inputs_give_byte_identical_results_whatever_their_order() -> None:
    """The results; the duplicate id's error names the CV met first, as `score`'s does."""
    vac, cands = rank_fixture()
    documents = [
        screening_dict(screen(vac, order, ScreenOptions(AS_OF)))
        for order in (cands, cands, list(reversed(cands)))
    ]
    errors = [document.pop("errors") for document in documents]
    first, again, reverse = (dumps(document) for document in documents)
    assert first == again == reverse
    assert [[e["message"] for e in found] for found in errors] == [
        ["candidate 'dup' appears twice (first in z.yaml): ids must be unique; both are scored"],
    ] * 2 + [
        ["candidate 'dup' appears twice (first in a.yaml): ids must be unique; both are scored"]
    ]


def test_as_of_defaults_to_the_closing_date_else_today() -> None:
    today = dt.date(2030, 6, 1)
    closing = dt.date(2024, 5, 1)
    assert default_as_of(vacancy(REVIEW_RULE | {"required": True}), today) == today
    dated = vacancy(REVIEW_RULE | {"required": True}, closing_date="2024-05-01")
    assert default_as_of(dated, today) == closing


def test_match_counts_each_vacancy_to_its_own_closing_date() -> None:
    rule = experience(4, required=True)
    early = vacancy(rule, id="early", closing_date="2020-01-01")
    late = vacancy(rule, id="late", closing_date="2024-01-01")
    cand = candidate(experience=[post("2018-01-01")])
    # to 2020-01-01: 2 years and a day (not eligible); to 2024-01-01: 6 years and a day
    matching = match_vacancies(lambda _: cand, [early, late], None, dt.date(2030, 1, 1))
    assert [(m.vacancy_id, m.assessment.eligible) for m in matching.matches] == [
        ("late", True),
        ("early", False),
    ]
    assert [m.as_of for m in matching.matches] == [dt.date(2024, 1, 1), dt.date(2020, 1, 1)]
    fixed = match_vacancies(lambda _: cand, [early, late], AS_OF, dt.date(2030, 1, 1))
    assert [(m.vacancy_id, m.assessment.eligible) for m in fixed.matches] == [
        ("early", True),
        ("late", True),
    ]


# --- what scoring never reads ------------------------------------------------------------

IDENTITY_VARIANTS = [
    {},
    {
        "name": "Human Rights Director",
        "gender": "female",
        "age": "61",
        "date_of_birth": "1963-01-01",
        "nationality": "English",
        "photo": "https://example.org/p.jpg",
        "marital_status": "married",
        "email": "director@un.org",
        "phone": "+41 22 917 1234",
        "address": "Palais des Nations, Geneva",
    },
    {"name": "A. N. Other", "gender": "male", "age": 25, "nationality": "Norwegian"},
]


def test_identity_fields_never_reach_the_profile() -> None:
    assert not set(IDENTITY_FIELDS) & set(Profile.model_fields)


@pytest.mark.parametrize("identity", IDENTITY_VARIANTS[1:], ids=["rich", "other"])
def test_identity_fields_never_change_results(identity: Data) -> None:
    vac = vacancy(
        experience(5, required=True, domains=["human rights"], qualifiers=["managerial"]),
        language("fluent", required=True),
        COMPETENCY | {"required": False},
    )
    profile: Data = {
        "experience": [post("2015", "2019", title="Human Rights Officer")],
        "languages": [{"language": "fr", "level": "C1"}],
    }
    plain = outcome(vac, candidate(**profile))
    named = outcome(vac, candidate(**profile, **identity))
    assert [r.to_dict() for r in named.rules] == [r.to_dict() for r in plain.rules]
    assert (named.score, named.eligible) == (plain.score, plain.eligible)


# --- the real JSON Resume sample against every bundled vacancy ---------------------------


def states_mandatory_rules(vac: Vacancy) -> bool:
    """A mandatory rule the engine decides (a mandatory review rule never excludes)."""
    return any(r.required and r.kind != "review" for r in vac.requirements)


@pytest.mark.parametrize("path", sorted(VACANCIES.glob("*.yaml")), ids=lambda p: p.stem)
def test_json_resume_sample_scores_against_every_bundled_vacancy(path: Path) -> None:
    vac = load_vacancy(path)
    sample = load_cv(JSONRESUME_SAMPLE)
    assert sample.origin == "jsonresume"
    screening = screen(vac, [sample], ScreenOptions(default_as_of(vac, AS_OF)))
    assert screening.errors == ()
    [ranked] = screening.results
    assert len(ranked.assessment.rules) == len(vac.requirements)
    if states_mandatory_rules(vac):
        assert not ranked.assessment.eligible, ranked.assessment.unmet_mandatory
