"""Per-run and per-candidate state the evaluators share: compiled phrases, normalised texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from jobscreen.cv import Post, Profile
from jobscreen.engine.experience import Span, post_span
from jobscreen.engine.matching import Phrase, compile_phrases, normalise
from jobscreen.results import RuleResult
from jobscreen.vacancy import (
    AtLeastRule,
    CompetencyRule,
    EducationRule,
    ExperienceRule,
    GroupRule,
    Requirement,
    Vacancy,
)


def _rule_phrases(rule: Requirement) -> tuple[Phrase, ...]:
    if isinstance(rule, EducationRule):
        return compile_phrases(rule.fields)
    if isinstance(rule, ExperienceRule):
        return compile_phrases(rule.domains)
    if isinstance(rule, CompetencyRule):
        return compile_phrases([rule.name, *rule.evidence])
    return ()


@dataclass(frozen=True)
class CompiledVacancy:
    """A vacancy with every phrase normalised once, for all the CVs of a run."""

    vacancy: Vacancy
    phrases: dict[str, tuple[Phrase, ...]]

    @classmethod
    def build(cls, vacancy: Vacancy) -> CompiledVacancy:
        return cls(vacancy, {rule.id: _rule_phrases(rule) for _, rule in vacancy.walk()})

    def lieu_rules(self) -> list[EducationRule]:
        return [r for _, r in self.vacancy.walk() if isinstance(r, EducationRule) and r.in_lieu]


def post_text(post: Post) -> str:
    parts = [post.title, *post.domains, post.description]  # not the employer's name
    return normalise(" . ".join(p for p in parts if p))


def post_label(post: Post, index: int) -> str:
    """'post 2 (Title, Organisation, 2012-03 to present)'."""
    what = ", ".join(p for p in (post.title, post.organisation) if p) or "untitled"
    end = str(post.end) if post.end is not None else "present"
    volunteer = ", volunteer" if post.volunteer else ""
    return f"post {index + 1} ({what}, {post.start} to {end}{volunteer})"


@dataclass
class Context:
    """One candidate under one vacancy while its rules are evaluated."""

    compiled: CompiledVacancy
    profile: Profile
    as_of: dt.date
    evaluate: Callable[[Requirement, Context], RuleResult]
    extra_years: dict[str, tuple[float, str]] = field(default_factory=dict)
    cache: dict[str, RuleResult] = field(default_factory=dict)
    _spans: list[Span | None] | None = None
    _texts: list[str] | None = None

    @property
    def spans(self) -> list[Span | None]:
        if self._spans is None:
            self._spans = [
                post_span(p, i, self.as_of) for i, p in enumerate(self.profile.experience)
            ]
        return self._spans

    @property
    def post_texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [post_text(p) for p in self.profile.experience]
        return self._texts

    def phrases(self, rule: Requirement) -> tuple[Phrase, ...]:
        return self.compiled.phrases.get(rule.id, ())

    def run(self, rule: Requirement) -> RuleResult:
        """Evaluate a rule once per candidate (education may be needed twice for in-lieu)."""
        if rule.id not in self.cache:
            self.cache[rule.id] = self.evaluate(rule, self)
        return self.cache[rule.id]


GROUP_KINDS = (GroupRule, AtLeastRule)
