"""`rasd COMMAND ...` (or `python -m helpers COMMAND ...`): one sub-command per pipeline stage.

Each stage module owns its own `main(argv) -> int`; this only dispatches.
No command: usage on stderr, exit 2. Output into a closed pipe (`rasd load x | head`)
ends quietly with the shell's usual code for SIGPIPE (141), not a traceback.
"""
import argparse
import importlib
import os
import sys
from datetime import date

COMMANDS = {
    "load": ("helpers.ingest.load", "read reports and print them (jsonl or csv)"),
    "extract": ("helpers.extract_cli", "figures and incentives with their evidence (--workers N)"),
    "aggregate": ("helpers.aggregate_cli", "as-of totals per actor and area"),
    "run": ("helpers.run.runner", "render the notebooks into a report with papermill"),
    "pdf": ("helpers.present.pdf", "print a report.html to PDF beside it (headless Chromium)"),
}
BROKEN_PIPE_EXIT = 141  # 128 + SIGPIPE, as a shell reports a pipe closed early


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
    lines = ["usage: rasd COMMAND [ARGS...]   (or: python -m helpers COMMAND [ARGS...])", "", "commands:"]
    lines += [f"  {name:<10} {help_}" for name, (_, help_) in COMMANDS.items()]
    lines += ["", "rasd COMMAND --help shows a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        return dispatch(argv)
    except BrokenPipeError:
        quiet_closed_stdout()
        return BROKEN_PIPE_EXIT


def dispatch(argv: list[str]) -> int:
    if not argv:
        print(usage(), file=sys.stderr)
        return 2
    if argv[0] in {"-h", "--help"}:
        print(usage())
        sys.stdout.flush()  # a closed pipe shows here, inside main's handler
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    from helpers.analysis.corrections import CorrectionsError
    from helpers.extract.lexicons import LexiconError

    try:
        module = importlib.import_module(COMMANDS[command][0])
        code = module.main(rest)
    except (LexiconError, CorrectionsError) as error:   # `file:line: reason`, without a traceback
        print(f"{command}: {error}", file=sys.stderr)
        return 2
    sys.stdout.flush()
    return code


def quiet_closed_stdout() -> None:
    """Point stdout at /dev/null so Python's exit flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
