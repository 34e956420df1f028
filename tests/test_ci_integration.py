"""The pre-commit hook and the CI examples, run as pre-commit and CI would run them."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from jobscreen.scaffold import vacancy_skeleton
from tests.conftest import EXAMPLES, ROOT, cli

HOOKS = ROOT / ".pre-commit-hooks.yaml"
CI = EXAMPLES / "ci"
WORKFLOW = CI / ".github" / "workflows" / "validate-vacancies.yml"
GITLAB = CI / ".gitlab-ci.yml"
PRE_COMMIT_CONFIG = CI / ".pre-commit-config.yaml"
# pre-commit's manifest keys (https://pre-commit.com/#creating-new-hooks).
REQUIRED_KEYS = frozenset({"id", "name", "entry", "language"})
OPTIONAL_KEYS = frozenset(
    {
        *("files", "exclude", "types", "types_or", "exclude_types", "always_run", "fail_fast"),
        *("verbose", "pass_filenames", "require_serial", "description", "language_version"),
        *("minimum_pre_commit_version", "args", "stages", "alias", "additional_dependencies"),
        "log_file",
    }
)
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=[^:]*::(.*)$")
BROKEN_VALUE = "min_years: 7"


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def the_hook() -> dict[str, Any]:
    hooks = load_yaml(HOOKS)
    assert isinstance(hooks, list)
    by_id = {hook["id"]: hook for hook in hooks}
    hook: dict[str, Any] = by_id["jobscreen-validate"]
    return hook


def execute(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A `jobscreen ...` command line as CI and pre-commit run it, here in-process through the
    console entry point's main() (same exit codes and streams; tests/test_process.py checks
    the real process)."""
    assert command[0] == "jobscreen", command
    done = cli(*command[1:], cwd=cwd)
    return subprocess.CompletedProcess(
        command, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def parse_annotations(stdout: str) -> list[tuple[str, str, int, int, str]]:
    found = [ANNOTATION.match(line) for line in stdout.splitlines()]
    return [(m[1], m[2], int(m[3]), int(m[4]), m[5]) for m in found if m]


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, int, int]:
    """A new repository: a good and a broken vacancy, a workflow and a README.

    Returns the repository and the line and column of the broken value.
    """
    good = vacancy_skeleton("good")
    broken = vacancy_skeleton("broken").replace(BROKEN_VALUE, "min_years: seven")
    (tmp_path / "vacancies").mkdir()
    (tmp_path / "vacancies" / "good.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "vacancies" / "broken.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Vacancies\n", encoding="utf-8")
    lines = broken.splitlines()
    row = next(i for i, line in enumerate(lines) if "min_years: seven" in line)
    return tmp_path, row + 1, lines[row].index("seven") + 1


def selected_files(hook: dict[str, Any], root: Path) -> list[str]:
    """The files pre-commit passes to the hook: its `files` regex, and YAML by suffix."""
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    pattern = re.compile(hook.get("files", ""))
    return [n for n in names if pattern.search(n) and n.endswith((".yaml", ".yml"))]


# --- the hook definition --------------------------------------------------------------------


def test_hook_manifest_uses_only_documented_keys() -> None:
    for hook in load_yaml(HOOKS):
        assert hook.keys() >= REQUIRED_KEYS, hook
        assert hook.keys() - REQUIRED_KEYS - OPTIONAL_KEYS == set(), hook
        assert all(isinstance(hook[key], str) for key in REQUIRED_KEYS)


def test_jobscreen_validate_hook_runs_the_validate_command_on_vacancy_yaml() -> None:
    hook = the_hook()
    pattern = re.compile(hook["files"])
    assert shlex.split(hook["entry"])[:2] == ["jobscreen", "validate"]
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert pattern.search("vacancies/un-post.yaml")
    assert pattern.search("vacancies/2025/nato-post.yml")
    assert not pattern.search("examples/candidates/cand.yaml")
    assert not pattern.search("vacancies/notice.txt")


def test_hook_manifest_passes_pre_commits_own_check() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(HOOKS))
    assert [hook["id"] for hook in hooks] == ["jobscreen-validate"]
    config = clientlib.load_config(str(PRE_COMMIT_CONFIG))
    assert config["repos"][0]["hooks"][0]["id"] == "jobscreen-validate"


# --- the new repository: hook and workflow catch the broken file -------------------------------


def test_hook_entry_annotates_the_broken_file_on_its_line(
    repository: tuple[Path, int, int],
) -> None:
    root, line, column = repository
    hook = the_hook()
    files = selected_files(hook, root)
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), "--format", "github", *files]
    proc = execute(command, root)
    errors = [a for a in parse_annotations(proc.stdout) if a[0] == "error"]
    assert files == ["vacancies/broken.yaml", "vacancies/good.yaml"]
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert errors == [
        (
            "error",
            "vacancies/broken.yaml",
            line,
            column,
            "min_years: input should be a valid number, unable to parse string as a number",
        )
    ]
    assert f"vacancies/broken.yaml:{line}:{column}: error: min_years" in proc.stdout


def test_hook_passes_once_the_file_is_fixed(repository: tuple[Path, int, int]) -> None:
    root, _, _ = repository
    broken = root / "vacancies" / "broken.yaml"
    broken.write_text(vacancy_skeleton("broken"), encoding="utf-8")
    hook = the_hook()
    proc = execute([*shlex.split(hook["entry"]), *selected_files(hook, root)], root)
    assert proc.returncode == 0, proc.stdout
    # the skeleton's EXAMPLE values are lint warnings (JS107): they do not block the commit
    assert proc.stdout.splitlines()[-1] == "2 files valid, 16 warnings"
    assert proc.stdout.count(": warning: JS107 ") == 16, proc.stdout


def workflow_command(run: str) -> list[str]:
    """The `jobscreen validate` command of a CI script line, without shell operators."""
    words = shlex.split(run)
    return words[: words.index("||")] if "||" in words else words


def test_github_workflow_installs_jobscreen_and_annotates_the_broken_file(
    repository: tuple[Path, int, int],
) -> None:
    root, line, column = repository
    steps = load_yaml(WORKFLOW)["jobs"]["validate"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    validate = [workflow_command(r) for r in runs if "jobscreen validate" in r]
    assert any("pip install" in r for r in runs)
    assert len(validate) == 1
    assert validate[0][validate[0].index("--format") + 1] == "github"
    proc = execute(validate[0], root)
    errors = [a[1:4] for a in parse_annotations(proc.stdout) if a[0] == "error"]
    assert proc.returncode == 1
    assert errors == [("vacancies/broken.yaml", line, column)]


def test_gitlab_job_writes_the_junit_report_it_publishes(
    repository: tuple[Path, int, int],
) -> None:
    root, _, _ = repository
    job = load_yaml(GITLAB)["validate-vacancies"]
    script = [workflow_command(line) for line in job["script"] if "jobscreen validate" in line]
    junit = [c for c in script if "junit" in c]
    assert any("pip install" in line for line in job["script"])
    assert len(junit) == 1
    report = junit[0][junit[0].index("--output") + 1]
    assert job["artifacts"]["reports"]["junit"] == report
    assert execute(junit[0], root).returncode == 1
    cases = ET.parse(root / report).getroot().iter("testcase")
    failed = {c.get("name"): c.find("failure") is not None for c in cases}
    assert failed == {"vacancies/broken.yaml": True, "vacancies/good.yaml": False}


@pytest.mark.parametrize(
    ("path", "schema"),
    [(WORKFLOW, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")],
    ids=["github", "gitlab"],
)
def test_ci_examples_fit_their_services_schemas(path: Path, schema: str) -> None:
    pytest.importorskip("check_jsonschema")
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_validating_the_examples_directory_skips_the_hidden_ci_files() -> None:
    proc = execute(["jobscreen", "validate", str(CI.parent)], ROOT)
    assert ".gitlab-ci.yml" not in proc.stdout
    assert ".github" not in proc.stdout
