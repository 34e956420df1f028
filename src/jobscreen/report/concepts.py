"""A concept of the thesaurus as a person reads it: what it accepts, which rules use it."""

from __future__ import annotations

from typing import Any

from jobscreen.vacancy import CompetencyRule, ExperienceRule, Vacancy
from jobscreen.vocabulary import Vocabulary


def concept_list(vocab: Vocabulary) -> list[str]:
    """One line a concept: its id and English label."""
    width = max(len(c) for c in vocab.concepts)
    return [f"{c.id:<{width}}  {c.label}" for c in vocab.concepts.values()]


def concept_data(
    vocab: Vocabulary, concept_id: str, vacancies: list[tuple[str, Vacancy]]
) -> dict[str, Any]:
    """What the concept accepts (its labels and every narrower concept's), its false friends,
    and the vacancy rules whose concepts accept it, directly or through a broader one."""
    concept = vocab.concepts[concept_id]
    accepted = vocab.accepted(concept_id)
    uses = []
    for path, vacancy in vacancies:
        for _, rule in vacancy.walk():
            if not isinstance(rule, ExperienceRule | CompetencyRule):
                continue
            topics = rule.topics if isinstance(rule, ExperienceRule) else []
            for names, role in ((rule.concepts, ""), (topics, " (as a topic)")):
                named = [c for c in names if concept_id in {a.id for a in vocab.accepted(c)}]
                if named:
                    how = "directly" if concept_id in named else f"through {named[0]}"
                    uses.append({"vacancy": path, "rule": rule.id, "how": how + role})
    return {
        "id": concept.id,
        "label": concept.label,
        "labels": list(concept.labels),
        "acronyms": list(concept.acronyms),
        "broader": list(concept.broader),
        "narrower": [c.id for c in accepted[1:]],
        "accepted labels": sum(len(c.labels) for c in accepted),
        "false friends": list(concept.false_friends),
        "used by": uses,
    }


def concept_lines(data: dict[str, Any]) -> list[str]:
    """The concept's data as indented lines of text."""
    lines = [f"{data['id']}: {data['label']}"]
    rows = [
        ("labels", data["labels"]),
        ("acronyms (as written)", data["acronyms"]),
        ("broader", data["broader"]),
        ("narrower (accepted too)", data["narrower"]),
        ("false friends (never count)", data["false friends"]),
    ]
    lines += [f"  {name}: {', '.join(items)}" for name, items in rows if items]
    lines.append(f"  accepts {data['accepted labels']} labels in all")
    uses = data["used by"]
    lines.append("  used by:" + ("" if uses else " nothing in the vacancies searched"))
    lines += [f"    {u['vacancy']}: {u['rule']} ({u['how']})" for u in uses]
    return lines
