"""`python -m helpers COMMAND ...`: one sub-command per pipeline stage.

Each stage module owns its own `main(argv) -> int`; this only dispatches.
"""
import argparse
import importlib
import sys
from datetime import date

COMMANDS = {
    "load": ("helpers.load", "read reports and print them (jsonl or csv)"),
    "extract": ("helpers.extract", "figures and incentives with their evidence"),
    "aggregate": ("helpers.aggregate", "as-of totals per actor and area"),
    "run": ("helpers.run", "render the notebooks into a report with papermill"),
}


def iso_date(text: str) -> str:
    """'2023-05-01' → '2023-05-01'; anything else raises ValueError."""
    return date.fromisoformat(text).isoformat()


def date_arg(text: str) -> str:
    """argparse `type` for YYYY-MM-DD options: a bad date is a usage error (exit 2)."""
    try:
        return iso_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def usage() -> str:
    lines = ["usage: python -m helpers COMMAND [ARGS...]", "", "commands:"]
    lines += [f"  {name:<10} {help_}" for name, (_, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in {"-h", "--help"}:
        print(usage())
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    from helpers.corrections import CorrectionsError
    from helpers.lexicons import LexiconError

    try:
        module = importlib.import_module(COMMANDS[command][0])
        return module.main(rest)
    except (LexiconError, CorrectionsError) as error:   # `file:line: reason`, without a traceback
        print(f"{command}: {error}", file=sys.stderr)
        return 2
