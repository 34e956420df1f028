"""Accuracy of jobscreen's mandatory verdicts against a recruiter's hand judgements.

    python bench/accuracy.py                  # the development sets (dev-*/), per vacancy
    python bench/accuracy.py --set held-out   # the held-out set: once, at the end of a change
    python bench/accuracy.py --set held-out-2 # the second held-out set (written later), likewise
    python bench/accuracy.py --markdown       # the tables as Markdown
    python bench/accuracy.py --cases          # also every disagreement, rule by rule

Each folder under bench/accuracy/ holds realistic CVs and an ``answers.yaml`` written by hand
from the notice texts (shared/seeds) before any matcher change looked at them. jobscreen is
run as a user runs it (``jobscreen score VACANCY CVS -f json``), counted to 2026-12-01.

Per mandatory requirement, the recruiter's verdict (met, not_met, review) against
jobscreen's status (met; not_met or partial; needs_review):
- agreement: met/met, not_met/not_met or partial, review/needs_review; share of all;
- false rejection: judged met or review, jobscreen not_met or partial; share of those judged
  met or review (a qualified candidate hidden from the panel: the costliest error);
- false accept: judged not_met, jobscreen met; share of those judged not_met;
- sent to review: judged met, jobscreen needs_review; share of those judged met;
- unreadable: a CV jobscreen could not read: each of its requirements counts as a
  disagreement and, where judged met or review, as a false rejection.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = BENCH / "accuracy"
AS_OF = "2026-12-01"
FAILED = {"not_met", "partial"}
GOALS = {"agreement": 0.90, "false rejections": 0.01, "false accepts": 0.02, "sent to review": 0.10}


@dataclass
class Tally:
    """Counts of one vacancy (or all): judged requirements and how jobscreen answered."""

    counts: Counter[str] = field(default_factory=Counter)
    cvs: int = 0
    eligibility_agreed: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, case: str, rule: str, verdict: str, status: str) -> None:
        c = self.counts
        c["judged"] += 1
        c[f"judged {verdict}"] += 1
        agreed = (
            (verdict == "met" and status == "met")
            or (verdict == "not_met" and status in FAILED)
            or (verdict == "review" and status == "needs_review")
        )
        c["agreement"] += agreed
        c["false rejections"] += verdict in ("met", "review") and status in FAILED | {"unreadable"}
        c["false accepts"] += verdict == "not_met" and status == "met"
        c["sent to review"] += verdict == "met" and status == "needs_review"
        if not agreed:
            self.misses.append(f"{case} {rule}: judged {verdict}, jobscreen {status}")

    def rates(self) -> dict[str, float | None]:
        c = self.counts
        bases = {
            "agreement": c["judged"],
            "false rejections": c["judged met"] + c["judged review"],
            "false accepts": c["judged not_met"],
            "sent to review": c["judged met"],
        }
        return {k: (c[k] / n if n else None) for k, n in bases.items()}

    def merge(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.cvs += other.cvs
        self.eligibility_agreed += other.eligibility_agreed
        self.misses.extend(other.misses)


def jobscreen() -> list[str]:
    beside = Path(sys.executable).with_name("jobscreen")
    return [str(beside)] if beside.exists() else [shutil.which("jobscreen") or "jobscreen"]


def screen(vacancy: str, cvs: list[Path]) -> dict[str, dict[str, object]]:
    """jobscreen's results for these CVs, by file name; an unreadable CV maps to {}."""
    command = [*jobscreen(), "score", str(ROOT / "vacancies" / f"{vacancy}.yaml")]
    command += [str(cv) for cv in cvs] + ["-f", "json", "--as-of", AS_OF]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"jobscreen failed ({done.returncode}): {done.stderr.strip()}")
    output = json.loads(done.stdout)
    found: dict[str, dict[str, object]] = {cv.name: {} for cv in cvs}
    for result in output["results"]:
        found[Path(result["source"]).name] = result
    return found


def statuses(result: dict[str, object]) -> dict[str, str]:
    rules = result.get("rules", [])
    assert isinstance(rules, list)
    return {rule["id"]: rule["status"] for rule in rules}


def tally_folder(folder: Path) -> dict[str, Tally]:
    answers = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))
    by_vacancy: dict[str, list[dict[str, object]]] = defaultdict(list)
    for answer in answers:
        by_vacancy[answer["vacancy"]].append(answer)
    tallies: dict[str, Tally] = {}
    for vacancy, cases in sorted(by_vacancy.items()):
        results = screen(vacancy, [folder / str(case["cv"]) for case in cases])
        tally = tallies[vacancy] = Tally()
        for case in cases:
            tally_case(tally, f"{folder.name}/{case['cv']}", case, results[str(case["cv"])])
    return tallies


def tally_case(tally: Tally, name: str, case: dict[str, object], result: dict[str, object]) -> None:
    found = statuses(result)
    rules = case["rules"]
    assert isinstance(rules, dict)
    for rule, judged in sorted(rules.items()):
        tally.add(name, rule, judged["verdict"], found.get(rule, "unreadable"))
    tally.cvs += 1
    judged = case["eligible"]  # YAML reads an unquoted yes/no as a boolean
    expected = (
        {True: "yes", False: "no"}.get(judged, judged) if isinstance(judged, bool) else judged
    )
    tally.eligibility_agreed += expected == result.get("eligibility", "unreadable")


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def rows(tallies: dict[str, Tally]) -> Iterable[list[str]]:
    total = Tally()
    for vacancy, tally in tallies.items():
        total.merge(tally)
        yield row(vacancy, tally)
    yield row("all", total)


def row(name: str, tally: Tally) -> list[str]:
    c, r = tally.counts, tally.rates()
    return [
        name,
        str(tally.cvs),
        str(c["judged"]),
        f"{c['agreement']} ({percent(r['agreement'])})",
        f"{c['false rejections']} ({percent(r['false rejections'])})",
        f"{c['false accepts']} ({percent(r['false accepts'])})",
        f"{c['sent to review']} ({percent(r['sent to review'])})",
        f"{tally.eligibility_agreed}/{tally.cvs}",
    ]


HEADER = [
    "vacancy",
    "CVs",
    "mandatory judged",
    "agreement",
    "false rejections",
    "false accepts",
    "met sent to review",
    "eligibility agreed",
]


def show(table: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in table])
    widths = [max(len(r[i]) for r in [HEADER, *table]) for i in range(len(HEADER))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True))
        for r in [HEADER, *table]
    )


def folders(chosen: str) -> list[Path]:
    if chosen == "dev":
        return sorted(p for p in CORPUS.glob("dev-*") if (p / "answers.yaml").exists())
    return [CORPUS / chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", default="dev", help="dev (every dev-* folder), held-out, held-out-2"
    )
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--cases", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    if args.cases and args.set.startswith("held-out"):
        parser.error("--cases is for dev only: held-out cases are never looked at one by one")
    tallies: dict[str, Tally] = defaultdict(Tally)
    for folder in folders(args.set):
        for vacancy, tally in tally_folder(folder).items():
            tallies[vacancy].merge(tally)
    table = list(rows(dict(sorted(tallies.items()))))
    print(f"set: {args.set}, as of {AS_OF}")
    print(show(table, args.markdown))
    print(
        "goals: "
        + ", ".join(f"{k} {'≥' if k == 'agreement' else '≤'} {v:.0%}" for k, v in GOALS.items())
    )
    if args.cases:
        for tally in tallies.values():
            for miss in tally.misses:
                print(miss)


if __name__ == "__main__":
    main()
