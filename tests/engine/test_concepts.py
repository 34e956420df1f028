"""Rules that name concepts: labels by lemma, false friends, contexts, employers, qualifiers.

Each case is a one-post CV against a one-rule vacancy: whether the post counts, and what
the evidence says. The words are the kinds the issue tracker collected from realistic CVs.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from jobscreen.api import assess
from jobscreen.cv import CVFile
from jobscreen.engine.context import CompiledVacancy
from jobscreen.results import RuleResult, Status
from jobscreen.sources import Candidate
from jobscreen.vacancy import Vacancy, semantic_problems
from jobscreen.vocabulary import vocabulary
from tests.conftest import VACANCIES, invoke

AS_OF = dt.date(2024, 1, 1)


def judge(rule: dict[str, Any], **post: Any) -> RuleResult:
    """One experience (or other) rule against one post, 2010-2019."""
    data = {"id": "v", "title": "T", "organisation": "O", "requirements": [rule]}
    vacancy = Vacancy.model_validate(data)
    assert semantic_problems(vacancy) == []
    cv = {"experience": [{"start": "2010-01", "end": "2019-12", **post}]}
    identity, profile = CVFile.model_validate(cv).split()
    candidate = Candidate("c", "c.yaml", identity, profile, "")
    return assess(CompiledVacancy.build(vacancy), candidate, AS_OF).rules[0]


def experience(*concepts: str, **extra: Any) -> dict[str, Any]:
    return {"id": "exp", "kind": "experience", "required": True, "min_years": 0,
            "concepts": list(concepts), **extra}  # fmt: skip


@pytest.mark.parametrize(
    ("concept", "description"),
    [
        ("diplomacy", "Diplomatic liaison with the delegations of Member States."),
        ("anti-racism", "Led the race equality programme and anti-racist training."),
        ("anti-racism", "Ran an antiracism campaign."),
        ("peacebuilding", "Supported peace-building in the Great Lakes."),
        ("political-negotiation", "Political negotiations with the parties."),
        ("international-relations", "Relations internationales et coopération."),  # French
        ("mediation", "Mediated between the parties to the dispute."),
        ("equality-and-non-discrimination", "Head of Diversity & Inclusion."),  # & is "and"
        ("equality-and-non-discrimination", "Global lead for inclusion & belonging."),
        ("equality-and-non-discrimination", "Closed the gender pay gap."),
        ("partnerships-with-states", "Focal point, Mediterranean Partners for Co-operation."),
        ("partnerships-with-states", "Responsible for co-operation with allies and partners."),
        ("defence-diplomacy", "Defence co-operation with Jordan."),  # spelt with a hyphen
        ("partnerships-with-states", "Launched defence capacity-building with Georgia."),
        ("bilateral-diplomacy", "Led the Dutch side in bilateral defence consultations."),
        ("peacebuilding", "Trained district peace committees in northern Uganda."),
        ("peacebuilding", "Principal investigator, 'Local Peace Infrastructures after War'."),
        # clearing land for people to return to is post-conflict recovery work (and mine action)
        ("post-conflict-recovery", "Clearance of roads and return areas after the fighting."),
        ("post-conflict-recovery", "Cluster munition clearance in the south after the war."),
        ("post-conflict-recovery", "Prepared the annual clearance plans for the minefields."),
        (
            "post-conflict-recovery",
            "Supervise les opérations de déminage dans les zones de retour.",
        ),
        ("mine-action", "Survey and clearance of farmland retaken in 2022."),
        ("conflict-prevention", "Forme les fonctionnaires à la prévention des crises électorales."),
        ("conflict-prevention", "Crisis prevention and early engagement in the Sahel."),
        ("speech-writing", "Rédaction des discours et des notes de l'Envoyé spécial."),
        ("speech-writing", "Talking points for the Secretary General on regional security."),
        ("speech-writing", "Drafted statements to the Security Council."),
        ("consensus-building", "Conduite des débats jusqu'aux décisions adoptées par consensus."),
        ("chairing-meetings", "Chairs the interministerial coordination committee."),
        ("chairing-meetings", "Présidence du forum en 2019."),
        ("special-envoys", "Supported the Special Envoy's talks with the signatories."),  # 's
        ("special-envoys", "Rédaction des notes de l'Envoyé spécial."),  # l'
        ("equality-and-non-discrimination", "Inclusion strategy for 100,000 employees."),
        ("equality-and-non-discrimination", "Led a project on hiring discrimination."),
        ("equality-and-non-discrimination", "Responsable de la stratégie d'inclusion."),
    ],
)
def test_other_words_for_the_same_concept_count(concept: str, description: str) -> None:
    found = judge(experience(concept), title="Officer", description=description)
    assert found.status is Status.met, found.reason
    assert found.evidence[0].quote.startswith("matched")


@pytest.mark.parametrize(
    ("concept", "description"),
    [
        ("publishing", "Managed public tenders for the ministry."),  # publications/public
        ("publishing", "Liaised with the national authorities."),  # authored/authorities
        ("political-negotiation", "Led supplier negotiations for the procurement unit."),
        ("mediation", "Handled media relations and social media."),
        ("diplomacy", "Was tactful and diplomatic with customers."),
        ("post-conflict-recovery", "Obtained security clearance and handled customs clearance."),
        ("mine-action", "Managed the clearance sale and the coal mine's mine planning."),
        ("equality-and-non-discrimination", "Led the financial inclusion strategy."),
    ],
)
def test_false_friends_and_other_words_do_not_count(concept: str, description: str) -> None:
    found = judge(experience(concept), title="Officer", description=description)
    assert found.status is Status.not_met, found.evidence


def test_a_false_friend_inside_a_longer_label_does_not_hold_it() -> None:
    found = judge(experience("mine-action"), title="Mine action programme manager")
    assert found.status is Status.met


@pytest.mark.parametrize(
    "description",
    [
        "Wrote a doctoral thesis on mediation in the Sahel.",
        "No experience in mediation.",
        "Teach the MSc module 'Preventive Diplomacy and Mediation'.",  # teach; module
        "A comparative study of land release, livelihoods and mediation.",  # 4 words between
    ],
)
def test_a_text_about_a_concept_or_denying_it_is_not_experience_of_it(description: str) -> None:
    found = judge(experience("mediation"), title="Researcher", description=description)
    assert found.status is Status.not_met, found.evidence


def test_research_on_a_topic_is_research_experience() -> None:
    found = judge(experience("research-and-analysis"), description="Research on mediation.")
    assert found.status is Status.met


def test_a_concept_counts_its_narrower_concepts_not_its_related_ones() -> None:
    narrower = judge(experience("diplomacy"), title="Officer", description="Preventive diplomacy.")
    related = judge(experience("diplomacy"), title="Officer", description="Negotiated contracts.")
    assert (narrower.status, related.status) == (Status.met, Status.not_met)


def test_an_acronym_counts_only_as_written() -> None:
    upper = judge(experience("anti-racism"), title="Officer", description="Reports to CERD.")
    lower = judge(experience("anti-racism"), title="Officer", description="reports to cerd.")
    assert (upper.status, lower.status) == (Status.met, Status.not_met)
    assert upper.evidence[0].quote == "acronym 'CERD'"


@pytest.mark.parametrize(
    ("organisation", "status"),
    [
        ("Warsaw Centre for Strategic Studies", Status.met),
        ("International Institute for Strategic Studies (IISS)", Status.met),
        ("Centre for Business Studies", Status.not_met),
    ],
)
def test_a_strategic_studies_institute_s_work_is_security_policy(
    organisation: str, status: Status
) -> None:
    found = judge(experience("security-policy"), title="Analyst", organisation=organisation)
    assert found.status is status, found.reason


def test_an_employer_whose_work_is_the_concept_is_evidence_of_it() -> None:
    found = judge(
        experience("international-relations"),
        title="Ambassador",
        organisation="Ministry of Foreign Affairs of Chile",
    )
    assert found.status is Status.met
    assert "ministry of foreign affairs" in found.evidence[0].quote


@pytest.mark.parametrize(
    ("qualifier", "post", "counts"),
    [
        (
            "managerial",
            {
                "title": "Senior Policy Officer",
                "description": "Managed a team of six officers from four Member States.",
            },
            True,
        ),
        ("managerial", {"title": "Adviser", "description": "Supervise eight diplomats."}, True),
        ("managerial", {"title": "Adviser", "description": "No direct line management."}, False),
        ("managerial", {"title": "Minister of Defence", "organisation": "Government of X"}, True),
        ("senior", {"title": "Minister of Defence", "organisation": "Government of X"}, True),
        (
            "international",
            {
                "title": "Officer",
                "organisation": "National Mine Action Authority",
                "description": "A programme co-funded by UNDP and donors.",
            },
            False,
        ),
        (
            "international",
            {
                "title": "Team leader",
                "description": "Led fourteen colleagues of six nationalities.",
            },
            True,
        ),
        (
            "multilateral",
            {
                "title": "Campaigner",
                "description": "Briefed delegations at meetings of States Parties.",
            },
            True,
        ),
        (
            "multilateral",
            {
                "title": "First Secretary",
                "organisation": "Permanent Mission of Chile to the UN Office",
            },
            True,
        ),
        (
            "international",
            {"title": "Programme Officer", "organisation": "The Asia Foundation"},
            True,
        ),
        ("senior", {"title": "Head, Mediation Support Unit"}, True),  # as "Head of"
        ("senior", {"title": "Political Affairs Officer (P-5)"}, True),  # UN grades
        ("senior", {"title": "Political Affairs Officer (P-4)"}, False),
        ("senior", {"title": "Directeur général adjoint des affaires politiques"}, True),
        ("senior", {"title": "Ambassadeur auprès de l'OSCE"}, True),
        ("senior", {"title": "Chargé de mission"}, False),
        ("managerial", {"title": "Conseiller", "description": "Dirige une équipe de 7."}, True),
        ("managerial", {"title": "Conseiller", "description": "Encadre 12 agents."}, True),
        ("managerial", {"title": "Conseiller", "description": "Dirige les débats."}, False),
        (
            "international",
            {"title": "Adviser", "description": "Leads 9 officers from 6 Forum member countries."},
            True,
        ),
        (
            "international",
            {"title": "Conseiller", "description": "Conseillers de 6 nationalités."},
            True,
        ),
        (
            "multilateral",
            {"title": "Officer", "description": "Reports for the Forum for Security Co-operation."},
            True,
        ),
        (  # a donor's money, a partner's sites: not the employer's
            "multilateral",
            {"title": "Director", "description": "Spent EUR 38 million a year from ECHO."},
            False,
        ),
        ("multilateral", {"title": "Officer", "description": "Liaison with UNMISS sites."}, False),
        (
            "managerial",
            {"title": "Specialist", "description": "Did not supervise staff in that post."},
            False,
        ),
    ],
)
def test_qualifiers_come_from_the_whole_post(
    qualifier: str, post: dict[str, str], counts: bool
) -> None:
    rule = {"id": "exp", "kind": "experience", "required": True, "min_years": 0,
            "qualifiers": [qualifier]}  # fmt: skip
    found = judge(rule, **post)
    assert (found.status is Status.met) is counts, found.evidence


def review_rule(**post: Any) -> RuleResult:
    rule = {"id": "r", "kind": "review", "required": True, "text": "Secretariat staff only.",
            "applies_to": ["un-secretariat"]}  # fmt: skip
    return judge(rule, **post)


def test_a_review_rule_applies_only_to_its_employers_current_staff() -> None:
    outside = review_rule(title="Adviser", organisation="Ministry of Justice")
    assert (outside.status, outside.reason.startswith("does not apply")) == (Status.met, True)
    for post in (
        {"organisation": "United Nations Secretariat", "start": "2020-01"},
        {"organisation": "United Nations Secretariat", "start": "2020-01", "end": "2027-06"},
    ):  # a post with no end, or one that ends after the as-of date, is held
        data = {"id": "v", "title": "T", "organisation": "O", "requirements": [
            {"id": "r", "kind": "review", "required": True, "text": "Staff only.",
             "applies_to": ["un-secretariat"]}]}  # fmt: skip
        cv = {"experience": [{"title": "Officer", **post}]}
        identity, profile = CVFile.model_validate(cv).split()
        candidate = Candidate("c", "c.yaml", identity, profile, "")
        inside = assess(CompiledVacancy.build(Vacancy.model_validate(data)), candidate, AS_OF)
        assert inside.rules[0].status is Status.needs_review, post


def test_an_unknown_concept_or_employer_kind_is_a_located_problem() -> None:
    review = {"id": "r", "kind": "review", "required": True, "text": "x", "applies_to": ["nope"]}
    rules = [experience("diplomacy", "no-such-concept"), review]
    data = {"id": "v", "title": "T", "organisation": "O", "requirements": rules}
    problems = semantic_problems(Vacancy.model_validate(data))
    assert problems == [
        (("requirements", 0, "concepts", 1),
         "unknown concept 'no-such-concept' (see jobscreen concepts)"),
        (("requirements", 1, "applies_to", 0), "unknown kind of employer 'nope'"),
    ]  # fmt: skip


def test_a_concept_accepts_its_narrower_concepts_at_every_depth() -> None:
    accepted = {c.id for c in vocabulary().accepted("international-relations")}
    # international relations > diplomacy > preventive diplomacy
    assert {"diplomacy", "preventive-diplomacy"} <= accepted
    assert "negotiation" not in accepted  # related to diplomacy, never accepted for it


def test_the_concepts_command_shows_what_a_concept_accepts_and_who_uses_it() -> None:
    code, out, _ = invoke("concepts", "diplomacy", "--vacancies", str(VACANCIES))
    assert code == 0
    assert out.splitlines()[0] == "diplomacy: diplomacy"
    assert "  narrower (accepted too): bilateral-diplomacy," in out
    assert (
        f"    {VACANCIES / 'comsec-head-good-offices.yaml'}: exp-preventive-diplomacy (directly)"
        in out
    )
    assert "exp-political-security (through international-relations)" in out


def test_the_concepts_command_shows_the_uses_a_broken_vacancy_leaves(tmp_path: Path) -> None:
    (tmp_path / "nato.yaml").write_bytes((VACANCIES / "nato-asg-pasp.yaml").read_bytes())
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, err = invoke("concepts", "diplomacy", "--vacancies", str(tmp_path))
    assert code == 1
    assert "exp-political-security (through international-relations)" in out
    assert f"{tmp_path / 'broken.yaml'}:2:1: error: YAML syntax error" in err


def test_the_concepts_command_lists_every_concept_and_refuses_an_unknown_one() -> None:
    code, out, _ = invoke("concepts", "-f", "json")
    assert (code, len(json.loads(out))) == (0, len(vocabulary().concepts))
    code, _, err = invoke("concepts", "no-such-thing")
    assert code == 2
    assert "unknown concept 'no-such-thing'" in err


def education(field: str, related: bool) -> RuleResult:
    rule = {"id": "edu", "kind": "education", "required": True, "min_level": "master",
            "fields": ["political science", "law"], "related_fields": related}  # fmt: skip
    data = {"id": "v", "title": "T", "organisation": "O", "requirements": [rule]}
    cv = {"education": [{"degree": "MA", "field": field}]}
    identity, profile = CVFile.model_validate(cv).split()
    candidate = Candidate("c", "c.yaml", identity, profile, "")
    return assess(CompiledVacancy.build(Vacancy.model_validate(data)), candidate, AS_OF).rules[0]


@pytest.mark.parametrize(
    ("field", "related", "status", "says"),
    [
        ("Peace and Conflict Studies", False, Status.met, "is political science (ISCED-F 0312"),
        ("War Studies", False, Status.met, "is political science"),
        ("Relations internationales", False, Status.met, "is political science"),
        ("Sociology", True, Status.met, "is related to political science (ISCED-F 031 "),
        ("Business Administration", True, Status.needs_review, "a person judges"),  # not law
        ("Sociology", False, Status.not_met, "is not among"),
        ("Mechanical Engineering", True, Status.needs_review, "a person judges"),
        ("Basket weaving", True, Status.needs_review, "a person judges"),
    ],
)
def test_degree_fields_are_decided_on_isced_f(
    field: str, related: bool, status: Status, says: str
) -> None:
    found = education(field, related)
    assert found.status is status, found.reason
    assert says in found.reason


def research(description: str) -> RuleResult:
    rule = experience("research-and-analysis", topics=["preventive-diplomacy", "peace-mediation"])
    return judge(rule, title="Analyst", description=description)


def test_a_rule_with_topics_counts_only_work_on_them() -> None:
    on = research("Research on preventive diplomacy in West Africa.")
    assert on.status is Status.met, on.reason


def test_the_work_off_its_subject_is_a_near_miss_for_a_person_not_a_rejection() -> None:
    off = research("Research on supply chains.")
    assert off.status is Status.needs_review
    assert "post 1 shows the work but not its subject (preventive diplomacy" in off.reason
    nothing = research("Managed the car fleet.")
    assert nothing.status is Status.not_met


def test_a_topic_s_false_friend_is_not_the_topic() -> None:
    rule = experience("research-and-analysis", topics=["peace-mediation"])
    found = judge(rule, title="Analyst", description="Research and media relations.")
    assert found.status is Status.needs_review  # research, but 'media' is not mediation


# --- found by review: cues as written, labels that hold a cue, exceptions, every place ------


@pytest.mark.parametrize(
    ("concept", "post"),
    [
        # the noun "research" is no cue ("researched" is): the concept after it counts
        ("human-rights", {"description": "Managed research and human rights advocacy."}),
        # a label that holds the cue "non-" is no denial
        ("non-proliferation", {"title": "Director, Non-Proliferation and Arms Control"}),
        ("equality-and-non-discrimination", {"title": "Equality and non-discrimination officer"}),
        # "non-" denies only the word it joins
        ("partnerships-with-states", {"description": "Relations with non-NATO partner countries."}),
        # a context's own exception ("au cours de") is not its cue ("cours de")
        ("political-negotiation", {"description": "Au cours de la négociation politique."}),
    ],
)
def test_cues_hold_only_what_they_deny_or_are_about(concept: str, post: dict[str, str]) -> None:
    found = judge(experience(concept), **{"title": "Officer", **post})
    assert found.status is Status.met, found.reason


def test_every_place_of_a_concept_is_checked_not_only_the_first() -> None:
    rule = experience("peacebuilding")
    text = "No experience in peacebuilding; doctoral thesis on peacebuilding."
    assert judge(rule, title="Analyst", description=text).status is Status.not_met


def test_a_topic_held_by_a_false_friend_is_looked_for_further_on_without_a_crash() -> None:
    rule = experience("research-and-analysis", topics=["diplomacy", "conflict-prevention"])
    text = "Tactful and diplomatic; published research on conflict prevention in West Africa."
    found = judge(rule, title="Research Fellow", description=text)
    assert found.status is Status.met, found.reason


@pytest.mark.parametrize(
    ("description", "managerial"),
    [
        ("Trained 200 people in community dialogue.", False),
        ("Led some workshops on budgeting.", False),
        ("Managed a team of six. Worked without supervision on weekends.", True),
        ("Supervised 12 staff across three offices.", True),
    ],
)
def test_a_description_shows_management_only_of_people(description: str, managerial: bool) -> None:
    rule = {"id": "exp", "kind": "experience", "required": True, "min_years": 0,
            "qualifiers": ["managerial"]}  # fmt: skip
    found = judge(rule, title="Assistant", description=description)
    assert (found.status is Status.met) is managerial, found.evidence
