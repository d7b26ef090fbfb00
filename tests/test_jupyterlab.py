"""Notebooks 05 (explore) and 06 (review) in a real JupyterLab, driven by headless Chromium.

Starts `jupyter lab` on a free port with a token in a temporary folder holding a
rendered run of a small corpus and copies of the two notebooks (their parameters
pointing at that run and at a temporary corrections file). Then: explore: run
all, change the actor filter, the totals and the chart change; review: accept
one, correct one, reject one, the three rows are in the corrections file, and
a new run applies them (the corrected value, the reviewed count in the report).

Needs Debian's /usr/bin/chromium, like tests/test_browser.py (fails, not skips,
without it). With RASD_SCREENSHOTS=<folder> it also saves a picture of each
notebook in use there (README's pictures: RASD_SCREENSHOTS=docs/img).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from helpers import paths
from helpers.analysis.corrections import read_corrections
from test_browser import CHROMIUM, CHROMIUM_ARGS

CORPUS = {
    "q-1.txt": "id: q-1\ndate: 2024-02-11\nsource: شبكة محلية\n\nارتفاع أعداد المنتسبين في البادية\n\n"
               "قالت مصادر محلية إن عدد المنتسبين إلى الفيلق الخامس في ريف حمص الشرقي ارتفع إلى نحو 900 عنصر.\n",
    "q-2.txt": "id: q-2\ndate: 2024-03-05\nsource: موقع تجريبي\n\nتجنيد في الميادين\n\n"
               "ذكرت المصادر أن عدد المنتسبين إلى الميليشيات الموالية لإيران في الميادين ارتفع إلى 400 عنصر.\n"
               "وبلغ راتب المنتسب 100 دولار شهرياً.\n",
    "q-3.txt": "id: q-3\ndate: 2024-01-20\nsource: وكالة محلية\n\nتوزيع سلال في ريف حماة\n\n"
               "وزعت القوات الروسية 500 سلة غذائية على العائلات في الريف الحموي الشمالي.\n",
}
REVIEWER = "Layla Test"
SHOTS = os.environ.get("RASD_SCREENSHOTS")


def helpers_run(*args: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "helpers", "run", "--lang", "en", *args],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip().splitlines()[-1]).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_notebook(name: str, folder: Path, values: dict) -> None:
    """The notebook with its parameters cell set to `values` (each line `name = value  # …`)."""
    notebook = nbformat.read(paths.NOTEBOOKS / name, as_version=4)
    cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    lines = []
    for line in cell.source.splitlines():
        key = line.split("=", 1)[0].strip()
        lines.append(f"{key} = {values[key]!r}" if key in values else line)
    cell.source = "\n".join(lines)
    nbformat.write(notebook, folder / name)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install it with `make browser` (apt-get install chromium)")
    root = tmp_path_factory.mktemp("lab")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    corrections = root / "corrections.csv"
    corrections.write_text("id,action,field,value,reason\n", encoding="utf-8")  # today's five columns
    run_dir = helpers_run("--corpus", str(corpus), "--out", str(root / "reports"), "--param", f"corrections={corrections}")
    work = root / "notebooks"
    work.mkdir()
    copy_notebook("05_explore.ipynb", work, {"run_dir": str(run_dir), "export_dir": str(root / "exports")})
    copy_notebook("06_review.ipynb", work, {"run_dir": str(run_dir), "corrections": str(corrections),
                                           "reviewer": REVIEWER})
    port, token = free_port(), os.urandom(12).hex()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"), "JUPYTERLAB_SETTINGS_DIR": str(root / "settings")}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}", "--LabApp.expose_app_in_browser=True",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=open(root / "lab.log", "wb"))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("jupyter lab did not start: " + (root / "lab.log").read_text(errors="replace")[-2000:])
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            yield {"context": context, "base": base, "token": token, "root": root, "corpus": corpus,
                   "corrections": corrections, "run_dir": run_dir}
            context.close()
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


def open_and_run_all(lab, name: str):
    page = lab["context"].new_page()
    # a workspace of its own (reset), so the other notebook is not restored beside it
    page.goto(f"{lab['base']}/lab/workspaces/{name.split('.')[0]}/tree/{name}?reset&token={lab['token']}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                           "&& window.jupyterapp.shell.currentWidget.sessionContext "
                           "&& window.jupyterapp.shell.currentWidget.sessionContext.session "
                           "&& window.jupyterapp.shell.currentWidget.sessionContext.session.kernel", timeout=120_000)
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
                           timeout=120_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    return page


def shot(page, locator, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        no_news = page.get_by_role("button", name="No")
        if no_news.count():
            no_news.first.click()
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        locator.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(Path(SHOTS) / name))


def test_explore_filters_change_totals_and_chart(lab):
    page = open_and_run_all(lab, "05_explore.ipynb")
    totals = page.locator(".rasd-totals")
    totals.locator("table").wait_for(timeout=180_000)
    chart = page.locator(".rasd-chart-recruits img")
    before_totals, before_chart = totals.inner_text(), chart.get_attribute("src")
    assert "إيران" in before_totals and "روسيا" in before_totals
    page.locator(".rasd-filter-actor select").select_option(label="إيران")
    page.wait_for_function("(before) => document.querySelector('.rasd-totals').innerText !== before",
                           arg=before_totals, timeout=60_000)
    page.wait_for_function("(before) => document.querySelector('.rasd-chart-recruits img').src !== before",
                           arg=before_chart, timeout=60_000)
    after_totals = totals.inner_text()
    assert "إيران" in after_totals and "روسيا" not in after_totals
    assert "400" in after_totals and "900" not in after_totals
    assert page.locator(".rasd-summary").inner_text().startswith("2 figures")
    shot(page, page.locator(".rasd-filter-actor"), "explore.png")
    page.close()


def test_review_decisions_are_written_and_the_next_run_applies_them(lab):
    page = open_and_run_all(lab, "06_review.ipynb")
    item = page.locator(".rasd-review-item .rasd-item")
    try:
        item.wait_for(timeout=180_000)
    except Exception:
        page.screenshot(path="/tmp/rasd_debug.png", full_page=True)
        print(page.locator(".jp-OutputArea-output").all_inner_texts())
        raise

    def current() -> tuple[str, str]:
        element = page.locator(".rasd-review-item .rasd-item")
        return element.get_attribute("data-record-id"), element.get_attribute("data-kind")

    def wait_past(record_id: str) -> None:
        page.wait_for_function(
            "(id) => { const e = document.querySelector('.rasd-review-item .rasd-item'); "
            "return !e || e.dataset.recordId !== id; }", arg=record_id, timeout=60_000)

    while current()[1] != "figure":  # the correction below changes a figure's value
        skipped = current()[0]
        page.locator("button.rasd-skip").click()
        wait_past(skipped)
    accepted, _ = current()
    page.locator("button.rasd-accept").click()
    wait_past(accepted)
    while current()[1] != "figure":
        skipped = current()[0]
        page.locator("button.rasd-skip").click()
        wait_past(skipped)
    corrected, _ = current()
    page.locator(".rasd-field select").select_option("value")
    page.locator(".rasd-value-text input").fill("4321")
    page.locator(".rasd-reason input").fill("the report's table gives 4321")
    shot(page, page.locator(".rasd-review-item"), "review.png")
    page.locator("button.rasd-correct").click()
    wait_past(corrected)
    rejected, _ = current()
    page.locator(".rasd-reason input").fill("not about recruitment")
    page.locator("button.rasd-reject").click()
    wait_past(rejected)
    assert "written to" in page.locator(".rasd-status").inner_text()
    page.close()

    rows, problems = read_corrections(lab["corrections"])
    assert problems == []
    assert [(r["id"], r["action"], r["field"], r["value"], r["reviewed_by"]) for r in rows] == [
        (accepted, "accept", "", "", REVIEWER), (corrected, "correct", "value", "4321", REVIEWER),
        (rejected, "reject", "", "", REVIEWER)]
    assert rows[2]["reason"] == "not about recruitment" and all(r["reviewed_at"] for r in rows)

    run_dir = helpers_run("--corpus", str(lab["corpus"]), "--out", str(lab["root"] / "again"),
                          "--param", f"corrections={lab['corrections']}")
    figures = pd.read_parquet(run_dir / "figures.parquet").set_index("id")
    assert figures.loc[corrected, "value"] == 4321
    assert rejected not in figures.index and rejected not in set(pd.read_parquet(run_dir / "incentives.parquet")["id"])
    assert figures.loc[[accepted, corrected], "reviewed"].tolist() == [True, True]
    totals = pd.read_parquet(run_dir / "totals.parquet")
    expected = sum(set(ids) <= {accepted, corrected} for ids in totals["figure_ids"].map(list))
    assert expected >= 1 and 4321 in totals["value"].tolist()
    page_text = " ".join(HTMLParser((run_dir / "report.html").read_text(encoding="utf-8")).body.text().split())
    assert f"{expected} of {len(totals)} totals reviewed by an analyst" in page_text
