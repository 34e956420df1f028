"""The vocabularies in src/jobscreen/vocabulary: valid, consistent with each other, installed.

Each file is read through importlib.resources, as the engine will read it, and checked
against its JSON Schema (schemas/vocabulary/) and against the rules a schema cannot state:
references resolve, broader has no cycle, a label means one concept, and so on. A failure
lists every offending entry, not only the first.
"""

from __future__ import annotations

import fnmatch
import json
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator  # type: ignore[import-untyped,unused-ignore]

from jobscreen.levels import degree_names, normalise_degree
from jobscreen.yamlsafe import parse_yaml
from tests.conftest import ROOT

PACKAGE = "jobscreen.vocabulary"
SCHEMAS = ROOT / "schemas" / "vocabulary"
NAMES = ("concepts", "contexts", "organisations", "fields", "degrees")


def text(name: str) -> str:
    return files(PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")


@cache
def data(name: str) -> dict[str, Any]:
    """A file as editors and the schema see it (YAML 1.1: an unquoted 'no' is False)."""
    loaded: dict[str, Any] = yaml.safe_load(text(name))
    return loaded


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def key(phrase: str) -> str:
    """A phrase as matching sees it: case, hyphens and spacing ignored."""
    return " ".join(phrase.lower().replace("-", " ").split())


def phrases(by_language: dict[str, list[str]] | None) -> Iterator[str]:
    for values in (by_language or {}).values():
        yield from values


def concepts() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = data("concepts")["concepts"]
    return found


def contexts() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = data("contexts")["contexts"]
    return found


def kinds() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = data("organisations")["kinds"]
    return found


def names(kind: dict[str, Any]) -> Iterator[str]:
    yield from phrases(kind["names"])


def fields() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = data("fields")["fields"]
    return found


def degrees() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = data("degrees")["degrees"]
    return found


def concept_labels(concept: dict[str, Any]) -> Iterator[str]:
    yield from concept["label"].values()
    yield from phrases(concept["alt"])


# --- every file ------------------------------------------------------------------------


def schema_objects(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema with its place, for checks on the schemas themselves."""
    if isinstance(node, dict):
        yield where, node
        for name, value in node.items():
            yield from schema_objects(value, f"{where}/{name}")
    elif isinstance(node, list):
        for place, value in enumerate(node):
            yield from schema_objects(value, f"{where}/{place}")


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_draft_07_closed_and_described(name: str) -> None:
    document = schema(name)
    Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    problems = []
    for where, node in schema_objects(document):
        for prop, sub in node.get("properties", {}).items():
            if "description" not in sub:
                problems.append(f"{where}/properties/{prop}: no description")
        if "properties" in node and node.get("additionalProperties") is not False:
            problems.append(f"{where}: properties without additionalProperties: false")
        if "propertyNames" in node and not isinstance(node.get("additionalProperties"), dict):
            problems.append(f"{where}: a map without a schema for its values")
    for definition, sub in document["definitions"].items():
        if "description" not in sub:
            problems.append(f"/definitions/{definition}: no description")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_file_matches_its_schema(name: str) -> None:
    validator = Draft7Validator(schema(name))
    errors = sorted(validator.iter_errors(data(name)), key=lambda e: list(e.absolute_path))
    messages = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
    assert not messages, f"{name}.yaml:\n" + "\n".join(messages)


def duplicate_keys(node: yaml.Node, where: str = "") -> Iterator[str]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value in node.value:
            name = str(key_node.value)
            if name in seen:
                yield f"{where}/{name} (line {key_node.start_mark.line + 1})"
            seen.add(name)
            yield from duplicate_keys(value, f"{where}/{name}")
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from duplicate_keys(value, where)


@pytest.mark.parametrize("name", NAMES)
def test_plain_yaml_without_duplicate_keys(name: str) -> None:
    """No anchors, aliases or tags, no key twice; jobscreen's own safe loader reads it."""
    source = text(name)
    fancy = [
        f"line {getattr(event.start_mark, 'line', -1) + 1}: {type(event).__name__}"
        for event in yaml.parse(source, Loader=yaml.SafeLoader)
        if isinstance(event, yaml.AliasEvent)
        or getattr(event, "anchor", None)
        or (getattr(event, "tag", None) and not getattr(event, "implicit", True))
    ]
    assert not fancy, "anchors, aliases or tags:\n" + "\n".join(fancy)
    node = yaml.compose(source, Loader=yaml.SafeLoader)
    assert node is not None
    duplicates = list(duplicate_keys(node))
    assert not duplicates, "keys given twice:\n" + "\n".join(duplicates)
    (document,) = parse_yaml(source, f"{name}.yaml")
    assert document.keys() == data(name).keys()


def badly_cased(label: str) -> bool:
    """A word in a label is lowercase, or an acronym: two capitals or more (UN, PhD)."""
    return any(
        word != word.lower() and sum(char.isupper() for char in word) < 2 for word in label.split()
    )


def all_labels(name: str) -> Iterator[tuple[str, str]]:
    """Every label-like phrase of a file, with its place."""
    if name == "concepts":
        for cid, concept in concepts().items():
            for label in [*concept_labels(concept), *phrases(concept.get("not"))]:
                yield cid, label
    if name == "contexts":
        for kind, context in contexts().items():
            for label in [*phrases(context["phrases"]), *phrases(context.get("not"))]:
                yield kind, label
    if name == "fields":
        for code, entry in fields().items():
            for label in [*entry["label"].values(), *phrases(entry.get("alt"))]:
                yield code, label
    if name == "degrees":
        for degree_id, entry in degrees().items():
            for label in entry["names"]:
                yield degree_id, label
    if name == "organisations":
        for kind, entry in kinds().items():
            for label in [*entry["label"].values(), *names(entry), *phrases(entry.get("not"))]:
                yield kind, label


@pytest.mark.parametrize("name", NAMES)
def test_labels_are_lowercase_except_acronyms(name: str) -> None:
    wrong = [f"{where}: {label!r}" for where, label in all_labels(name) if badly_cased(label)]
    assert not wrong, "\n".join(wrong)


# --- concepts.yaml ---------------------------------------------------------------------


def test_every_reference_names_a_concept() -> None:
    known = concepts().keys()
    dangling = [
        f"{cid}: {field} {ref!r}"
        for cid, concept in concepts().items()
        for field in ("broader", "related")
        for ref in concept.get(field, ())
        if ref not in known
    ]
    assert not dangling, "\n".join(dangling)


def test_no_concept_is_broader_or_related_to_itself() -> None:
    loops = [
        f"{cid}: {field}"
        for cid, concept in concepts().items()
        for field in ("broader", "related")
        if cid in concept.get(field, ())
    ]
    assert not loops, "\n".join(loops)


def broader_cycle(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    """A path from start back to itself along broader, if there is one."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for parent in graph.get(node, []):
            if parent == start:
                return [*path, start]
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, [*path, parent]))
    return None


def test_broader_has_no_cycles() -> None:
    graph = {cid: c.get("broader", []) for cid, c in concepts().items()}
    cycles = {" > ".join(path) for cid in graph if (path := broader_cycle(cid, graph))}
    assert not cycles, "\n".join(sorted(cycles))


def test_a_concept_is_not_both_broader_and_related() -> None:
    both = [
        f"{cid}: {other}"
        for cid, concept in concepts().items()
        for other in set(concept.get("broader", [])) & set(concept.get("related", []))
    ]
    assert not both, "\n".join(both)


def linked(a: str, b: str) -> bool:
    """Whether two concepts are declared broader or related, either way."""
    ca, cb = concepts()[a], concepts()[b]
    return any(b in ca.get(field, []) or a in cb.get(field, []) for field in ("broader", "related"))


def test_a_label_means_one_concept_unless_they_are_linked() -> None:
    """Preferred and alternative labels, in any language: a text is in no declared language."""
    owners: dict[str, set[str]] = defaultdict(set)
    for cid, concept in concepts().items():
        for label in concept_labels(concept):
            owners[key(label)].add(cid)
    clashes = [
        f"{label!r}: {a} and {b}"
        for label, ids in sorted(owners.items())
        for a in sorted(ids)
        for b in sorted(ids)
        if a < b and not linked(a, b)
    ]
    assert not clashes, "labels of unrelated concepts:\n" + "\n".join(clashes)


def test_no_label_is_also_a_false_friend_of_its_concept() -> None:
    both = [
        f"{cid}: {label!r}"
        for cid, concept in concepts().items()
        for label in concept_labels(concept)
        if key(label) in {key(f) for f in phrases(concept.get("not"))}
    ]
    assert not both, "\n".join(both)


def test_acronyms_are_not_alternative_labels_too() -> None:
    """An acronym matches only in capitals: listed again as a label, it would match 'who'."""
    twice = [
        f"{cid}: {acronym}"
        for cid, concept in concepts().items()
        for acronym in concept.get("acronyms", [])
        if key(acronym) in {key(label) for label in concept_labels(concept)}
    ]
    assert not twice, "\n".join(twice)


def test_alternative_labels_do_not_repeat_the_preferred_one() -> None:
    """Spelled exactly so: hyphen and spacing variants (peace-building) are wanted."""
    repeated = [
        f"{cid} ({language}): {alt!r}"
        for cid, concept in concepts().items()
        for language, alts in concept["alt"].items()
        for alt in alts
        if alt.lower() == concept["label"].get(language, "").lower()
    ]
    assert not repeated, "\n".join(repeated)


def test_no_acronym_names_two_concepts() -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for cid, concept in concepts().items():
        for acronym in concept.get("acronyms", []):
            owners[acronym].append(cid)
    shared = [f"{a}: {', '.join(ids)}" for a, ids in sorted(owners.items()) if len(ids) > 1]
    assert not shared, "\n".join(shared)


def vacancy_rules(kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The bundled vacancies' rules of one kind, nested ones included."""
    for path in sorted((ROOT / "vacancies").glob("*.yaml")):
        stack = list(yaml.safe_load(path.read_text(encoding="utf-8"))["requirements"])
        while stack:
            rule = stack.pop()
            stack.extend(rule.get("rules", []))
            if rule.get("kind") == kind:
                yield f"{path.name}: {rule['id']}", rule


def test_each_bundled_experience_domain_list_names_a_concept() -> None:
    """Every experience rule of the five real notices can be matched by concept."""
    known = {key(label) for c in concepts().values() for label in concept_labels(c)}
    rules = list(vacancy_rules("experience"))
    assert len(rules) >= 10, "the five bundled vacancies' experience rules"
    unnamed = [
        f"{where}: {rule['domains']}"
        for where, rule in rules
        if rule.get("domains") and not any(key(d) in known for d in rule["domains"])
    ]
    assert not unnamed, "\n".join(unnamed)


# --- contexts.yaml ---------------------------------------------------------------------


def test_context_exceptions_name_concepts() -> None:
    dangling = [
        f"{kind}: {cid!r}"
        for kind, context in contexts().items()
        for cid in context.get("except", [])
        if cid not in concepts()
    ]
    assert not dangling, "\n".join(dangling)


def test_a_cue_belongs_to_one_context() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for kind, context in contexts().items():
        for cue in phrases(context["phrases"]):
            owners[key(cue)].add(kind)
    shared = [f"{cue!r}: {sorted(kinds)}" for cue, kinds in owners.items() if len(kinds) > 1]
    assert not shared, "\n".join(shared)


def test_no_cue_is_also_its_own_false_friend() -> None:
    both = [
        f"{kind}: {cue!r}"
        for kind, context in contexts().items()
        for cue in phrases(context["phrases"])
        if key(cue) in {key(f) for f in phrases(context.get("not"))}
    ]
    assert not both, "\n".join(both)


# --- organisations.yaml ----------------------------------------------------------------


def test_evidence_names_concepts() -> None:
    dangling = [
        f"{kind}: {cid!r}"
        for kind, entry in kinds().items()
        for cid in entry.get("evidence_for", [])
        if cid not in concepts()
    ]
    assert not dangling, "\n".join(dangling)


def shared(owners: dict[str, set[str]]) -> list[str]:
    return [f"{item!r}: {sorted(ids)}" for item, ids in sorted(owners.items()) if len(ids) > 1]


def test_a_name_or_acronym_belongs_to_one_kind() -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    by_acronym: dict[str, set[str]] = defaultdict(set)
    for kind, entry in kinds().items():
        for name in names(entry):
            by_name[key(name)].add(kind)
        for acronym in entry.get("acronyms", []):
            by_acronym[acronym].add(kind)
    assert not shared(by_name), "\n".join(shared(by_name))
    assert not shared(by_acronym), "\n".join(shared(by_acronym))


def test_acronyms_match_in_capitals_only() -> None:
    """No acronym is also a name, which matches in any case: 'IOM' must never find 'iom'."""
    every_name = {key(name) for entry in kinds().values() for name in names(entry)}
    acronyms = {a for entry in kinds().values() for a in entry.get("acronyms", [])}
    also_names = sorted(a for a in acronyms if key(a) in every_name)
    assert not also_names, f"acronyms also listed as names: {also_names}"
    # acronyms that are words in English or French ("who", "eu", "au", "un", "shape")
    assert {"WHO", "IOM", "EU", "AU", "UN", "SHAPE", "ECHO", "HALO", "MAG"} <= acronyms


def test_no_name_is_also_a_false_friend_of_its_kind() -> None:
    both = [
        f"{kind}: {name!r}"
        for kind, entry in kinds().items()
        for name in names(entry)
        if key(name) in {key(f) for f in phrases(entry.get("not"))}
    ]
    assert not both, "\n".join(both)


# --- fields.yaml -----------------------------------------------------------------------

# ISCED-F 2013's detailed fields with their official English names (UNESCO Institute for
# Statistics, 2014), transcribed: narrow and broad codes are their first 3 and 2 digits.
# The residual codes ("not further defined", "not elsewhere classified": xxx0, xxx9) are
# left out, as a vocabulary of named subjects has no use for them.
ISCED_F_2013 = {
    "0011": "basic programmes and qualifications",
    "0021": "literacy and numeracy",
    "0031": "personal skills and development",
    "0111": "education science",
    "0112": "training for pre-school teachers",
    "0113": "teacher training without subject specialisation",
    "0114": "teacher training with subject specialisation",
    "0211": "audio-visual techniques and media production",
    "0212": "fashion, interior and industrial design",
    "0213": "fine arts",
    "0214": "handicrafts",
    "0215": "music and performing arts",
    "0221": "religion and theology",
    "0222": "history and archaeology",
    "0223": "philosophy and ethics",
    "0231": "language acquisition",
    "0232": "literature and linguistics",
    "0288": "inter-disciplinary programmes and qualifications involving arts and humanities",
    "0311": "economics",
    "0312": "political sciences and civics",
    "0313": "psychology",
    "0314": "sociology and cultural studies",
    "0321": "journalism and reporting",
    "0322": "library, information and archival studies",
    "0388": "inter-disciplinary programmes and qualifications involving social sciences, "
    "journalism and information",
    "0411": "accounting and taxation",
    "0412": "finance, banking and insurance",
    "0413": "management and administration",
    "0414": "marketing and advertising",
    "0415": "secretarial and office work",
    "0416": "wholesale and retail sales",
    "0417": "work skills",
    "0421": "law",
    "0488": "inter-disciplinary programmes and qualifications involving business, "
    "administration and law",
    "0511": "biology",
    "0512": "biochemistry",
    "0521": "environmental sciences",
    "0522": "natural environments and wildlife",
    "0531": "chemistry",
    "0532": "earth sciences",
    "0533": "physics",
    "0541": "mathematics",
    "0542": "statistics",
    "0588": "inter-disciplinary programmes and qualifications involving natural sciences, "
    "mathematics and statistics",
    "0611": "computer use",
    "0612": "database and network design and administration",
    "0613": "software and applications development and analysis",
    "0688": "inter-disciplinary programmes and qualifications involving information and "
    "communication technologies (ICTs)",
    "0711": "chemical engineering and processes",
    "0712": "environmental protection technology",
    "0713": "electricity and energy",
    "0714": "electronics and automation",
    "0715": "mechanics and metal trades",
    "0716": "motor vehicles, ships and aircraft",
    "0721": "food processing",
    "0722": "materials (glass, paper, plastic and wood)",
    "0723": "textiles (clothes, footwear and leather)",
    "0724": "mining and extraction",
    "0731": "architecture and town planning",
    "0732": "building and civil engineering",
    "0788": "inter-disciplinary programmes and qualifications involving engineering, "
    "manufacturing and construction",
    "0811": "crop and livestock production",
    "0812": "horticulture",
    "0821": "forestry",
    "0831": "fisheries",
    "0841": "veterinary",
    "0888": "inter-disciplinary programmes and qualifications involving agriculture, "
    "forestry, fisheries and veterinary",
    "0911": "dental studies",
    "0912": "medicine",
    "0913": "nursing and midwifery",
    "0914": "medical diagnostic and treatment technology",
    "0915": "therapy and rehabilitation",
    "0916": "pharmacy",
    "0917": "traditional and complementary medicine and therapy",
    "0921": "care of the elderly and of disabled adults",
    "0922": "child care and youth services",
    "0923": "social work and counselling",
    "0988": "inter-disciplinary programmes and qualifications involving health and welfare",
    "1011": "domestic services",
    "1012": "hair and beauty services",
    "1013": "hotel, restaurants and catering",
    "1014": "sports",
    "1015": "travel, tourism and leisure",
    "1021": "community sanitation",
    "1022": "occupational health and safety",
    "1031": "military and defence",
    "1032": "protection of persons and property",
    "1041": "transport services",
    "1088": "inter-disciplinary programmes and qualifications involving services",
}


def test_isced_codes_are_official_with_their_official_names() -> None:
    narrow = {code[:3] for code in ISCED_F_2013}
    broad = {code[:2] for code in ISCED_F_2013}
    wrong = [
        f"{code}: not an ISCED-F 2013 code"
        for code in fields()
        if code not in {*ISCED_F_2013, *narrow, *broad}
    ]
    wrong += [
        f"{code}: {entry['label']['en']!r} is not {ISCED_F_2013[code]!r}"
        for code, entry in fields().items()
        if code in ISCED_F_2013 and entry["label"]["en"] != ISCED_F_2013[code]
    ]
    assert not wrong, "\n".join(wrong)


def test_each_code_has_its_narrow_and_broad_parents() -> None:
    orphans = [
        f"{code}: no {parent}"
        for code in fields()
        for parent in (code[:2], code[:3])
        if len(parent) < len(code) and parent not in fields()
    ]
    assert not orphans, "\n".join(orphans)


def test_a_field_name_belongs_to_one_field_or_its_parents() -> None:
    """Official names repeat up the tree ('law' is 042 and 0421); other names never do."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, entry in fields().items():
        for label in [*entry["label"].values(), *phrases(entry.get("alt"))]:
            owners[key(label)].add(code)
    clashes = [
        f"{label!r}: {sorted(codes)}"
        for label, codes in sorted(owners.items())
        if not all(a.startswith(b) or b.startswith(a) for a in codes for b in codes)
    ]
    assert not clashes, "\n".join(clashes)


def test_each_bundled_education_field_names_an_isced_field() -> None:
    known = {
        key(label)
        for entry in fields().values()
        for label in [*entry["label"].values(), *phrases(entry.get("alt"))]
    }
    rules = list(vacancy_rules("education"))
    assert len(rules) >= 5, "the five bundled vacancies' education rules"
    unnamed = [
        f"{where}: {field!r}"
        for where, rule in rules
        for field in rule.get("fields", [])
        if key(field) not in known
    ]
    assert not unnamed, "\n".join(unnamed)


# --- degrees.yaml ----------------------------------------------------------------------


def test_a_degree_name_belongs_to_one_degree() -> None:
    """Spellings are told apart as the engine reads them: case and dots ignored."""
    owners: dict[str, set[str]] = defaultdict(set)
    for degree_id, entry in degrees().items():
        for name in entry["names"]:
            owners[normalise_degree(name)].add(degree_id)
    assert not shared(owners), "\n".join(shared(owners))


def test_likely_only_where_a_person_reviews() -> None:
    decided = [
        d for d, entry in degrees().items() if "likely" in entry and entry["level"] != "review"
    ]
    assert not decided, f"likely given with a decided level: {decided}"


def test_by_country_changes_something() -> None:
    """A country table that repeats the level says nothing: the level alone would do."""
    idle = [
        degree_id
        for degree_id, entry in degrees().items()
        if set(entry.get("by_country", {}).values()) == {entry["level"]}
    ]
    assert not idle, f"by_country only repeats the level: {idle}"


def test_every_degree_name_the_engine_knows_has_an_entry() -> None:
    """The engine's lookup table (levels.degree_names) is this file's names, every one."""
    known = {normalise_degree(name) for entry in degrees().values() for name in entry["names"]}
    missing = sorted(name for name in degree_names() if normalise_degree(name) not in known)
    assert not missing, f"in levels.degree_names() but not in degrees.yaml: {missing}"


# --- packaging -------------------------------------------------------------------------


def test_vocabularies_are_package_data() -> None:
    """Every vocabulary file is in pyproject's package-data, so a wheel carries it."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["jobscreen"]
    package = ROOT / "src" / "jobscreen"
    shipped = sorted(
        path.relative_to(package).as_posix()
        for path in (package / "vocabulary").iterdir()
        if path.is_file() and path.suffix not in {".py", ".pyc"}
    )
    assert shipped, "no vocabulary files"
    missing = [f for f in shipped if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert not missing, f"not in [tool.setuptools.package-data] jobscreen: {missing}"
    assert {Path(f).stem for f in shipped} == set(NAMES)


def test_vocabularies_are_read_from_the_installed_package() -> None:
    resources = files(PACKAGE)
    for name in NAMES:
        assert resources.joinpath(f"{name}.yaml").is_file(), name
        assert data(name)["version"] == 1
    docstring = __import__(PACKAGE, fromlist=["__doc__"]).__doc__ or ""
    assert all(f"{name}.yaml" in docstring for name in NAMES)
