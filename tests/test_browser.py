"""The rendered report in headless Chromium: images load, hostile text stays text, no script runs,
and the page fits a phone, a tablet and a laptop (390, 768 and 1366 px) without sideways scrolling.

Needs Debian's /usr/bin/chromium (`make browser`, run by `make test`); fails, not skips, without it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.present import report
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


WIDTHS = (390, 768, 1366)


def sized_page(browser, width: int, height: int):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    return page


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    """The sample corpus's report with its real charts, as `make report` renders it."""
    from helpers.present import charts
    from helpers.run.pipeline import run_pipeline
    from helpers.run import steps as run

    folder = tmp_path_factory.mktemp("sample-browser")
    result = run_pipeline()
    totals = result.aggregation.table()
    run.write_tables(folder, reports=result.reports, figures=result.figures, incentives=result.incentives,
                     totals=totals, rejections=run.problems_frame(result.problems))
    drawn = charts.all_charts(result.figures, result.incentives, "ar", totals=totals)
    charts.save_all(drawn, folder / "charts")
    return report.write_report(folder, run_id="browser-widths")


@pytest.mark.parametrize("width", WIDTHS)
def test_page_fits_the_screen_and_every_chart_shows(browser, sample_page, width):
    page = sized_page(browser, width, 800)
    try:
        page.goto(sample_page.as_uri(), wait_until="load")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than a {width} px screen"
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.box') && e.getBoundingClientRect().right > window.innerWidth + 1
                         || !e.closest('.box') && e.getBoundingClientRect().left < -1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        assert wide == []
        charts = page.eval_on_selector_all("figure.chart img", """imgs => imgs.map(i => {
            const box = i.closest('.box').getBoundingClientRect(), r = i.getBoundingClientRect();
            return {loaded: i.complete && i.naturalWidth > 0, width: r.width, height: r.height,
                    inside: box.left >= -1 && box.right <= window.innerWidth + 1,
                    shown: getComputedStyle(i).visibility === 'visible' && getComputedStyle(i).display !== 'none'};
        })""")
        assert len(charts) == 5
        for chart in charts:
            assert chart["loaded"] and chart["shown"] and chart["inside"]
            assert chart["width"] >= min(width - 40, 560) and chart["height"] > 150  # readable, not shrunk to a stamp
        # findings, contents and a link to evidence on the first screen
        first_screen = page.evaluate("""() => ['#findings', '#contents', '#findings a[href^="#t"]']
            .map(s => { const e = document.querySelector(s); return e && e.getBoundingClientRect().top < window.innerHeight; })""")
        assert first_screen == [True, True, True] or width < 768 and first_screen[0] and first_screen[2]
    finally:
        page.close()


def test_tables_scroll_in_their_own_box(browser, sample_page):
    page = sized_page(browser, 390, 800)
    try:
        page.goto(sample_page.as_uri(), wait_until="load")
        boxes = page.eval_on_selector_all("section#totals .box", """boxes => boxes.map(b => ({
            scrolls: getComputedStyle(b).overflowX === 'auto', inner: b.scrollWidth, outer: b.clientWidth}))""")
        assert boxes and all(b["scrolls"] and b["inner"] > b["outer"] for b in boxes)
    finally:
        page.close()


def test_print_layout_shows_every_chart_and_hides_navigation(browser, sample_page):
    page = sized_page(browser, 794, 1123)
    try:
        page.goto(sample_page.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        assert page.evaluate("() => getComputedStyle(document.querySelector('nav.toc')).display") == "none"
        widths = page.eval_on_selector_all("figure.chart img", "imgs => imgs.map(i => i.getBoundingClientRect().width)")
        assert len(widths) == 5 and all(0 < w <= 794 for w in widths)
    finally:
        page.close()
