"""Review decisions and candidates' declarations: the pure step after the engine, the
decisions file (every error located), the review file's round trip, the record, verify and
audit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from jobscreen.cv import Declaration
from jobscreen.decide import Decisions, PanelDecision, decide
from jobscreen.results import (
    Assessment,
    RuleResult,
    Settled,
    Status,
    eligibility_label,
)
from jobscreen.runs import DECISIONS_CHANGED
from tests.conftest import CANDIDATES, VACANCIES, invoke

DAY = dt.date(2026, 12, 4)
AS_OF = ("--as-of", "2026-06-30")
UN = "vacancies/un-aro-senior-pmo.yaml"
STAFF = ("nomvula-dlamini", "fatima-benali", "kwame-asante")  # UN staff: two review items each
HEADER = "candidate,rule,decision,by,date,note\n"


# --- the pure step ----------------------------------------------------------------------


def _rule(rule_id: str, status: Status, credit: float, required: bool = True) -> RuleResult:
    return RuleResult(rule_id, "review", required, 1.0, status, credit, "why")


def _assessment(*rules: RuleResult) -> Assessment:
    return Assessment("ann", "ann.yaml", rules, 50.0, "ab" * 32)


ENGINE = _assessment(
    _rule("edu", Status.met, 1.0),
    _rule("check", Status.needs_review, 0.0),
    _rule("lang", Status.partial, 0.5, required=False),
)


def _panel(who: str, rule: str, met: bool, note: str = "") -> Decisions:
    return Decisions({(who, rule): (PanelDecision(met, "A. Officer", DAY, note),)})


def test_no_decision_leaves_the_engine_s_assessment_as_it_is() -> None:
    assert decide(ENGINE, Decisions()) is ENGINE
    assert decide(ENGINE, _panel("bob", "check", True)) is ENGINE  # someone else's


def test_a_decided_review_item_counts_and_keeps_the_engine_s_status() -> None:
    assert eligibility_label(ENGINE) == "review"
    decided = decide(ENGINE, _panel("ann", "check", True, "seen"))
    rule = decided.rules[1]
    assert (rule.status, rule.credit) == (Status.met, 1.0)
    assert rule.decision is not None
    assert rule.decision.how is Settled.review
    assert (rule.decision.engine_status, rule.decision.by, rule.decision.note) == (
        Status.needs_review,
        "A. Officer",
        "seen",
    )
    assert eligibility_label(decided) == "yes"
    assert decided.score == round(100 * (1 + 1 + 0.5) / 3, 1)  # the decided rule now counts
    assert ENGINE.rules[1].status is Status.needs_review  # the input is not changed


def test_a_decision_on_a_rule_the_engine_decided_is_an_override() -> None:
    decided = decide(ENGINE, _panel("ann", "edu", False))
    rule = decided.rules[0]
    assert rule.decision is not None
    assert rule.decision.how is Settled.override
    assert (rule.status, rule.decision.engine_status) == (Status.not_met, Status.met)
    assert eligibility_label(decided) == "no"


def test_the_blind_key_names_a_candidate_as_the_id_does() -> None:
    decided = decide(ENGINE, _panel(ENGINE.opaque_key, "check", False))
    assert decided.rules[1].status is Status.not_met


YES = {"staff": Declaration(answer=True, text="moves: two")}


def test_a_declaration_settles_its_review_rule_as_declared() -> None:
    decided = decide(ENGINE, Decisions(questions={"check": "staff"}), YES)
    rule = decided.rules[1]
    assert rule.status is Status.met
    assert rule.decision is not None
    assert (rule.decision.how, rule.decision.by, rule.decision.note) == (
        Settled.declared,
        "the candidate",
        "moves: two",
    )


def test_a_declaration_settles_only_what_the_engine_left_to_review() -> None:
    met = _assessment(_rule("check", Status.met, 1.0))
    assert decide(met, Decisions(questions={"check": "staff"}), YES) == met


def test_the_panel_s_decision_wins_over_the_declaration() -> None:
    both = Decisions(_panel("ann", "check", False).panel, {"check": "staff"})
    rule = decide(ENGINE, both, YES).rules[1]
    assert rule.decision is not None
    assert (rule.status, rule.decision.how) == (Status.not_met, Settled.review)


def test_a_decision_on_a_doubted_result_is_no_longer_provisional() -> None:
    doubted = RuleResult(
        "exp", "experience", True, 1.0, Status.needs_review, 0.4, "x", provisional=True
    )
    rule = decide(_assessment(doubted), _panel("ann", "exp", True)).rules[0]
    assert (rule.provisional, rule.credit) == (False, 1.0)
    assert rule.decision is not None
    assert (rule.decision.how, rule.decision.engine_credit) == (Settled.review, 0.4)


# --- the CLI ------------------------------------------------------------------------------


@pytest.fixture
def un(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the UN vacancy and three UN staff CVs (two review items each but
    Fatima's, who declared the lateral moves), as the working directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(VACANCIES / "un-aro-senior-pmo.yaml", tmp_path / "vacancy.yaml")
    (tmp_path / "cvs").mkdir()
    for name in STAFF:
        shutil.copy(CANDIDATES / f"{name}.yaml", tmp_path / "cvs")
    return tmp_path


def _review(*args: str) -> list[dict[str, str]]:
    code, out, err = invoke("review", "vacancy.yaml", "cvs", *AS_OF, *args)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def _fill(rows: list[dict[str, str]], decision: str = "met") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "decision": decision, "by": "A. Officer", "date": "2026-12-04"})
    return out.getvalue()


def _score(*args: str) -> dict[str, dict[str, Any]]:
    code, out, err = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "-f", "json", *args)
    assert code == 0, err
    return {r["candidate"]: r for r in json.loads(out)["results"]}


def test_review_lists_each_open_item_with_its_evidence(un: Path) -> None:
    rows = _review()
    items = {(r["candidate"], r["rule"]) for r in rows}
    assert ("fatima-benali", "review-lateral-move") not in items  # declared by her
    assert ("fatima-benali", "review-young-professionals") in items
    assert ("nomvula-dlamini", "review-lateral-move") in items
    assert all(r["decision"] == r["by"] == r["date"] == "" for r in rows)
    assert all(
        r["evidence"].startswith("a person must check") for r in rows if "review-" in r["rule"]
    )


def test_review_filled_in_is_taken_by_score_unchanged(un: Path) -> None:
    before = _score()
    assert before["nomvula-dlamini"]["eligibility"] == "review"
    Path("decisions.csv").write_text(_fill(_review()), encoding="utf-8")
    after = _score("--decisions", "decisions.csv")
    nomvula = after["nomvula-dlamini"]
    assert nomvula["eligibility"] == "yes"
    assert nomvula["review"] == []
    lateral = next(r for r in nomvula["rules"] if r["id"] == "review-lateral-move")
    assert lateral["decision"]["how"] == "review"
    assert lateral["decision"]["engine_status"] == "needs_review"
    _, out, _ = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "--decisions", "decisions.csv")
    assert "met by review: A. Officer, 2026-12-04" not in out  # the table lists, explain shows
    assert "decided by review" in out
    _, out, _ = invoke(
        "explain",
        "vacancy.yaml",
        "cvs/nomvula-dlamini.yaml",
        *AS_OF,
        "--decisions",
        "decisions.csv",
    )
    assert "met by review: A. Officer, 2026-12-04" in out


def test_a_decisions_file_saved_by_a_spreadsheet_with_semicolons_reads_the_same(
    un: Path,
) -> None:
    """Excel in locales with a decimal comma saves CSV with ';' (and a byte order mark): the
    file `review` wrote, filled in and saved so, decides as the comma file does."""
    filled = _fill(_review())
    Path("comma.csv").write_text(filled, encoding="utf-8")
    rows = list(csv.reader(io.StringIO(filled)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    assert ";" in out.getvalue().splitlines()[0]
    Path("semicolon.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    comma, semicolon = _score("--decisions", "comma.csv"), _score("--decisions", "semicolon.csv")
    assert semicolon["nomvula-dlamini"]["eligibility"] == "yes"
    assert semicolon == comma


def test_not_met_on_review_makes_a_candidate_ineligible(un: Path) -> None:
    Path("decisions.csv").write_text(_fill(_review(), "not met"), encoding="utf-8")
    assert _score("--decisions", "decisions.csv")["nomvula-dlamini"]["eligibility"] == "no"


def test_review_in_blind_mode_names_keys_and_score_blind_takes_them(un: Path) -> None:
    rows = _review("--blind")
    assert all(r["candidate"].startswith("cand-") for r in rows)
    Path("decisions.csv").write_text(_fill(rows), encoding="utf-8")
    results = _score("--blind", "--decisions", "decisions.csv")
    assert {r["eligibility"] for r in results.values()} <= {"yes", "no"}
    assert all(str(key).startswith("cand-") for key in results)


def test_an_override_is_shown_and_counted_apart(un: Path) -> None:
    Path("d.csv").write_text(
        HEADER + "kwame-asante,edu-advanced-degree,not met,B. Panel,2026-12-05,not recognised\n",
        encoding="utf-8",
    )
    _, out, _ = invoke(
        "explain", "vacancy.yaml", "cvs/kwame-asante.yaml", *AS_OF, "--decisions", "d.csv"
    )
    assert "not met by override: B. Panel, 2026-12-05 (not recognised); the engine said met" in out
    _, out, _ = invoke(
        "score", "vacancy.yaml", "cvs", *AS_OF, "--decisions", "d.csv", "-f", "markdown"
    )
    assert "1 override" in out


def test_review_refuses_to_overwrite_an_input_and_writes_to_stdout_with_a_dash(un: Path) -> None:
    Path("d.csv").write_text(HEADER, encoding="utf-8")
    code, _, err = invoke("review", "vacancy.yaml", "cvs", "--decisions", "d.csv", "-o", "d.csv")
    assert code == 2
    assert "d.csv" in err
    assert Path("d.csv").read_text(encoding="utf-8") == HEADER
    code, out, _ = invoke("review", "vacancy.yaml", "cvs", *AS_OF, "-o", "-")
    assert out.startswith("candidate,rule,decision,by,date,note,evidence,vacancy,sha256\n")


def test_a_decisions_file_that_decides_nothing_here_warns_once(un: Path) -> None:
    Path("d.csv").write_text(
        HEADER + "someone-else,edu-advanced-degree,met,A,2026-12-04,\n", encoding="utf-8"
    )
    code, _, err = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "--decisions", "d.csv")
    assert code == 0
    assert err.count("warning: no decision in d.csv applies") == 1
    Path("d.csv").write_text(
        HEADER
        + "someone-else,edu-advanced-degree,met,A,2026-12-04,\n"
        + "kwame-asante,edu-advanced-degree,met,A,2026-12-04,\n",
        encoding="utf-8",
    )
    code, _, err = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "--decisions", "d.csv")
    assert "warning" not in err


ERRORS = [
    ("candidate,rules,decision,by,date,note\n", "d.csv:1:11: error: unknown column 'rules'"),
    ("candidate,rule,decision,by,note\n", "d.csv:1:1: error: missing column 'date'"),
    (
        HEADER + "kwame-asante,edu-advanced-degree,yes,A,2026-12-04,\n",
        "d.csv:2:34: error: decision must be 'met' or 'not met', not 'yes'",
    ),
    (
        HEADER + "kwame-asante,edu-advanced-degree,met,A,04/12/2026,\n",
        "d.csv:2:40: error: date must be an ISO date YYYY-MM-DD, not '04/12/2026'",
    ),
    (
        HEADER + "kwame-asante,edu-advanced-degree,met,A,20261204,\n",
        "d.csv:2:40: error: date must be an ISO date YYYY-MM-DD, not '20261204'",
    ),
    (
        HEADER + "kwame-asante,edu-advanced-degree,met,A,1899-12-31,\n",
        "d.csv:2:40: error: date must be between 1900 and 2100, not '1899-12-31'",
    ),
    (
        HEADER + "kwame-asante,edu-advanced-degree,met,A,2026-12-04,,lost\n",
        "d.csv:2:52: error: a cell past the header's 6 columns: 'lost'",
    ),
    (
        HEADER + "kwame-asante,edu-advanced-degre,met,A,2026-12-04,\n",
        "d.csv:2:14: error: vacancy 'un-aro-senior-pmo' has no rule 'edu-advanced-degre'",
    ),
    (
        HEADER + "kwame-asante,lang-other-un-ar,met,A,2026-12-04,\n",
        "d.csv:2:14: error: 'lang-other-un-ar' is a rule inside 'lang-other-un': decide on",
    ),
    (
        HEADER + "kwame-asante,edu-advanced-degree,met,,2026-12-04,\n",
        "d.csv:2:38: error: a decision needs its 'by'",
    ),
    (
        HEADER
        + "kwame-asante,edu-advanced-degree,met,A,2026-12-04,\n"
        + "kwame-asante,edu-advanced-degree,not met,A,2026-12-04,\n",
        "d.csv:3:1: error: 'kwame-asante' is decided twice on 'edu-advanced-degree', differently",
    ),
    (
        HEADER + 'kwame-asante,edu-advanced-degree,yes,A,2026-12-04,"two\nlines"\n',
        "d.csv:2:34: error: decision must be 'met' or 'not met', not 'yes'",
    ),
    (
        HEADER
        + 'nomvula-dlamini,edu-advanced-degree,met,A,2026-12-04,"two\nlines"\n\n'
        + "kwame-asante,edu-advanced-degree,met,,2026-12-04,\n",
        "d.csv:5:38: error: a decision needs its 'by'",
    ),
    (
        'candidate,rule,decision,by,date,note\n"kwame,',
        "d.csv:2:1: error: not a readable CSV: this quote is never closed",
    ),
]


def test_the_same_decision_twice_is_one_decision(un: Path) -> None:
    row = "kwame-asante,edu-advanced-degree,not met,A,2026-12-04,\n"
    Path("d.csv").write_text(HEADER + row + row, encoding="utf-8")
    assert _score("--decisions", "d.csv")["kwame-asante"]["eligibility"] == "no"


YAML_ERRORS = [
    (
        "- {candidate: kwame-asante, rule: edu-advanced-degree, decision: met,"
        " by: [A, B], date: '2026-12-04'}\n",
        "d.yaml:1:75: error: by must be text (quote it)",
    ),
    ("candidate: x\n", "d.yaml:1:1: error: a decisions file in YAML is one list of mappings"),
    (
        "- {candidate: kwame-asante, rule: edu-advanced-degree, decision: maybe,"
        " by: A, date: 2026-12-04}\n",
        "d.yaml:1:66: error: decision must be 'met' or 'not met', not 'maybe'",
    ),
    (
        "- candidate: kwame-asante\n  rule: edu-advanced-degree\n  decison: met\n",
        "d.yaml:3:3: error: unknown column 'decison'",
    ),
    (
        "- candidate: kwame-asante\n  rule: edu-advanced-degree\n  decision: met\n  by: A\n"
        "  date: 2026-13-04\n",
        "d.yaml:5:9: error: date must be an ISO date YYYY-MM-DD, not '2026-13-04'",
    ),
]


@pytest.mark.parametrize(("text", "message"), ERRORS + YAML_ERRORS)
def test_every_error_in_a_decisions_file_is_one_located_line(
    un: Path, text: str, message: str
) -> None:
    name = message.split(":")[0]  # d.csv or d.yaml
    Path(name).write_text(text, encoding="utf-8")
    for command in (
        ["score", "vacancy.yaml", "cvs"],
        ["explain", "vacancy.yaml", "cvs/kwame-asante.yaml"],
        ["match", "cvs/kwame-asante.yaml", "vacancy.yaml"],
    ):
        code, out, err = invoke(*command, "--decisions", name)
        assert code == 1, command
        assert err.splitlines()[0].startswith(message), command
        assert out == ""


def test_a_yaml_decisions_file_decides_as_the_csv_one(un: Path) -> None:
    Path("d.yaml").write_text(
        "- candidate: kwame-asante\n  rule: edu-advanced-degree\n  decision: not_met\n"
        "  by: A. Officer\n  date: 2026-12-04\n  note: not recognised\n",
        encoding="utf-8",
    )
    assert _score("--decisions", "d.yaml")["kwame-asante"]["eligibility"] == "no"


# --- the record, verify and audit --------------------------------------------------------


def _record(decisions: str) -> None:
    Path("decisions.csv").write_text(decisions, encoding="utf-8")
    code, _, err = invoke(
        "score",
        "vacancy.yaml",
        "cvs",
        *AS_OF,
        "--decisions",
        "decisions.csv",
        "-f",
        "json",
        "-o",
        "rec.json",
    )
    assert code == 0, err


def test_verify_passes_with_the_same_decisions_and_names_an_edited_file(un: Path) -> None:
    filled = _fill(_review())
    _record(filled)
    record = json.loads(Path("rec.json").read_text(encoding="utf-8"))
    assert record["record"]["decisions"][0]["path"] == "decisions.csv"
    assert record["summary"]["by_review"] == len(filled.splitlines()) - 1
    code, out, _ = invoke("verify", "rec.json")
    assert (code, out) == (0, "rec.json: identical: every result reproduced\n")
    Path("decisions.csv").write_text(filled.replace(",met,", ",not met,", 1), encoding="utf-8")
    code, out, _ = invoke("verify", "rec.json")
    assert code == 1
    assert "record.decisions[0].sha256 (the decisions file changed)" in out
    assert out.splitlines()[1] == "  note: " + DECISIONS_CHANGED
    assert ".decision" in out or ".status" in out


def test_a_record_without_decisions_still_verifies(un: Path) -> None:
    assert invoke("score", "vacancy.yaml", "cvs", *AS_OF, "-f", "json", "-o", "rec.json")[0] == 0
    assert "decisions" not in json.loads(Path("rec.json").read_text(encoding="utf-8"))["record"]
    assert invoke("verify", "rec.json")[0] == 0


def test_audit_counts_per_group_the_outcomes_review_and_override_changed(un: Path) -> None:
    rows = [r for r in _review() if r["candidate"] == "nomvula-dlamini"]
    override = "kwame-asante,lang-english,not met,B,2026-12-04,\n"
    _record(_fill(rows) + override)
    Path("groups.csv").write_text(
        "candidate,group\nnomvula-dlamini,A\nkwame-asante,B\nfatima-benali,B\n", encoding="utf-8"
    )
    code, out, err = invoke("audit", "rec.json", "--groups", "groups.csv", "-f", "json")
    assert code == 0, err
    changed = {g["group"]: g["changed_by"] for g in json.loads(out)["groups"]}
    assert changed["A"] == {"declared": 0, "review": 1, "override": 0}  # review -> yes
    kwame_was = _score()["kwame-asante"]["eligibility"]
    assert changed["B"]["override"] == (1 if kwame_was != "no" else 0)
    code, out, _ = invoke("audit", "rec.json", "--groups", "groups.csv")
    assert "eligibility changed by" in out
    code, out, err = invoke("audit", "rec.json", "--groups", "groups.csv", "-f", "html")
    assert code == 0, err
    assert "<h2>Eligibility changed by</h2>" in out
    assert '<tr><td>A</td><td class="num">1</td><td>1 review</td></tr>' in out


# --- declarations in CVs and vacancies -----------------------------------------------------


def test_json_resume_declarations_are_read_from_meta(un: Path) -> None:
    resume = json.loads((CANDIDATES / "mei-lin-zhao.resume.json").read_text(encoding="utf-8"))
    resume["work"][0] |= {"name": "UN Department of Political and Peacebuilding Affairs"}
    resume["work"][0].pop("endDate", None)  # a UN staff member now: the rule applies
    resume.setdefault("meta", {})["declarations"] = {"lateral-move-requirements-met": "no"}
    Path("cvs/mei.resume.json").write_text(json.dumps(resume), encoding="utf-8")
    code, out, err = invoke("explain", "vacancy.yaml", "cvs/mei.resume.json", *AS_OF, "-f", "json")
    assert code == 0, err
    rules = json.loads(out)["results"][0]["rules"]
    lateral = next(r for r in rules if r["id"] == "review-lateral-move")
    assert (lateral["status"], lateral["decision"]["how"]) == ("not_met", "declared")
    assert invoke("validate", "cvs/mei.resume.json")[0] == 0


def test_a_declaration_must_be_yes_or_no_located(un: Path) -> None:
    cv = Path("cvs/kwame-asante.yaml")
    lines = cv.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "declarations: {staff: perhaps}")
    cv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = invoke("validate", str(cv))
    assert code == 1
    assert "cvs/kwame-asante.yaml:2:" in out
    assert "yes or no" in out


def test_a_declaration_on_a_nested_review_rule_is_a_vacancy_error(un: Path) -> None:
    Path("v.yaml").write_text(
        "id: v\ntitle: T\norganisation: O\nrequirements:\n"
        "  - id: g\n    kind: any_of\n    required: true\n    text: either\n    rules:\n"
        "      - {id: a, kind: review, declaration: q}\n"
        "      - {id: b, kind: review}\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("validate", "v.yaml")
    assert code == 1
    assert "a declaration settles a top-level review rule only" in out


def test_the_library_s_screen_applies_declarations_and_counts_them() -> None:
    from jobscreen import ScreenOptions, screen
    from jobscreen.sources import load_candidates, load_vacancy

    vacancy = load_vacancy(str(VACANCIES / "un-aro-senior-pmo.yaml"))
    cvs = load_candidates([str(CANDIDATES / "fatima-benali.yaml")])
    screening = screen(vacancy, cvs, ScreenOptions(dt.date(2026, 6, 30)))
    assert screening.counts.declared == 1
    assert "1 declared" in screening.counts.line()


def test_review_with_decisions_lists_only_what_is_left(un: Path) -> None:
    rows = _review()
    Path("d.csv").write_text(_fill(rows[:1]), encoding="utf-8")
    left = _review("--decisions", "d.csv")
    assert [(r["candidate"], r["rule"]) for r in left] == [
        (r["candidate"], r["rule"]) for r in rows[1:]
    ]


def test_match_applies_the_decisions_to_the_vacancy_with_the_rule(un: Path) -> None:
    Path("d.csv").write_text(
        HEADER + "kwame-asante,review-lateral-move,met,A,2026-12-04,moves seen\n", encoding="utf-8"
    )
    code, out, err = invoke(
        "match",
        "cvs/kwame-asante.yaml",
        "vacancy.yaml",
        *AS_OF,
        "-f",
        "json",
        "--decisions",
        "d.csv",
    )
    assert code == 0, err
    match = json.loads(out)["matches"][0]
    assert match["review"] == ["review-young-professionals"]
    lateral = next(r for r in match["rules"] if r["id"] == "review-lateral-move")
    assert (lateral["status"], lateral["decision"]["note"]) == ("met", "moves seen")


# --- decisions for one vacancy and one CV -------------------------------------------------

CCM = "ccm-isu-director"


def _match_json(*args: str) -> tuple[int, dict[str, Any], str]:
    shutil.copy(VACANCIES / f"{CCM}.yaml", "ccm.yaml")
    code, out, err = invoke(
        "match", "cvs/kwame-asante.yaml", "vacancy.yaml", "ccm.yaml", *AS_OF, "-f", "json", *args
    )
    return code, json.loads(out) if out else {}, err


def _english(match: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in match["rules"] if r["id"] == "lang-english")


def test_match_applies_a_decision_only_to_the_vacancy_it_names(un: Path) -> None:
    Path("d.csv").write_text(
        HEADER.replace("\n", ",vacancy\n")
        + f"kwame-asante,lang-english,not met,A,2026-12-04,,{CCM}\n",
        encoding="utf-8",
    )
    code, matching, err = _match_json("--decisions", "d.csv")
    assert code == 0, err
    by_id = {m["vacancy"]["id"]: m for m in matching["matches"]}
    assert _english(by_id[CCM])["status"] == "not_met"
    assert "decision" not in _english(by_id["un-aro-senior-pmo"])


def test_match_asks_to_name_the_vacancy_of_a_rule_two_vacancies_have(un: Path) -> None:
    Path("d.csv").write_text(
        HEADER + "kwame-asante,lang-english,not met,A,2026-12-04,\n", encoding="utf-8"
    )
    code, _, err = _match_json("--decisions", "d.csv")
    assert code == 1
    assert err.splitlines()[0].startswith(
        "d.csv:2:1: error: 2 vacancies have rule 'lang-english': name the vacancy: "
    )
    assert CCM in err
    assert "un-aro-senior-pmo" in err


def test_score_skips_the_rows_for_another_vacancy_unchecked(un: Path) -> None:
    Path("d.csv").write_text(
        HEADER.replace("\n", ",vacancy\n")
        + f"kwame-asante,lang-english,not met,A,2026-12-04,,{CCM}\n"
        + f"kwame-asante,comp-advocacy,not met,A,2026-12-04,,{CCM}\n",  # not a rule here
        encoding="utf-8",
    )
    code, _, err = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "--decisions", "d.csv")
    assert code == 0, err
    assert "warning: no decision in d.csv applies" in err


def test_review_names_the_vacancy_and_the_cv_s_digest(un: Path) -> None:
    rows = _review()
    scored = _score()
    assert {r["vacancy"] for r in rows} == {"un-aro-senior-pmo"}
    assert all(r["sha256"] == scored[r["candidate"]]["sha256"] for r in rows)


def _two_kwames() -> str:
    """A second CV with Kwame's id and other content (an updated CV); its source."""
    Path("cvs/kwame-asante-2026.yaml").write_text(
        (CANDIDATES / "kwame-asante.yaml")
        .read_text(encoding="utf-8")
        .replace("year: 2002", "year: 2003"),
        encoding="utf-8",
    )
    return "cvs/kwame-asante-2026.yaml"


def test_a_decision_on_one_cv_is_not_applied_to_another_with_the_same_id(un: Path) -> None:
    sha = _score()["kwame-asante"]["sha256"]
    Path("d.csv").write_text(
        HEADER.replace("\n", ",sha256\n")
        + f"kwame-asante,review-lateral-move,met,A,2026-12-04,,{sha}\n",
        encoding="utf-8",
    )
    code, out, err = invoke(
        "score", "vacancy.yaml", "cvs", *AS_OF, "-f", "json", "--decisions", "d.csv"
    )
    assert code == 0, err
    assert "warning" not in err
    lateral = {
        r["source"]: next(x for x in r["rules"] if x["id"] == "review-lateral-move")
        for r in json.loads(out)["results"]
        if r["candidate"] == "kwame-asante"
    }
    assert lateral["cvs/kwame-asante.yaml"]["status"] == "met"
    updated = _two_kwames()
    code, out, err = invoke("score", "vacancy.yaml", updated, *AS_OF, "--decisions", "d.csv")
    assert code == 0, err
    assert err.count("d.csv:2:1: warning: the CV changed since the decision: decided again") == 1
    code, _, err = invoke("match", updated, "vacancy.yaml", *AS_OF, "--decisions", "d.csv")
    assert code == 0, err
    assert err.count("d.csv:2:1: warning: the CV changed since the decision: decided again") == 1


def test_a_decision_without_sha256_on_an_id_two_cvs_have_is_a_located_error(un: Path) -> None:
    _two_kwames()
    Path("d.csv").write_text(
        HEADER + "kwame-asante,review-lateral-move,met,A,2026-12-04,\n", encoding="utf-8"
    )
    code, out, err = invoke("score", "vacancy.yaml", "cvs", *AS_OF, "--decisions", "d.csv")
    assert code == 1
    assert out == ""
    first = err.splitlines()[0]
    assert first.startswith("d.csv:2:1: error: 2 CVs have this candidate id"), err
    assert "kwame-asante.yaml" in first
    assert "kwame-asante-2026.yaml" in first


def test_an_id_starting_like_a_formula_reads_back_without_review_s_quote(un: Path) -> None:
    text = (CANDIDATES / "kwame-asante.yaml").read_text(encoding="utf-8")
    Path("cvs/kwame-asante.yaml").write_text(
        text.replace("id: kwame-asante", "id: -kwame"), encoding="utf-8"
    )
    rows = [r for r in _review() if r["candidate"] == "'-kwame"]
    assert rows  # review quotes it against spreadsheet formulas
    Path("d.csv").write_text(_fill(rows, "not met"), encoding="utf-8")
    assert _score("--decisions", "d.csv")["-kwame"]["eligibility"] == "no"


def test_decisions_given_twice_are_merged_and_both_recorded(un: Path) -> None:
    rows = _review()
    Path("d1.csv").write_text(_fill(rows[:1]), encoding="utf-8")
    Path("d2.csv").write_text(_fill(rows[1:2]), encoding="utf-8")
    both = ("--decisions", "d1.csv", "--decisions", "d2.csv")
    left = _review(*both)
    assert [(r["candidate"], r["rule"]) for r in left] == [
        (r["candidate"], r["rule"]) for r in rows[2:]
    ]
    code, out, err = invoke(
        "score", "vacancy.yaml", "cvs", *AS_OF, *both, "-f", "json", "-o", "rec.json"
    )
    assert code == 0, err
    record = json.loads(Path("rec.json").read_text(encoding="utf-8"))
    assert [f["path"] for f in record["record"]["decisions"]] == ["d1.csv", "d2.csv"]
    assert record["summary"]["by_review"] == 2
    code, out, _ = invoke("verify", "rec.json")
    assert (code, out) == (0, "rec.json: identical: every result reproduced\n")
    code, out, _ = invoke("score", "vacancy.yaml", "cvs", *AS_OF, *both, "-f", "html")
    assert out.count("decisions SHA-256") == 2


def test_a_decision_made_differently_in_a_second_file_is_an_error_there(un: Path) -> None:
    rows = _review()
    Path("d1.csv").write_text(_fill(rows[:1]), encoding="utf-8")
    Path("d2.csv").write_text(_fill(rows[:1], "not met"), encoding="utf-8")
    for command in (
        ["score", "vacancy.yaml", "cvs"],
        ["explain", "vacancy.yaml", f"cvs/{rows[0]['candidate']}.yaml"],
        ["match", f"cvs/{rows[0]['candidate']}.yaml", "vacancy.yaml"],
        ["review", "vacancy.yaml", "cvs"],
    ):
        code, out, err = invoke(*command, "--decisions", "d1.csv", "--decisions", "d2.csv")
        assert code == 1, command
        assert err.startswith("d2.csv:2:1: error: decided differently in d1.csv:2:1"), err
        assert out == ""


def test_a_record_with_one_decisions_mapping_still_verifies(un: Path) -> None:
    _record(_fill(_review()))
    record = json.loads(Path("rec.json").read_text(encoding="utf-8"))
    record["record"]["decisions"] = record["record"]["decisions"][0]  # as older jobscreens wrote
    del record["record"]["digest"]
    Path("old.json").write_text(json.dumps(record), encoding="utf-8")
    code, out, err = invoke("verify", "old.json")
    assert code == 0, out + err
    assert "identical" in out


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "csv", "html", "xlsx"])
def test_blind_output_lists_an_unreadable_input_without_its_file(un: Path, fmt: str) -> None:
    Path("cvs/Jane Doe CV.yaml").write_text("id: jane\n  bad: [\n", encoding="utf-8")
    out_file = f"out.{fmt}"
    code, _, err = invoke(
        "score", "vacancy.yaml", "cvs", *AS_OF, "--blind", "-f", fmt, "-o", out_file
    )
    assert code == 1
    assert "Jane Doe CV.yaml" in err  # the operator sees it on stderr
    written = Path(out_file).read_bytes()
    if fmt == "xlsx":
        import zipfile

        with zipfile.ZipFile(out_file) as book:
            written = b"".join(book.read(name) for name in book.namelist())
    assert b"Jane Doe" not in written
    if fmt in ("markdown", "csv", "html", "xlsx"):
        assert b"input 1" in written
