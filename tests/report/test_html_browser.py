"""The panel report in a real browser: headless Chromium renders it to a picture, and the page
it builds holds every candidate id and every rule id.

Skipped only when no Chromium is found and JOBSCREEN_REQUIRE_BROWSER is unset; CI sets it
(and installs Chromium), so there a missing browser fails.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
from pathlib import Path

import pytest

from jobscreen.sources import load_vacancy
from tests.conftest import CANDIDATES, VACANCIES, invoke, run_or_fail_on_hang
from tests.report.test_html import Page

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
WINDOW = (1200, 1600)
TIMEOUT = 90  # seconds for one browser run; a hang is killed with its helpers
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SMALLEST_PICTURE = 20_000  # bytes: a blank page of this size compresses to a few KB
UN_ARO = VACANCIES / "un-aro-senior-pmo.yaml"


@pytest.fixture
def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is not None:
        return found
    if os.environ.get("JOBSCREEN_REQUIRE_BROWSER"):
        pytest.fail(f"no browser found (tried {', '.join(BROWSERS)}) and one is required")
    pytest.skip("no Chromium found; set JOBSCREEN_REQUIRE_BROWSER=1 to fail instead")


def headless(browser: str, tmp_path: Path, *args: str) -> bytes:
    """Run the browser headless on its own profile, its home and temporary files in tmp_path
    (nothing left behind), killed past TIMEOUT; return what it printed."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TMPDIR": str(tmp_path),
    }
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        # no connections of its own: this machine's network is closed, and a report needs none
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    code, out, err = run_or_fail_on_hang(
        command, tmp_path, TIMEOUT, f"{browser} did not finish in {TIMEOUT} s", env=env
    )
    assert code == 0, err.decode(errors="replace")[-2000:]
    return out


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header (the IHDR chunk comes first)."""
    assert data[:8] == PNG_SIGNATURE, data[:8]
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def report(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """The panel report of the bundled candidates, and the same screening as JSON."""
    args = ["score", str(UN_ARO), str(CANDIDATES), "--as-of", "2026-06-30"]
    path = tmp_path / "report.html"
    code, _, err = invoke(*args, "-f", "html", "-o", str(path))
    assert code == 0, err
    return path, json.loads(invoke(*args, "-f", "json")[1])


def test_the_report_renders_to_a_picture(
    browser: str, tmp_path: Path, report: tuple[Path, dict[str, object]]
) -> None:
    picture = tmp_path / "report.png"
    size = f"--window-size={WINDOW[0]},{WINDOW[1]}"
    headless(browser, tmp_path, f"--screenshot={picture}", size, report[0].as_uri())
    data = picture.read_bytes()
    assert png_size(data) == WINDOW
    assert len(data) > SMALLEST_PICTURE  # text was drawn, not an empty page


def test_the_rendered_page_holds_every_candidate_and_rule_id(
    browser: str, tmp_path: Path, report: tuple[Path, dict[str, object]]
) -> None:
    path, screening = report
    dom = headless(browser, tmp_path, "--dump-dom", path.as_uri()).decode("utf-8")
    shown = Page(dom).text
    results = screening["results"]
    assert isinstance(results, list)
    assert len(results) == 31
    for result in results:
        assert result["candidate"] in shown
    vacancy = load_vacancy(str(UN_ARO))
    for _, rule in vacancy.walk():
        assert rule.id in shown


def test_a_long_unbroken_word_never_widens_the_page(browser: str, tmp_path: Path) -> None:
    """A name of one 300-letter word pushed the ranking's and matrix's columns off the
    page (and off the printed sheet), as did a quote holding it: a name and a reason now
    break a word that cannot fit, other cells keep their words whole. The
    page measures itself with a script added to a copy of it (the report has none)."""
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    shutil.copy(CANDIDATES / "daniel-okafor.yaml", cvs)
    word = "Wolfeschlegelsteinhausenbergerdorff" * 9
    (cvs / "long.yaml").write_text(
        f"name: {word}\nlanguages:\n  - {{language: English, level: native}}\n", "utf-8"
    )
    quoted = (  # the same word as an employer, in the evidence of the reason's cell
        "name: Evi\nexperience:\n  - {title: Programme Manager, start: 2010-01, end: 2024-01"
        f", organisation: {word}, description: Led programme management.}}\n"
    )
    (cvs / "evi.yaml").write_text(quoted, "utf-8")
    path = tmp_path / "report.html"
    code, _, err = invoke("score", str(UN_ARO), str(cvs), "-f", "html", "-o", str(path))
    assert code == 0, err
    measure = "<script>document.body.dataset.width = document.documentElement.scrollWidth;</script>"
    page = path.read_text("utf-8").replace("</body>", measure + "</body>")
    path.write_text(page, "utf-8")
    size = f"--window-size={WINDOW[0]},{WINDOW[1]}"
    dom = headless(browser, tmp_path, size, "--dump-dom", path.as_uri()).decode("utf-8")
    assert f"Programme Manager, {word}, 2010-01" in Page(dom).text  # in the evidence
    width = int(dom.split('data-width="', 1)[1].split('"', 1)[0])
    assert width <= WINDOW[0], f"the page is {width} px wide in a {WINDOW[0]} px window"
