"""The rendered report in headless Chromium: images load, hostile text stays text, no script runs.

Needs Debian's /usr/bin/chromium (`make browser`, run by `make test`); fails, not skips, without it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import report
from test_report_html import EVIL_TITLE, make_run_folder

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install it with `make browser` (apt-get install chromium); "
                    f"chromium on PATH: {shutil.which('chromium')}")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield context
        context.close()


@pytest.fixture()
def opened(browser, tmp_path):
    """The report page loaded from file://, with every dialog and request recorded."""
    html_path = report.write_report(make_run_folder(tmp_path / "run"), run_id="browser-test")
    page = browser.new_page()
    dialogs, requests, errors = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(html_path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # give a would-be onerror handler time to fire
    yield page, {"dialogs": dialogs, "requests": requests, "errors": errors, "url": html_path.as_uri()}
    page.close()


def test_every_image_loaded(opened):
    page, _ = opened
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete && i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)


def test_hostile_title_is_visible_literally(opened):
    page, _ = opened
    titles = page.locator(".report-title").all_inner_texts()
    assert EVIL_TITLE in titles
    assert page.get_by_text("<img src=x onerror=alert(2)>", exact=False).count() >= 1


def test_no_script_ran_and_nothing_left_the_page(opened):
    page, seen = opened
    assert seen["dialogs"] == []
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.evaluate("() => document.scripts.length") == 0
    assert [url for url in seen["requests"] if not url.startswith(("data:", seen["url"]))] == []


def test_page_is_right_to_left(opened):
    page, _ = opened
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("() => document.documentElement.lang") == "ar"
