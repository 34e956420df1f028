"""A decision record's shape: what `score --format json` writes, read back by verify and audit.

A record is read as any input is: within bounds (size, depth, big integers, NaN refused) by
the project's JSON reader, then checked against :class:`Record`, so that every malformed part
is a located error. Unlike CV and vacancy text, a record's text is kept as written (a file
name may hold a newline): whoever shows it to a person shows its control characters as codes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from jobscreen.errors import DocumentErrors, InputError, JobscreenError, Location
from jobscreen.limits import MAX_LIMIT, Limits
from jobscreen.loading import Document, parse_json, read_text
from jobscreen.yamlsafe import Positions, yaml_positions

RECORD_LIMIT = 1024 * 1024 * 1024  # a record of 100,000 explained results is a few hundred MB
# A record nests a few levels below its vacancy's rules, which nest at most 64 levels deep.
RECORD_LIMITS = Limits(RECORD_LIMIT, 128, MAX_LIMIT, MAX_LIMIT, adjustable=False)
MOST_ERRORS = 20  # a record broken throughout is reported by its first problems


def _no_nul(path: str) -> str:
    if "\0" in path:
        raise ValueError("a file name cannot hold a NUL character")
    return path


def _iso_date(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("expected a date YYYY-MM-DD")  # noqa: TRY004 - pydantic wants ValueError
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date YYYY-MM-DD: {value[:40]!r}") from None


FileName = Annotated[str, AfterValidator(_no_nul)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Place = Annotated[int, Field(ge=1)] | None
Bound = Annotated[int, Field(ge=1, le=MAX_LIMIT)]


class Part(BaseModel):
    """Every part of a record: exactly the keys score writes, with their JSON types."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class VacancyRef(Part):
    id: str = Field(description="The vacancy's id.")
    title: str = Field(description="The vacancy's title.")


class RecordLimits(Part):
    max_bytes: Bound = Field(description="--max-bytes of the run.")
    max_depth: Bound = Field(description="--max-depth of the run.")
    max_nodes: Bound = Field(description="--max-nodes of the run.")
    max_items: Bound = Field(description="--max-items of the run.")


class RecordOptions(Part):
    as_of: IsoDate = Field(description="The date experience was counted to.")
    as_of_given: bool = Field(description="Whether --as-of was given (else the default date).")
    top: Annotated[int, Field(ge=1)] | None = Field(description="--top, if given.")
    eligible_only: bool = Field(description="--eligible-only.")
    blind: bool = Field(description="--blind.")
    limits: RecordLimits = Field(description="The input limits of the run.")


Count = Annotated[int, Field(ge=0)]


class RecordSummary(Part):
    screened: Count = Field(description="Candidates scored (before --top, --eligible-only).")
    eligible: Count = Field(description="Of them, eligible: 'yes'.")
    to_review: Count = Field(description="Of them, eligible pending a person's review.")
    not_eligible: Count = Field(description="Of them, not eligible: a mandatory rule failed.")
    unreadable: Count = Field(description="Inputs that could not be read or scored.")
    by_review: Count | None = Field(None, description="Rules decided by review (absent: 0).")
    overrides: Count | None = Field(None, description="Engine outcomes overridden (absent: 0).")
    declared: Count | None = Field(
        None, description="Rules settled by a candidate's declaration (absent: 0)."
    )


class EvidenceOut(Part):
    where: str = Field(description="Where in the CV.")
    quote: str = Field(description="What was found there, quoted.")
    strength: Literal["stated", "title", "description", "related"] | None = Field(
        None, description="How directly it shows the rule, strongest first (absent: no evidence)."
    )


class DecisionOut(Part):
    how: Literal["review", "override", "declared"] = Field(
        description="review: a person decided a rule left to review; override: a person "
        "decided a rule the engine had decided; declared: the candidate's own answer to a "
        "screening question (not verified)."
    )
    by: str = Field(description="Who decided ('the candidate' for a declaration).")
    date: IsoDate | None = Field(description="When (null for a declaration).")
    note: str = Field(description="The decision's note, or the declared answer's text.")
    engine_status: Literal["met", "partial", "not_met", "needs_review"] = Field(
        description="The engine's status before the decision."
    )
    engine_credit: Annotated[float, Field(ge=0, le=1)] = Field(
        description="The engine's credit before the decision."
    )


class RuleOut(Part):
    id: str = Field(description="The rule's id.")
    kind: str = Field(description="The rule's kind.")
    required: bool = Field(description="Mandatory (knock-out) or desirable.")
    status: Literal["met", "partial", "not_met", "needs_review"] = Field(description="Outcome.")
    weight: Annotated[float, Field(ge=0, le=1000)] = Field(description="The rule's weight.")
    credit: Annotated[float, Field(ge=0, le=1)] = Field(description="Credit earned, 0 to 1.")
    reason: str = Field(description="The one-line reason.")
    evidence: list[EvidenceOut] = Field(description="The evidence used.")
    rules: list[RuleOut] | None = Field(None, description="A group's rules (absent otherwise).")
    decision: DecisionOut | None = Field(
        None, description="What settled the rule after the engine (absent: the engine's)."
    )


Origin = Literal["native", "jsonresume", "extracted", "extracted-pdf", "extracted-word"]


class ResultOut(Part):
    candidate: str = Field(description="The candidate id (opaque key when blind).")
    name: str | None = Field(description="The CV's name (null when blind or not given).")
    source: FileName | None = Field(description="The CV's file (null when blind).")
    rank: Annotated[int, Field(ge=1)] = Field(description="Place in the ranking, from 1.")
    eligible: bool = Field(description="No mandatory rule failed.")
    eligibility: Literal["yes", "no", "review"] = Field(description="Eligible, as shown.")
    origin: Origin = Field(description="The CV's format; extracted: from text, PDF or Word.")
    score: Annotated[float, Field(ge=0, le=100)] = Field(description="The score, 0 to 100.")
    unmet: list[str] = Field(description="Mandatory rules not met.")
    review: list[str] = Field(description="Rules needing a person's review.")
    sha256: Sha256 = Field(description="SHA-256 of the CV document.")
    rules: list[RuleOut] = Field(description="Every rule's outcome.")


class ErrorOut(Part):
    source: FileName | None = Field(
        description="The input that could not be scored (null when blind)."
    )
    line: Place = Field(description="Its line, when known.")
    column: Place = Field(description="Its column, when known.")
    message: str = Field(description="What is wrong.")
    candidate: str | None = Field(
        default=None,
        description="The candidate id the input gave, when it got as far (never when blind).",
    )


class RecordedVacancy(Part):
    path: FileName = Field(description="The vacancy file, as given.")
    sha256: Sha256 = Field(description="SHA-256 of the vacancy file.")


class RecordedDecisions(Part):
    path: FileName = Field(description="The decisions file, as given.")
    sha256: Sha256 = Field(description="SHA-256 of the decisions file.")


class RecordedFile(Part):
    path: FileName = Field(description="The file, as found beside the vacancy.")
    sha256: Sha256 = Field(description="SHA-256 of the file.")


class RecordedVocabulary(Part):
    sha256: Sha256 = Field(description="SHA-256 of the concepts, contexts, employers and fields.")
    organisation: RecordedFile | None = Field(
        None,
        description="The organisation's vocabulary file merged in (absent when there is none).",
    )


class RunRecord(Part):
    vacancy: RecordedVacancy = Field(description="The vacancy file read.")
    vocabulary: RecordedVocabulary | None = Field(
        None, description="The vocabulary matched with (absent in older records)."
    )
    decisions: list[RecordedDecisions] | None = Field(
        None,
        description="The panel's decisions files, in the order given (--decisions); an older "
        "record's one mapping is read as a list of one.",
    )

    @field_validator("decisions", mode="before")
    @classmethod
    def _one_file(cls, value: object) -> object:
        return [value] if isinstance(value, dict) else value

    inputs: list[FileName] = Field(description="The CV files and folders, as given.")
    cwd: FileName = Field(description="The working directory of the run.")
    digest: Sha256 | None = Field(
        None, description="SHA-256 of the record's own content (absent in older records)."
    )


class Record(Part):
    """A decision record: `score --format json` output, every key as score writes it."""

    vacancy: VacancyRef = Field(description="The vacancy screened against.")
    as_of: IsoDate = Field(description="The date experience was counted to.")
    jobscreen_version: str = Field(description="The jobscreen version that scored.")
    options: RecordOptions = Field(description="Every option that affects results.")
    summary: RecordSummary | None = Field(
        None, description="What was counted (absent in older records)."
    )
    results: list[ResultOut] = Field(description="The ranked results, as shown.")
    errors: list[ErrorOut] = Field(description="The inputs that could not be scored.")
    record: RunRecord = Field(description="What verify needs to re-run the screening.")


@dataclass(frozen=True)
class LoadedRecord:
    """A record as read: its data as parsed (the digest covers it) and as checked."""

    path: str
    data: dict[str, Any]
    record: Record
    text: str = ""

    def edited(self) -> JobscreenError | None:
        """That the record no longer matches its own digest (it was edited after it was
        written), located at the digest; None when it matches or holds none (older records).
        """
        from jobscreen.results import content_digest

        digest = self.record.record.digest
        if digest is None or digest == content_digest(self.data):
            return None
        where = _RecordDocument(self.data, self.path, self.text).locate(("record", "digest"))
        return InputError(EDITED, where)


EDITED = "the record was edited after it was written (record.digest does not match)"


class _RecordDocument(Document):
    """A record's document: positions are found within the record's own bounds."""

    def positions(self) -> Positions:
        if self._positions is None:
            found = yaml_positions(self.text, self.source, RECORD_LIMITS)
            self._positions = found[0] if found else Positions()
        return self._positions


def read_record(path: str) -> LoadedRecord:
    """A decision record from a file, or a JobscreenError locating what is wrong in it."""
    text = read_text(path, RECORD_LIMIT, hint="")
    if not text.strip():
        raise InputError("empty file", Location(path, 1, 1))
    data = parse_json(text, path, RECORD_LIMITS)
    if not isinstance(data, dict):
        what = "not a jobscreen decision record (make one with score --format json)"
        raise InputError(what, Location(path, 1, 1))
    try:
        return LoadedRecord(path, data, Record.model_validate(data), text)
    except ValidationError as exc:
        raise _located(exc, _RecordDocument(data, path, text)) from None


# pydantic's words for a value of the wrong JSON type, several naming a Python class
# ("a valid dictionary or instance of RuleOut"): a record's reader is told the JSON type
_EXPECTED = {
    "model_type": "an object (a mapping of keys)",
    "model_attributes_type": "an object (a mapping of keys)",
    "dict_type": "an object (a mapping of keys)",
    "list_type": "a list",
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_pattern_mismatch": "a SHA-256: 64 lowercase hexadecimal digits",
}


def field_path(loc: tuple[str | int, ...]) -> str:
    """A field's place in a record as its reader writes it: results[0].rules[2].status."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path or "the record"


def _record_message(error: Any) -> tuple[str, bool]:
    """One plain line for a pydantic error in a record: the field's whole path, then what
    is wrong in JSON's terms, no Python class named; and whether it points at a key."""
    kind, loc, msg = error["type"], tuple(error["loc"]), error["msg"]
    if kind == "extra_forbidden":
        return f"unknown key {field_path(loc)!r}", True
    if kind == "missing":
        return f"missing required key {field_path(loc)!r}", False
    if kind in _EXPECTED:
        return f"{field_path(loc)}: expected {_EXPECTED[kind]}", False
    msg = msg.removeprefix("Value error, ")
    return f"{field_path(loc)}: {msg[:1].lower()}{msg[1:]}", False


def _located(exc: ValidationError, doc: Document) -> JobscreenError:
    from jobscreen.sources import schema_errors

    errors = schema_errors(exc, doc, describe=_record_message)
    if len(errors) > MOST_ERRORS:
        more = len(errors) - MOST_ERRORS
        errors = [
            *errors[:MOST_ERRORS],
            InputError(f"and {more} more problems", Location(doc.source)),
        ]
    return DocumentErrors(errors)
