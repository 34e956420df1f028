"""A concept of the thesaurus as a person reads it: what it accepts, which rules use it."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, TextIO

from jobscreen.vacancy import CompetencyRule, ExperienceRule, Vacancy
from jobscreen.vocabulary import Concept, Vocabulary, vocabulary

Searched = list[tuple[str, Vacancy, Vocabulary]]  # a vacancy file, its vacancy, its vocabulary
OWN_FIELDS = {"labels": "labels", "acronyms": "acronyms", "broader": "broader"}
OWN_FIELDS |= {"narrower": "narrower", "false friends": "false_friends"}


def concept_list(vocab: Vocabulary) -> list[str]:
    """One line a concept: its id and English label, and what an organisation's file did."""
    width = max(len(c) for c in vocab.concepts)
    return [
        f"{c.id:<{width}}  {c.label}{_marked(change_of(vocab, c.id))}"
        for c in vocab.concepts.values()
    ]


def concept_items(vocab: Vocabulary) -> list[dict[str, str]]:
    """Every concept's id and label, and what an organisation's file did to it, if anything."""
    found = []
    for concept in vocab.concepts.values():
        item = {"id": concept.id, "label": concept.label}
        if change := change_of(vocab, concept.id):
            item["organisation"] = change
        found.append(item)
    return found


def _marked(change: str | None) -> str:
    return f"  ({change} by the organisation)" if change else ""


def change_of(vocab: Vocabulary, concept_id: str) -> str | None:
    """'added', 'replaced' or 'extended' when the organisation's file made the concept what it
    is (a concept it names, or one its links give a narrower concept), else None."""
    own = vocab.organisation
    if own is None:
        return None
    change = own.changes["concepts"].get(concept_id)
    if change is None and _own_items(vocab.concepts[concept_id], concept_id):
        return "extended"
    return change


def _own_items(concept: Concept, concept_id: str) -> dict[str, list[str]]:
    """What of a concept is not the package's: its labels, acronyms and links that the
    package's concept of this id does not have."""
    before = vocabulary().concepts.get(concept_id)
    found = {}
    for name, field in OWN_FIELDS.items():
        old = set(getattr(before, field)) if before is not None else set()
        if new := [item for item in getattr(concept, field) if item not in old]:
            found[name] = new
    return found


def organisation_data(vocab: Vocabulary, concept_id: str) -> dict[str, Any] | None:
    """What the organisation's file gave a concept, or None when it gave nothing."""
    change = change_of(vocab, concept_id)
    if vocab.organisation is None or change is None:
        return None
    own = _own_items(vocab.concepts[concept_id], concept_id)
    return {"file": vocab.organisation.path, "change": change, **own}


def concept_data(vocab: Vocabulary, concept_id: str, vacancies: Searched) -> dict[str, Any]:
    """What the concept accepts (its labels and every narrower concept's), its false friends,
    what the organisation's file gave it, and the vacancy rules whose concepts accept it
    (each in its own vocabulary), directly or through a broader one."""
    concept = vocab.concepts[concept_id]
    accepted = vocab.accepted(concept_id)
    uses = [use for searched in vacancies for use in _uses(*searched, concept_id)]
    found = {
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
    if organisation := organisation_data(vocab, concept_id):
        found["organisation"] = organisation
    return found


def _uses(path: str, vacancy: Vacancy, vocab: Vocabulary, concept_id: str) -> list[dict[str, str]]:
    uses = []
    for _, rule in vacancy.walk():
        if not isinstance(rule, ExperienceRule | CompetencyRule):
            continue
        topics = rule.topics if isinstance(rule, ExperienceRule) else []
        for names, role in ((rule.concepts, ""), (topics, " (as a topic)")):
            named = [c for c in names if concept_id in {a.id for a in vocab.accepted(c)}]
            if named:
                how = "directly" if concept_id in named else f"through {named[0]}"
                uses.append({"vacancy": path, "rule": rule.id, "how": how + role})
    return uses


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
    lines += _organisation_lines(data.get("organisation"))
    lines.append(f"  accepts {data['accepted labels']} labels in all")
    uses = data["used by"]
    lines.append("  used by:" + ("" if uses else " nothing in the vacancies searched"))
    lines += [f"    {u['vacancy']}: {u['rule']} ({u['how']})" for u in uses]
    return lines


def _organisation_lines(own: dict[str, Any] | None) -> list[str]:
    """What an organisation's file gave the concept: all of it, or the items it added."""
    if own is None:
        return []
    lines = [f"  {own['change']} by the organisation's vocabulary ({own['file']})"]
    if own["change"] == "extended":
        lines += [f"    its {name}: {', '.join(own[name])}" for name in OWN_FIELDS if name in own]
    return lines


class ConceptFormat(StrEnum):
    """Every output format of the concepts command, in the order --format lists them."""

    text = "text"
    json = "json"


def write_concepts(fmt: ConceptFormat, data: object, lines: list[str], out: TextIO) -> None:
    """The concepts command's report: its lines as text, or its data as JSON."""
    if fmt is ConceptFormat.json:
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        out.writelines(f"{line}\n" for line in lines)
