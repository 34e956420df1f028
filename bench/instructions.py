"""Instructions a CV for the engine's assessment, counted by valgrind: a figure that does not drift.

    python bench/instructions.py                                   # nato-asg-pasp, 200 CVs
    python bench/instructions.py --vacancy vacancies/ccm-isu-director.yaml --n 400

Wall and CPU time on the project's machine drift by up to a third within the hour, so a
change of a few per cent to the engine cannot be read from them. This counts instead: it
runs `valgrind --tool=callgrind` on a child that reads and validates the first N CVs of
--cvs and assesses the first N/10 of them, then on one that assesses all N, and prints the
difference divided by 0.9 N. Start-up, reading and validation are the same in both runs,
so what is left is the assessment alone, with each text met for the first time (nothing is
assessed twice). With PYTHONHASHSEED=0 two runs differ by less than 0.01%. It takes
about a minute and a half for 200 CVs; it needs valgrind (`apt install valgrind`) and
`python bench/generate.py --n 1000 --out bench/data/yaml-1000`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

AS_OF, TODAY = dt.date(2026, 1, 1), dt.date(2026, 11, 23)


def child(vacancy: str, cvs: str, n: int, assessed: int) -> None:
    """Read and validate N CVs, then assess the first ``assessed`` of them."""
    from jobscreen.api import assess
    from jobscreen.engine.context import CompiledVacancy
    from jobscreen.limits import DEFAULT_LIMITS
    from jobscreen.loading import load_documents
    from jobscreen.sources import Candidate, load_vacancy, to_candidate

    files = sorted(p for p in Path(cvs).iterdir() if p.suffix in {".yaml", ".yml"})[:n]
    docs = [doc for path in files for doc in load_documents(path, DEFAULT_LIMITS)]
    items = [to_candidate(doc, TODAY) for doc in docs]
    candidates = [c for c in items if isinstance(c, Candidate)]
    compiled = CompiledVacancy.build(load_vacancy(vacancy))
    for candidate in candidates[:assessed]:
        assess(compiled, candidate, AS_OF)


def count(vacancy: str, cvs: str, n: int, assessed: int) -> int:
    """Instructions callgrind counts for one child run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            vacancy,
            cvs,
            str(n),
            str(assessed),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        vacancy, cvs, n, assessed = sys.argv[2:6]
        child(vacancy, cvs, int(n), int(assessed))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancy", default="vacancies/nato-asg-pasp.yaml")
    parser.add_argument("--cvs", default="bench/data/yaml-1000")
    parser.add_argument("--n", type=int, default=200, help="CVs (at least 10)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt install valgrind")
    if args.n < 10:
        raise SystemExit("--n must be at least 10")
    few = args.n // 10
    small = count(args.vacancy, args.cvs, args.n, few)
    large = count(args.vacancy, args.cvs, args.n, args.n)
    per_cv = (large - small) / (args.n - few)
    print(f"{Path(args.vacancy).stem}: {per_cv:,.0f} instructions a CV to assess ({args.n} CVs)")


if __name__ == "__main__":
    main()
