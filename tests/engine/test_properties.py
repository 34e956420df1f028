"""Properties of scoring over generated CVs and vacancies (hypothesis).

Scoring never raises and stays within 0-100; the ranking does not depend on input order; a
post that qualifies never lowers a candidate's credit on an experience rule; and name,
contact and other personal fields never change any result. Examples are bounded and no
hypothesis database is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobscreen.api import assess, screen
from jobscreen.cv import IDENTITY_FIELDS
from jobscreen.engine.context import CompiledVacancy
from jobscreen.levels import CEFR_NAMES, NATO, PHRASES
from jobscreen.loading import Document
from jobscreen.options import ScreenOptions
from jobscreen.results import Assessment, RuleResult, Status
from jobscreen.sources import Candidate, candidate_from_document
from jobscreen.vacancy import MAX_WEIGHT, MAX_YEARS, MIN_WEIGHT, ExperienceRule, Vacancy

AS_OF = dt.date(2026, 6, 30)
PROPERTY = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TITLES = [
    "Programme Manager",
    "Human Rights Officer",
    "Policy Analyst",
    "Head of Section",
    "Director",
    "Project Coordinator",
    "Legal Adviser",
    "Communications Officer",
    "Research Assistant",
    "Mediation Adviser",
]
ORGANISATIONS = ["UNDP", "UN Secretariat", "NATO", "Council of Europe", "Red Cross", "Acme Ltd"]
DOMAINS = [
    "programme management",
    "human rights",
    "advocacy",
    "policy development",
    "anti-racism",
    "mediation",
    "negotiation",
    "communications",
    "international law",
    "project management",
]
WORDS = ["led", "a", "team", "racial", "discrimination", "budget", "partnerships", "drafting"]
WORDS += ["teamwork", "accountability", "framework", "change", "management", "leadership"]
DEGREES = ["BA", "BSc", "LLB", "MA", "MSc", "LLM", "MBA", "PhD", "Licence", "Master of Laws"]
DEGREES += ["Doctorate", "Diploma", "High school diploma", "PhD candidate", "Postgraduate diploma"]
FIELDS = ["Law", "Sociology", "Political Science", "International Relations", "Psychology"]
FIELDS += ["Economics", "Physics"]
LANGUAGES = ["English", "French", "Spanish", "Arabic", "Chinese", "Russian", "de", "pt", "no"]
QUALIFIERS = ["managerial", "international", "senior", "multilateral"]
LADDER = ["secondary", "post_secondary", "short_cycle", "bachelor", "master", "doctorate"]
# Every vocabulary a CV may use: CEFR, notice phrases and LinkedIn, NATO, STANAG 6001 and SLP
# profiles, inspira, free text no scale knows (needs review), and one level per skill.
CV_LEVELS: list[str | int] = [name for value, name in CEFR_NAMES.items() if value]
CV_LEVELS += [*PHRASES, *(n.upper() for n in NATO), "2+", "3332", 0, 3, 5]  # inspira in PHRASES
CV_LEVELS += ["can order coffee"]
VACANCY_LEVELS = ["A1", "B1", "B2", "C1", "C2", "fluent", "working knowledge", "knowledge"]
VACANCY_LEVELS += ["basic", "native", "I", "III", "VI"]


# --- CVs ---------------------------------------------------------------------------------


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


@st.composite
def posts(draw: st.DrawFn) -> dict[str, Any]:
    """A post with dates from 1980 to the end of 2025, ending after it starts."""
    year, month = draw(st.integers(1980, 2024)), draw(st.integers(1, 12))
    months = draw(st.integers(0, 240))
    end_index = min(year * 12 + month - 1 + months, 2025 * 12 + 11)
    post: dict[str, Any] = {
        "title": draw(st.sampled_from(TITLES)),
        "start": _month(year, month),
        "end": draw(
            st.sampled_from([_month(end_index // 12, end_index % 12 + 1), "present", None])
        ),
    }
    if draw(st.booleans()):
        post["organisation"] = draw(st.sampled_from(ORGANISATIONS))
    post["domains"] = draw(st.lists(st.sampled_from(DOMAINS), max_size=2, unique=True))
    for flag in draw(st.lists(st.sampled_from(QUALIFIERS), max_size=2, unique=True)):
        post[flag] = draw(st.booleans())
    if draw(st.booleans()):
        post["description"] = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=8)))
    return post


degrees = st.fixed_dictionaries(
    {"degree": st.sampled_from(DEGREES), "field": st.sampled_from(FIELDS)},
    optional={"year": st.integers(1960, 2025)},
)
levels = st.sampled_from(CV_LEVELS) | st.dictionaries(
    st.sampled_from(["read", "write", "speak", "understand"]),
    st.sampled_from(CV_LEVELS),
    min_size=1,
)
languages = st.fixed_dictionaries(
    {"language": st.sampled_from(LANGUAGES)}, optional={"level": levels}
)
cv_bodies = st.fixed_dictionaries(
    {
        "education": st.lists(degrees, max_size=2),
        "experience": st.lists(posts(), max_size=5),
        "languages": st.lists(languages, max_size=3),
        "competencies": st.lists(st.sampled_from(WORDS), max_size=4),
    },
    optional={"summary": st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)},
)


def candidate(data: dict[str, Any], key: str = "cand") -> Candidate:
    """A candidate through the loader, as a JSON file of this data would give it."""
    body = {"id": key, **data}
    return candidate_from_document(Document(body, f"{key}.json", json.dumps(body)), AS_OF)


# --- vacancies ---------------------------------------------------------------------------


def _rule(draw: st.DrawFn, kind: str, rule_id: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": rule_id, "kind": kind, "required": draw(st.booleans())}
    # usual weights and minimums, or any the model accepts (it bounds them so none overflows)
    rule["weight"] = draw(st.sampled_from([1, 2, 3]) | st.floats(MIN_WEIGHT, MAX_WEIGHT))
    if kind == "education":
        rule["min_level"] = draw(st.sampled_from(LADDER))
        rule["fields"] = draw(st.lists(st.sampled_from(FIELDS), max_size=2, unique=True))
        rule["related_fields"] = draw(st.booleans())
    elif kind == "experience":
        years = st.sampled_from([0, 1, 2, 3, 5, 7, 10, 15]) | st.floats(0, MAX_YEARS)
        rule["min_years"] = draw(years)
        rule["domains"] = draw(st.lists(st.sampled_from(DOMAINS), max_size=2, unique=True))
        rule["qualifiers"] = draw(st.lists(st.sampled_from(QUALIFIERS), max_size=1))
    elif kind == "language":
        rule["language"] = draw(st.sampled_from(LANGUAGES[:6]))
        rule["level"] = draw(st.sampled_from(VACANCY_LEVELS))
    elif kind == "competency":
        rule["name"] = draw(st.sampled_from(["Teamwork", "Leadership", "Communication"]))
        rule["evidence"] = draw(st.lists(st.sampled_from(WORDS), max_size=3, unique=True))
    else:
        rule["text"] = "A person checks this."
    return rule


SIMPLE_KINDS = ["education", "experience", "language", "competency", "review"]


@st.composite
def vacancies(draw: st.DrawFn) -> Vacancy:
    """One to five rules of every kind, a group among them, ids unique."""
    counter = iter(range(1000))
    rules = []
    for kind in draw(st.lists(st.sampled_from([*SIMPLE_KINDS, "group"]), min_size=1, max_size=5)):
        if kind != "group":
            rules.append(_rule(draw, kind, f"r{next(counter)}"))
            continue
        inner = draw(st.lists(st.sampled_from(SIMPLE_KINDS), min_size=1, max_size=3))
        group = draw(st.sampled_from(["any_of", "all_of", "at_least"]))
        nested = [_rule(draw, k, f"r{next(counter)}") for k in inner]
        rule = {"id": f"g{next(counter)}", "kind": group, "required": draw(st.booleans())}
        rule["rules"] = nested
        if group == "at_least":
            rule["n"] = draw(st.integers(1, len(nested)))
        rules.append(rule)
    return Vacancy.model_validate(
        {"id": "v", "title": "Officer", "organisation": "UN", "requirements": rules}
    )


def walk(results: tuple[RuleResult, ...]) -> Iterator[RuleResult]:
    for result in results:
        yield result
        yield from walk(result.children)


def experience_credits(assessment: Assessment) -> dict[str, float]:
    return {r.id: r.credit for r in walk(assessment.rules) if r.kind == "experience"}


# --- the properties ----------------------------------------------------------------------


@PROPERTY
@given(vacancies(), st.lists(cv_bodies, min_size=1, max_size=4))
def test_scoring_never_raises_and_stays_within_bounds(
    vacancy: Vacancy, bodies: list[dict[str, Any]]
) -> None:
    compiled = CompiledVacancy.build(vacancy)
    for index, body in enumerate(bodies):
        assessment = assess(compiled, candidate(body, f"c{index}"), AS_OF)
        assert 0 <= assessment.score <= 100
        assert [r.id for r in assessment.rules] == [r.id for r in vacancy.requirements]
        for result in walk(assessment.rules):
            assert 0 <= result.credit <= 1, result
            assert result.status in set(Status)


@PROPERTY
@given(vacancies(), st.lists(cv_bodies, min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_input_order(
    vacancy: Vacancy, bodies: list[dict[str, Any]], random: Any
) -> None:
    candidates = [candidate(body, f"c{index}") for index, body in enumerate(bodies)]
    shuffled = list(candidates)
    random.shuffle(shuffled)
    first = screen(vacancy, candidates, ScreenOptions(AS_OF))
    again = screen(vacancy, shuffled, ScreenOptions(AS_OF))
    assert [(r.rank, r.assessment) for r in first.results] == [
        (r.rank, r.assessment) for r in again.results
    ]


def _qualifying_post(rule: ExperienceRule, data: st.DataObject) -> dict[str, Any]:
    """A dated post that the rule counts: its first domain in the title, every qualifier set."""
    post = data.draw(posts())
    post["title"] = rule.domains[0].title() if rule.domains else post["title"]
    post.update(dict.fromkeys(rule.qualifiers, True))
    return post


@PROPERTY
@given(vacancies(), cv_bodies, st.data())
def test_a_qualifying_post_never_lowers_experience_credit(
    vacancy: Vacancy, body: dict[str, Any], data: st.DataObject
) -> None:
    rules = [r for _, r in vacancy.walk() if isinstance(r, ExperienceRule)]
    if not rules:
        rules = [ExperienceRule(id="x", kind="experience", min_years=3)]
        vacancy = vacancy.model_copy(update={"requirements": [*vacancy.requirements, *rules]})
    target = data.draw(st.sampled_from(rules))
    extra = _qualifying_post(target, data)
    compiled = CompiledVacancy.build(vacancy)
    before = experience_credits(assess(compiled, candidate(body), AS_OF))
    longer = {**body, "experience": [*body["experience"], extra]}
    after = experience_credits(assess(compiled, candidate(longer), AS_OF))
    assert before.keys() == after.keys()
    for rule_id, credit in before.items():
        assert after[rule_id] >= credit - 1e-9, (rule_id, credit, after[rule_id], extra)
    assert after[target.id] > 0, (target, extra)


personal = st.sampled_from([*TITLES, *DOMAINS, "Amina Diallo", "C2", "PhD"]) | st.text(max_size=20)


@PROPERTY
@given(
    vacancies(),
    cv_bodies,
    st.dictionaries(st.sampled_from(IDENTITY_FIELDS), personal, min_size=1),
    st.dictionaries(st.sampled_from(IDENTITY_FIELDS), personal, min_size=1),
)
def test_personal_fields_never_change_any_result(
    vacancy: Vacancy, body: dict[str, Any], one: dict[str, str], other: dict[str, str]
) -> None:
    compiled = CompiledVacancy.build(vacancy)
    first = assess(compiled, candidate({**body, **one}), AS_OF)
    second = assess(compiled, candidate({**body, **other}), AS_OF)
    assert first.rules == second.rules
    assert (first.score, first.eligible) == (second.score, second.eligible)
