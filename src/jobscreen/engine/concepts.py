"""Concepts in matching: a rule's concepts as phrases, what blocks them, and employer kinds.

A rule that names concepts accepts every label of each concept and of its narrower concepts
(in any language of the thesaurus), plus their acronyms as written. A hit does not count
where it is part of one of those concepts' false friends ("supplier negotiations"), or where
a context cue comes just before it: the text is *about* the concept ("research on
mediation") or denies it ("no experience in"). An employer's name makes a post's employer
one of the kinds of ``organisations.yaml``: that gives the post qualifiers (a permanent
mission is multilateral) and, for a few kinds, evidence of concepts (a foreign ministry's
work is international relations). A name after "funded by" or "in partnership with" is not
the employer's and gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jobscreen.engine.matching import (
    Phrase,
    PhraseIndex,
    compile_lemmas,
    compile_phrases,
    lemma_heads,
    lemma_text,
    normalise,
)
from jobscreen.vacancy import CompetencyRule, ExperienceRule, Requirement, Vacancy
from jobscreen.vocabulary import EmployerKind, Field, Vocabulary

BLOCKING_CONTEXTS = ("about", "negated")  # cues that stop a concept's word from counting
FOREIGN_CONTEXTS = ("funded", "partner")  # cues after which a name is not the employer's


def _acronyms(words: Iterable[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern of whole acronyms, or None when there are none."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return None
    return re.compile(r"(?<![\w&-])(" + "|".join(map(re.escape, unique)) + r")(?![\w&-])")


@dataclass(frozen=True)
class RuleConcepts:
    """What a rule's concepts bring: their labels' phrases, acronyms and accepted ids."""

    labels: dict[str, str]  # a phrase's words as written -> the concept's English label
    acronyms: re.Pattern[str] | None
    accepted: frozenset[str]  # the concepts named and every narrower one


TOPIC = "#topic"  # the key of an experience rule's topics among the rules' concept labels
RELATED = "#related"  # the key of the concepts related to an experience rule's (weak evidence)
POLITICAL = "#political"  # the key of the work that a political employer makes the rule's
# the fields whose concepts are political work: a concept under one of them is political
POLITICAL_FIELDS = ("international-relations", "peace-and-security")
# the ways of settling things between parties, which take a political form at a political
# body (not every activity does: "partners" at a foreign ministry may be the EU's own)
POLITICAL_ACTIVITIES = ("negotiation", "mediation", "dispute-resolution")


def rule_concepts(rule: Requirement, vocab: Vocabulary) -> RuleConcepts | None:
    if not isinstance(rule, ExperienceRule | CompetencyRule) or not rule.concepts:
        return None
    return concepts_of(rule.concepts, vocab)


def concepts_of(names: Iterable[str], vocab: Vocabulary) -> RuleConcepts:
    """What some concepts accept together: their labels, acronyms and narrower concepts."""
    labels: dict[str, str] = {}
    acronyms: list[str] = []
    accepted: set[str] = set()
    for name in names:
        for concept in vocab.accepted(name):
            accepted.add(concept.id)
            acronyms.extend(concept.acronyms)
            for label in concept.labels:
                labels.setdefault(label, concept.label)
    return RuleConcepts(labels, _acronyms(acronyms), frozenset(accepted))


def related_concepts(found: RuleConcepts, vocab: Vocabulary) -> RuleConcepts:
    """The concepts related to a rule's (with their narrower ones) that the rule does not
    accept, without the rule's own labels: evidence only for a person to weigh."""
    related = {r for c in found.accepted for r in vocab.concepts[c].related}
    near = concepts_of(sorted(related - found.accepted), vocab)
    labels = {k: v for k, v in near.labels.items() if k not in found.labels}
    return RuleConcepts(labels, None, near.accepted - found.accepted)


def _political(concept_id: str, vocab: Vocabulary) -> bool:
    """Whether a concept is, or is narrower than, one of the political fields."""
    seen: set[str] = set()
    todo = [concept_id]
    while todo:
        current = todo.pop()
        if current in POLITICAL_FIELDS:
            return True
        if current not in seen and current in vocab.concepts:
            seen.add(current)
            todo.extend(vocab.concepts[current].broader)
    return False


def political_forms(found: RuleConcepts, vocab: Vocabulary) -> RuleConcepts:
    """Work in any setting whose political form the rule accepts: a concept the rule accepts
    that is narrower than one of POLITICAL_ACTIVITIES and a political field (peace mediation is
    mediation and conflict resolution) makes that activity count where the employer is a
    political body ("mediation" at a foreign ministry or a regional political organisation is
    peace mediation). Each activity's labels, with the political form's English label."""
    labels: dict[str, str] = {}
    general: set[str] = set()
    for concept_id in sorted(found.accepted):
        concept = vocab.concepts[concept_id]
        fields = [b for b in concept.broader if _political(b, vocab)]
        for activity in concept.broader:
            if activity not in POLITICAL_ACTIVITIES or activity in found.accepted or not fields:
                continue
            general.add(activity)
            for label in vocab.concepts[activity].labels:
                labels.setdefault(label, concept.label)
    labels = {k: v for k, v in labels.items() if k not in found.labels}
    return RuleConcepts(labels, None, frozenset(general))


Guard = tuple[int, int, bool]  # a span of words that holds, and whether it is a cue's


class Guards:
    """Where in a normalised text each rule's concept words do not count.

    A false friend of the rules' concepts (found by lemma, as labels are) holds the words it
    covers. A blocking context cue (found as written: "researched" is a cue, the noun
    "research" is not) holds the ``reach`` words after it ("non-" only the word it joins);
    never where one of the context's own exceptions holds the cue ("au cours de" is not the
    cue "cours de"), nor a label that holds the cue itself ("non-proliferation").
    """

    def __init__(self, vacancy: Vacancy, vocab: Vocabulary, concepts: dict[str, RuleConcepts]):
        self.friends: dict[tuple[str, ...], list[str]] = {}
        self.cues: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        friends: list[Phrase] = []
        cues: list[Phrase] = []
        exceptions: list[Phrase] = []

        def friend(words: Iterable[str], key: str) -> None:
            for phrase in compile_lemmas(words):
                friends.append(phrase)
                self.friends.setdefault(phrase.stems, []).append(key)

        for _, each in vacancy.walk():  # a topic's false friends hold its words as well
            if isinstance(each, ExperienceRule) and each.topics:
                for concept_id in sorted(concepts_of(each.topics, vocab).accepted):
                    friend(vocab.concepts[concept_id].false_friends, each.id + TOPIC)
        for rule_id, found in concepts.items():
            for concept_id in sorted(found.accepted):
                friend(vocab.concepts[concept_id].false_friends, rule_id)
            rule = vacancy.rule_by_id(rule_id)
            if not isinstance(rule, ExperienceRule):
                continue  # a competency may be shown by knowing about it
            for concept_id in sorted(related_concepts(found, vocab).accepted):
                friend(vocab.concepts[concept_id].false_friends, rule_id + RELATED)
            if rule_id + POLITICAL in concepts:  # "contract negotiation" is not political either
                for concept_id in sorted(found.accepted):
                    friend(vocab.concepts[concept_id].false_friends, rule_id + POLITICAL)
            for kind in BLOCKING_CONTEXTS:
                context = vocab.contexts.get(kind)
                if context is None or found.accepted & context.exempt:
                    continue
                for text, phrase in zip(context.phrases, _as_written(context.phrases), strict=True):
                    reach = 1 if text.rstrip().endswith("-") else context.reach
                    cues.append(phrase)
                    held = self.cues.setdefault(phrase.stems, [])
                    held += [(rule_id, reach), (rule_id + RELATED, reach)]
                    held.append((rule_id + POLITICAL, reach))
                exceptions.extend(_as_written(context.false_friends))
        self.friend_index = PhraseIndex(friends, exact=True)
        self.cue_index = PhraseIndex(cues, exact=True)
        self.exception_index = PhraseIndex(exceptions, exact=True)
        self.heads = lemma_heads(friends)
        keys = {k for group in self.friends.values() for k in group}
        self.rules = frozenset(keys | {r for group in self.cues.values() for r, _ in group})

    def held(self, norm_text: str) -> dict[str, tuple[Guard, ...]]:
        """For each guarded rule, the spans of the text that hold its words."""
        found: dict[str, list[Guard]] = {}
        lemmas = lemma_text(norm_text, self.heads)
        for stems, (start, end) in self.friend_index.occurrences(lemmas):
            for key in self.friends.get(stems, ()):
                found.setdefault(key, []).append((start, end, False))
        if self.cues:
            spared = [span for _, span in self.exception_index.occurrences(norm_text)]
            for stems, (start, end) in self.cue_index.occurrences(norm_text):
                if any(a < end and start < b for a, b in spared):
                    continue  # one of the context's exceptions: "au cours de"
                for rule_id, reach in self.cues.get(stems, ()):
                    found.setdefault(rule_id, []).append((start, end + reach, True))
        return {key: tuple(spans) for key, spans in found.items()}


def _as_written(words: Iterable[str]) -> tuple[Phrase, ...]:
    """Phrases found as they are written (normalised, not lemmatised)."""
    return compile_phrases(words, lambda word: word)


def holds(guard: Guard, hit: tuple[int, int]) -> bool:
    """Whether a guard's span holds a hit: they overlap, and the hit is not a longer phrase
    around a false friend ("mine action" is no false friend "mine", though it holds it), nor
    a label that holds the cue itself ("non proliferation" is no denial)."""
    start, end, cue = guard
    if not (start < hit[1] and hit[0] < end):
        return False
    if cue:
        return not hit[0] <= start < hit[1]
    return not (hit[0] <= start and end <= hit[1] and hit[1] - hit[0] > end - start)


def _foreign(vocab: Vocabulary) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """Cue phrases after which a name is a donor's or partner's, with the words they reach;
    and a word of each cue, which a text must hold for the pattern to be worth trying."""
    parts, keys = [], set()
    for kind in FOREIGN_CONTEXTS:
        context = vocab.contexts.get(kind)
        if context is None:
            continue
        cues = "|".join(re.escape(p) for p in sorted(context.phrases, key=len, reverse=True))
        parts.append(rf"\b(?:{cues})\b(?:\W+\w+){{0,{context.reach}}}")
        keys |= {max(p.lower().split(), key=len) for p in context.phrases if p.strip()}
    pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None
    return pattern, tuple(sorted(keys))


class Employers:
    """The kinds of employer an organisation's name makes it (``organisations.yaml``)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.kinds = vocab.employers
        self.by_stems: dict[tuple[str, ...], list[str]] = {}
        phrases: list[Phrase] = []
        self.false_friends: dict[str, tuple[str, ...]] = {}
        for kind in self.kinds.values():
            for phrase in compile_lemmas(kind.names):  # found by lemma, as concept labels are
                phrases.append(phrase)
                self.by_stems.setdefault(phrase.stems, []).append(kind.id)
            self.false_friends[kind.id] = tuple(normalise(w) for w in kind.false_friends)
        self.index = PhraseIndex(phrases, exact=True)
        self.heads = lemma_heads(phrases)
        self.by_acronym: dict[str, list[str]] = {}
        for kind in self.kinds.values():
            for acronym in kind.acronyms:
                self.by_acronym.setdefault(acronym, []).append(kind.id)
        self.acronyms = _acronyms(self.by_acronym)
        self.foreign, self._cue_words = _foreign(vocab)
        self._own: dict[str, str] = {}
        self._of: dict[str, tuple[EmployerKind, ...]] = {}

    def own(self, text: str) -> str:
        """The text without the names it gives as a donor's or a partner's."""
        found = self._own.get(text)
        if found is None:
            lowered = text.lower()
            if self.foreign is None or not any(k in lowered for k in self._cue_words):
                found = text
            else:
                found = self.foreign.sub(" ", text)
            if len(self._own) >= 4096:
                self._own.clear()
            self._own[text] = found
        return found

    def of(self, organisation: str) -> tuple[EmployerKind, ...]:
        """The kinds an employer's name makes it, in the vocabulary's order (once a name in a
        run: the same employers and titles recur from CV to CV)."""
        found = self._of.get(organisation)
        if found is None:
            if len(self._of) >= 4096:  # bounded, as ``own``
                self._of.clear()
            found = self._of[organisation] = self._kinds(organisation)
        return found

    def _kinds(self, organisation: str) -> tuple[EmployerKind, ...]:
        text = self.own(organisation)
        norm = normalise(text)
        padded = f" {norm} "
        lemmas = lemma_text(norm, self.heads)
        found = {kind for stems in self.index.scan(lemmas) for kind in self.by_stems[stems]}
        if self.acronyms is not None:
            for acronym in self.acronyms.findall(text):
                found.update(self.by_acronym[acronym])
        return tuple(
            self.kinds[kind]
            for kind in self.kinds
            if kind in found and not any(f" {w} " in padded for w in self.false_friends[kind])
        )


class Fields:
    """Fields of study on ISCED-F 2013: the code of a degree's subject, by its name.

    A subject is the field whose name it is, or else the field whose longest name it holds
    ("MA in International Relations and Diplomacy (MALD)" holds "international relations").
    Codes are compared on their digits: the same 4 is the same detailed field, the same 2
    the same broad one.
    """

    LONGEST = 8  # words in the longest name looked for inside a subject

    def __init__(self, vocab: Vocabulary) -> None:
        self.fields = vocab.fields
        self.by_name: dict[str, str] = {}
        for code in sorted(vocab.fields, key=lambda c: -len(c)):  # detailed before broad
            for name in vocab.fields[code].names:
                self.by_name.setdefault(normalise(name), code)
        self._codes: dict[str, str | None] = {}

    def code(self, subject: str) -> str | None:
        """The ISCED-F code of a subject, or None when no field's name is in it."""
        if subject in self._codes:
            return self._codes[subject]
        words = normalise(subject).split()
        found = None
        for size in range(min(len(words), self.LONGEST), 0, -1):
            names = (" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
            found = next((self.by_name[n] for n in names if n in self.by_name), None)
            if found is not None:
                break
        if len(self._codes) >= 4096:  # bounded: subjects repeat, but a batch is long
            self._codes.clear()
        self._codes[subject] = found
        return found

    def field(self, code: str) -> Field:
        return self.fields[code]
