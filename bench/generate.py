"""Generate N synthetic CV summaries in jobscreen's native format, deterministically.

    python bench/generate.py --n 10000 --out bench/data/yaml-10000
    python bench/generate.py --n 100000 --jsonl bench/data/cvs-100000.jsonl

CV number i is drawn from its own ``random.Random(seed * 1_000_003 + i)``, so the same
arguments give byte-identical files and the first 1,000 CVs of a 10,000 set are the 1,000
set. The YAML files and the JSON Lines file of the same N hold the same CVs.

The people are invented; the vocabulary is that of international-affairs notices (UN, NATO,
Commonwealth), with phrases that sometimes match the reference vacancies' domains, and with
every level vocabulary jobscreen reads (CEFR, per-skill, phrases, STANAG, NATO, free text).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

SEED = 20240501
AS_OF_YEAR = 2025  # posts end no later than this year
MIN_WORDS, MAX_WORDS = 20, 80  # a post's description

CV = dict[str, Any]
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Flow(dict[str, Any]):
    """A mapping written in flow style ({language: French, level: C1}), as people write them."""


class FlowList(list[Any]):
    """A short list written in flow style ([mediation, human rights])."""


class Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block style, except the mappings and lists marked Flow or FlowList."""


def _flow_mapping(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _flow_sequence(dumper: yaml.SafeDumper, data: FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


Dumper.add_representer(Flow, _flow_mapping)
Dumper.add_representer(FlowList, _flow_sequence)

FIRST_NAMES = (
    "Amina", "Kwame", "Sofia", "Mateo", "Yuki", "Aleksandr", "Fatima", "Liam", "Priya",
    "Chen", "Olga", "Tomás", "Nadia", "Kofi", "Ingrid", "Rahul", "Leila", "Jonas", "Mariam",
    "Diego", "Hana", "Samuel", "Elif", "Andrei", "Thandiwe", "Lucía", "Omar", "Astrid",
    "Bao", "Claire", "Ibrahim", "Katarzyna", "Nomvula", "Pedro", "Sanjay", "Zeynep",
)  # fmt: skip
LAST_NAMES = (
    "Diallo", "Mensah", "Rossi", "García", "Tanaka", "Ivanov", "Haddad", "O'Brien", "Sharma",
    "Wang", "Petrova", "Silva", "Khalil", "Asante", "Larsen", "Gupta", "Nasser", "Schmidt",
    "Okafor", "Fernández", "Kim", "Mwangi", "Öztürk", "Popescu", "Dlamini", "Moreau",
    "Abdullah", "Nguyen", "Kowalski", "Costa", "Hansen", "Mahlangu", "Rahman", "Dubois",
)  # fmt: skip
NATIONALITIES = (
    "Ghanaian", "Italian", "Mexican", "Japanese", "Kenyan", "French", "Indian", "Norwegian",
    "Brazilian", "Jordanian", "Polish", "South African", "Canadian", "Turkish",
)  # fmt: skip

# --- education ----------------------------------------------------------------------------

BACHELORS = (
    "BA", "B.A.", "Bachelor of Arts", "BSc", "LL.B.", "Licence", "Licenciatura",
    "Bachelor's degree", "Laurea", "AB",
)  # fmt: skip
MASTERS = (
    "MA", "M.A.", "Master of Arts", "MSc", "LL.M.", "MPA", "MPP", "MIA", "MPhil",
    "Master's degree", "Master of Laws", "DEA", "Laurea magistrale", "Maestría", "Master 2",
)  # fmt: skip
ODD_MASTERS = ("Postgraduate Diploma", "PGDip", "JD", "Executive Certificate")
DOCTORATES = ("PhD", "DPhil", "Doctorate", "Doctor of Philosophy", "LLD")
IN_PROGRESS = ("PhD candidate", "Doctoral studies (ongoing)", "PhD (in progress)")
FIELDS = (
    "Law", "International Law", "Public International Law", "Political Science",
    "International Relations", "International Affairs", "Sociology", "Anthropology",
    "Psychology", "Economics", "Development Studies", "International Development",
    "Peace and Conflict Studies", "Human Rights", "Public Administration", "Public Policy",
    "History", "Journalism", "Communications", "European Studies", "African Studies",
    "Security Studies", "Strategic Studies", "Gender Studies", "Philosophy",
    "Civil Engineering", "Computer Science", "Agronomy", "Business Administration",
)  # fmt: skip
INSTITUTIONS = (
    "University of Ghana",
    "Sciences Po",
    "Graduate Institute Geneva",
    "University of Oxford",
    "Universidad Nacional Autónoma de México",
    "University of Nairobi",
    "Jawaharlal Nehru University",
    "London School of Economics",
    "University of Cape Town",
    "Columbia University",
    "Moscow State Institute of International Relations",
    "Kyoto University",
    "University of Oslo",
    "Makerere University",
    "American University of Beirut",
    "Jagiellonian University",
    "Universidade de São Paulo",
    "Bilkent University",
    "College of Europe",
    "Johns Hopkins SAIS",
    "University of Dhaka",
    "McGill University",
)

# --- experience ---------------------------------------------------------------------------

TITLES = (
    "Political Affairs Officer",
    "Senior Political Affairs Officer",
    "Programme Management Officer",
    "Programme Officer",
    "Programme Assistant",
    "Human Rights Officer",
    "Associate Human Rights Officer",
    "Head of Section",
    "Chief, Policy Unit",
    "Director, Political Division",
    "Deputy Director",
    "Senior Adviser",
    "Special Assistant to the Special Envoy",
    "Mediation Support Officer",
    "Policy Analyst",
    "Research Fellow",
    "Senior Research Fellow",
    "Consultant",
    "Independent Consultant",
    "Associate Expert",
    "Desk Officer",
    "Deputy Head of Mission",
    "Ambassador",
    "Counsellor",
    "First Secretary",
    "Communications Specialist",
    "Spokesperson",
    "Election Observer",
    "Long-term Election Observer",
    "Speechwriter",
    "Lecturer in International Relations",
    "Chief of Staff",
    "Team Leader",
    "Country Director",
    "Project Manager",
    "Legal Officer",
    "Partnerships Officer",
    "Training Coordinator",
    "Logistics Officer",
    "IT Systems Analyst",
    "Finance Assistant",
)
ORGANISATIONS = (
    "UN Department of Political and Peacebuilding Affairs", "United Nations Development "
    "Programme", "Office of the High Commissioner for Human Rights", "UN Women", "UNICEF",
    "UN Anti-Racism Office", "OSCE Office for Democratic Institutions and Human Rights",
    "NATO International Staff", "NATO Allied Command Transformation", "European External "
    "Action Service", "European Commission", "Commonwealth Secretariat", "African Union "
    "Commission", "ECOWAS Commission", "Ministry of Foreign Affairs of Ghana", "Ministry of "
    "Foreign Affairs of Norway", "Federal Foreign Office (Germany)", "Global Affairs Canada",
    "International Crisis Group", "Amnesty International", "Human Rights Watch", "Chatham "
    "House", "SIPRI", "Carter Center", "Centre for Humanitarian Dialogue", "Saferworld",
    "Norwegian Refugee Council", "World Bank", "Inter-Parliamentary Union", "Deloitte",
    "Acme Logistics Ltd", "National Electoral Commission", "University of Nairobi",
)  # fmt: skip

# Phrases from the reference vacancies' domains (they match sometimes) and others (they don't).
MATCHING_DOMAINS = (
    "preventive diplomacy", "political negotiation", "mediation", "conflict prevention",
    "good offices", "programme management", "programme coordination", "project management",
    "advocacy", "communications", "human rights", "policy development", "policy analysis",
    "anti-racism", "racial discrimination", "racial justice", "accountability mechanisms",
    "change management", "organizational change", "partnerships", "research", "publishing",
    "speech writing", "conflict resolution", "peacebuilding", "post-conflict",
    "capacity-building", "policy formulation", "election observation", "electoral "
    "assistance", "political analysis", "political affairs", "strategic advice",
    "bilateral relations", "partnership policy", "NATO partners", "European Union", "OSCE",
    "multi-stakeholder", "cross-cultural", "high-level dialogue", "consensus building",
    "dialogue facilitation", "strategic direction", "security policy", "training programme",
    "talking points", "press interviews", "situation analysis", "knowledge management",
)  # fmt: skip
OTHER_DOMAINS = (
    "procurement", "logistics", "supply chain", "budget monitoring", "IT systems",
    "agricultural extension", "public health", "water and sanitation", "payroll",
    "fleet management", "database administration", "event planning", "translation",
    "customer service", "facilities management", "teaching", "grant writing",
)  # fmt: skip
VERBS = (
    "Led", "Coordinated", "Managed", "Drafted", "Advised on", "Supported", "Organised",
    "Monitored", "Facilitated", "Conducted", "Oversaw", "Prepared briefings on",
    "Contributed to", "Designed", "Implemented", "Reviewed", "Represented the office in",
)  # fmt: skip
OBJECTS = (
    "a portfolio of {d} projects", "the office's work on {d}", "{d} initiatives",
    "regional consultations on {d}", "reports to the Security Council on {d}",
    "donor-funded programmes in {d}", "a team of {n} officers working on {d}",
    "inter-agency working groups on {d}", "country strategies covering {d}",
    "training for national counterparts in {d}", "policy papers on {d}",
    "field missions focused on {d}", "the annual work plan for {d}",
)  # fmt: skip
CONTEXTS = (
    "in West Africa", "across the Western Balkans", "in the Sahel", "in South-East Asia",
    "with member states", "with civil society partners", "at headquarters",
    "in a multilateral setting", "with NATO partner countries", "in post-conflict settings",
    "for the Special Envoy", "with national authorities", "under tight deadlines",
    "in close cooperation with the European Union", "for senior management",
)  # fmt: skip
EXTRAS = (
    "Drafted talking points, speeches and briefing notes for senior officials.",
    "Built collaborative partnerships with regional organisations and donors.",
    "Mentoring and coaching of junior staff.",
    "Ensured attention to detail and quality control in all outputs.",
    "Gave press interviews and radio interviews on the organisation's positions.",
    "Developed accountability framework indicators with clear goals.",
    "Chaired committees of member states and facilitated consensus building.",
    "Handled procurement, travel and logistics for the unit.",
    "Maintained the section's databases and filing systems.",
    "Delivered results on time and within budget.",
)  # fmt: skip

# --- languages ----------------------------------------------------------------------------

LANGUAGE_NAMES = (
    ("English", 30), ("French", 18), ("Spanish", 10), ("Arabic", 8), ("Russian", 6),
    ("Chinese", 4), ("Portuguese", 5), ("German", 5), ("Swahili", 3), ("Italian", 3),
    ("Turkish", 2), ("Hindi", 2), ("Polish", 2), ("Norwegian", 1), ("Japanese", 1),
)  # fmt: skip
LANGUAGE_SPELLINGS = {
    "English": ("English", "en", "English (UK)", "anglais"),
    "French": ("French", "fr", "Français", "francés"),
    "Spanish": ("Spanish", "es", "Español"),
    "Arabic": ("Arabic", "ar", "Arabe"),
    "Chinese": ("Chinese", "Mandarin", "zh"),
}
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
PHRASES = (
    "native", "mother tongue", "bilingual", "fluent", "proficient", "working knowledge",
    "intermediate", "confident", "basic", "elementary", "beginner", "full professional",
    "professional working", "limited working", "native or bilingual", "not fluent",
)  # fmt: skip
STANAG = ("1", "2", "2+", "3", "4", 3, 2)
NATO = ("I", "II", "III", "IV", "V", "VI")
FREE_TEXT = (
    "can order coffee", "reads newspapers with a dictionary", "some understanding",
    "survival level", "passive understanding",
)  # fmt: skip
SKILL_SETS = (
    ("read", "write", "speak", "understand"),
    ("reading", "writing", "speaking", "listening"),
    ("listening", "reading", "spoken interaction", "spoken production", "writing"),
)

# --- competencies and summary -------------------------------------------------------------

COMPETENCIES = (
    "Communication", "Teamwork", "Leadership", "Planning and Organizing", "Accountability",
    "Client Orientation", "Creativity", "Technological Awareness", "Commitment to Continuous "
    "Learning", "Judgement/Decision making", "Negotiation", "Drafting", "Public speaking",
    "Change management", "Strategic thinking", "Stakeholder management", "Mentoring",
    "Knowledge management", "Problem solving", "Attention to detail", "Integrity",
    "Respect for diversity", "Political awareness", "Project management", "Data analysis",
    "Advocacy", "Influencing", "Results-oriented", "Proactive", "Team player",
)  # fmt: skip
SUMMARY_OPENINGS = (
    "Experienced {t} with {y} years in international affairs.",
    "{t} with a background in {d} and {d2}.",
    "Professional with {y} years of experience in {d}, most recently as {t}.",
    "Results-oriented {t} specialised in {d}.",
)  # fmt: skip
SUMMARY_TAILS = (
    "Track record of building partnerships with governments, the European Union and the "
    "United Nations.",
    "Strong drafting, analytical thinking and communication skills.",
    "Committed to human rights, gender balance and respect for diversity.",
    "Comfortable in multi-cultural teams and high-pressure environments.",
    "Led change management and reform processes in two organisations.",
    "Seeking a senior role in political affairs.",
)  # fmt: skip


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _date(rng: random.Random, year: int, month: int) -> str | int:
    """A start or end date given to the year, the month or the day, as CVs vary."""
    style = rng.random()
    if style < 0.2:
        return year
    if style < 0.8:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _domain(rng: random.Random) -> str:
    return rng.choice(MATCHING_DOMAINS if _chance(rng, 0.7) else OTHER_DOMAINS)


def _sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS).format(d=_domain(rng), n=rng.randint(2, 12))
    return f"{rng.choice(VERBS)} {obj} {rng.choice(CONTEXTS)}."


def description(rng: random.Random) -> str:
    """20-80 words of a post's description: sentences until the drawn length is reached."""
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    sentences: list[str] = []
    words = 0
    while words < target:
        sentence = rng.choice(EXTRAS) if _chance(rng, 0.25) else _sentence(rng)
        size = len(sentence.split())
        if words + size > MAX_WORDS and words >= MIN_WORDS:
            break
        sentences.append(sentence)
        words += size
    return " ".join(sentences)


def education(rng: random.Random, career_start: int) -> list[CV]:
    """1-3 degrees, bachelor first, then master, sometimes a doctorate (or one in progress)."""
    year = career_start - rng.randint(-1, 2)
    degrees = [_degree(rng, rng.choice(BACHELORS), year)]
    count = rng.choices((1, 2, 3), weights=(25, 55, 20))[0]
    if count >= 2:
        year += rng.randint(1, 3)
        odd = _chance(rng, 0.08)
        degrees.append(_degree(rng, rng.choice(ODD_MASTERS if odd else MASTERS), year))
    if count == 3:
        year += rng.randint(3, 6)
        done = _chance(rng, 0.85) and year <= AS_OF_YEAR
        degrees.append(_degree(rng, rng.choice(DOCTORATES if done else IN_PROGRESS), year))
    return degrees


def _degree(rng: random.Random, name: str, year: int) -> CV:
    degree: CV = Flow(degree=name, field=rng.choice(FIELDS))
    if _chance(rng, 0.8):
        degree["institution"] = rng.choice(INSTITUTIONS)
    degree["year"] = min(year, AS_OF_YEAR + 1)
    return degree


def experience(rng: random.Random, career_start: int) -> list[CV]:
    """2-8 dated posts, mostly in sequence, some overlapping, the last one often current."""
    posts: list[CV] = []
    year, month = career_start, rng.randint(1, 12)
    count = rng.randint(2, 8)
    for index in range(count):
        span = rng.randint(1, 5)
        end_year = min(year + span, AS_OF_YEAR - (1 if index == 0 else 0))  # 2 posts at least
        current = index == count - 1 and (end_year >= AS_OF_YEAR or _chance(rng, 0.6))
        posts.append(_post(rng, (year, month), None if current else (end_year, rng.randint(1, 12))))
        if end_year >= AS_OF_YEAR:
            break
        overlap = _chance(rng, 0.15)  # a consultancy alongside, or a gap-free move
        year = end_year - (1 if overlap else 0) + (1 if _chance(rng, 0.1) else 0)
        month = rng.randint(1, 12)
    return posts


def _post(rng: random.Random, start: tuple[int, int], end: tuple[int, int] | None) -> CV:
    post: CV = {"title": rng.choice(TITLES), "organisation": rng.choice(ORGANISATIONS)}
    post["start"] = _date(rng, *start)
    if end is not None:
        end = max(end, start)
        post["end"] = _date(rng, *end) if end != start else f"{end[0]}-{end[1]:02d}"
    elif _chance(rng, 0.7):
        post["end"] = rng.choice(("present", "Present", "current", "ongoing"))
    if _chance(rng, 0.5):
        post["domains"] = FlowList(sorted({_domain(rng) for _ in range(rng.randint(1, 3))}))
    for flag, p in (("managerial", 0.3), ("international", 0.35), ("senior", 0.2)):
        if _chance(rng, p):
            post[flag] = _chance(rng, 0.75)
    if _chance(rng, 0.1):
        post["multilateral"] = True
    if _chance(rng, 0.04):
        post["volunteer"] = True
    post["description"] = description(rng)
    return post


def _single_level(rng: random.Random, native: bool) -> str | int:
    if native:
        return rng.choice(("C2", "native", "mother tongue", "bilingual", "5", "VI", "C2"))
    style = rng.random()
    if style < 0.35:
        return rng.choice(CEFR)
    if style < 0.7:
        return rng.choice(PHRASES)
    if style < 0.8:
        return rng.choice(STANAG)
    if style < 0.88:
        return "".join(rng.choice("12345") for _ in range(4))  # STANAG SLP profile
    if style < 0.96:
        return rng.choice(NATO)
    return rng.choice(FREE_TEXT)


def _level(rng: random.Random, native: bool) -> str | int | dict[str, str]:
    if not native and _chance(rng, 0.2):
        skills = rng.choice(SKILL_SETS)
        base = rng.randint(1, 5)
        return Flow((s, CEFR[max(0, min(5, base + rng.randint(-1, 1)))]) for s in skills)
    return _single_level(rng, native)


def languages(rng: random.Random) -> list[CV]:
    """1-4 languages, the first a native one, levels in every vocabulary jobscreen reads."""
    names = [n for n, _ in LANGUAGE_NAMES]
    weights = [w for _, w in LANGUAGE_NAMES]
    count = rng.choices((1, 2, 3, 4), weights=(10, 40, 35, 15))[0]
    chosen: list[str] = []
    while len(chosen) < count:
        name = rng.choices(names, weights)[0]
        if name not in chosen:
            chosen.append(name)
    entries: list[CV] = []
    for index, name in enumerate(chosen):
        spelling = rng.choice(LANGUAGE_SPELLINGS.get(name, (name,)))
        entry: CV = Flow(language=spelling)
        if not _chance(rng, 0.03):  # a language given without a level
            entry["level"] = _level(rng, native=index == 0)
        entries.append(entry)
    return entries


def summary(rng: random.Random, years: int, title: str) -> str:
    opening = rng.choice(SUMMARY_OPENINGS).format(
        t=title.lower(), y=years, d=_domain(rng), d2=_domain(rng)
    )
    tails = rng.sample(SUMMARY_TAILS, rng.randint(1, 3))
    return " ".join([opening, *tails])


def make_cv(seed: int, index: int) -> CV:
    """CV number ``index`` (0-based) of the set drawn with ``seed``."""
    rng = random.Random(seed * 1_000_003 + index)
    career_start = rng.randint(1978, AS_OF_YEAR - 3)
    cv: CV = {"id": f"cand-{index + 1:06d}", "name": _name(rng)}
    if _chance(rng, 0.5):
        cv["email"] = f"applicant{index + 1}@example.org"
    if _chance(rng, 0.2):
        cv["nationality"] = rng.choice(NATIONALITIES)
    cv["education"] = education(rng, career_start)
    cv["experience"] = experience(rng, career_start)
    cv["languages"] = languages(rng)
    if _chance(rng, 0.85):
        cv["competencies"] = FlowList(rng.sample(COMPETENCIES, rng.randint(2, 8)))
    if _chance(rng, 0.9):
        title = cv["experience"][-1]["title"]
        cv["summary"] = summary(rng, AS_OF_YEAR - career_start, title)
    return cv


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def to_yaml(cv: CV) -> str:
    """Block style, with short leaf lists and mappings in flow style as people write them."""
    text: str = yaml.dump(
        cv, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return text


def to_json_line(cv: CV) -> str:
    return json.dumps(cv, ensure_ascii=False) + "\n"


def write_yaml(seed: int, n: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for index in range(n):
        cv = make_cv(seed, index)
        (out / f"{cv['id']}.yaml").write_text(to_yaml(cv), encoding="utf-8")


def write_jsonl(seed: int, n: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for index in range(n):
            handle.write(to_json_line(make_cv(seed, index)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="how many CVs")
    parser.add_argument("--out", type=Path, help="directory for N YAML files")
    parser.add_argument("--jsonl", type=Path, help="one JSON Lines file of the same N CVs")
    parser.add_argument("--seed", type=int, default=SEED, help=f"default {SEED}")
    args = parser.parse_args(argv)
    if args.out is None and args.jsonl is None:
        parser.error("give --out DIR, --jsonl FILE or both")
    if args.n < 1:
        parser.error("--n must be at least 1")
    if args.out is not None:
        write_yaml(args.seed, args.n, args.out)
    if args.jsonl is not None:
        write_jsonl(args.seed, args.n, args.jsonl)
    return 0


if __name__ == "__main__":
    sys.exit(main())
