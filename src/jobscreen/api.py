"""The library's entry points: screen candidates against a vacancy, as scripts import them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

from jobscreen import __version__
from jobscreen.decide import NO_DECISIONS, Decisions, Panel, decide, decisions_for
from jobscreen.engine.context import CompiledVacancy
from jobscreen.engine.screen import evaluate_rules, rank, rank_key, score_of
from jobscreen.errors import InternalError, Location, Problem, guard
from jobscreen.results import (
    Assessment,
    Matching,
    Screening,
    Summary,
    VacancyMatch,
    eligibility_label,
    settled_by,
)
from jobscreen.sources import Candidate, Failed
from jobscreen.vacancy import Vacancy
from jobscreen.vocabulary import Vocabulary


def default_as_of(vacancy: Vacancy, today: dt.date) -> dt.date:
    """The vacancy's closing date, else today: the date experience is counted to."""
    return vacancy.closing_date or today


def assess(
    compiled: CompiledVacancy,
    candidate: Candidate,
    as_of: dt.date,
    decisions: Decisions = NO_DECISIONS,
) -> Assessment:
    """One candidate against a compiled vacancy, then the decisions and the candidate's
    declarations applied (:func:`jobscreen.decide.decide`). Only the profile reaches the
    engine."""
    rules = evaluate_rules(compiled, candidate.profile, as_of, candidate.uncertain)
    assessment = Assessment(
        candidate.key,
        candidate.source,
        rules,
        score_of(rules),
        candidate.sha256,
        candidate.origin,
        candidate.identity.name,
    )
    return decide(assessment, decisions, candidate.declarations)


def assess_all(
    vacancy: Vacancy,
    items: Iterable[Candidate | Failed],
    as_of: dt.date,
    vocab: Vocabulary | None = None,
) -> Iterator[Assessment | Failed]:
    """Assess a stream of loaded candidates, passing failures through in order; ``vocab``:
    the vocabulary to match with (default: the package's)."""
    compiled, decisions = CompiledVacancy.build(vacancy, vocab), decisions_for(vacancy)
    for item in items:
        yield item if isinstance(item, Failed) else assess(compiled, item, as_of, decisions)


def screen(
    vacancy: Vacancy,
    items: Iterable[Candidate | Failed],
    as_of: dt.date,
    options: dict[str, object] | None = None,
    vocab: Vocabulary | None = None,
) -> Screening:
    """Assess and rank every candidate; failed inputs become errors, never lost.

    ``options`` are recorded with the screening; ``{"blind": True}`` also breaks ties by each
    CV's opaque key rather than its id, as ``score --blind`` does (the reporters then show
    only that key). ``vocab``: the vocabulary to match with (default: the package's;
    :func:`jobscreen.orgvocab.vocabulary_beside` gives a vacancy's with its folder's own).
    """
    options = dict(options or {})
    assessments: list[Assessment] = []
    errors: list[Problem] = []
    unreadable = 0
    for outcome in assess_all(vacancy, items, as_of, vocab):
        if isinstance(outcome, Failed):
            errors.extend(outcome.errors)
            unreadable += 1
        else:
            assessments.append(outcome)
    labels = [eligibility_label(a) for a in assessments]
    summary = Summary.of(labels, unreadable, (how for a in assessments for how in settled_by(a)))
    return Screening(
        vacancy.id,
        vacancy.title,
        as_of,
        __version__,
        rank(assessments, bool(options.get("blind"))),
        tuple(errors),
        options,
        summary=summary,
    )


def match_vacancies(
    candidate_for: Callable[[Vacancy], Candidate],
    vacancies: list[Vacancy],
    as_of: dt.date | None,
    today: dt.date,
    blind: bool = False,
    sources: Sequence[str] = (),
    vocabularies: Sequence[Vocabulary] = (),
    panel: Panel | None = None,
) -> Matching:
    """One candidate against several vacancies, each counted to its own as-of date.

    ``candidate_for`` loads the candidate for a vacancy: a plain-text CV is read with that
    vacancy's competency phrases, as `score` reads it. A bug met scoring the candidate
    against one vacancy is that vacancy's error (located at its file, ``sources[i]`` for
    ``vacancies[i]``, else named by its id), and the others are still ranked. ``panel``:
    a panel's decisions, applied to each vacancy that has the rule decided.
    """
    outcomes, errors = [], []
    for index, vacancy in enumerate(vacancies):
        when = as_of or default_as_of(vacancy, today)
        candidate = candidate_for(vacancy)
        where = Location(sources[index], 1, 1) if index < len(sources) else Location(vacancy.id)
        try:
            with guard(where):
                vocab = vocabularies[index] if index < len(vocabularies) else None
                decisions = decisions_for(vacancy, panel)
                compiled = CompiledVacancy.build(vacancy, vocab)
                assessment = assess(compiled, candidate, when, decisions)
        except InternalError as exc:
            errors.append(exc)
            continue
        outcomes.append((vacancy, when, assessment))
    outcomes.sort(key=lambda o: (*rank_key(o[2])[:3], o[0].id))
    matches = tuple(
        VacancyMatch(i + 1, v.id, v.title, a, when) for i, (v, when, a) in enumerate(outcomes)
    )
    first = outcomes[0][2] if outcomes else None
    who = (first.opaque_key if blind else first.candidate) if first else ""
    return Matching(who, as_of, __version__, matches, tuple(errors))
