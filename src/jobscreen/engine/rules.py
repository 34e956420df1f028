"""One evaluator per requirement kind, in an explicit registry, each with a stable code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from jobscreen.cv import LanguageEntry, Post, education_level
from jobscreen.engine.concepts import POLITICAL, RELATED, TOPIC
from jobscreen.engine.context import Context, Place, Shortfall, post_parts
from jobscreen.engine.experience import Span, years_text
from jobscreen.engine.matching import Phrase, normalise, snippet
from jobscreen.levels import (
    CEFR_NAMES,
    Degree,
    EducationLevel,
    LevelSpec,
    degree_of,
    level_value,
    skill_name,
    slp_profile,
    vacancy_level,
)
from jobscreen.results import Evidence, RuleResult, Status, Strength, weakest
from jobscreen.vacancy import (
    AtLeastRule,
    CompetencyRule,
    EducationRule,
    ExperienceRule,
    GroupRule,
    InLieu,
    LanguageRule,
    Requirement,
    ReviewRule,
)

EPSILON = 1e-9
# status, credit, reason, evidence, and (experience rule, extra years) when met in lieu
Judged = tuple[Status, float, str, Evidence, tuple[str, float] | None]
ORDER = {Status.met: 0, Status.needs_review: 1, Status.partial: 2, Status.not_met: 3}


def result(
    rule: Requirement,
    status: Status,
    credit: float,
    reason: str,
    evidence: list[Evidence] | tuple[Evidence, ...] = (),
    children: tuple[RuleResult, ...] = (),
) -> RuleResult:
    return RuleResult(
        rule.id,
        rule.kind,
        rule.required,
        rule.weight,
        status,
        max(0.0, min(1.0, credit)),
        reason,
        tuple(evidence),
        children,
        rule.text,
    )


def _list(phrases: tuple[Phrase, ...], most: int = 3) -> str:
    names = [p.original for p in phrases[:most]]
    return ", ".join(names) + (" …" if len(phrases) > most else "")


def _posts(evidence: tuple[Evidence, ...], most: int = 10) -> str:
    """'posts 2, 3': the counted posts' numbers, the first ten of many (the evidence has all)."""
    numbers = [str(e.ref[1] + 1) for e in evidence if e.ref is not None]
    if not numbers:
        return ""
    more = f" and {len(numbers) - most} more" if len(numbers) > most else ""
    return f"post{'s' if len(numbers) > 1 else ''} {', '.join(numbers[:most])}{more}"


def _part_strength(post: Post, words: str, form: Callable[[str], str]) -> Strength:
    """Where in a post some matched words are: a domain tag of its own (stated), its title,
    else its description. ``form``: how the parts are put to compare (as the words were)."""
    found = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)").search
    if any(found(form(domain)) for domain in post.domains):
        return Strength.stated
    if post.title and found(form(post.title)):
        return Strength.titled
    return Strength.described


def _qualified(source: str | None) -> Strength:
    """How strongly a qualifier's source (see ``qualifier_source``) shows it."""
    if source is None or source == "stated":
        return Strength.stated
    if source.startswith("inferred from description"):
        return Strength.described
    return Strength.titled  # the title, the employer's name or kind


def _decided(evidence: Evidence, status: Status) -> Evidence:
    """A stated entry's evidence: stated, or only related when a person must judge it."""
    strength = Strength.related if status is Status.needs_review else Strength.stated
    return replace(evidence, strength=strength)


class Evaluator:
    """Turns one rule and one candidate into a RuleResult."""

    kind: ClassVar[str]
    code: ClassVar[str]

    def __call__(self, rule: Any, ctx: Context) -> RuleResult:
        raise NotImplementedError


# --- experience ------------------------------------------------------------------------


class ExperienceEvaluator(Evaluator):
    kind, code = "experience", "JS-EXP"

    def counted(
        self, rule: ExperienceRule, ctx: Context
    ) -> tuple[tuple[Span, ...], tuple[Evidence, ...]]:
        """The spans of the posts that count for the rule, and evidence for each (once a rule).

        Their years are ``ctx.years(spans)``: rules with no minimum never need them.
        """
        if rule.id not in ctx.counted:
            ctx.counted[rule.id] = self._count(rule, ctx)
        return ctx.counted[rule.id]

    def _count(
        self, rule: ExperienceRule, ctx: Context
    ) -> tuple[tuple[Span, ...], tuple[Evidence, ...]]:
        qualifiers = rule.qualifiers
        judged = ctx.phrases(rule) or rule.id in ctx.compiled.labels or rule.topics
        texts = ctx.post_texts if judged else None
        spans, evidence, near = [], [], []
        short: list[Shortfall] = []
        for index, span in enumerate(ctx.spans):
            if span is None:
                continue
            found = None
            if texts is not None and (found := self.shown(rule, ctx, index, texts[index])) is None:
                if (related := self.related(rule, ctx, index, texts[index])) is not None:
                    short.append((index, (related,), ()))  # named in the reason, not counted
                continue
            why = [ctx.qualifier(index, q) for q in qualifiers] if qualifiers else []
            notes = [found[0]] if found else []
            notes += [f"{q} {w}" for q, w in zip(qualifiers, why, strict=True) if w]
            if not all(why):
                missing = tuple(q for q, w in zip(qualifiers, why, strict=True) if not w)
                if notes:  # a miss is near only when the post shows some of what is asked
                    short.append((index, tuple(notes), missing))
                continue
            if texts is not None and not self.on_topic(rule, ctx, texts[index]):
                near.append((span, self.off_topic(rule)))  # the work, not on the rule's subject
                continue
            since = ctx.since(index, qualifiers) if qualifiers else None
            if since is not None:  # "since April 2024 I have supervised": from then on
                notes.append(f"counted from {since.start:%Y-%m}")
            spans.append(since or span)
            strength = weakest(found[1] if found else Strength.stated, *map(_qualified, why))
            quote = "; ".join(notes) or "counted"
            evidence.append(Evidence(ctx.labels[index], quote, ("experience", index), strength))
        ctx.near[rule.id] = tuple(near)
        ctx.short[rule.id] = tuple(short)
        return tuple(spans), tuple(evidence)

    def related(self, rule: ExperienceRule, ctx: Context, index: int, norm_text: str) -> str | None:
        """'only related work: ...' when post ``index`` shows a concept related to the rule's
        and has its qualifiers, else None: a near miss the reason names, never counted (as
        review it would send most rules of most candidates to a person)."""
        if rule.id + RELATED not in ctx.compiled.labels:
            return None
        found = ctx.match(rule, norm_text, rule.id + RELATED)
        if found is None or not all(ctx.qualifier(index, q) for q in rule.qualifiers):
            return None
        return f"only related work: matched '{found[1]}'"

    def off_topic(self, rule: ExperienceRule) -> str:
        topics = ", ".join(t.replace("-", " ") for t in rule.topics[:3])
        return f"the work but not its subject ({topics}{' …' if len(rule.topics) > 3 else ''})"

    def on_topic(self, rule: ExperienceRule, ctx: Context, norm_text: str) -> bool:
        """Whether a text is on one of the rule's topics (any text, if it names none)."""
        return not rule.topics or ctx.match(rule, norm_text, rule.id + TOPIC) is not None

    def shown(
        self, rule: ExperienceRule, ctx: Context, index: int, norm_text: str
    ) -> tuple[str, Strength] | None:
        """How post ``index`` shows the rule's domain, or None: its words (naming the concept
        they stand for), an acronym of a concept, or an employer whose work is the concept;
        and how strongly (a domain tag, the title or employer, else the description)."""
        found = ctx.match(rule, norm_text)
        concepts = ctx.compiled.concepts.get(rule.id)
        post = ctx.profile.experience[index]
        if found is not None:
            concept = concepts.labels.get(found[0].original) if concepts else None
            note = f"matched '{found[1]}'" + (f" ({concept})" if concept else "")
            return note, _part_strength(post, found[1], normalise)
        if concepts is None:
            return None
        if concepts.acronyms is not None:
            text = " ".join(post_parts(post))
            if (acronym := concepts.acronyms.search(text)) is not None:
                return f"acronym '{acronym[0]}'", _part_strength(post, acronym[0], str)
        for kind in ctx.employers(index):
            evident = [c for c in kind.evidence_for if c in concepts.accepted]
            if evident:
                work = evident[0].replace("-", " ")
                return f"employer is a {kind.label}: work in {work}", Strength.titled
        return self.political(rule, ctx, index, norm_text)

    def political(
        self, rule: ExperienceRule, ctx: Context, index: int, norm_text: str
    ) -> tuple[str, Strength] | None:
        """General work (mediation, negotiation) that post ``index``'s employer, a political
        body (one that conducts diplomacy), makes the political form the rule accepts."""
        forms = ctx.compiled.concepts.get(rule.id + POLITICAL)
        if forms is None:
            return None
        bodies = [k for k in ctx.employers(index) if "diplomatic" in k.implies]
        if not bodies or (found := ctx.match(rule, norm_text, rule.id + POLITICAL)) is None:
            return None
        form = forms.labels.get(found[0].original, "")
        note = f"matched '{found[1]}' at a {bodies[0].label}, a political body: {form}"
        return note, _part_strength(ctx.profile.experience[index], found[1], normalise)

    def __call__(self, rule: ExperienceRule, ctx: Context) -> RuleResult:
        """Met on strong evidence (see Strength); needing review when only posts that are
        weak evidence (the work off its subject) make up what it lacks; else not met, and
        the reason names the nearest miss: a post with the work but not a qualifier."""
        spans, evidence = self.counted(rule, ctx)
        extra, source = ctx.extra_years.get(rule.id, (0.0, ""))
        minimum = rule.min_years + extra
        what = ", ".join(rule.qualifiers)
        scope = f" in {_list(ctx.phrases(rule) + ctx.compiled.labels.get(rule.id, ()))}"
        scope = scope if rule.domains or rule.concepts else ""
        posts = _posts(evidence)
        near = ctx.near.get(rule.id, ())
        if minimum <= 0:  # "experience in X" with no minimum: one counted post suffices
            some = f"experience{' ' + what if what else ''}{scope}"
            reason = f"{some}; {posts}" if posts else f"no post shows {some}"
            if evidence:
                return result(rule, Status.met, 1.0, reason, evidence)
            if near:
                return self.near_miss(rule, ctx, reason)
            return result(rule, Status.not_met, 0.0, reason + self.nearest(ctx, rule))
        years = ctx.years(spans)
        lieu = f" ({rule.min_years:g} + {extra:g} in lieu of the degree, {source})" if extra else ""
        reason = (
            f"{years_text(years)} of {minimum:g} years{lieu}{' ' + what if what else ''}{scope}"
        )
        reason += f"; {posts}" if posts else "; no post counts"
        if years + EPSILON >= minimum:
            return result(rule, Status.met, 1.0, reason, evidence)
        if near and ctx.years([*spans, *(span for span, _ in near)]) + EPSILON >= minimum:
            return self.near_miss(rule, ctx, reason, evidence)
        status = Status.partial if years > 0 else Status.not_met
        return result(rule, status, years / minimum, reason + self.nearest(ctx, rule), evidence)

    def near_miss(
        self, rule: ExperienceRule, ctx: Context, reason: str, evidence: tuple[Evidence, ...] = ()
    ) -> RuleResult:
        """Met only if weak evidence counts (posts with the work off its subject, or only a
        related concept): a person judges. Those posts are evidence too, only related."""
        near = ctx.near[rule.id]
        numbers = ", ".join(str(span.index + 1) for span, _ in near)
        which = f"posts {numbers} show" if len(near) > 1 else f"post {numbers} shows"
        why = near[0][1] + (" …" if len({w for _, w in near}) > 1 else "")
        weak = [
            Evidence(ctx.labels[span.index], w, ("experience", span.index), Strength.related)
            for span, w in near
        ]
        reason += f"; {which} {why}: a person checks"
        return result(rule, Status.needs_review, 0.0, reason, [*evidence, *weak])

    def nearest(self, ctx: Context, rule: ExperienceRule) -> str:
        """'; nearest miss: post 2 (matched ...; international inferred ...) shows nothing
        managerial': the first post that has the rule's work but lacks a qualifier, or that
        shows only a concept related to the rule's ('post 3 (only related work: ...)')."""
        short = ctx.short.get(rule.id, ())
        if not short:
            return ""
        index, notes, missing = short[0]
        lacks = f" shows nothing {' or '.join(missing)}" if missing else ""
        others = len(short) - 1
        more = f" (and {others} more post{'s' if others > 1 else ''})" if others else ""
        return f"; nearest miss: post {index + 1} ({'; '.join(notes)}){lacks}{more}"


# --- education -------------------------------------------------------------------------


class EducationEvaluator(Evaluator):
    kind, code = "education", "JS-EDU"

    def __call__(self, rule: EducationRule, ctx: Context) -> RuleResult:
        if not ctx.profile.education:
            return result(rule, Status.not_met, 0.0, "no degree listed")
        judged = [self.judge(rule, ctx, i) for i in range(len(ctx.profile.education))]
        # an outright match beats an equally good in-lieu one, whatever the order in the CV
        best = min(judged, key=lambda j: (ORDER[j[0]], -j[1], j[4] is not None))
        status, credit, reason, evidence, lieu = best
        if lieu is not None:
            ctx.extra_years[lieu[0]] = (lieu[1], f"{rule.id}")
        return result(rule, status, credit, reason, [_decided(evidence, status)])

    def field_fit(self, rule: EducationRule, ctx: Context, field: str | None) -> tuple[str, str]:
        """'yes', 'related' (a person must judge) or 'no', and why when the field is judged
        on ISCED-F: one listed, or a field within it, is the field; with
        ``related_fields``, the same narrow field is a related one, decided; another field
        (the same broad field too: accounting is not law) is for a person to judge."""
        phrases = ctx.phrases(rule)
        if phrases and field and ctx.match(rule, normalise(field)):
            return "yes", ""
        if not phrases:  # any field, unless only "a relevant field" is accepted: a person judges
            return ("related" if rule.related_fields else "yes"), ""
        listed = ctx.compiled.field_codes.get(rule.id, ())
        code = ctx.compiled.fields.code(field) if field else None
        if code is not None and listed:
            fields = ctx.compiled.fields
            for name, wanted in listed:
                if code.startswith(wanted):  # the field, or a field within it
                    why = f"'{field}' is {name} (ISCED-F {code} {fields.field(code).label})"
                    return "yes", why
            for name, wanted in listed:
                if rule.related_fields and len(code) >= 3 and code[:3] == wanted[:3]:
                    narrow = fields.field(code[:3]).label
                    why = f"'{field}' is related to {name} (ISCED-F {code[:3]} {narrow})"
                    return "yes", why
        return ("related" if rule.related_fields else "no"), ""

    def judge(self, rule: EducationRule, ctx: Context, index: int) -> Judged:
        entry = ctx.profile.education[index]
        level, uncertain, note = education_level(entry)
        name = entry.degree or (entry.level or "degree")
        label = f"{name} in {entry.field}" if entry.field else name
        evidence = Evidence(f"degree {index + 1}", label, ("education", index))
        minimum = EducationLevel[rule.min_level]
        if level is None:
            status = Status.needs_review if uncertain else Status.not_met
            return status, 0.0, f"{label}: {note}", evidence, None
        # what the name may mean, where a person must decide: a rule its lowest reading meets
        # is met whatever it means; one only its highest meets needs the person
        readings = degree_of(entry.degree) if uncertain and entry.degree else Degree(None)
        fit, fit_note = self.field_fit(rule, ctx, entry.field)
        field_note = f"; {fit_note}" if fit_note else ""
        if fit == "related":
            field = entry.field or "the field (not given)"
            field_note = f"; is '{field}' relevant? a person judges"
        elif fit == "no":
            field = entry.field or "not given"
            field_note = f"; field '{field}' is not among {_list(ctx.phrases(rule))}"
        if level >= minimum:
            if fit == "no":
                return Status.not_met, 0.0, f"{label}{field_note}", evidence, None
            lowest = readings.lowest
            uncertain = uncertain and not (lowest is not None and lowest >= minimum)
            review = fit == "related" or uncertain
            status = Status.needs_review if review else Status.met
            extra = f"; {note}" if uncertain else ""
            return status, 1.0, f"{label} meets {minimum.label}{field_note}{extra}", evidence, None
        highest = readings.highest
        if highest is not None and highest >= minimum and fit != "no":
            # the name alone cannot decide (a maîtrise, an MA (Hons)): never a silent 'not met'
            reason = f"{label}: {note}; it meets {minimum.label} only if it is the higher"
            return Status.needs_review, 0.0, f"{reason}{field_note}", evidence, None
        return self.in_lieu(rule, ctx, level, label, fit, field_note, evidence)

    def in_lieu(
        self,
        rule: EducationRule,
        ctx: Context,
        level: int,
        label: str,
        fit: str,
        field_note: str,
        evidence: Evidence,
    ) -> Judged:
        """The best of the in-lieu alternatives this degree's level allows, if any."""
        minimum = EducationLevel[rule.min_level]
        below = f"{label} is below the {minimum.label} required"
        options = [
            self.alternative(alt, ctx, label, minimum, fit, field_note, evidence)
            for alt in rule.in_lieu
            if level >= EducationLevel[alt.level]
            and isinstance(ctx.compiled.rule(alt.experience), ExperienceRule)
        ]
        if not options or fit == "no":
            return Status.not_met, 0.0, f"{below}{field_note if options else ''}", evidence, None
        return min(options, key=lambda j: (ORDER[j[0]], -j[1]))

    def alternative(
        self,
        alt: InLieu,
        ctx: Context,
        label: str,
        minimum: EducationLevel,
        fit: str,
        field_note: str,
        evidence: Evidence,
    ) -> Judged:
        """One in-lieu alternative: met when the named experience rule's raised minimum is."""
        exp_rule = ctx.compiled.rule(alt.experience)
        assert isinstance(exp_rule, ExperienceRule)
        years = ctx.years(EXPERIENCE.counted(exp_rule, ctx)[0])
        need = exp_rule.min_years + alt.extra_years
        text = (
            f"{label} in lieu of a {minimum.label}: {years_text(years)} of {need:g} years "
            f"under '{exp_rule.id}' ({exp_rule.min_years:g} + {alt.extra_years:g})"
        )
        if years + EPSILON < need:
            return Status.partial, 0.5 * years / need, text, evidence, None
        status = Status.needs_review if fit == "related" else Status.met
        lieu = (exp_rule.id, alt.extra_years)
        return status, 1.0, f"met in lieu: {text}{field_note}", evidence, lieu


# --- languages -------------------------------------------------------------------------


def proficiency(entry: LanguageEntry) -> dict[str, int] | None:
    """Per-skill levels (0-6) from any CV vocabulary, or None when the level is unknown."""
    level = entry.level
    if isinstance(level, dict):
        skills: dict[str, int] = {}
        for key, value in level.items():
            name, number = skill_name(key), level_value(value)
            if name is None or number is None:
                return None
            skills[name] = min(skills.get(name, 6), number)
        return skills
    if level is None:
        return None
    profile = slp_profile(level)
    if profile is not None:
        return profile
    number = level_value(level)
    return (
        None if number is None else dict.fromkeys(("read", "write", "speak", "understand"), number)
    )


def _stated(entry: LanguageEntry) -> str:
    if isinstance(entry.level, dict):
        return ", ".join(f"{k} {v}" for k, v in entry.level.items())
    return "level not stated" if entry.level is None else str(entry.level)


def _describe(skills: dict[str, int]) -> str:
    values = set(skills.values())
    if len(values) == 1 and len(skills) == 4:
        return f"{CEFR_NAMES[values.pop()]} in all skills"
    return ", ".join(f"{k} {CEFR_NAMES[v]}" for k, v in sorted(skills.items()))


def language_credit(spec: LevelSpec, skills: dict[str, int]) -> tuple[bool, float]:
    """Whether the level is met in enough skills, and the credit of the best ones."""
    ratios = sorted(
        (min(1.0, skills.get(s, 0) / spec.minimum) if spec.minimum else 1.0 for s in spec.skills),
        reverse=True,
    )
    best = ratios[: spec.needed]
    met = sum(1 for s in spec.skills if skills.get(s, 0) >= spec.minimum) >= spec.needed
    return met, sum(best) / len(best) if best else 1.0


class LanguageEvaluator(Evaluator):
    kind, code = "language", "JS-LNG"

    def __call__(self, rule: LanguageRule, ctx: Context) -> RuleResult:
        spec = vacancy_level(rule.level, rule.spec_skills())
        assert spec is not None  # validated when the vacancy was loaded
        entries = [
            (i, e) for i, e in enumerate(ctx.profile.languages) if e.language == rule.language
        ]
        asked = f"{rule.language} at '{rule.level}'"
        if not entries:
            return result(rule, Status.not_met, 0.0, f"{asked}: {rule.language} not listed")
        judged = []
        for index, entry in entries:
            stated = f"{entry.language}: {_stated(entry)}"
            evidence = Evidence(f"language {index + 1}", stated, ("languages", index))
            skills = proficiency(entry)
            if skills is None:
                why = f"level {entry.level!r} is not a known level"
                why = "no level given" if entry.level is None else why
                reason = f"{asked}: {why}; check it"
                judged.append((Status.needs_review, 0.0, reason, evidence))
                continue
            met, credit = language_credit(spec, skills)
            status = Status.met if met else (Status.partial if credit > 0 else Status.not_met)
            verb = "meets" if met else "is below"
            judged.append(
                (
                    status,
                    credit,
                    f"{rule.language} {_describe(skills)} {verb} '{rule.level}'",
                    evidence,
                )
            )
        status, credit, reason, evidence = min(judged, key=lambda j: (ORDER[j[0]], -j[1]))
        return result(rule, status, credit, reason, [_decided(evidence, status)])


# --- competencies ----------------------------------------------------------------------


class CompetencyEvaluator(Evaluator):
    kind, code = "competency", "JS-CMP"

    def places(self, ctx: Context) -> list[Place]:
        """Every place evidence may be, with the phrases found there (once a candidate)."""
        if ctx.places is None:
            ctx.places = [(*place, ctx.hits(place[3])) for place in self._places(ctx)]
        return ctx.places

    def _places(self, ctx: Context) -> list[tuple[str, tuple[str, int], str, str]]:
        """(where, CV entry, original text, normalised text) for every place evidence may be."""
        profile = ctx.profile
        found = [
            (f"competency {i + 1}", ("competencies", i), c, normalise(c))
            for i, c in enumerate(profile.competencies)
        ]
        if profile.summary:
            found.append(("summary", ("summary", 0), profile.summary, normalise(profile.summary)))
        for index, post in enumerate(profile.experience):
            if ctx.spans[index] is None:  # starts after the as-of date: not yet evidence
                continue
            original = " ".join(post_parts(post))
            found.append(
                (ctx.labels[index], ("experience", index), original, ctx.post_texts[index])
            )
        return found

    def strength(self, ctx: Context, ref: tuple[str, int], words: str) -> Strength:
        """A competency listed is stated; in a post, where in it; in the summary, prose."""
        if ref[0] == "competencies":
            return Strength.stated
        if ref[0] == "experience":
            return _part_strength(ctx.profile.experience[ref[1]], words, normalise)
        return Strength.described

    def __call__(self, rule: CompetencyRule, ctx: Context) -> RuleResult:
        phrases = ctx.phrases(rule)
        evidence = []
        by_label = rule.id in ctx.compiled.labels  # else only a phrase in hits can match
        for where, ref, original, norm, hits in self.places(ctx):
            if (by_label or rule.id in hits) and (found := ctx.match(rule, norm)) is not None:
                phrase, words = found
                quote = f"'{phrase.original}': {snippet(original, words)}"
                evidence.append(Evidence(where, quote, ref, self.strength(ctx, ref, words)))
        if not evidence:
            return result(
                rule, Status.not_met, 0.0, f"no evidence of {rule.name} ({_list(phrases)})"
            )
        places = "; ".join(e.where.split(" (")[0] for e in evidence[:3])
        return result(rule, Status.met, 1.0, f"{rule.name}: evidence in {places}", evidence)


# --- review and groups -----------------------------------------------------------------


class ReviewEvaluator(Evaluator):
    kind, code = "review", "JS-REV"

    def __call__(self, rule: ReviewRule, ctx: Context) -> RuleResult:
        text = ctx.compiled.texts[rule.id]  # a nested rule's may be its group's
        if rule.applies_to:
            current = [
                (i, kind.label)
                for i, span in enumerate(ctx.spans)
                if span is not None and span.end >= ctx.as_of  # held on the as-of date
                for kind in ctx.employers(i)
                if kind.id in rule.applies_to
            ]
            if not current:
                kinds = ", ".join(k.replace("-", " ") for k in rule.applies_to)
                reason = f"does not apply: no post held on {ctx.as_of} with: {kinds}"
                return result(rule, Status.met, 1.0, reason)
            index, label = current[0]
            quote, ref = f"employer: {label}", ("experience", index)
            evidence = [Evidence(ctx.labels[index], quote, ref, Strength.titled)]
            return result(rule, Status.needs_review, 0.0, f"a person must check: {text}", evidence)
        return result(rule, Status.needs_review, 0.0, f"a person must check: {text}")


def inherit(child: RuleResult, required: bool) -> RuleResult:
    """A nested rule's result, mandatory or desirable as its group is (vacancy.py says so)."""
    if child.required is required and not child.children:
        return child
    nested = tuple(inherit(c, required) for c in child.children)
    return replace(child, required=required, children=nested)


def _weighted(children: tuple[RuleResult, ...]) -> float:
    total = sum(c.weight for c in children)
    return sum(c.weight * c.credit for c in children) / total if total else 0.0


class AllOfEvaluator(Evaluator):
    kind, code = "all_of", "JS-ALL"

    def __call__(self, rule: GroupRule, ctx: Context) -> RuleResult:
        children = tuple(inherit(ctx.run(r), rule.required) for r in rule.rules)
        worst = max(children, key=lambda c: ORDER[c.status])
        status = worst.status
        if status is Status.not_met and any(c.credit > 0 for c in children):
            status = Status.partial
        met = sum(c.status is Status.met for c in children)
        reason = f"{met} of {len(children)} met: " + "; ".join(c.reason for c in children)
        return result(rule, status, _weighted(children), reason, (), children)


class AnyOfEvaluator(Evaluator):
    kind, code = "any_of", "JS-ANY"

    def __call__(self, rule: GroupRule, ctx: Context) -> RuleResult:
        children = tuple(inherit(ctx.run(r), rule.required) for r in rule.rules)
        best = min(children, key=lambda c: (ORDER[c.status], -c.credit))
        reason = f"best of {len(children)} options ({best.id}): {best.reason}"
        return result(rule, best.status, best.credit, reason, (), children)


class AtLeastEvaluator(Evaluator):
    kind, code = "at_least", "JS-ATL"

    def __call__(self, rule: AtLeastRule, ctx: Context) -> RuleResult:
        children = tuple(inherit(ctx.run(r), rule.required) for r in rule.rules)
        met = sum(c.status is Status.met for c in children)
        review = sum(c.status is Status.needs_review for c in children)
        top = sorted((c.credit for c in children), reverse=True)[: rule.n]
        credit = sum(top) / rule.n
        if met >= rule.n:
            status = Status.met
        elif met + review >= rule.n:
            status = Status.needs_review
        else:
            status = Status.partial if credit > 0 else Status.not_met
        reason = f"{met} of the {rule.n} needed met ({len(children)} options)"
        if review:
            reason += f", {review} need review"
        return result(rule, status, credit, reason, (), children)


EXPERIENCE = ExperienceEvaluator()
EVALUATORS: tuple[Evaluator, ...] = (
    EducationEvaluator(),
    EXPERIENCE,
    LanguageEvaluator(),
    CompetencyEvaluator(),
    ReviewEvaluator(),
    AnyOfEvaluator(),
    AllOfEvaluator(),
    AtLeastEvaluator(),
)
EVALUATOR_BY_KIND: dict[str, Evaluator] = {e.kind: e for e in EVALUATORS}


def evaluate(rule: Requirement, ctx: Context) -> RuleResult:
    """Dispatch a rule to its kind's evaluator."""
    return EVALUATOR_BY_KIND[rule.kind](rule, ctx)
