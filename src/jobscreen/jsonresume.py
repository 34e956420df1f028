"""JSON Resume (https://jsonresume.org/schema) mapped onto jobscreen's CV summary format.

External files are read as they are: keys jobscreen does not use are ignored, pre-1.0 names
(``company``, ``website``) are accepted. Locations of errors map back to the original keys.
"""

from __future__ import annotations

from typing import Any

FIELD_ORIGIN = {
    "start": "startDate",
    "end": "endDate",
    "title": "position",
    "degree": "studyType",
    "field": "area",
    "level": "fluency",
    "description": "summary",
}
SIGNATURE_KEYS = frozenset({"basics", "work", "volunteer", "skills", "meta", "awards"})


def is_jsonresume(data: Any) -> bool:
    """True for a mapping that looks like a JSON Resume document rather than a native CV."""
    if not isinstance(data, dict):
        return False
    schema = str(data.get("$schema", ""))
    return (
        "jsonresume" in schema
        or "basics" in data
        or bool(SIGNATURE_KEYS & data.keys() - {"skills"})
    )


SECTIONS = ("work", "volunteer", "education", "languages", "skills")  # lists of entries


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    kinds = {str: "text", list: "a list", dict: "a mapping", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def shape_problems(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Where a part jobscreen reads has the wrong shape, with why: read as it is, it would be
    dropped, and the CV scored as if it had no posts (or degrees, languages, skills).

    Parts jobscreen does not read are not checked; a part given as null counts as absent.
    """
    found: list[tuple[tuple[str | int, ...], str]] = []
    basics = data.get("basics")
    if basics is not None and not isinstance(basics, dict):
        found.append((("basics",), f"basics: expected a mapping of keys, found {_kind(basics)}"))
    for section in SECTIONS:
        entries = data.get(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            found.append(((section,), f"{section}: expected a list, found {_kind(entries)}"))
            continue
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                why = f"{section}: each entry is a mapping of keys; found {_kind(entry)}"
                found.append(((section, index), why))
    return found


def _texts(value: Any) -> list[str]:
    """The text of a list meant to hold text (highlights, keywords): one given as text is
    read as a list of one, not dropped; items that are not text hold no words, and are left."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _post(entry: dict[str, Any], volunteer: bool) -> dict[str, Any]:
    organisation = entry.get("name") or entry.get("company") or entry.get("organization")
    parts = [_text(entry.get("summary")), _text(entry.get("description"))]
    parts.extend(_texts(entry.get("highlights")))
    post: dict[str, Any] = {
        "title": entry.get("position"),
        "organisation": organisation,
        "start": entry.get("startDate"),
        "end": entry.get("endDate"),
        "description": " ".join(p for p in parts if p) or None,
    }
    if volunteer:
        post["volunteer"] = True
    return {k: v for k, v in post.items() if v is not None or k == "start"}


def _degree(entry: dict[str, Any]) -> dict[str, Any]:
    end = entry.get("endDate")
    year = str(end)[:4] if end else None
    degree = {
        "degree": entry.get("studyType"),
        "field": entry.get("area"),
        "institution": entry.get("institution"),
        "year": year,
    }
    return {k: v for k, v in degree.items() if v is not None}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _competencies(data: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for skill in _dicts(data.get("skills")):
        if isinstance(skill.get("name"), str):
            found.append(skill["name"])
        found.extend(_texts(skill.get("keywords")))
    return found


# JSON Resume's publications and awards, which jobscreen's CV model has no field for: each
# a sentence of the summary, where a reviewer and the summary's phrase matching see them
_RECORDS = (
    ("publications", "Publication", ("name", "publisher", "releaseDate")),
    ("awards", "Award", ("title", "awarder", "date")),
)


def _record(entry: dict[str, Any], keys: tuple[str, str, str]) -> str | None:
    """'Title (Publisher, 2019)' from one publication or award; None without a title."""
    title, source, date = (_text(entry.get(key)) for key in keys)
    if title is None:
        return None
    inside = ", ".join(v for v in (source, date[:4] if date else None) if v)
    return f"{title} ({inside})" if inside else title


def _summary(data: dict[str, Any], basics: dict[str, Any]) -> str | None:
    """The summary, then one sentence per publication and award."""
    parts = [_text(basics.get("summary"))]
    for section, label, keys in _RECORDS:
        found = [r for e in _dicts(data.get(section)) if (r := _record(e, keys))]
        parts += [f"{label}: {record}." for record in found]
    return " ".join(p for p in parts if p) or None


def _declarations(data: dict[str, Any]) -> Any:
    """The screening questions' answers, which JSON Resume keeps under meta.declarations."""
    meta = data.get("meta")
    return meta.get("declarations") if isinstance(meta, dict) else None


def from_jsonresume(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """The native CV mapping, and for each experience entry where it came from."""
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    assert isinstance(basics, dict)
    work = [("work", i, e) for i, e in enumerate(_dicts(data.get("work")))]
    volunteer = [("volunteer", i, e) for i, e in enumerate(_dicts(data.get("volunteer")))]
    location = basics.get("location")
    cv: dict[str, Any] = {
        "name": _text(basics.get("name")),
        "email": _text(basics.get("email")),
        "phone": _text(basics.get("phone")),
        "photo": _text(basics.get("image") or basics.get("picture")),
        "address": ", ".join(str(v) for v in location.values() if v)
        if isinstance(location, dict)
        else None,
        "summary": _summary(data, basics),
        "experience": [_post(e, section == "volunteer") for section, _, e in work + volunteer],
        "education": [_degree(e) for e in _dicts(data.get("education"))],
        "languages": [
            {"language": e.get("language"), "level": e.get("fluency")}
            for e in _dicts(data.get("languages"))
        ],
        "competencies": _competencies(data),
        "declarations": _declarations(data),
    }
    origins = [(section, index) for section, index, _ in work + volunteer]
    return {k: v for k, v in cv.items() if v not in (None, "")}, origins


def original_loc(
    loc: tuple[str | int, ...], origins: list[tuple[str, int]]
) -> tuple[str | int, ...]:
    """Translate a location in the mapped CV back to the JSON Resume document's keys."""
    if not loc:
        return loc
    head, rest = loc[0], list(loc[1:])
    if head == "experience" and rest and isinstance(rest[0], int) and rest[0] < len(origins):
        section, index = origins[rest[0]]
        head, rest = section, [index, *rest[1:]]
    elif head == "competencies":
        head = "skills"
    elif head in {"name", "email", "phone", "summary"}:
        return ("basics", head)
    elif head == "declarations":
        return ("meta", head, *rest)
    renamed = [FIELD_ORIGIN.get(p, p) if isinstance(p, str) else p for p in rest]
    return (head, *renamed)
