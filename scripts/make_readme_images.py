"""Redraw the README's pictures from the sample corpus:

    .venv/bin/python scripts/make_readme_images.py

- docs/img/report_first_screen.png: the Arabic report's first screen (1366 × 900) in
  headless Chromium: key findings, contents, links to evidence;
- docs/img/report_phone.png: the same page on a 390 px phone screen;
- docs/img/recruits_map.png: the recruits map, as the report draws it.
Needs Debian's chromium and playwright (`make test` installs both).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"


def render_sample(folder: Path) -> Path:
    """The sample corpus through the pipeline, charts and report, in `folder`."""
    from helpers.present import charts
    from helpers.present import report
    from helpers.run import steps as run
    from helpers.run.pipeline import run_pipeline

    result = run_pipeline()
    totals = result.aggregation.table()
    run.write_tables(folder, reports=result.reports, figures=result.figures, incentives=result.incentives,
                     totals=totals, contradictions=result.aggregation.contradictions,
                     rejections=run.problems_frame(result.problems))
    drawn = charts.all_charts(result.figures, result.incentives, "ar", totals=totals)
    charts.save_all(drawn, folder / "charts")
    return report.write_report(folder, run_id="sample")


def screenshot(html: Path, out: Path, width: int, height: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(html.as_uri(), wait_until="load")
        page.screenshot(path=str(out))
        browser.close()


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rasd-readme-") as tmp:
        html = render_sample(Path(tmp))
        screenshot(html, IMAGES / "report_first_screen.png", 1366, 900)
        screenshot(html, IMAGES / "report_phone.png", 390, 844)
        shutil.copy(Path(tmp) / "charts" / "recruits_map.png", IMAGES / "recruits_map.png")
    for name in ("report_first_screen.png", "report_phone.png", "recruits_map.png"):
        print(IMAGES / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
