"""Per-run and per-candidate state the evaluators share: compiled phrases, normalised texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from jobscreen.cv import Post, Profile
from jobscreen.engine.experience import Span, post_span
from jobscreen.engine.matching import Phrase, PhraseIndex, compile_phrases, normalise
from jobscreen.results import RuleResult
from jobscreen.vacancy import (
    CompetencyRule,
    EducationRule,
    ExperienceRule,
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
    """A vacancy with every phrase normalised, stemmed and indexed once, for a whole run."""

    vacancy: Vacancy
    phrases: dict[str, tuple[Phrase, ...]]
    index: PhraseIndex
    by_id: dict[str, Requirement]

    @classmethod
    def build(cls, vacancy: Vacancy) -> CompiledVacancy:
        phrases = {rule.id: _rule_phrases(rule) for _, rule in vacancy.walk()}
        index = PhraseIndex(p for group in phrases.values() for p in group)
        return cls(vacancy, phrases, index, {rule.id: rule for _, rule in vacancy.walk()})

    def rule(self, rule_id: str) -> Requirement | None:
        """A rule by id, nested ones included."""
        return self.by_id.get(rule_id)

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
    _hits: dict[str, dict[tuple[str, ...], tuple[int, int]]] = field(default_factory=dict)
    _texts: list[str] | None = None
    _labels: list[str] | None = None

    @property
    def spans(self) -> list[Span | None]:
        if self._spans is None:
            self._spans = [
                post_span(p, i, self.as_of) for i, p in enumerate(self.profile.experience)
            ]
        return self._spans

    @property
    def labels(self) -> list[str]:
        """Each post's label for evidence, made once per candidate."""
        if self._labels is None:
            self._labels = [post_label(p, i) for i, p in enumerate(self.profile.experience)]
        return self._labels

    @property
    def post_texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [post_text(p) for p in self.profile.experience]
        return self._texts

    def phrases(self, rule: Requirement) -> tuple[Phrase, ...]:
        return self.compiled.phrases.get(rule.id, ())

    def match(self, rule: Requirement, norm_text: str) -> tuple[Phrase, str] | None:
        """The rule's first phrase found in a normalised text, with the words matched.

        Each text is scanned once for every phrase of the vacancy; rules then only look up.
        """
        hits = self._hits.get(norm_text)
        if hits is None:
            hits = self._hits[norm_text] = self.compiled.index.scan(norm_text)
        for phrase in self.phrases(rule):
            span = hits.get(phrase.stems)
            if span is not None:
                return phrase, " ".join(norm_text.split()[span[0] : span[1]])
        return None

    def run(self, rule: Requirement) -> RuleResult:
        """Evaluate a rule once per candidate (education may be needed twice for in-lieu)."""
        if rule.id not in self.cache:
            self.cache[rule.id] = self.evaluate(rule, self)
        return self.cache[rule.id]
