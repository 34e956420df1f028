"""Precision and recall of `jobscreen extract` on hand-written CVs with expected answers.

    python bench/extraction.py                  # the development set (bench/extraction/dev)
    python bench/extraction.py --set held-out   # the held-out set: once, at the end of a change
    python bench/extraction.py --set held-out-2 # the second held-out set (written later), likewise
    python bench/extraction.py --cases          # also every missed and spurious item
    python bench/extraction.py --time           # median time to extract the two-page PDF

Every document ``NAME.EXT`` is read as jobscreen reads it (the library behind `jobscreen
extract`: the PDF or Word reader where there is one, then the text extractor) and compared
with ``NAME.expected.yaml`` (see bench/extraction/README.md). A PDF or Word document that
jobscreen cannot read (no reader yet, or its reader refuses it) counts as all items missed.

Items are paired greedily, each expected item with the first unpaired extracted item that
matches it; precision = paired / extracted, recall = paired / expected, over the whole set.

Matching rules ("loose" = both non-empty and rapidfuzz's token-set ratio >= 85 after case,
accents and punctuation are dropped, so "Director" matches "Director of the Technical
Cooperation Office" and "Licenciatura" matches "Licenciatura en Derecho"):
- degrees: the level is right (jobscreen's degree vocabulary reads the extracted degree name
  at the expected ISCED level, the ``# level:`` comment of the answer; where the vocabulary
  gives no level or "review", the degree names match loosely instead), and the field matches
  loosely the extracted field or degree name (when the answer gives a field), and the year is
  the same (when the answer gives one);
- posts: title and organisation each match loosely, or "title organisation" as one string
  matches loosely (where the title ends and the organisation begins is a judgement); and
  start and end are the same to the precision the answer gives (month or year), an
  extracted "present" and a missing end being the same;
- languages: the same language (jobscreen's names, codes and endonyms), and the same level
  on jobscreen's 0-6 scale (A1..C2 = 1..6; native = 6 as jobscreen reads "native"); a
  Europass grid is compared skill by skill (jobscreen's four skills, the lower of spoken
  interaction and production).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from jobscreen.extract import extract
from jobscreen.levels import degree_of, language_of, level_value, skill_name

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "extraction"
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
KINDS = ("degrees", "posts", "languages")
TWO_PAGE_PDF = CORPUS / "dev" / "pdf-twopage-rajesh-menon.pdf"
LOOSE = 85


# --- reading documents as jobscreen reads them -----------------------------------------


def document_text(path: Path) -> str | None:
    """The text jobscreen's extractor reads for a document, or None when it cannot read it."""
    data = path.read_bytes()
    if path.suffix.lower() in TEXT_SUFFIXES:
        return data.decode("utf-8")
    try:
        from jobscreen.documents import reader_for
        from jobscreen.errors import JobscreenError
        from jobscreen.limits import DEFAULT_LIMITS
    except ImportError:  # no PDF or Word reader yet
        return None
    reader = reader_for(path.name)
    if reader is None:
        return None
    try:
        return str(reader(data, str(path), DEFAULT_LIMITS))
    except JobscreenError as exc:
        print(f"  unreadable: {exc}", file=sys.stderr)
        return None


# --- answers ----------------------------------------------------------------------------

_LEVEL_COMMENT = re.compile(r"#\s*level:\s*([a-z-]+)")


def expected_levels(text: str) -> list[str]:
    """The ``# level:`` comment of each education entry, in order (YAML drops comments)."""
    levels: list[str] = []
    inside = False
    for line in text.splitlines():
        if re.match(r"^\S", line):
            inside = line.startswith("education:")
        elif inside and re.match(r"^\s*-\s", line):
            levels.append("")
        if inside and levels and (m := _LEVEL_COMMENT.search(line)):
            levels[-1] = levels[-1] or m.group(1)
    return levels


# --- loose comparison -------------------------------------------------------------------


def norm(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def loose(a: Any, b: Any) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and fuzz.token_set_ratio(a, b) >= LOOSE


def same_date(expected: Any, got: Any) -> bool:
    want = "" if expected in (None, "", "present") else str(expected)
    have = "" if got in (None, "", "present") else str(got)
    if not want:
        return not have
    return have[: len(want)] == want and (len(want) < 7 or len(have) >= 7)


def degree_matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    name = str(got.get("degree") or "")
    known = degree_of(name) if name else None
    if known is not None and known.level is not None and not known.uncertain:
        level_ok = known.level.name == want["level"].replace("-", "_")
    else:
        level_ok = loose(want.get("degree"), name)
    field_ok = not want.get("field") or any(
        loose(want["field"], got.get(key)) for key in ("field", "degree")
    )
    year_ok = not want.get("year") or str(got.get("year") or "") == str(want["year"])
    return level_ok and field_ok and year_ok


def post_matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    title, org = want.get("title"), want.get("organisation")
    parts = loose(title, got.get("title")) and (not org or loose(org, got.get("organisation")))
    whole = loose(
        f"{title or ''} {org or ''}", f"{got.get('title') or ''} {got.get('organisation') or ''}"
    )
    return (
        (parts or whole)
        and same_date(want.get("start"), got.get("start"))
        and same_date(want.get("end"), got.get("end"))
    )


def _value(level: Any) -> int | None:
    return None if level is None else level_value(str(level))


def _skills(level: Any) -> dict[str, int | None] | None:
    if not isinstance(level, dict):
        return None
    found: dict[str, int | None] = {}
    for key, value in level.items():
        skill = skill_name(str(key)) or str(key)
        v = _value(value)
        old = found.get(skill)
        found[skill] = v if old is None or v is None else min(old, v)
    return found


def language_matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    name_w = language_of(str(want.get("language"))) or norm(want.get("language"))
    name_g = language_of(str(got.get("language"))) or norm(got.get("language"))
    if name_w != name_g:
        return False
    w, g = want.get("level"), got.get("level")
    if isinstance(w, dict) or isinstance(g, dict):
        ws = _skills(w) or dict.fromkeys(_skills(g) or {}, _value(w))
        gs = _skills(g) or dict.fromkeys(ws, _value(g))
        return ws == gs and None not in ws.values()
    return _value(w) is not None and _value(w) == _value(g)


# --- scoring ----------------------------------------------------------------------------


@dataclass
class Count:
    expected: int = 0
    extracted: int = 0
    paired: int = 0
    cases: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.paired / self.extracted if self.extracted else 0.0

    def recall(self) -> float:
        return self.paired / self.expected if self.expected else 0.0


def show(item: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in item.items() if k not in ("description", "institution"))


def tally(
    count: Count,
    doc: str,
    wanted: list[dict[str, Any]],
    got: list[dict[str, Any]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> None:
    count.expected += len(wanted)
    count.extracted += len(got)
    free = list(range(len(got)))
    for want in wanted:
        hit = next((i for i in free if same(want, got[i])), None)
        if hit is None:
            count.cases.append(f"{doc}: missed   {show(want)}")
        else:
            free.remove(hit)
            count.paired += 1
    count.cases.extend(f"{doc}: spurious {show(got[i])}" for i in free)


def answers(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    education = data.get("education") or []
    for entry, level in zip(education, expected_levels(text), strict=True):
        entry["level"] = level
    return data


def documents(folder: Path) -> list[Path]:
    """The documents of a set: every file but the expected answers and the set's README."""
    skip = ("README.md",)
    return sorted(
        p for p in folder.iterdir() if not p.name.endswith(".expected.yaml") and p.name not in skip
    )


def measure(set_name: str, cases: bool) -> dict[str, Count]:
    counts = {kind: Count() for kind in KINDS}
    for path in documents(CORPUS / set_name):
        want = answers(path.with_name(path.name.rsplit(".", 1)[0] + ".expected.yaml"))
        text = document_text(path)
        got = extract(text).data if text else {}
        doc = path.name
        tally(counts["degrees"], doc, want.get("education") or [], got.get("education") or [],
              degree_matches)  # fmt: skip
        tally(counts["posts"], doc, want.get("experience") or [], got.get("experience") or [],
              post_matches)  # fmt: skip
        tally(counts["languages"], doc, want.get("languages") or [], got.get("languages") or [],
              language_matches)  # fmt: skip
        if text is None:
            print(f"  not read: {doc} (all its items count as missed)", file=sys.stderr)
    print(f"set: {set_name} ({len(documents(CORPUS / set_name))} documents)")
    print(f"{'field':<10} {'precision':>9} {'recall':>7} {'expected':>9} {'extracted':>9} paired")
    for kind, c in counts.items():
        print(
            f"{kind:<10} {c.precision():>9.2f} {c.recall():>7.2f} "
            f"{c.expected:>9} {c.extracted:>9} {c.paired:>6}"
        )
    if cases:
        for kind, c in counts.items():
            print(f"\n## {kind}")
            for line in c.cases:
                print("  " + line)
    return counts


def timing(runs: int) -> None:
    from jobscreen.documents import reader_for
    from jobscreen.limits import DEFAULT_LIMITS

    data = TWO_PAGE_PDF.read_bytes()
    reader = reader_for(TWO_PAGE_PDF.name)
    reading, total = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        text = reader(data, str(TWO_PAGE_PDF), DEFAULT_LIMITS)
        t1 = time.perf_counter()
        extract(text)
        t2 = time.perf_counter()
        reading.append(t1 - t0)
        total.append(t2 - t0)
    print(f"{TWO_PAGE_PDF.name}: {runs} runs")
    print(f"  PDF to text: median {statistics.median(reading) * 1000:.1f} ms")
    print(f"  PDF to CV (text + extractor): median {statistics.median(total) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sets = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    parser.add_argument("--set", default="dev", choices=sets, help="a folder of the corpus")
    parser.add_argument("--cases", action="store_true", help="list every miss")
    parser.add_argument("--time", action="store_true", help="time the two-page PDF")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if args.cases and args.set.startswith("held-out"):
        parser.error("--cases is for dev only: held-out items are never looked at")
    if args.time:
        timing(args.runs)
        return
    measure(args.set, args.cases)


if __name__ == "__main__":
    main()
