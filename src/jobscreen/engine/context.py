"""Per-run and per-candidate state the evaluators share: compiled phrases, normalised texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from jobscreen.cv import Post, Profile
from jobscreen.engine.concepts import (
    POLITICAL,
    RELATED,
    TOPIC,
    Employers,
    Fields,
    Guard,
    Guards,
    RuleConcepts,
    concepts_of,
    holds,
    political_forms,
    related_concepts,
    rule_concepts,
)
from jobscreen.engine.experience import (
    Span,
    merged_years,
    post_span,
    qualifier_since,
    qualifier_source,
)
from jobscreen.engine.matching import (
    Phrase,
    PhraseIndex,
    compile_lemmas,
    compile_phrases,
    lemma_heads,
    lemma_text,
    normalise,
)
from jobscreen.results import Evidence, RuleResult
from jobscreen.vacancy import (
    CompetencyRule,
    EducationRule,
    ExperienceRule,
    Requirement,
    Vacancy,
)
from jobscreen.vocabulary import EmployerKind, Vocabulary, vocabulary

Hits = dict[str, tuple[int, tuple[int, int]]]  # rule id -> its first phrase's place and span

Shortfall = tuple[int, tuple[str, ...], tuple[str, ...]]  # a post, what it shows, what it lacks

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


RulesOf = dict[tuple[str, ...], tuple[tuple[str, int], ...]]


def _rules_of(phrases: dict[str, tuple[Phrase, ...]]) -> RulesOf:
    """The rules each phrase belongs to, with its place among the rule's phrases."""
    found: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for rule_id, group in phrases.items():
        for place, phrase in enumerate(group):
            found.setdefault(phrase.stems, []).append((rule_id, place))
    return {k: tuple(v) for k, v in found.items()}


def _first(hits: Iterable[tuple[tuple[str, ...], tuple[int, int]]], rules_of: RulesOf) -> Hits:
    """For each rule with a phrase among the hits: its first such phrase's place and span."""
    found: Hits = {}
    for stems, span in hits:
        for rule_id, place in rules_of.get(stems, ()):
            if rule_id not in found or place < found[rule_id][0]:
                found[rule_id] = (place, span)
    return found


@cache
def _employers(vocab: Vocabulary) -> Employers:
    return Employers(vocab)


@cache
def _fields(vocab: Vocabulary) -> Fields:
    return Fields(vocab)


@dataclass(frozen=True)
class CompiledVacancy:
    """A vacancy with every phrase normalised, stemmed and indexed once, for a whole run."""

    vacancy: Vacancy
    phrases: dict[str, tuple[Phrase, ...]]
    index: PhraseIndex
    by_id: dict[str, Requirement]
    rules_of: RulesOf  # the rules of each phrase, with its place among the rule's phrases
    lieu: tuple[EducationRule, ...]  # education rules with in-lieu alternatives: run first
    texts: dict[str, str | None]  # each rule's notice words: its own, else its group's
    # the rules that name concepts; under a rule's id + POLITICAL, the general work that a
    # political employer makes the political form the rule accepts (see political_forms)
    concepts: dict[str, RuleConcepts]
    labels: dict[str, tuple[Phrase, ...]]  # their concepts' labels, found by lemma
    label_index: PhraseIndex
    rules_of_label: RulesOf
    label_heads: frozenset[str]  # the first letters of the labels' words (see lemma_heads)
    guards: Guards
    employers: Employers
    fields: Fields
    field_codes: dict[str, tuple[tuple[str, str], ...]]  # education rules' fields on ISCED-F

    @classmethod
    def build(cls, vacancy: Vacancy, vocab: Vocabulary | None = None) -> CompiledVacancy:
        """Compile a vacancy; its rules' concepts are read in ``vocab`` (default: the
        package's own vocabulary)."""
        vocab = vocab if vocab is not None else vocabulary()
        concepts = {
            rule.id: found
            for _, rule in vacancy.walk()
            if (found := rule_concepts(rule, vocab)) is not None
        }
        phrases = {rule.id: _rule_phrases(rule) for _, rule in vacancy.walk()}
        labels = {rule_id: compile_lemmas(found.labels) for rule_id, found in concepts.items()}
        for _, rule in vacancy.walk():  # a rule's topics are found as its concepts are
            if isinstance(rule, ExperienceRule) and rule.topics:
                labels[rule.id + TOPIC] = compile_lemmas(concepts_of(rule.topics, vocab).labels)
            if isinstance(rule, ExperienceRule) and rule.id in concepts:
                near = related_concepts(concepts[rule.id], vocab).labels
                labels[rule.id + RELATED] = compile_lemmas(near)
                politics = political_forms(concepts[rule.id], vocab)
                if politics.labels:
                    concepts[rule.id + POLITICAL] = politics
                    labels[rule.id + POLITICAL] = compile_lemmas(politics.labels)
        by_id = {rule.id: rule for _, rule in vacancy.walk()}
        lieu = tuple(r for r in by_id.values() if isinstance(r, EducationRule) and r.in_lieu)
        located = vacancy.notice_texts()
        fields = _fields(vocab)
        return cls(
            vacancy,
            phrases,
            PhraseIndex(p for group in phrases.values() for p in group),
            by_id,
            _rules_of(phrases),
            lieu,
            {rule.id: located[loc] for loc, rule in vacancy.walk()},
            concepts,
            labels,
            PhraseIndex((p for group in labels.values() for p in group), exact=True),
            _rules_of(labels),
            lemma_heads(p for group in labels.values() for p in group),
            Guards(vacancy, vocab, concepts),
            _employers(vocab),
            fields,
            {
                rule.id: tuple((f, code) for f in rule.fields if (code := fields.code(f)))
                for rule in by_id.values()
                if isinstance(rule, EducationRule)
            },
        )

    def found(self, norm_text: str) -> Hits:
        """For each rule with a phrase in the text: its first such phrase's place and span."""
        return _first(self.index.scan(norm_text).items(), self.rules_of)

    def found_labels(self, norm_text: str) -> Hits:
        """For each rule with a concept's label in the text, by lemma: the first one's place
        and span (in words, as in ``found``)."""
        if not self.labels:
            return {}
        lemmas = lemma_text(norm_text, self.label_heads)
        return _first(self.label_index.scan(lemmas).items(), self.rules_of_label)

    def rule(self, rule_id: str) -> Requirement | None:
        """A rule by id, nested ones included."""
        return self.by_id.get(rule_id)


def post_parts(post: Post) -> list[str]:
    """What a post says of its work: title, domains, description (not the employer's name)."""
    return [p for p in (post.title, *post.domains, post.description) if p]


def post_text(post: Post) -> str:
    return normalise(" . ".join(post_parts(post)))


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
    # posts that are weak evidence of a rule (the work off its subject, a related concept): why
    near: dict[str, tuple[tuple[Span, str], ...]] = field(default_factory=dict)
    # posts with a rule's work but not all its qualifiers: (post, what it shows, what it lacks)
    short: dict[str, tuple[Shortfall, ...]] = field(default_factory=dict)
    places: list[Place] | None = None  # where competency evidence may be
    _spans: list[Span | None] | None = None
    _texts: list[str] | None = None
    _labels: list[str] | None = None
    _found: dict[str, tuple[dict[str, tuple[int, tuple[int, int]]], list[str]]] = field(
        default_factory=dict
    )
    _qualifiers: dict[tuple[int, str], str | None] = field(default_factory=dict)
    _years: dict[tuple[tuple[int, dt.date], ...], float] = field(default_factory=dict)
    _label_found: dict[str, Hits] = field(default_factory=dict)
    _held: dict[str, dict[str, tuple[Guard, ...]]] = field(default_factory=dict)
    _employers: dict[int, tuple[EmployerKind, ...]] = field(default_factory=dict)

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
            post = self.profile.experience[index]
            source = qualifier_source(post, qualifier, self.compiled.employers.own)
            if getattr(post, qualifier) is None and (source is None or source != "stated"):
                source = self._implied(index, qualifier) or source
            self._qualifiers[key] = source
        return self._qualifiers[key]

    def since(self, index: int, qualifiers: Sequence[str]) -> Span | None:
        """Post ``index``'s span from when the last of its qualifiers that only its
        description shows began, if the description says ("since April 2024 I have
        supervised"); None when it says nothing of when."""
        span = self.spans[index]
        starts = [
            start
            for q in qualifiers
            if (self.qualifier(index, q) or "").startswith("inferred from description ('")
            and (start := qualifier_since(self.profile.experience[index], q, self._own)) is not None
        ]
        if span is None or not starts or not span.start < max(starts) <= span.end:
            return None
        return Span(max(starts), span.end, index)

    def _own(self, text: str) -> str:
        return self.compiled.employers.own(text)

    def _implied(self, index: int, qualifier: str) -> str | None:
        """A qualifier that the kind of post ``index``'s employer implies, or, for the
        international and multilateral ones, an organisation its description names."""
        implied = [k.label for k in self.employers(index) if qualifier in k.implies]
        if implied:
            return f"inferred from employer ({implied[0]})"
        description = self.profile.experience[index].description
        if qualifier in {"international", "multilateral"} and description:
            named = self.compiled.employers.of(description)
            implied = [k.label for k in named if qualifier in k.implies]
            if implied:
                return f"inferred from description ({implied[0]})"
        return None

    def years(self, spans: Sequence[Span]) -> float:
        """Years the spans cover, overlaps once; rules counting the same posts share it."""
        key = tuple((s.index, s.start) for s in spans)
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

    def label_hits(self, norm_text: str) -> Hits:
        """As ``hits``, for the labels of the rules' concepts (found by lemma)."""
        found = self._label_found.get(norm_text)
        if found is None:
            found = self._label_found[norm_text] = self.compiled.found_labels(norm_text)
        return found

    def _hit(
        self, rule: Requirement, key: str, norm_text: str
    ) -> tuple[Phrase, tuple[int, int]] | None:
        """The rule's first phrase in a text (for its own key), else the first label of the
        concepts under ``key`` (the rule's, or its topics'), and its span."""
        hit = self.hits(norm_text).get(key) if key == rule.id else None
        if hit is not None:
            return self.phrases(rule)[hit[0]], hit[1]
        labels = self.compiled.labels.get(key)
        if labels is not None and (hit := self.label_hits(norm_text).get(key)) is not None:
            return labels[hit[0]], hit[1]
        return None

    def match(
        self, rule: Requirement, norm_text: str, key: str | None = None
    ) -> tuple[Phrase, str] | None:
        """The rule's first phrase (or concept label) found in a normalised text, with the
        words matched; not where a false friend of its concepts, or a cue such as "research
        on", holds it. ``key``: the rule's topics (its id and TOPIC) instead of the rule."""
        key = key or rule.id
        found = self._hit(rule, key, norm_text)
        if found is not None and key in self.compiled.guards.rules:
            guards = self.held(norm_text).get(key, ())
            out: set[int] = set()
            while found is not None:  # every place is checked: a held hit, then the next
                spans = [g for g in guards if holds(g, found[1])]
                if not spans:
                    break
                out.update(i for start, end, _ in spans for i in range(start, end))
                out.update(range(*found[1]))
                words = norm_text.split()
                masked = " ".join("\x00" if i in out else w for i, w in enumerate(words))
                found = self._hit(rule, key, masked)
                if found is not None:
                    norm_text = masked
        if found is None:
            return None
        return found[0], self.words(norm_text, found[1])

    def held(self, norm_text: str) -> dict[str, tuple[Guard, ...]]:
        """Per guarded rule, the word spans of a text that hold its words (see Guards)."""
        found = self._held.get(norm_text)
        if found is None:
            found = self._held[norm_text] = self.compiled.guards.held(norm_text)
        return found

    def employers(self, index: int) -> tuple[EmployerKind, ...]:
        """The kinds of employer of post ``index``: from its organisation, else (none given,
        or one that names no kind, such as a city read as the employer) its title's
        ("Bureau du Médiateur de la CEEAC")."""
        if index not in self._employers:
            post = self.profile.experience[index]
            of = self.compiled.employers.of
            kinds = of(post.organisation) if post.organisation else ()
            self._employers[index] = kinds or (of(post.title) if post.title else ())
        return self._employers[index]

    def words(self, norm_text: str, span: tuple[int, int]) -> str:
        """The words of a span of a text (split once a text that ``hits`` has seen)."""
        entry = self._found.get(norm_text)
        if entry is None:
            return " ".join(norm_text.split()[span[0] : span[1]])
        words = entry[1]
        if not words:
            words.extend(norm_text.split())
        return " ".join(words[span[0] : span[1]])

    def run(self, rule: Requirement) -> RuleResult:
        """Evaluate a rule once per candidate (education may be needed twice for in-lieu)."""
        if rule.id not in self.cache:
            self.cache[rule.id] = self.evaluate(rule, self)
        return self.cache[rule.id]
