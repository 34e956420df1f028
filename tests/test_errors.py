"""The one exception module: every exception jobscreen raises is defined in errors.py."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import jobscreen
from jobscreen import errors


def _modules() -> list[str]:
    found = pkgutil.walk_packages(jobscreen.__path__, "jobscreen.")
    return sorted(m.name for m in found if m.name not in ("jobscreen.__main__",))


def test_every_exception_class_is_defined_in_errors() -> None:
    outside = []
    for name in _modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == name
                and name != errors.__name__
            ):
                outside.append(f"{name}.{value.__qualname__}")
    assert outside == []


def test_the_walk_sees_the_package() -> None:
    modules = _modules()
    assert "jobscreen.errors" in modules
    assert "jobscreen.cli.app" in modules
    assert len(modules) > 40
