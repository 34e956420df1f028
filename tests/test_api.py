"""The public library API: what `import jobscreen` gives a script, and that it stays lazy."""

from __future__ import annotations

import datetime as dt
import importlib
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
