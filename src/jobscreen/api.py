"""The library's entry points: screen candidates against a vacancy, as scripts import them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jobscreen import __version__
from jobscreen.decide import NO_DECISIONS, Decisions, Panel, Use, decide, decisions_for
from jobscreen.engine.context import CompiledVacancy
from jobscreen.engine.screen import RankKey, evaluate_rules, rank_key, score_of
from jobscreen.errors import InternalError, Location, Problem, guard
from jobscreen.options import ScreenOptions
from jobscreen.results import (
    Assessment,
    Matching,
    Ranked,
    Screening,
    VacancyMatch,
)
from jobscreen.sources import Candidate, Failed
from jobscreen.vacancy import Vacancy
from jobscreen.vocabulary import Vocabulary

if TYPE_CHECKING:  # batch scores with this module's assess: imported where it is used
    from jobscreen.batch import Executor, ResultStore, Task
    from jobscreen.record import RunRecord


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


def screen(
    vacancy: Vacancy,
    candidates: Iterable[Candidate | Failed],
    options: ScreenOptions | None = None,
    executor: Executor | None = None,
    *,
    today: dt.date | None = None,
    vocab: Vocabulary | None = None,
) -> Screening:
    """Assess and rank every candidate; failed inputs become errors, never lost.

    ``options`` (default: none) are recorded with the screening: the as-of date (default:
    the vacancy's closing date, else ``today``, else the clock's), --top, --eligible-only
    and blind mode, which breaks ties by each CV's opaque key (the reporters then show only
    that key). ``executor`` runs the scoring (default: in this process; the CLI passes a
    pool of workers). ``vocab``: the vocabulary to match with (default: the package's; the
    ``vocabulary`` of :func:`jobscreen.read_vacancy_file` is the vacancy's with its folder's
    own, as `score` matches).
    """
    from jobscreen.batch import loaded_tasks, serial

    chosen = options or ScreenOptions()
    tasks = loaded_tasks(candidates)
    how = Scoring(executor or serial, today=today, vocab=vocab)
    with screening_run(vacancy, tasks, chosen, how) as run:
        return replace(run.screening, results=tuple(run.screening.results))


@dataclass(frozen=True)
class Scoring:
    """How a screening is scored, apart from its options: where (``executor``), the date a
    CV's posts must not start after (``today``), the vocabulary, a panel's decisions, and a
    callback told how many CVs each step scored."""

    executor: Executor
    today: dt.date | None = None
    vocab: Vocabulary | None = None
    panel: Panel | None = None
    progress: Callable[[int], None] | None = None


@dataclass(frozen=True)
class Run:
    """A screening as shown (after --top/--eligible-only) and every ranked result.

    Results are read from a spill file: use the run as a context manager (or call close).
    """

    screening: Screening
    everyone: Sequence[Ranked]
    store: ResultStore
    vacancy: Vacancy
    warnings: tuple[str, ...] = ()  # decisions made on another version of a CV
    uses: tuple[Use, ...] = ()  # the panel's rows the CVs met

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def screening_run(
    vacancy: Vacancy,
    tasks: Iterator[Task],
    options: ScreenOptions,
    how: Scoring,
    record: RunRecord | None = None,
) -> Run:
    """The one place a screening is built, from CVs in memory (:func:`screen`) or files
    (:func:`jobscreen.runs.screen_files`): scored by ``how.executor``, ranked, selected
    (--top, --eligible-only, ranks kept), counted, every failure an error."""
    from jobscreen.batch import Job, run_batch

    today = how.today or dt.date.today()
    when = options.as_of or default_as_of(vacancy, today)
    job = Job(vacancy, when, options.limits, options.blind, today, how.vocab, how.panel)
    outcome = run_batch(job, tasks, how.executor, how.progress)
    shown = outcome.results.selected(options.top, options.eligible_only)
    errors, summary = tuple(outcome.errors), outcome.summary
    screening = Screening(
        vacancy.id, vacancy.title, when, __version__, shown, errors, options, record, summary
    )
    everyone, uses = outcome.results.everyone(), tuple(outcome.uses)
    return Run(screening, everyone, outcome.results, vacancy, uses=uses)


def _match_key(outcome: tuple[Vacancy, dt.date, Assessment]) -> RankKey:
    """A vacancy's place for the candidate: as screen ranks, its id breaking ties."""
    vacancy, _, assessment = outcome
    return rank_key(assessment, then=(vacancy.id, ""))


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
    outcomes: list[tuple[Vacancy, dt.date, Assessment]] = []
    errors: list[Problem] = []
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
            errors.extend(exc.problems())
            continue
        outcomes.append((vacancy, when, assessment))
    outcomes.sort(key=_match_key)
    matches = tuple(
        VacancyMatch(i + 1, v.id, v.title, a, when) for i, (v, when, a) in enumerate(outcomes)
    )
    first = outcomes[0][2] if outcomes else None
    who = (first.opaque_key if blind else first.candidate) if first else ""
    return Matching(who, as_of, __version__, matches, tuple(errors))
