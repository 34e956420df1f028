"""Golden outputs: every command and format over the bundled vacancies and examples, byte for
byte, with ``--as-of`` fixed. A reorganisation must leave them all as they are.

A deliberate change of output is recorded by writing the files again and reviewing the diff:

    .venv/bin/python tests/test_golden.py        # rewrites tests/data/golden/
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":  # run as a script: import the helpers as pytest would
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobscreen.results import content_digest
from tests.conftest import DATA, ROOT, invoke

GOLDEN = DATA / "golden"
AS_OF = ("--as-of", "2026-06-30")
RECORD_DIGEST = re.compile(r'("digest": ?")[0-9a-f]{64}(?=")')
VACANCY_IDS = sorted(p.stem for p in (ROOT / "vacancies").glob("*.yaml"))
ONE_CV = {  # per vacancy, a candidate to explain (a native, a JSON Resume and a text one)
    "ccm-isu-director": "examples/candidates/joseph-mwangi.yaml",
    "comsec-head-good-offices": "examples/candidates/mei-lin-zhao.resume.json",
    "comsec-pao-good-offices": "examples/candidates/txt-amina-diallo.txt",
    "nato-asg-pasp": "examples/candidates/henrik-aasland.yaml",
    "un-aro-senior-pmo": "examples/candidates/daniel-okafor.yaml",
}
DECISIONS = "tests/data/decisions/un-aro-senior-pmo.csv"  # a panel's, for the walkthrough
TEXT_CVS = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "examples" / "candidates").glob("txt-*")
)


def _cases() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    for v in VACANCY_IDS:
        vacancy = f"vacancies/{v}.yaml"
        for fmt in ("table", "json", "jsonl", "csv", "markdown", "html"):
            cases[f"score-{v}-{fmt}"] = [
                "score",
                vacancy,
                "examples/candidates/",
                *AS_OF,
                "-f",
                fmt,
            ]
        for fmt in ("table", "json", "markdown", "html"):
            cases[f"explain-{v}-{fmt}"] = ["explain", vacancy, ONE_CV[v], *AS_OF, "-f", fmt]
        cases[f"show-{v}"] = ["show", vacancy]
        cases[f"draft-{v}"] = [
            "new",
            "vacancy",
            "--from-notice",
            f"tests/data/golden/notices/{v}.txt",
        ]
    cases["score-blind-un-aro"] = [
        "score", "vacancies/un-aro-senior-pmo.yaml", "examples/candidates/", *AS_OF, "--blind"
    ]  # fmt: skip
    un_aro, decided = "vacancies/un-aro-senior-pmo.yaml", ("--decisions", DECISIONS)
    cases["review-un-aro"] = ["review", un_aro, "examples/candidates/", *AS_OF]
    cases["review-blind-un-aro"] = ["review", un_aro, "examples/candidates/", *AS_OF, "--blind"]
    for fmt in ("table", "csv", "markdown"):
        cases[f"score-decisions-un-aro-{fmt}"] = [
            "score", un_aro, "examples/candidates/", *AS_OF, *decided, "-f", fmt
        ]  # fmt: skip
    for cv in ("nomvula-dlamini", "fatima-benali", "aissatou-ndiaye"):
        cases[f"explain-decisions-{cv}"] = [
            "explain", un_aro, f"examples/candidates/{cv}.yaml", *AS_OF, *decided
        ]  # fmt: skip
    for fmt in ("table", "json", "jsonl", "csv", "markdown"):
        cases[f"match-{fmt}"] = [
            "match", "examples/candidates/daniel-okafor.yaml", "vacancies/", *AS_OF, "-f", fmt
        ]  # fmt: skip
    for fmt in ("text", "json", "github", "junit"):
        cases[f"validate-{fmt}"] = ["validate", "vacancies/", "examples/", "-f", fmt]
    cases["schema-vacancy"] = ["schema", "vacancy"]
    cases["schema-cv"] = ["schema", "cv"]
    cases["new-vacancy"] = ["new", "vacancy"]
    for cv in TEXT_CVS:
        cases[f"extract-{Path(cv).stem}"] = ["extract", cv]
    return cases


CASES = _cases()


def output_of(args: list[str]) -> str:
    """Exit code, stdout and stderr of one in-process run, as one text; the checkout's own
    path (a record's working directory) is written as ``<root>``, and the record's digest,
    which covers it, as ``<digest>``: so any clone compares."""
    code, out, err = invoke(*args)
    if RECORD_DIGEST.search(out):  # the digest is right for the record as written
        record = json.loads(out)
        assert record["record"]["digest"] == content_digest(record)
    text = f"$ jobscreen {' '.join(args)}\nexit {code}\n--- stdout\n{out}--- stderr\n{err}"
    text = text.replace(json.dumps(str(ROOT))[1:-1], "<root>")
    return RECORD_DIGEST.sub(r"\1<digest>", text)  # a record's digest covers its cwd


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_as_recorded(name: str) -> None:
    expected = (GOLDEN / f"{name}.out").read_text(encoding="utf-8")
    assert output_of(CASES[name]) == expected


def test_every_recorded_output_has_its_case() -> None:
    """A golden file without a case would be a check that silently stopped running."""
    assert sorted(p.stem for p in GOLDEN.glob("*.out")) == sorted(CASES)


def main() -> None:
    os.chdir(ROOT)
    os.environ.update({"COLUMNS": "160", "NO_COLOR": "1", "TERM": "dumb"})
    for old in GOLDEN.glob("*.out"):
        old.unlink()
    for name, args in sorted(CASES.items()):
        (GOLDEN / f"{name}.out").write_text(output_of(args), encoding="utf-8")
    sys.stdout.write(f"wrote {len(CASES)} golden outputs to {GOLDEN}\n")


if __name__ == "__main__":
    main()
