"""Commands on what a screening leaves: verify a record, audit it for adverse impact, unblind
a shortlist."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jobscreen.cli.app import (
    EXIT_INPUT,
    EXIT_OK,
    OutputOpt,
    app,
    binary_output,
    choice,
    not_an_input,
    stderr,
    usage,
)


@app.command()
def verify(
    record: Annotated[str, typer.Argument(help="A JSON record written by `score --format json`.")],
) -> None:
    """Re-run a recorded screening and say whether every result is identical."""
    import datetime as dt

    from jobscreen.report.audit import write_verification
    from jobscreen.runs import verify as verify_record

    outcome = verify_record(record, dt.date.today())
    write_verification(outcome, record, sys.stdout)
    raise typer.Exit(EXIT_OK if outcome.identical else EXIT_INPUT)


@app.command()
def audit(
    record: Annotated[str, typer.Argument(help="A JSON record written by `score --format json`.")],
    groups: Annotated[str, typer.Option("--groups", help="CSV with candidate and group columns.")],
    top: Annotated[
        int | None, typer.Option("--top", help="Also the rate of reaching the top N.")
    ] = None,
    min_group: Annotated[
        int, typer.Option("--min-group", help="Groups smaller than this get a caution.")
    ] = 30,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json or html (the rates drawn).")
    ] = "table",
    output: OutputOpt = None,
) -> None:
    """Selection and scoring rates per self-declared group, with four-fifths impact ratios."""
    from jobscreen.audit import audit as run_audit
    from jobscreen.audit import read_groups
    from jobscreen.errors import InputError, Location, printable_name
    from jobscreen.loading import read_text
    from jobscreen.outputs import open_output
    from jobscreen.record import RECORD_LIMIT, read_record
    from jobscreen.report.audit import AUDIT_WRITERS, AuditFormat

    choice(fmt, tuple(AuditFormat), "--format")
    if top is not None and top < 1:
        usage("--top must be at least 1")
    if min_group < 0:
        usage("--min-group must be 0 or more")
    not_an_input(output, [record, groups])
    loaded = read_record(record)
    mapping = read_groups(read_text(groups, RECORD_LIMIT, hint=""), groups)
    edited = loaded.edited()  # as verify says it; the audit still runs, and exits 1
    try:
        result = run_audit(loaded.record, mapping, top, min_group)
    except InputError as exc:  # what the record holds is wrong: name the record
        if exc.location is not None:
            raise
        raise InputError(exc.message, Location(record)) from None
    if edited is not None:
        stderr(f"{edited.location}: warning: {edited.message}; the figures below come from it")
    if result.not_in_record:
        count, name = len(result.not_in_record), printable_name(groups)
        stderr(f"jobscreen: {count} candidates in {name} are not in the record")
    with open_output(output) as out:
        AUDIT_WRITERS[AuditFormat(fmt)](result, loaded.record, out)
    raise typer.Exit(EXIT_INPUT if edited is not None else EXIT_OK)


@app.command()
def unblind(
    shortlist: Annotated[
        str, typer.Argument(help="A blind shortlist written by `score --blind -f xlsx`.")
    ],
    key_map: Annotated[
        str,
        typer.Option("--key-map", help="The key map written by `score --blind --key-map`."),
    ],
    output: OutputOpt = None,
) -> None:
    """Fill names and files back into a blind xlsx shortlist from its key map; the rest of
    the workbook (the panel's decisions and notes) is kept. Exit 1 if a key is not in the map."""
    from jobscreen.outputs import open_binary_output
    from jobscreen.unblind import unblind as fill_in

    binary_output(output, "unblind")
    not_an_input(output, [shortlist, key_map])
    with open_binary_output(output) as out:
        done = fill_in(shortlist, key_map, out)
    for key in done.unknown:
        stderr(f"{shortlist}: error: {key} is not in {key_map}: its name is left empty")
    stderr(f"jobscreen: {done.filled} names filled in")
    raise typer.Exit(EXIT_INPUT if done.unknown else EXIT_OK)
