"""The console entry point: answers --version before importing the CLI framework."""

from __future__ import annotations

import sys


def main() -> None:
    """`jobscreen`: the version at once, anything else through the typer app."""
    if sys.argv[1:] == ["--version"]:
        from jobscreen import __version__

        sys.stdout.write(f"jobscreen {__version__}\n")
        return
    try:
        from jobscreen.cli import main as cli_main
    except KeyboardInterrupt:  # Ctrl-C while the CLI is still being imported
        sys.stderr.write("jobscreen: interrupted\n")
        sys.exit(130)
    cli_main()
