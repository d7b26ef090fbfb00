"""Write notebooks/01..06 from the cell texts below (no outputs, no execution counts).

    .venv/bin/python scripts/make_notebooks.py          # rewrite the notebooks
    .venv/bin/python scripts/make_notebooks.py --check  # exit 1 if they differ from this script

Notebooks stay thin: they call helpers functions (through the facade at the
end of helpers/run/runner.py) and explain the results. `python -m helpers run`
executes them with papermill; the `parameters` cell holds the defaults.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

SETUP = '''\
from IPython.display import Markdown, display
from helpers.run import steps as rasd

files = rasd.resolve_corpus(corpus)
out = rasd.resolve_out_dir(out_dir)
if interactive:
    import itables
    itables.init_notebook_mode(all_interactive=False, connected=False)  # offline: DataTables is bundled'''

LOAD = [
    ("md", '''\
# 1. Loading the reports

**What this step does.** Reads every report in the corpus (`.txt`, `.md`, `.jsonl`, `.csv`,
`.html`; UTF-8 with or without BOM, UTF-16, Windows-1256) through `helpers.ingest.load`, and lists
what was read and what was refused.

**Assumptions.** One report per text file, or per line/row of a JSONL/CSV file. A report's
title is its first non-empty line; optional `date:`, `source:`, `url:`, `id:` lines come first.
Dates are taken from the metadata or, failing that, from the report's dateline.

**Limits.** Nothing is judged here: a report that says nothing about recruitment is still read.
A file that cannot be decoded or parsed is not dropped silently: it appears below with its
path, line and reason, and in the final report. Exact duplicates are marked, not removed.'''),
    ("params", '''\
corpus = None  # list of files or folders (None: data/sample)
out_dir = None  # run folder (None: reports/notebook)
cache = None  # extraction cache folder (None: none): files unchanged since it saw them are not read again
sample_rows = 1000  # reports listed below (all are in inputs.csv)
interactive = True  # itables in JupyterLab; the runner passes False (static tables)'''),
    ("code", SETUP),
    ("code", '''\
reports, problems = rasd.load_summary_step(files, cache)  # streamed: no report text is kept
rejections = rasd.problems_frame(problems)
rasd.write_tables(out, inputs=reports, load_rejections=rejections)
refused = int((rejections["kind"] == "rejected").sum()) if len(rejections) else 0
display(Markdown(f"**{len(reports)}** reports read from {len(files)} corpus path(s); "
                 f"**{refused}** inputs rejected; {len(rejections) - refused} warnings."))'''),
    ("md", "Reports read (id, title, date and where the date came from, source, file, encoding, duplicates); "
           "on a large corpus, the first `sample_rows` of them:"),
    ("code", '''\
shown = [c for c in ["id", "title", "date", "date_origin", "source", "path", "line", "encoding", "duplicate_of"]
         if c in reports.columns]
rasd.show_table(reports[shown].head(sample_rows), interactive)'''),
    ("md", "Rejected inputs and warnings, each with its reason. These are listed again in the report:"),
    ("code", "rasd.show_table(rejections, interactive)"),
]

EXTRACT = [
    ("md", '''\
# 2. Figures and incentives with their evidence

**What this step does.** Runs the pipeline (`helpers.run.pipeline.run_pipeline`): Arabic
normalisation, extraction of figures (numbers with their unit, category, actor and place) and
incentives (what recruits are offered), the corrections in `data/corrections.csv`, and the
as-of aggregation. Every record keeps the words it came from and the sentence around them.

**Assumptions.** Actors, places and incentives are recognised from the lexicons in
`data/lexicons/`; a proxy force counts as its sponsor. Dates are report dates, not event dates.
With `since`/`until` only reports dated inside the window are kept; undated ones are then
listed as left out.

**Limits.** Extraction is rule-based: a figure phrased in a way the rules do not know is
missed, and a number in an unusual construction may be misread. Vague quantities ("dozens")
are kept with their lower bound but never summed. Read the evidence sentence before quoting
a number.'''),
    ("params", '''\
corpus = None  # list of files or folders (None: data/sample)
since = None  # first report date kept, "YYYY-MM-DD"
until = None  # last report date kept; totals are as of it
corrections = None  # corrections CSV (None: data/corrections.csv)
workers = None  # extraction processes (None: all cores)
cache = None  # extraction cache folder shared by runs (None: no cache)
engine = "local"  # "local": a process pool here; "dask": a Dask cluster
scheduler = None  # Dask scheduler address (None: $DASK_SCHEDULER_ADDRESS, else a local cluster)
out_dir = None  # run folder (None: reports/notebook)
interactive = True  # itables in JupyterLab; the runner passes False'''),
    ("code", SETUP),
    ("code", '''\
since, until = rasd.check_window(since, until)
result = rasd.pipeline_step(files, since, until, corrections, workers=workers, store=out / "store", cache=cache,
                            engine=engine, scheduler=scheduler, hold=False)  # records stay in the store
rasd.write_cache_summary(out, result.cache)
problems = rasd.problems_frame(result.problems)
totals = result.aggregation.table()
counts = rasd.write_run_tables(out, result, totals, problems)  # figures and incentives a piece at a time
display(Markdown(f"**{len(result.reports)}** reports in the window; **{counts['figures']}** figures, "
                 f"**{counts['incentives']}** incentives; **{len(problems)}** inputs rejected or left out."
                 + (f" Cache: {result.cache['note']}." if result.cache else "")))'''),
    ("md", "Figures, each with the words it was read from and its evidence sentence (the first ones: "
           "every record is in `figures.parquet` and in `store/`, by report month; no step holds them all):"),
    ("code", '''\
figure_columns = ["value", "qualifier", "unit", "category", "measure", "actor", "area", "text", "sentence",
                  "report_id", "report_date", "source"]
rasd.show_sample(out, "figures", figure_columns, interactive)'''),
    ("md", "Incentives, one per report, incentive and actor, with the first sentence that names it:"),
    ("code", '''\
incentive_columns = ["incentive", "actor", "area", "text", "sentence", "report_id", "report_date", "source"]
rasd.show_sample(out, "incentives", incentive_columns, interactive)'''),
    ("md", "As-of totals (per actor and area) and contradictions between sources:"),
    ("code", '''\
rasd.show_table(totals, interactive)
rasd.show_table(result.aggregation.contradictions, interactive)'''),
    ("md", "Analyst corrections applied from the corrections file, and any whose record no longer exists:"),
    ("code", '''\
rasd.show_table(result.corrections.applied, interactive)
rasd.show_table(result.corrections.orphans, interactive)'''),
]

CHARTS = [
    ("md", '''\
# 3. Charts

**What this step does.** Draws the charts of `helpers.present.charts` from the tables the extract
step wrote (`figures`, `incentives`, `totals`) and saves each as PNG and SVG (the report
embeds the SVG) in `charts/`. The recruits bars and the map read the totals table itself,
one bar per total, so the chart, the report's summary and its totals table agree. The
timeline draws months (weeks over a short span), four actors and six areas by name and the
rest as "other"; its points and the ids of the records each rests on are written beside it
as `charts/recruits_timeline.csv`.

**Assumptions.** Charts show what reports say, as of their report dates; repeated figures and
vague quantities are treated as in the totals of step 2.

**Limits.** A chart is only as complete as the corpus: a quiet month may mean no reports, not
no recruitment. Arabic labels are shaped for display; check them in the SVG if a font is missing.'''),
    ("params", '''\
lang = "ar"  # chart labels: "ar" or "en"
out_dir = None  # run folder with the tables of step 2 (None: reports/notebook)'''),
    ("code", '''\
from IPython.display import Image, display
from helpers.run import steps as rasd

out = rasd.resolve_out_dir(out_dir)
# the columns the charts read (no sentences), and the report's own totals
figures, incentives, totals = rasd.chart_tables(out)
'''),
    ("code", '''\
saved = rasd.chart_step(figures, incentives, out, lang=lang, totals=totals)
for png in [p for p in saved if p.suffix == ".png"]:
    display(Image(filename=str(png)))
print(f"{len(saved)} chart files written to {out / 'charts'}")'''),
]

REPORT = [
    ("md", '''\
# 4. The report

**What this step does.** Assembles the findings into `report.html`: key findings first (each
number a link to its evidence rows), a table of contents, the charts, the as-of totals, every
figure and incentive next to its evidence sentence, report id, date and source, durations apart,
and the inputs that were rejected with their reasons. With `pdf = True` it also prints
`report.pdf` beside it with headless Chromium, where installed.

**Assumptions.** The tables and charts of steps 1–3 are in the run folder.

**Limits.** The summary sentences are counts and latest values, not interpretation. The page
is one self-contained file (charts embedded, no scripts, no external links), so it can be sent
as is; long tables are cut at `max_rows` rows with a note pointing to the full CSV.'''),
    ("params", '''\
corpus = None  # shown in the report's parameters
since = None
until = None
lang = "ar"  # report language: "ar" (RTL) or "en"
run_id = None  # run id from the runner (None: the folder name)
max_rows = 2000  # rows per table in the HTML (the CSV files are complete)
pdf = False  # also print report.pdf beside it with headless Chromium, when installed
out_dir = None  # run folder (None: reports/notebook)'''),
    ("code", '''\
from datetime import datetime, timezone
from helpers.present import report
from helpers.run import steps as rasd

out = rasd.resolve_out_dir(out_dir)
tables = report.load_run_tables(out, max_rows=max_rows)  # of the records, only those the page shows
print("\\n".join(report.findings(tables, lang)))  # plain text: ids come from the inputs'''),
    ("code", '''\
params = {"corpus": rasd.resolve_corpus(corpus), "since": since, "until": until, "lang": lang}
html_path = report.write_report(out, lang=lang, run_id=run_id, params=params, max_rows=max_rows,
                                generated=datetime.now(timezone.utc).isoformat(timespec="seconds"))
print(html_path)
if pdf:
    from helpers.present.pdf import pdf_beside
    print(pdf_beside(html_path) or "no PDF (see the note above)")'''),
]

EXPLORE = [
    ("md", """\
# 5. Explore a run

**What this notebook does.** Opens a run folder (`reports/latest` by default) and lets you ask its
tables questions with a few clicks: filter by actor, governorate or area, category, measure,
source and report date, and the as-of totals, the recruits and aid charts (the report's own
functions) and the evidence table follow. Below them, pick one actor and area to see how its
running total evolved, point by point with its source, and the contradictions between sources
beside it. The export button writes the filtered view as CSV and as an Excel workbook.

**Assumptions.** Totals are re-counted on the filtered records with `helpers.analysis.aggregate`, as the
report counts them: a running total is the latest one as of the end of the date range, plus the
new arrivals reported after it; a repeated figure counts once.

**Limits.** Filtering by source or date can leave out the report that first gave a running total:
the total shown is then what the remaining reports say. The widgets need a live kernel; under
papermill the cells still run and show the unfiltered view."""),
    ("params", """\
run_dir = "reports/latest"  # run folder (relative paths also from the project root)
lang = "ar"  # labels and chart text: "ar" or "en"
export_dir = None  # where the export button writes (None: <run_dir>/exports)"""),
    ("code", """\
from IPython.display import Markdown, display
from helpers.present import explore
from helpers.present import lab
from helpers.run import steps as rasd

data = explore.open_run(run_dir, sample=rasd.sample_run_data)  # no run yet: the sample corpus, run here
display(Markdown(data.note or f"Run folder: `{data.run_dir}`"))
display(Markdown(f"**{len(data.figures)}** figures, **{len(data.incentives)}** incentives, "
                 f"**{len(data.totals)}** totals in the run."))"""),
    ("md", "Choose filters (several values with Ctrl or Shift; none chosen means all). Everything below follows them:"),
    ("code", """\
explorer = lab.Explorer(data, lang=lang, export_dir=export_dir)
explorer.widget()"""),
    ("md", """\
The same view without widgets, for a rendered notebook: the as-of totals of the whole run and,
for the actor and area with the most reported points, how its running total evolved."""),
    ("code", """\
everything = explore.view(data, explore.Filters())
display(explore.totals_frame(everything.totals, lang))
keys = explore.series_keys(data.figures)
if keys:
    display(Markdown(f"Running totals for `{keys[0]}`:"))
    display(explore.evolution(data.figures, *keys[0]))"""),
]

REVIEW = [
    ("md", """\
# 6. Review the uncertain numbers first

**What this notebook does.** Lists the run's figures and incentives in the order an analyst should
read them: records whose actor, place or measure rest on weak evidence first (the extraction's
`basis` and confidence when it gives them, else its fallbacks: an actor or place carried over from
earlier in the paragraph or taken from the report's main one, no actor, no place, an undecided
measure, a vague quantity), then the records behind the largest totals. Each item shows its sentence
with the number marked, its paragraph, the extracted fields, the source and date.

**Decisions.** *accept* (the record is right), *correct* one field (a choice list of the valid codes)
or *reject* it with a reason. Each decision is appended at once to the corrections file with your
name and the time, under a file lock, so two analysts can review at the same time. The next run
applies the corrections and counts accepted and corrected records as reviewed; the report says,
for each total, whether every figure behind it was reviewed.

**Limits.** The order is a heuristic: a record low in the queue can still be wrong. Decisions are
made on this run's record ids, which stay the same while the report text does not change."""),
    ("params", """\
run_dir = "reports/latest"  # run folder (relative paths also from the project root)
corrections = None  # corrections CSV to append to (None: data/corrections.csv)
reviewer = ""  # your name, written with each decision
lang = "ar"  # "ar" or "en" (labels and charts)"""),
    ("code", """\
import getpass
from pathlib import Path
from IPython.display import Markdown, display
from helpers import paths
from helpers.present import explore
from helpers.present import lab
from helpers.present import review
from helpers.run import steps as rasd

data = explore.open_run(run_dir, sample=rasd.sample_run_data)  # no run yet: the sample corpus, run here
corrections_path = Path(corrections) if corrections else paths.CORRECTIONS
texts = review.report_texts(data.reports)
queue = review.review_queue(data.figures, data.incentives, data.totals, texts,
                            decided=review.decided_ids(corrections_path))  # decided since the run: not again
display(Markdown(data.note or f"Run folder: `{data.run_dir}`"))
display(Markdown(f"**{len(queue)}** records to review; decisions go to `{corrections_path}`."))"""),
    ("md", "The first records of the queue and why they come first:"),
    ("code", """\
display(queue[["id", "kind", "weakness", "reasons", "total", "value", "category", "actor", "area", "report_id"]].head(15))"""),
    ("md", "Review one item at a time (the reason box serves *correct* and *reject*):"),
    ("code", """\
session = review.ReviewSession(queue, corrections_path, reviewer or getpass.getuser())
lab.Reviewer(session, texts, lang=lang).widget()"""),
]

SPECS = {"01_load.ipynb": LOAD, "02_extract.ipynb": EXTRACT, "03_charts.ipynb": CHARTS, "04_report.ipynb": REPORT,
         "05_explore.ipynb": EXPLORE, "06_review.ipynb": REVIEW}


def build(name: str, cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    stem = name.split(".")[0]
    notebook = new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python"},
    })
    for number, (kind, text) in enumerate(cells):
        if kind == "md":
            cell = new_markdown_cell(text)
        else:
            cell = new_code_cell(text)
            if kind == "params":
                cell.metadata["tags"] = ["parameters"]
        cell["id"] = f"{stem}-{number:02d}"
        notebook.cells.append(cell)
    return notebook


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, cells in SPECS.items():
        text = nbformat.writes(build(name, cells)) + "\n"
        path = NOTEBOOKS / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("notebooks differ from scripts/make_notebooks.py: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
