"""The copy of JSON Resume's sample under tests/data/real is the shared one, byte for byte."""

from __future__ import annotations

import pytest

from tests.conftest import JSONRESUME_SAMPLE, REAL


def test_the_vendored_sample_is_the_shared_one() -> None:
    shared = REAL / JSONRESUME_SAMPLE.name
    if not shared.exists():
        pytest.skip("../shared is not beside this clone")
    assert JSONRESUME_SAMPLE.read_bytes() == shared.read_bytes()
