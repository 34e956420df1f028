"""The HTML panel report and the audit page: escaped, self-contained, complete, deterministic."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from jobscreen.report.html import status_cell, text
from jobscreen.results import RuleResult, Status
from tests.conftest import CANDIDATES, VACANCIES, invoke
from tests.test_audit import GROUP_OF, record_data
from tests.test_hostile import FORGED, FORGED_NAME

UN_ARO = str(VACANCIES / "un-aro-senior-pmo.yaml")
AS_OF = ("--as-of", "2026-06-30")
HOSTILE = '<script>alert("x")</script> & "quoted" <img src=x onerror=alert(1)>'
# every tag the reports write; anything else would have come from an input
OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "section", "h1", "h2", "p",
    "span", "strong", "br", "table", "thead", "tbody", "tr", "th", "td", "a", "ul", "li",
    "dl", "div", "dt", "dd", "code", "svg", "line", "rect", "text",
}  # fmt: skip


class Page(HTMLParser):
    """A page as a browser would parse it: its tags, attributes and shown text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    @property
    def text(self) -> str:
        return "".join(self.data)


def assert_self_contained(source: str) -> Page:
    """Only our tags, no script, no event handler, no link to anything outside the page."""
    page = Page(source)
    assert {tag for tag, _ in page.tags} <= OUR_TAGS
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "src", tag
            if name == "href":
                assert (value or "").startswith("#"), value
    style = source[source.index("<style>") : source.index("</style>")]
    assert "url(" not in style
    assert "@import" not in style
    assert "@font-face" not in style
    assert "http" not in source.split("<body>")[0]  # nothing fetched from the head
    return page


def hostile_files(tmp_path: Path) -> tuple[str, str]:
    """A vacancy and a CV whose texts hold markup, quotes, ampersands and control codes."""
    vacancy = yaml.safe_load((VACANCIES / "un-aro-senior-pmo.yaml").read_text(encoding="utf-8"))
    vacancy["title"] = f"Officer {HOSTILE}"
    vacancy["requirements"][0]["text"] = f"A degree {HOSTILE}"
    cv = yaml.safe_load((CANDIDATES / "daniel-okafor.yaml").read_text(encoding="utf-8"))
    cv["id"] = 'evil-<b>"id"</b>'
    cv["name"] = f"Daniel\x1b[31m {HOSTILE}\u202e"
    cv["experience"][0]["title"] = f"Head of Programmes {HOSTILE}\x07"
    cv["experience"][0]["description"] = f"Programme management \x00{HOSTILE}"
    (tmp_path / "vacancy.yaml").write_text(yaml.safe_dump(vacancy), encoding="utf-8")
    (tmp_path / "cv.yaml").write_text(yaml.safe_dump(cv, allow_unicode=True), encoding="utf-8")
    return str(tmp_path / "vacancy.yaml"), str(tmp_path / "cv.yaml")


@pytest.mark.parametrize("command", ["score", "explain"])
def test_every_input_text_is_escaped(tmp_path: Path, command: str) -> None:
    vacancy, cv = hostile_files(tmp_path)
    code, out, err = invoke(command, vacancy, cv, *AS_OF, "-f", "html")
    assert code == 0, err
    page = assert_self_contained(out)
    assert f"Officer {HOSTILE}" in page.text  # shown literally, as text
    assert f"Head of Programmes {HOSTILE}" in page.text
    assert f"A degree {HOSTILE}" in page.text
    assert 'evil-<b>"id"</b>' in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", out)  # no control reaches it


@pytest.mark.parametrize("command", ["score", "explain"])
def test_a_forged_cv_shows_its_markup_as_text(command: str) -> None:
    """The hostile CV whose fields forge lines, tags and links (tests/test_hostile.py)."""
    code, out, err = invoke(command, UN_ARO, str(FORGED), *AS_OF, "-f", "html")
    assert code == 0, err
    page = assert_self_contained(out)
    assert FORGED_NAME in page.text
    if command == "explain":  # the evidence quotes the post's title and organisation
        assert "Manager <img src=x onerror=alert(1)> ![t](https://evil" in page.text
        assert "Evil | Org <script>" in page.text


def test_text_shows_control_characters_as_codes() -> None:
    assert text('a\x1b[2J <b> & "q" \u202e') == "a\\x1b[2J &lt;b&gt; &amp; &quot;q&quot; \\u202e"


def test_a_status_is_words_and_a_symbol() -> None:
    """Readable in black and white: never a colour alone."""
    words = {}
    for status in Status:
        rule = RuleResult("r", "education", True, 1.0, status, 0.0, "why")
        cell = status_cell(rule)
        words[status] = Page(cell).text
    assert words == {
        Status.met: "✓ met",
        Status.not_met: "✗ not met",
        Status.partial: "◐ partial",
        Status.needs_review: "? review",
    }
    assert Page(status_cell(None)).text == "- not assessed"


def _score_page() -> str:
    code, out, err = invoke("score", UN_ARO, str(CANDIDATES), *AS_OF, "-f", "html")
    assert code == 0, err
    return out


def test_the_panel_report_holds_every_part() -> None:
    out = _score_page()
    page = assert_self_contained(out)
    data = json.loads(invoke("score", UN_ARO, str(CANDIDATES), *AS_OF, "-f", "json")[1])
    for part in ("Counts", "The vacancy's rules", "Ranking", "Record", "Sign-off"):
        assert f"<h2>{part}</h2>" in out
    summary = data["summary"]
    assert f"<dt>screened</dt><dd>{summary['screened']}</dd>" in out
    assert f"<dt>unreadable</dt><dd>{summary['unreadable']}</dd>" in out
    for result in data["results"]:  # each candidate, explained, with the CV's digest
        assert result["candidate"] in page.text
        assert result["sha256"] in page.text
        assert f'id="candidate-{result["rank"]}"' in out
    assert data["record"]["vacancy"]["sha256"] in page.text
    assert data["record"]["vocabulary"]["sha256"] in page.text
    assert "2026-06-30" in page.text
    assert data["jobscreen_version"] in page.text
    assert "Screened by" in page.text
    assert "Panel chair" in page.text


def test_the_working_directory_is_not_in_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record's cwd would make the same screening differ from one checkout to another."""
    monkeypatch.chdir(tmp_path)
    out = _score_page()
    assert str(tmp_path) not in out


def test_the_matrix_has_a_column_per_mandatory_rule_and_a_row_per_candidate() -> None:
    out = _score_page()
    matrix = out[out.index('<table class="matrix">') :]
    matrix = matrix[: matrix.index("</table>")]
    vacancy = yaml.safe_load(Path(UN_ARO).read_text(encoding="utf-8"))
    mandatory = [r["id"] for r in vacancy["requirements"] if r.get("required")]
    headers = re.findall(r'<th class="rule id">([^<]*)</th>', matrix)
    assert headers == mandatory
    rows = matrix.split("<tr>")[2:]
    assert len(rows) == 31
    for row in rows:  # every cell a word: met, not met, partial, review
        assert len(re.findall(r'<span class="st st-', row)) == len(mandatory)


def test_blind_shows_neither_name_nor_file() -> None:
    code, out, _ = invoke("score", UN_ARO, str(CANDIDATES), *AS_OF, "-f", "html", "--blind")
    assert code == 0
    assert "Daniel Okafor" not in out
    assert "daniel-okafor" not in out
    assert "cand-" in out


def test_the_same_inputs_give_the_same_bytes() -> None:
    assert _score_page() == _score_page()


def test_html_is_not_a_match_format() -> None:
    code, _, err = invoke("match", str(CANDIDATES / "daniel-okafor.yaml"), UN_ARO, "-f", "html")
    assert code == 2
    assert "--format" in err


# --- the audit page ---


def _audit_files(tmp_path: Path, hostile_group: str) -> list[str]:
    (tmp_path / "rec.json").write_text(json.dumps(record_data()), encoding="utf-8")
    named = {**GROUP_OF, 1: hostile_group}  # c01 alone in a group with a hostile name
    lines = ["candidate,group"] + [f'c{n:02d},"{g}"' for n, g in named.items()]
    (tmp_path / "groups.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["audit", str(tmp_path / "rec.json"), "--groups", str(tmp_path / "groups.csv")]


def test_the_audit_page_draws_a_bar_per_group_and_the_four_fifths_line(tmp_path: Path) -> None:
    hostile = "<svg onload=alert(1)> & Co"
    code, out, err = invoke(*_audit_files(tmp_path, hostile), "--top", "10", "-f", "html")
    assert code == 0, err
    page = assert_self_contained(out)
    figures = json.loads(invoke(*_audit_files(tmp_path, hostile), "-f", "json")[1])
    charts = re.findall(r"<svg .*?</svg>", out)
    assert len(charts) == 3  # eligible, scoring, top 10
    eligible = charts[0]
    groups = figures["groups"]
    drawn = [g for g in groups if g["rates"]["eligible"]["selected"]]
    assert eligible.count("<rect") == len(drawn)
    highest = max(g["rates"]["eligible"]["rate"] for g in groups if g["group"] is not None)
    line = re.search(r'<line x1="([\d.]+)"[^>]*stroke-dasharray', eligible)
    assert line is not None
    from jobscreen.report.audit_html import BAR_WIDTH, LABEL_WIDTH

    assert float(line.group(1)) == pytest.approx(LABEL_WIDTH + 0.8 * highest * BAR_WIDTH, 0.01)
    assert f"4/5 of highest ({0.8 * highest:.1%})" in page.text
    assert hostile in page.text  # the group's name as text, never as a tag
    for group in groups:  # the numbers are text too
        rate = group["rates"]["eligible"]
        assert f"({rate['selected']}/{rate['total']})" in page.text


def test_audit_html_of_the_bundled_record_is_the_same_each_time(tmp_path: Path) -> None:
    args = _audit_files(tmp_path, "D")
    assert invoke(*args, "-f", "html")[1] == invoke(*args, "-f", "html")[1]


def test_an_unreadable_input_is_listed_escaped_and_the_rest_reported(tmp_path: Path) -> None:
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "bad<b>.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    (folder / "daniel.yaml").write_bytes((CANDIDATES / "daniel-okafor.yaml").read_bytes())
    code, out, _ = invoke("score", UN_ARO, str(folder), *AS_OF, "-f", "html")
    assert code == 1
    page = assert_self_contained(out)
    assert "<dt>unreadable</dt><dd>1</dd>" in out
    assert f"{folder / 'bad<b>.yaml'}:2:1: YAML syntax error" in page.text
    assert 'id="candidate-1"' in out  # the readable CV is still explained


def test_long_group_names_stay_told_apart_in_the_chart(tmp_path: Path) -> None:
    """Group names were cut after 25 characters: 'Self-declared ethnic minority, region
    north' and '..., region south' were drawn as one label beside two different bars."""
    north, south = (f"Self-declared ethnic minority, region {side}" for side in ("north", "south"))
    args = _audit_files(tmp_path, north)
    lines = (tmp_path / "groups.csv").read_text("utf-8").replace('c02,"A"', f'c02,"{south}"')
    (tmp_path / "groups.csv").write_text(lines, encoding="utf-8")
    code, out, err = invoke(*args, "-f", "html")
    assert code == 0, err
    chart = re.findall(r"<svg .*?</svg>", out)[0]
    labels = re.findall(r'<text [^>]*text-anchor="end">(.*?)</text>', chart)
    assert len(labels) == len(set(labels)) == 5, labels  # A, B, C, north, south
    assert all(len(Page(label).text) <= 40 for label in labels), labels
