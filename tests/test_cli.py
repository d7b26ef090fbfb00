"""The command line's front door: usage, exit codes, a closed pipe, the PDF beside the report."""
from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import cli
from helpers.present import pdf
from helpers.paths import SAMPLE_CORPUS


def test_no_command_prints_usage_on_stderr_and_exits_2(capsys):
    assert cli.main([]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("usage: rasd COMMAND")
    assert "python -m helpers" in err and "pdf" in err


def test_help_exits_0_and_unknown_command_exits_2(capsys):
    assert cli.main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: rasd COMMAND")
    assert cli.main(["nonsense"]) == 2
    assert "unknown command 'nonsense'" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly():
    """`python -m helpers load data/sample | head -c 50`: no BrokenPipeError traceback."""
    reader = subprocess.Popen([sys.executable, "-m", "helpers", "load", str(SAMPLE_CORPUS)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(50)
    reader.stdout.close()  # the reader stops, as `head` does
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=120) in (0, cli.BROKEN_PIPE_EXIT)
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_pdf_refuses_a_missing_report(tmp_path, capsys):
    assert pdf.main([str(tmp_path / "none.html")]) == 2
    assert "no such report" in capsys.readouterr().err


@pytest.mark.skipif(pdf.find_chromium() is None, reason="no Chromium to print with (make browser installs it)")
def test_pdf_is_printed_beside_the_report(tmp_path):
    html = tmp_path / "report.html"
    html.write_text('<!DOCTYPE html><html lang="ar" dir="rtl"><meta charset="utf-8"><body><h1>رصد</h1></body></html>',
                    encoding="utf-8")
    out = pdf.print_pdf(html)
    assert out == tmp_path / "report.pdf"
    assert out.read_bytes().startswith(b"%PDF-") and out.stat().st_size > 1000
