"""Per-run and per-candidate state the evaluators share: compiled phrases, normalised texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jobscreen.cv import Post, Profile
from jobscreen.engine.experience import Span, merged_years, post_span, qualifier_source
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
    # each rule's phrases by stems, with their place in the rule (the first found wins)
    order: dict[str, dict[tuple[str, ...], int]]

    @classmethod
    def build(cls, vacancy: Vacancy) -> CompiledVacancy:
        phrases = {rule.id: _rule_phrases(rule) for _, rule in vacancy.walk()}
        index = PhraseIndex(p for group in phrases.values() for p in group)
        order = {
            rule_id: {p.stems: i for i, p in reversed(list(enumerate(group)))}
            for rule_id, group in phrases.items()
        }
        by_id = {rule.id: rule for _, rule in vacancy.walk()}
        return cls(vacancy, phrases, index, by_id, order)

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
    memo: dict[tuple[str, ...], Any] = field(default_factory=dict)  # evaluators' sub-results
    _hits: dict[str, tuple[dict[tuple[str, ...], tuple[int, int]], list[str]]] = field(
        default_factory=dict
    )
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

    def qualifier(self, index: int, qualifier: str) -> str | None:
        """Why post ``index`` has a qualifier (see ``qualifier_source``), once a candidate."""
        key = ("qualifier", str(index), qualifier)
        if key not in self.memo:
            self.memo[key] = qualifier_source(self.profile.experience[index], qualifier)
        found: str | None = self.memo[key]
        return found

    def years(self, spans: list[Span]) -> float:
        """Years the spans cover, overlaps counted once; rules counting the same posts share it."""
        key = ("years", *(str(s.index) for s in spans))
        if key not in self.memo:
            self.memo[key] = merged_years(spans)
        found: float = self.memo[key]
        return found

    def phrases(self, rule: Requirement) -> tuple[Phrase, ...]:
        return self.compiled.phrases.get(rule.id, ())

    def match(self, rule: Requirement, norm_text: str) -> tuple[Phrase, str] | None:
        """The rule's first phrase found in a normalised text, with the words matched.

        Each text is scanned once for every phrase of the vacancy; rules then only look up.
        """
        found = self._hits.get(norm_text)
        if found is None:
            found = self._hits[norm_text] = (self.compiled.index.scan(norm_text), [])
        hits, words = found
        order = self.compiled.order.get(rule.id, {})
        places = [order[stems] for stems in hits if stems in order]
        if not places:
            return None
        phrase = self.phrases(rule)[min(places)]
        if not words:
            words.extend(norm_text.split())
        start, end = hits[phrase.stems]
        return phrase, " ".join(words[start:end])

    def run(self, rule: Requirement) -> RuleResult:
        """Evaluate a rule once per candidate (education may be needed twice for in-lieu)."""
        if rule.id not in self.cache:
            self.cache[rule.id] = self.evaluate(rule, self)
        return self.cache[rule.id]
