"""The charts step (notebook 03's `chart_step`) of this checkout against another's, side by
side on the same generated tables, at several sizes (issue 12).

    git archive main src data | tar -x -C /tmp/base_charts
    .venv/bin/python benchmarks/bench_charts.py /tmp/base_charts/src [--sizes 1000 10000 100000] [--keep DIR]

For each size, N figure rows (and N/4 incentive rows) are generated from one seed: ten
years of report dates, the eight actor codes, the 14 governorates and the wider areas,
running totals, arrivals, targets, aid and pay, some vague. Their aggregation (repeats,
totals) is written as a run folder's Parquet tables and read back with `chart_tables`,
as notebook 03 reads them; none of this is timed. Then each checkout, in a fresh process
of its own (so its imports and caches are its own), times `chart_step` (every chart drawn
and saved as PNG and SVG) and, apart, the timeline alone (drawn and saved). Printed per
size and checkout: CPU s of the step and of the timeline, the timeline's SVG size and
its legend entries. `--keep DIR` keeps each run's `charts/` folder to look at.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "src"

ACTORS = ["russia", "iran", "turkey", "regime", "us_coalition", "sdf", "isis", None]
ACTOR_WEIGHTS = [0.25, 0.25, 0.15, 0.12, 0.06, 0.07, 0.05, 0.05]
GOVERNORATES = ["SY-DY", "SY-HM", "SY-HL", "SY-HI", "SY-DR", "SY-QU", "SY-SU", "SY-RA", "SY-HA", "SY-ID",
                "SY-LA", "SY-TA", "SY-DI", "SY-RD"]
WIDER = {"west_euphrates": ["SY-DY"], "east_euphrates": ["SY-DY"], "south": ["SY-DR", "SY-QU", "SY-SU"],
         "badia": ["SY-HI", "SY-DY"], "coast": ["SY-LA", "SY-TA"], "ghouta": ["SY-RD"], "national": [],
         "abroad": [], None: []}
KINDS = [("recruits", "stock", "person", 0.3), ("recruits", "flow", "person", 0.3),
         ("recruits", "target", "person", 0.05), ("aid_recipients", None, "family", 0.15),
         ("aid_amount", None, "food_basket", 0.1), ("salary", None, "usd", 0.1)]
INCENTIVES = ["cash_salary", "cash_reward", "food_aid", "security_settlement", "conscription_exemption",
              "medical", "fuel", "protection"]


def generate(rows: int, seed: int = 12) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, incentives) records as the extract step writes them, `rows` figures."""
    rng = np.random.default_rng(seed)
    reports = max(rows // 3, 1)
    report_of = rng.integers(0, reports, rows)
    days = rng.integers(0, 3650, reports)
    report_date = (pd.Timestamp("2015-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d").to_numpy()
    areas = GOVERNORATES + list(WIDER)
    area = [areas[i] for i in rng.integers(0, len(areas), rows)]
    kind = rng.choice(len(KINDS), rows, p=[k[3] for k in KINDS])
    figures = pd.DataFrame({
        "id": [f"r{r}:f:{n}" for n, r in enumerate(report_of)], "report_id": [f"r{r}" for r in report_of],
        "report_date": report_date[report_of],
        "value": np.round(rng.lognormal(5, 1.4, rows)).clip(1, 50000).astype(float),
        "value_min": None, "value_max": None,
        "qualifier": rng.choice(["exact", "approx", "more_than", "vague"], rows, p=[0.4, 0.35, 0.15, 0.1]),
        "unit": [KINDS[k][2] for k in kind], "category": [KINDS[k][0] for k in kind],
        "measure": [KINDS[k][1] for k in kind],
        "actor": [ACTORS[i] for i in rng.choice(len(ACTORS), rows, p=ACTOR_WEIGHTS)], "actor_text": None,
        "regions": [[a] if a in GOVERNORATES else list(WIDER[a]) for a in area], "area": area, "area_text": None,
        "text": "٣٠٠", "start": np.arange(rows) % 500, "end": np.arange(rows) % 500 + 3, "sentence": "جملة",
        "sentence_start": 0, "source": None, "type": "figure",
    })
    incentive_rows = max(rows // 4, 1)
    picked = rng.integers(0, rows, incentive_rows)
    incentives = pd.DataFrame({
        "id": [f"{figures['report_id'][i]}:i:{n}" for n, i in enumerate(picked)],
        "report_id": figures["report_id"].to_numpy()[picked], "report_date": figures["report_date"].to_numpy()[picked],
        "incentive": rng.choice(INCENTIVES, incentive_rows), "actor": figures["actor"].to_numpy()[picked],
        "actor_text": None, "regions": figures["regions"].to_numpy()[picked], "area": figures["area"].to_numpy()[picked],
        "area_text": None, "figure_id": None, "text": "سلال", "start": 0, "end": 4, "sentence": "جملة",
        "sentence_start": 0, "source": None, "type": "incentive",
    })
    return figures, incentives


def write_run_folder(rows: int, folder: Path) -> None:
    """The run folder's figures, incentives and totals (Parquet) for `rows` generated figures."""
    from helpers.analysis.aggregate import aggregate

    figures, incentives = generate(rows)
    result = aggregate(figures)
    folder.mkdir(parents=True, exist_ok=True)
    result.figures.to_parquet(folder / "figures.parquet", index=False)
    incentives.to_parquet(folder / "incentives.parquet", index=False)
    result.table().to_parquet(folder / "totals.parquet", index=False)


def measure(source: Path, folder: Path) -> dict:
    """In this process, with the `helpers` under `source`: CPU s of chart_step over `folder`
    and of the timeline alone, the timeline's SVG bytes and legend entries."""
    sys.path.insert(0, str(source))
    from helpers.present import charts
    from helpers.run import steps

    assert Path(charts.__file__).is_relative_to(source), charts.__file__
    figures, incentives, totals = steps.chart_tables(folder)
    cpu, wall = time.process_time(), time.perf_counter()
    steps.chart_step(figures, incentives, folder, lang="ar", totals=totals)
    step_cpu, step_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu = time.process_time()
    fig = charts.timeline(figures, "ar")
    charts.save(fig, folder / "timeline_alone", "recruits_timeline")
    timeline_cpu = time.process_time() - cpu
    entries = sum(1 for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)] if legend is not None
                  for entry in legend.get_texts() if entry.get_text().strip())   # blank fillers not counted
    return {"step_cpu": step_cpu, "step_wall": step_wall, "timeline_cpu": timeline_cpu,
            "timeline_svg": (folder / "charts" / "recruits_timeline.svg").stat().st_size,
            "legend_entries": entries}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout's src/ folder (its data/ beside it)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--keep", type=Path, default=None, help="copy each run's charts/ folder here")
    parser.add_argument("--child", nargs=2, metavar=("SOURCE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]).resolve(), Path(args.child[1]))))
        return 0
    sys.path.insert(0, str(SOURCE))
    checkouts = {"other": args.other.resolve(), "this": SOURCE}
    print(f"{'rows':>8} {'code':6} {'chart_step CPU s':>17} {'wall s':>7} {'timeline CPU s':>15} "
          f"{'timeline SVG':>13} {'legend entries':>15}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="rasd_charts_"))
    try:
        for rows in args.sizes:
            tables = scratch / f"tables_{rows}"
            write_run_folder(rows, tables)
            for code, source in checkouts.items():
                folder = scratch / f"{code}_{rows}"
                shutil.copytree(tables, folder)
                env = {**os.environ, "MPLBACKEND": "Agg"}
                done = subprocess.run([sys.executable, __file__, str(args.other), "--child", str(source), str(folder)],
                                      capture_output=True, text=True, env=env, check=True)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                print(f"{rows:>8} {code:6} {result['step_cpu']:>17.1f} {result['step_wall']:>7.1f} "
                      f"{result['timeline_cpu']:>15.1f} {result['timeline_svg'] / 1e6:>10.2f} MB "
                      f"{result['legend_entries']:>15}", flush=True)
                if args.keep:
                    shutil.copytree(folder / "charts", args.keep / f"{code}_{rows}", dirs_exist_ok=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
