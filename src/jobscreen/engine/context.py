"""Per-run and per-candidate state the evaluators share: compiled phrases, normalised texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from jobscreen.cv import Post, Profile
from jobscreen.engine.experience import Span, merged_years, post_span, qualifier_source
from jobscreen.engine.matching import Phrase, PhraseIndex, compile_phrases, normalise
from jobscreen.results import Evidence, RuleResult
from jobscreen.vacancy import (
    CompetencyRule,
    EducationRule,
    ExperienceRule,
    Requirement,
    Vacancy,
)

Hits = dict[str, tuple[int, tuple[int, int]]]  # rule id -> its first phrase's place and span
# Where competency evidence may be: (label, CV entry, original text, normalised text, hits)
Place = tuple[str, tuple[str, int], str, str, Hits]


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
    # the rules each phrase belongs to, with its place among the rule's phrases
    rules_of: dict[tuple[str, ...], tuple[tuple[str, int], ...]]
    lieu: tuple[EducationRule, ...]  # education rules with in-lieu alternatives: run first
    texts: dict[str, str | None]  # each rule's notice words: its own, else its group's

    @classmethod
    def build(cls, vacancy: Vacancy) -> CompiledVacancy:
        phrases = {rule.id: _rule_phrases(rule) for _, rule in vacancy.walk()}
        index = PhraseIndex(p for group in phrases.values() for p in group)
        rules_of: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        for rule_id, group in phrases.items():
            for place, phrase in enumerate(group):
                rules_of.setdefault(phrase.stems, []).append((rule_id, place))
        by_id = {rule.id: rule for _, rule in vacancy.walk()}
        lieu = tuple(r for r in by_id.values() if isinstance(r, EducationRule) and r.in_lieu)
        located = vacancy.notice_texts()
        texts = {rule.id: located[loc] for loc, rule in vacancy.walk()}
        rules_by_stems = {k: tuple(v) for k, v in rules_of.items()}
        return cls(vacancy, phrases, index, by_id, rules_by_stems, lieu, texts)

    def found(self, norm_text: str) -> dict[str, tuple[int, tuple[int, int]]]:
        """For each rule with a phrase in the text: its first such phrase's place and span."""
        found: dict[str, tuple[int, tuple[int, int]]] = {}
        for stems, span in self.index.scan(norm_text).items():
            for rule_id, place in self.rules_of.get(stems, ()):
                if rule_id not in found or place < found[rule_id][0]:
                    found[rule_id] = (place, span)
        return found

    def rule(self, rule_id: str) -> Requirement | None:
        """A rule by id, nested ones included."""
        return self.by_id.get(rule_id)


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
    """One candidate under one vacancy while its rules are evaluated.

    It keeps what several rules need once per candidate: post spans, labels and texts, the
    phrases found in each text, each post's qualifiers, and each experience rule's count.
    """

    compiled: CompiledVacancy
    profile: Profile
    as_of: dt.date
    evaluate: Callable[[Requirement, Context], RuleResult]
    extra_years: dict[str, tuple[float, str]] = field(default_factory=dict)
    cache: dict[str, RuleResult] = field(default_factory=dict)
    counted: dict[str, tuple[tuple[Span, ...], tuple[Evidence, ...]]] = field(default_factory=dict)
    places: list[Place] | None = None  # where competency evidence may be
    _spans: list[Span | None] | None = None
    _texts: list[str] | None = None
    _labels: list[str] | None = None
    _found: dict[str, tuple[dict[str, tuple[int, tuple[int, int]]], list[str]]] = field(
        default_factory=dict
    )
    _qualifiers: dict[tuple[int, str], str | None] = field(default_factory=dict)
    _years: dict[tuple[int, ...], float] = field(default_factory=dict)

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
        key = (index, qualifier)
        if key not in self._qualifiers:
            self._qualifiers[key] = qualifier_source(self.profile.experience[index], qualifier)
        return self._qualifiers[key]

    def years(self, spans: Sequence[Span]) -> float:
        """Years the spans cover, overlaps once; rules counting the same posts share it."""
        key = tuple(s.index for s in spans)
        if key not in self._years:
            self._years[key] = merged_years(spans)
        return self._years[key]

    def phrases(self, rule: Requirement) -> tuple[Phrase, ...]:
        return self.compiled.phrases.get(rule.id, ())

    def hits(self, norm_text: str) -> Hits:
        """For each rule with a phrase in a normalised text: its first phrase's place and span.

        Each text is scanned once for every phrase of the vacancy; rules then only look up.
        """
        entry = self._found.get(norm_text)
        if entry is None:
            entry = self._found[norm_text] = (self.compiled.found(norm_text), [])
        return entry[0]

    def match(self, rule: Requirement, norm_text: str) -> tuple[Phrase, str] | None:
        """The rule's first phrase found in a normalised text, with the words matched."""
        hit = self.hits(norm_text).get(rule.id)
        return None if hit is None else self.matched(rule, norm_text, hit)

    def matched(
        self, rule: Requirement, norm_text: str, hit: tuple[int, tuple[int, int]]
    ) -> tuple[Phrase, str]:
        """A hit of ``hits(norm_text)`` for the rule: its phrase and the words matched."""
        words = self._found[norm_text][1]
        if not words:
            words.extend(norm_text.split())
        place, (start, end) = hit
        return self.phrases(rule)[place], " ".join(words[start:end])

    def run(self, rule: Requirement) -> RuleResult:
        """Evaluate a rule once per candidate (education may be needed twice for in-lieu)."""
        if rule.id not in self.cache:
            self.cache[rule.id] = self.evaluate(rule, self)
        return self.cache[rule.id]
