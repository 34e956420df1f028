"""The public library API: what `import jobscreen` gives a script, and that it stays lazy."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import subprocess
import sys

import pytest

import jobscreen
from jobscreen.results import screening_dict
from tests.conftest import CANDIDATES, ROOT, VACANCIES

VACANCY = str(VACANCIES / "un-aro-senior-pmo.yaml")


def test_every_public_name_is_the_object_its_module_defines() -> None:
    assert sorted(jobscreen.__all__) == sorted(["__version__", *jobscreen._PUBLIC])
    for name, module in jobscreen._PUBLIC.items():
        assert getattr(jobscreen, name) is getattr(importlib.import_module(module), name), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'api_screen'"):
        _ = jobscreen.api_screen


@pytest.mark.process
def test_importing_jobscreen_imports_neither_pydantic_nor_the_engine() -> None:
    """Process: the modules one import loads can only be seen in a fresh interpreter;
    `jobscreen --version` depends on the package's __init__ staying this light."""
    watched = "('jobscreen', 'pydantic', 'typing')"
    probe = (
        f"import sys, jobscreen; print(sorted(m for m in sys.modules if m.startswith({watched})))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=ROOT, check=True)
    assert done.stdout.decode().strip() == "['jobscreen']"


def test_screen_in_a_pool_of_workers_is_the_same_screening() -> None:
    """The executor decides where CVs are scored, never the outcome."""
    from jobscreen.batch import pool

    vacancy = jobscreen.load_vacancy(VACANCY)
    loaded = list(
        jobscreen.load_candidates([str(CANDIDATES)], phrases=vacancy.competency_phrases())
    )
    options = jobscreen.ScreenOptions(dt.date(2026, 6, 30), top=5)
    here = jobscreen.screen(vacancy, loaded, options)
    there = jobscreen.screen(vacancy, loaded, options, executor=pool(2))
    assert len(here.results) == 5
    assert screening_dict(there) == screening_dict(here)


@pytest.mark.parametrize(
    ("given", "error", "says"),
    [
        ({"as_of": dt.datetime(2026, 6, 30, tzinfo=dt.UTC)}, TypeError, "as_of must be"),
        ({"as_of": "2026-06-30"}, TypeError, "as_of must be"),
        ({"top": 0}, ValueError, "top must be"),
        ({"top": -1}, ValueError, "top must be"),
        ({"top": 2.5}, ValueError, "top must be"),
        ({"top": True}, ValueError, "top must be"),
        ({"blind": 1}, TypeError, "blind must be"),
        ({"eligible_only": "yes"}, TypeError, "eligible_only must be"),
        ({"limits": None}, TypeError, "limits must be"),
    ],
)
def test_wrong_options_are_refused_when_made_never_blamed_on_the_cvs(
    given: dict[str, object], error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says):
        jobscreen.ScreenOptions(**given)  # type: ignore[arg-type]


def test_good_options_are_kept() -> None:
    options = jobscreen.ScreenOptions(as_of=dt.date(2026, 6, 30), top=1, blind=True)
    assert (options.as_of, options.top, options.blind) == (dt.date(2026, 6, 30), 1, True)


def test_a_yaml_cv_on_stdin_is_one_error_in_the_library_as_in_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """load_candidates(['-']) once reported a YAML CV piped in as one JSON error a line."""
    text = (CANDIDATES / "daniel-okafor.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    vacancy = jobscreen.load_vacancy(VACANCIES / "un-aro-senior-pmo.yaml")
    screening = jobscreen.screen(vacancy, jobscreen.load_candidates(["-"]))
    lines = text.count(b"\n")
    assert [str(p) for p in screening.errors] == [
        f"<stdin>:1:1: not JSON Lines (one CV a line, each a JSON object): {lines} lines not "
        "read; give a YAML, text, PDF or Word CV as a file"
    ]
    assert screening.summary is not None
    assert screening.summary.unreadable == 1


def test_dir_and_help_list_the_public_names() -> None:
    assert set(jobscreen.__all__) <= set(dir(jobscreen))
