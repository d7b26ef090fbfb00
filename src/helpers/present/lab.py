"""The JupyterLab widgets of notebooks 05 (explore) and 06 (review).

Only wiring lives here: every answer comes from `helpers.present.explore` and
`helpers.present.review`, which are tested without widgets. Each widget carries a
`rasd-…` CSS class so the browser test (tests/test_jupyterlab.py) can find it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
from markupsafe import escape

from helpers import paths
from helpers.present import explore
from helpers.present import review
from helpers.present.labels import display_name


def _select(description: str, pairs: list[tuple[str, str]], css: str) -> widgets.SelectMultiple:
    box = widgets.SelectMultiple(options=pairs, value=(), rows=min(6, max(2, len(pairs))),
                                 description=description, layout=widgets.Layout(width="250px"))
    box.add_class(css)
    return box


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Explorer:
    """Filters over a run's tables; charts, totals, evidence, a total's history and exports follow them."""

    def __init__(self, data: explore.RunData, lang: str = "ar", export_dir: str | Path | None = None):
        self.data, self.lang = data, lang
        self.export_dir = Path(export_dir) if export_dir else (data.run_dir or paths.REPORTS / "notebook") / "exports"
        choices = explore.options(data.figures, lang)
        first, last = explore.date_bounds(data.figures)
        self.filters = {
            "actors": _select("actor", choices["actors"], "rasd-filter-actor"),
            "places": _select("area", choices["places"], "rasd-filter-place"),
            "categories": _select("category", choices["categories"], "rasd-filter-category"),
            "measures": _select("measure", choices["measures"], "rasd-filter-measure"),
            "sources": _select("source", choices["sources"], "rasd-filter-source"),
        }
        self.since = widgets.DatePicker(description="from", value=_date(first))
        self.until = widgets.DatePicker(description="to", value=_date(last))
        self.since.add_class("rasd-filter-since")
        self.until.add_class("rasd-filter-until")
        self.summary, self.totals, self.evidence = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.recruits_chart, self.aid_chart = widgets.HTML(), widgets.HTML()
        for widget, css in ((self.summary, "rasd-summary"), (self.totals, "rasd-totals"),
                            (self.evidence, "rasd-evidence-table"), (self.recruits_chart, "rasd-chart-recruits"),
                            (self.aid_chart, "rasd-chart-aid")):
            widget.add_class(css)
        self.series = widgets.Dropdown(description="total", options=self._series_options(),
                                       layout=widgets.Layout(width="420px"))
        self.series.add_class("rasd-series")
        self.history, self.conflicts = widgets.HTML(), widgets.HTML()
        self.history.add_class("rasd-history")
        self.conflicts.add_class("rasd-conflicts")
        self.export_button = widgets.Button(description="Export CSV + Excel", icon="download")
        self.export_button.add_class("rasd-export")
        self.export_note = widgets.HTML()
        self.export_note.add_class("rasd-export-note")
        for widget in [*self.filters.values(), self.since, self.until]:
            widget.observe(lambda _change: self.refresh(), names="value")
        self.series.observe(lambda _change: self.show_history(), names="value")
        self.export_button.on_click(lambda _button: self.export())
        self.current: explore.View | None = None
        self.refresh()
        self.show_history()

    def chosen(self) -> explore.Filters:
        return explore.Filters(
            **{name: tuple(box.value) for name, box in self.filters.items()},
            since=self.since.value.isoformat() if self.since.value else None,
            until=self.until.value.isoformat() if self.until.value else None)

    def refresh(self) -> None:
        self.current = explore.view(self.data, self.chosen())
        figures = self.current.figures
        self.summary.value = (f"<b>{len(figures)}</b> figures, <b>{len(self.current.incentives)}</b> incentives, "
                              f"<b>{len(self.current.totals)}</b> totals")
        self.totals.value = explore.table_html(explore.totals_frame(self.current.totals, self.lang),
                                               "rasd-totals-table", self.lang)
        drawn = explore.charts(figures, self.lang)
        self.recruits_chart.value = f'<img class="rasd-chart" alt="recruits" src="{drawn["recruits"]}" width="720">'
        self.aid_chart.value = f'<img class="rasd-chart" alt="aid" src="{drawn["aid"]}" width="720">'
        self.evidence.value = explore.evidence_html(figures, self.lang)

    def _series_options(self) -> list[tuple[str, tuple[str, str]]]:
        return [(f"{display_name('actor', actor or None, self.lang)} — {explore.place_name(place, self.lang)}",
                 (actor, place)) for actor, place in explore.series_keys(self.data.figures)]

    def show_history(self) -> None:
        if not self.series.value:
            self.history.value, self.conflicts.value = "<p>no running totals</p>", ""
            return
        actor, area = self.series.value
        points = explore.evolution(self.data.figures, actor, area)
        self.history.value = explore.table_html(points.drop(columns=["id"]), "rasd-history-table", self.lang)
        pairs = explore.contradictions_for(self.data.contradictions, actor, area.split(":")[0])
        self.conflicts.value = ("<p>no contradictions between sources</p>" if pairs.empty else
                                explore.table_html(pairs, "rasd-conflicts-table", self.lang))

    def export(self) -> tuple[Path, Path]:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        written = explore.export_view(self.current, self.export_dir / f"rasd-view-{stamp}", self.lang)
        self.export_note.value = "written: " + ", ".join(f"<code>{escape(str(p))}</code>" for p in written)
        return written

    def widget(self) -> widgets.Widget:
        filters = widgets.HBox(list(self.filters.values()), layout=widgets.Layout(flex_flow="row wrap"))
        return widgets.VBox([
            filters, widgets.HBox([self.since, self.until]), self.summary,
            widgets.HTML("<h3>As-of totals</h3>"), self.totals,
            widgets.HTML("<h3>Charts</h3>"), self.recruits_chart, self.aid_chart,
            widgets.HTML("<h3>Evidence</h3>"), self.evidence,
            widgets.HTML("<h3>How did this total evolve?</h3>"), self.series,
            widgets.HBox([self.history, self.conflicts]),
            widgets.HBox([self.export_button, self.export_note]),
        ])


class Reviewer:
    """One queue item at a time: accept, correct one field, or reject with a reason."""

    def __init__(self, session: review.ReviewSession, texts: dict[str, str], lang: str = "ar"):
        self.session, self.texts, self.lang = session, texts, lang
        self.item = widgets.HTML()
        self.item.add_class("rasd-review-item")
        self.field = widgets.Dropdown(description="field", options=[])
        self.field.add_class("rasd-field")
        self.choice = widgets.Dropdown(description="value", options=[])
        self.choice.add_class("rasd-value-choice")
        self.free = widgets.Text(description="value", placeholder="new value")
        self.free.add_class("rasd-value-text")
        self.reason = widgets.Text(description="reason", placeholder="why (needed to correct or reject)",
                                   layout=widgets.Layout(width="480px"))
        self.reason.add_class("rasd-reason")
        self.buttons = {}
        for action, style in (("accept", "success"), ("correct", "warning"), ("reject", "danger"), ("skip", "")):
            button = widgets.Button(description=action, button_style=style)
            button.add_class(f"rasd-{action}")
            button.on_click(lambda _b, action=action: self.decide(action))
            self.buttons[action] = button
        self.status = widgets.HTML()
        self.status.add_class("rasd-status")
        self.field.observe(lambda _change: self._show_choices(), names="value")
        self.show()

    def _show_choices(self) -> None:
        choices = review.field_choices(self.field.value or "")
        self.choice.options = [(c or "(none)", c) for c in choices]
        self.choice.layout.display = "" if choices else "none"
        self.free.layout.display = "none" if choices else ""

    def show(self) -> None:
        current = self.session.current()
        if current is None:
            self.item.value = "<p>The queue is done.</p>"
            for button in self.buttons.values():
                button.disabled = True
            return
        paragraph = review.paragraph_of(self.texts.get(str(current["report_id"]), ""), current["start"],
                                        current["start"] + len(str(current["text"])))
        self.item.value = (f"<p>{self.session.position + 1} / {len(self.session.queue)}</p>"
                           + review.item_html(current, paragraph, self.lang))
        self.field.options = review.editable_fields(current["kind"])
        self._show_choices()

    def decide(self, action: str) -> None:
        try:
            if action == "accept":
                row = self.session.accept()
            elif action == "correct":
                value = self.choice.value if review.field_choices(self.field.value) else self.free.value
                row = self.session.correct(self.field.value, value or "", self.reason.value)
            elif action == "reject":
                row = self.session.reject(self.reason.value)
            else:
                self.session.skip()
                row = None
        except ValueError as error:
            self.status.value = f'<p style="color:#b00">not written: {escape(str(error))}</p>'
            return
        if row is not None:
            what = f"{row['field']}={row['value']}" if row["action"] == "correct" else row["action"]
            self.status.value = (f"<p>written to <code>{escape(str(self.session.corrections_path))}</code>: "
                                 f"{escape(row['id'])} {escape(what)} ({len(self.session.decided)} this session)</p>")
        self.reason.value = ""
        self.free.value = ""
        self.show()

    def widget(self) -> widgets.Widget:
        return widgets.VBox([
            self.item,
            widgets.HBox([self.field, self.choice, self.free]),
            self.reason,
            widgets.HBox(list(self.buttons.values())),
            self.status,
        ])
