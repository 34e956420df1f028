"""Plain data views of results, shared by the machine-readable formats (no rich here)."""

from __future__ import annotations

from typing import Any

from jobscreen.results import Assessment, Ranked, Screening


def eligibility_label(assessment: Assessment) -> str:
    """'yes', 'no', or 'review' when eligible only pending items a person must check."""
    if not assessment.eligible:
        return "no"
    return "review" if any(r.required for r in assessment.review) else "yes"


def shown_candidate(assessment: Assessment, blind: bool) -> str:
    """The candidate as outputs show it: the opaque content key in blind mode."""
    return assessment.opaque_key if blind else assessment.candidate


def shown_name(assessment: Assessment, blind: bool) -> str:
    """'Name (id)' for people, or only the opaque key in blind mode."""
    if blind:
        return assessment.opaque_key
    if assessment.name:
        return f"{assessment.name} ({assessment.candidate})"
    return assessment.candidate


def result_dict(ranked: Ranked, blind: bool = False) -> dict[str, Any]:
    a = ranked.assessment
    return {
        "candidate": shown_candidate(a, blind),
        "name": None if blind else a.name,
        "source": None if blind else a.source,
        "rank": ranked.rank,
        "eligible": a.eligible,
        "eligibility": eligibility_label(a),
        "origin": a.origin,
        "score": a.score,
        "unmet": [r.id for r in a.unmet_mandatory],
        "review": [r.id for r in a.review],
        "sha256": a.sha256,
        "rules": [r.to_dict() for r in a.rules],
    }


def screening_dict(screening: Screening) -> dict[str, Any]:
    blind = bool(screening.options.get("blind"))
    data: dict[str, Any] = {
        "vacancy": {"id": screening.vacancy_id, "title": screening.vacancy_title},
        "as_of": screening.as_of.isoformat(),
        "jobscreen_version": screening.version,
        "options": screening.options,
        "results": [result_dict(r, blind) for r in screening.results],
        "errors": [e.to_dict() for e in screening.errors],
    }
    if screening.record:
        data["record"] = screening.record
    return data
