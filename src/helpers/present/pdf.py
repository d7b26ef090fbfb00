"""`rasd pdf REPORT.html [--out FILE.pdf]`: the report printed to PDF beside it, for sending.

Uses headless Chromium's own print (the page's print stylesheet applies), so the
PDF is the same page as the HTML and needs no PDF library. Chromium is looked
for as `chromium`, `chromium-browser`, `google-chrome` or `$RASD_CHROMIUM`.
Exit codes: 0 written, 1 printing failed, 2 no such report or no Chromium.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 120


def find_chromium() -> str | None:
    """The Chromium to print with, or None."""
    chosen = os.environ.get("RASD_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def print_pdf(html: Path, out: Path | None = None, chromium: str | None = None) -> Path:
    """Print `html` to `out` (default: the same name with .pdf); returns the PDF's path.
    Raises FileNotFoundError without Chromium and RuntimeError when printing fails."""
    html = Path(html).resolve()
    out = Path(out) if out else html.with_suffix(".pdf")
    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError("no Chromium found (install Debian's chromium, or set RASD_CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="rasd-pdf-") as profile:
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", f"--user-data-dir={profile}",
                   "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                   "--virtual-time-budget=15000", f"--print-to-pdf={out.resolve()}", html.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"chromium could not print {html}: {last}")
    return out


def pdf_beside(html: Path) -> Path | None:
    """The report printed beside it when Chromium is installed; None (with a note on
    stderr) when it is not or printing fails: the HTML report stands without it."""
    if find_chromium() is None:
        print("pdf: no Chromium installed; report.pdf not made (the HTML is complete)", file=sys.stderr)
        return None
    try:
        return print_pdf(html)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        print(f"pdf: {error}", file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rasd pdf", description="Print a report.html to PDF with headless Chromium.")
    parser.add_argument("report", type=Path, help="the report.html to print")
    parser.add_argument("--out", type=Path, help="the PDF to write (default: beside the report)")
    args = parser.parse_args(argv)
    if not args.report.is_file():
        print(f"pdf: {args.report}: no such report", file=sys.stderr)
        return 2
    try:
        out = print_pdf(args.report, args.out)
    except FileNotFoundError as error:
        print(f"pdf: {error}", file=sys.stderr)
        return 2
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"pdf: {error}", file=sys.stderr)
        return 1
    print(out)
    return 0
