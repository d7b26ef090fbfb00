"""The HTML report: escaping, offline, RTL, evidence next to every number, rejections."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from helpers.present import report
from helpers.run import steps as run
from helpers.records import Figure, Incentive, Rejection

EVIL_TITLE = "<script>alert(1)</script>"
EVIL_SENTENCE = "وقال ناشط إن المنشور حمل الوسم <img src=x onerror=alert(2)> وأن 40 شاباً انضموا إلى الفوج."

# Two reports in our own words: one recruitment figure each for the same actor, one salary.
REPORT_A = {
    "id": "r-dar-01", "title": "تجنيد في ريف درعا", "date": "2024-03-02", "source": "شبكة محلية",
    "body": "أفادت مصادر أهلية بأن عدد المنتسبين إلى الفيلق الخامس في ريف درعا الغربي ارتفع إلى نحو 1500 عنصر. "
            "ويتقاضى المنتسب راتباً شهرياً قدره 150 دولاراً.",
}
REPORT_B = {
    "id": "r-dar-02", "title": EVIL_TITLE, "date": "2024-04-10", "source": 'موقع <b>مجهول</b><svg onload="window.__pwned=1">',
    "body": "وذكرت المصادر أن العدد بلغ أكثر من 1800 عنصر بعد دفعة جديدة. " + EVIL_SENTENCE,
}


def iso(text: str) -> str:
    """Ids and dates inside findings sit in left-to-right isolates."""
    return f"\u2066{text}\u2069"


def full_text(meta: dict) -> str:
    return meta["title"] + "\n\n" + meta["body"]


def figure(meta: dict, words: str, sentence: str, **fields) -> Figure:
    """A Figure whose offsets really index the report's full text."""
    text = full_text(meta)
    start, sentence_start = text.index(words), text.index(sentence)
    defaults = dict(value_min=None, value_max=None, qualifier="exact", unit="person", category="recruits",
                    measure="stock", actor="russia", actor_text="الفيلق الخامس", regions=["SY-DR"],
                    area="SY-DR", area_text="ريف درعا الغربي")
    defaults.update(fields)
    return Figure(id=f"{meta['id']}-{start}", report_id=meta["id"], report_date=meta["date"], text=words,
                  start=start, end=start + len(words), sentence=sentence, sentence_start=sentence_start,
                  source=meta["source"], **defaults)


def sample_tables() -> dict[str, pd.DataFrame]:
    first_a = REPORT_A["body"].split(". ")[0] + "."
    first_b = REPORT_B["body"].split(". ")[0] + "."
    figures = [
        figure(REPORT_A, "نحو 1500 عنصر", first_a, value=1500, qualifier="approx"),
        figure(REPORT_A, "150 دولاراً", "ويتقاضى المنتسب راتباً شهرياً قدره 150 دولاراً.", value=150,
               unit="usd", category="salary", measure=None),
        figure(REPORT_B, "أكثر من 1800 عنصر", first_b, value=1800, value_min=1800, qualifier="more_than"),
        figure(REPORT_B, "40 شاباً", EVIL_SENTENCE, value=40, measure="flow", actor=None, actor_text=None),
    ]
    salary_sentence = "ويتقاضى المنتسب راتباً شهرياً قدره 150 دولاراً."
    at = full_text(REPORT_A).index("راتباً شهرياً")
    incentives = [Incentive(id="inc-1", report_id="r-dar-01", report_date="2024-03-02", incentive="cash_salary",
                            actor="russia", actor_text="الفيلق الخامس", regions=["SY-DR"], area="SY-DR",
                            area_text="ريف درعا الغربي", figure_id=figures[1].id, text="راتباً شهرياً",
                            start=at, end=at + len("راتباً شهرياً"), sentence=salary_sentence,
                            sentence_start=full_text(REPORT_A).index(salary_sentence), source="شبكة محلية")]
    reports = pd.DataFrame([{k: m[k] for k in ("id", "title", "date", "source")} | {"path": f"/corpus/{m['id']}.txt"}
                            for m in (REPORT_A, REPORT_B)])
    rejections = run.problems_frame([Rejection("/corpus/broken.csv", 7, "no text in column 'text'"),
                                     Rejection("/corpus/<x>.bin", None, "binary file, not a report")])
    return {"reports": reports, "figures": run.frame_of(figures), "incentives": run.frame_of(incentives),
            "rejections": rejections}


def make_run_folder(folder: Path, with_chart: bool = True) -> Path:
    """A run folder as the notebooks leave it: tables (CSV + Parquet) and a chart."""
    folder.mkdir(parents=True, exist_ok=True)
    run.write_tables(folder, **sample_tables())
    if with_chart:
        from matplotlib.figure import Figure as MplFigure

        fig = MplFigure(figsize=(2, 1.5))
        fig.add_subplot().bar(["a", "b"], [3, 5])
        (folder / "charts").mkdir(exist_ok=True)
        fig.savefig(folder / "charts" / "recruits_by_area_actor.png")
        fig.savefig(folder / "charts" / "recruits_by_area_actor.svg")
    return folder


@pytest.fixture()
def page(tmp_path) -> tuple[str, HTMLParser]:
    path = report.write_report(make_run_folder(tmp_path / "run"), run_id="run-1", params={"since": None})
    html = path.read_text(encoding="utf-8")
    return html, HTMLParser(html)


def rows_of(tree: HTMLParser, section: str) -> list[list[str]]:
    return [[td.text(strip=False).strip() for td in tr.css("td")] for tr in tree.css(f"section#{section} tbody tr")]


def test_report_text_is_escaped_not_markup(page):
    html, tree = page
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>مجهول</b>" not in html and "&lt;b&gt;مجهول&lt;/b&gt;" in html
    assert "<svg" not in html and "&lt;svg onload=&#34;window.__pwned=1&#34;&gt;" in html
    assert EVIL_TITLE in [span.text() for span in tree.css(".report-title")]
    assert len(tree.css("img")) == 1  # only the chart: the sentence's <img> stayed text


def test_page_is_offline_and_forbids_scripts(page):
    html, tree = page
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert "script-src 'none'" in csp and "default-src 'none'" in csp
    assert not re.search(r"https?://", html)
    assert not tree.css("script, link, iframe, object")
    sources = [node.attributes.get("src") for node in tree.css("[src]")]
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)  # the SVG, not the PNG
    links = [node.attributes.get("href") for node in tree.css("[href]")]
    assert links and all(link.startswith("#") for link in links)
    assert all(tree.css_first(f"[id='{link[1:]}']") is not None for link in links)  # no link leads nowhere


def test_arabic_page_is_rtl_with_evidence_marked(page):
    _, tree = page
    root = tree.css_first("html")
    assert (root.attributes["lang"], root.attributes["dir"]) == ("ar", "rtl")
    evidence = [td for td in tree.css("section#figures td") if td.css_first("mark")]
    assert len(evidence) == 4 and all(td.attributes.get("dir") == "rtl" for td in evidence)
    assert [td.css_first("mark").text() for td in evidence] == ["نحو 1500 عنصر", "150 دولاراً",
                                                                "أكثر من 1800 عنصر", "40 شاباً"]


def test_each_number_stands_with_its_sentence_report_date_and_source(page):
    _, tree = page
    rows = rows_of(tree, "figures")
    assert len(rows) == 4
    value, category, actor, area, sentence, report_cell, date, source = rows[0]
    assert value == "نحو 1,500 شخص" and category == "مجندون" and actor.startswith("روسيا") and area == "درعا"
    assert sentence == REPORT_A["body"].split(". ")[0] + "."
    assert report_cell.startswith("r-dar-01") and date == "2024-03-02" and source == "شبكة محلية"
    assert rows[2][0] == "أكثر من 1,800 شخص" and rows[2][5] == "r-dar-02" + EVIL_TITLE
    assert rows[1][0] == "150 دولاراً" and rows[3][0] == "40 شخصاً"  # Arabic number agreement
    incentive = rows_of(tree, "incentives")
    assert incentive == [["راتب شهري", "روسياالفيلق الخامس", "درعا", "ويتقاضى المنتسب راتباً شهرياً قدره 150 دولاراً.",
                          "r-dar-01تجنيد في ريف درعا", "2024-03-02", "شبكة محلية"]]


def test_rejected_inputs_are_listed_with_reasons(page):
    _, tree = page
    assert rows_of(tree, "rejections") == [
        ["مرفوض", "/corpus/broken.csv", "7", "لا نص في العمود text"],
        ["مرفوض", "/corpus/<x>.bin", "", "ملف ثنائي وليس تقريراً"],
    ]


def test_findings_are_generated_from_the_data(tmp_path):
    tables = report.load_run_tables(make_run_folder(tmp_path / "run", with_chart=False))
    assert report.findings(tables, "ar") == [
        "قُرئ تقريران (من 2024-03-02 إلى 2024-04-10)؛ استُخرج 4 أرقام و1 حافز؛ مدخلان مرفوضان.",
        "لا تشغيل سابقاً للمقارنة.",
        "لا أرقام متعارضة بين المصادر.",
        "أكثر الحوافز ذكراً: راتب شهري (1 تقرير).",
    ]
    assert report.findings(tables, "en")[0] == ("Read 2 reports (2024-03-02 to 2024-04-10); "
                                                "extracted 4 figures and 1 incentive; 2 rejected inputs.")


def test_english_labels_keep_arabic_sentences_rtl(tmp_path):
    html = report.write_report(make_run_folder(tmp_path / "run"), lang="en").read_text(encoding="utf-8")
    tree = HTMLParser(html)
    assert tree.css_first("html").attributes["dir"] == "ltr"
    assert rows_of(tree, "figures")[0][0] == "about 1,500 people"
    assert all(td.attributes.get("dir") == "rtl" for td in tree.css("section#figures td") if td.css_first("mark"))


def test_long_tables_are_cut_with_a_note_naming_the_full_file(tmp_path):
    html = report.write_report(make_run_folder(tmp_path / "run"), max_rows=1).read_text(encoding="utf-8")
    assert len(rows_of(HTMLParser(html), "figures")) == 1
    assert "عُرض 1 من 4؛ الجدول الكامل في figures.csv." in html
    with pytest.raises(ValueError, match="max_rows"):
        report.write_report(tmp_path / "run", max_rows=-1)


def test_marked_sentence_falls_back_to_search_and_escapes():
    row = {"sentence": "قال <b>س</b>: وصل 30 عنصراً", "text": "30 عنصراً", "start": 999, "sentence_start": 0}
    assert str(report.marked_sentence(row)) == "قال &lt;b&gt;س&lt;/b&gt;: وصل <mark>30 عنصراً</mark>"
    assert str(report.marked_sentence({"sentence": "لا رقم <i>", "text": "غائب"})) == "لا رقم &lt;i&gt;"


def test_figure_value_phrases():
    assert report.figure_value_text({"value": 100, "value_min": 100, "value_max": 300, "qualifier": "range",
                                     "unit": "usd"}, "ar") == "بين 100 و300 دولار"
    assert report.figure_value_text({"value": 3, "qualifier": "exact", "unit": "month"}, "ar") == "3 أشهر"
    assert report.figure_value_text({"value": 24, "qualifier": "exact", "unit": "hour"}, "ar") == "24 ساعة"
    assert report.figure_value_text({"value": 2, "qualifier": "exact", "unit": "person"}, "ar") == "2 شخصان"
    assert report.figure_value_text({"value": 8.26, "qualifier": "exact", "unit": "tonne"}, "en") == "8.26 tonnes"
    assert report.figure_value_text({"value": 10, "qualifier": "vague", "unit": "person"}, "ar") == "10 (تقدير مبهم) أشخاص"


def totals_frame() -> pd.DataFrame:
    """As-of totals shaped like helpers.analysis.aggregate's table (GROUP_COLUMNS)."""
    return pd.DataFrame([
        {"actor": "russia", "area": "SY-DR", "regions": ["SY-DR"], "category": "recruits", "measure": "stock",
         "unit": "person", "value": 1800.0, "as_of": "2024-04-10", "report_ids": ["r-dar-02"],
         "figure_ids": ["f2"], "basis": "total 1800 on 2024-04-10",
         "conflicts": [{"value": 1500.0, "report_id": "r-dar-01", "report_date": "2024-03-02", "source": "x"}]},
        {"actor": "iran", "area": "west_euphrates", "regions": ["SY-DY"], "category": "recruits", "measure": "flow",
         "unit": "person", "value": 40.0, "as_of": "2024-04-10", "report_ids": ["r-dar-02"],
         "figure_ids": ["f4"], "basis": "new arrivals 40", "conflicts": []},
    ])


def test_totals_give_the_findings_and_their_table(tmp_path):
    folder = make_run_folder(tmp_path / "run", with_chart=False)
    figures = sample_tables()["figures"]
    totals = totals_frame().assign(figure_ids=[[figures.iloc[2]["id"]], [figures.iloc[3]["id"]]])
    run.write_tables(folder, totals=totals)
    tables = report.load_run_tables(folder)
    assert report.findings(tables, "ar")[1:3] == [
        "روسيا في درعا: 1,800 شخص حتى 2024-04-10 (إجمالي تراكمي؛ 1 تقرير).",
        "إيران في غرب الفرات: 40 شخصاً حتى 2024-04-10 (دفعات جديدة؛ 1 تقرير).",
    ]
    tree = HTMLParser(report.write_report(folder).read_text(encoding="utf-8"))
    assert [th.text() for th in tree.css("section#totals th")] == [
        "الجهة", "المنطقة", "الفئة", "النوع", "الرقم", "حتى تاريخ", "الأساس", "التقارير", "الأدلة", "تعارضات",
        "راجعه محلل", "يستند إلى تخمين"]
    first, second = rows_of(tree, "totals")
    assert first == ["روسيا", "درعا", "مجندون", "إجمالي تراكمي", "1,800 شخص", "2024-04-10",
                     f"إجمالي 1,800 في {iso('2024-04-10')}", "r-dar-02", "1", "1,500 @ r-dar-01 (2024-03-02)", "لا",
                     ""]
    assert report.findings(tables, "ar")[-1] == "راجع محلل 0 من 2 مجموعاً (كل رقم خلفها قُبل أو صُحّح)."
    assert second[:5] == ["إيران", "غرب الفرات", "مجندون", "دفعات جديدة", "40 شخصاً"]
    assert second[6] == "دفعات جديدة 40 (لم يُعلن إجمالي تراكمي)"
    # the finding's number links to its total, whose evidence link leads to the figure's row
    finding = tree.css("section#findings li")[1]
    total_anchor = finding.css_first("a").attributes["href"][1:]
    total_row = tree.css_first(f"tr[id='{total_anchor}']")
    evidence_anchor = total_row.css_first("td.evidence a").attributes["href"][1:]
    assert rows_of(tree, "figures")[2][0] == "أكثر من 1,800 شخص"
    assert tree.css("section#figures tbody tr")[2].attributes["id"] == evidence_anchor


def test_findings_count_reports_left_outside_the_date_window(tmp_path):
    folder = make_run_folder(tmp_path / "run", with_chart=False)
    run.write_tables(folder, inputs=pd.DataFrame({"id": ["r-dar-01", "r-dar-02", "r-old"]}))
    first = report.findings(report.load_run_tables(folder), "en")[0]
    assert first == ("Read 2 reports (2024-03-02 to 2024-04-10) and 1 outside the requested date window; "
                     "extracted 4 figures and 1 incentive; 2 rejected inputs.")


def test_changes_since_the_previous_good_run_are_found(tmp_path):
    previous = make_run_folder(tmp_path / "runs" / "old", with_chart=False)
    run.write_tables(previous, totals=totals_frame().assign(value=[1500.0, 40.0]))
    (tmp_path / "runs" / "latest").symlink_to("old")
    current = make_run_folder(tmp_path / "runs" / "new", with_chart=False)
    run.write_tables(current, totals=totals_frame())
    lines = report.findings(report.load_run_tables(current), "en")
    assert "Since the previous run (old): Russia in Daraa went from 1,500 to 1,800 people." in lines


def test_contradictions_and_corrections_are_listed_with_their_sources(tmp_path):
    from helpers.analysis.aggregate import contradictions
    from helpers.analysis.corrections import apply_corrections

    folder = make_run_folder(tmp_path / "run", with_chart=False)
    figures = sample_tables()["figures"]
    stocks = figures[(figures["category"] == "recruits") & (figures["value"] > 100)].assign(measure="stock", actor="russia")
    corrections = [{"id": figures.iloc[1]["id"], "action": "correct", "field": "value", "value": "175",
                    "reason": "the report's second paragraph says 175", "line": 2},
                   {"id": "gone:f:1", "action": "reject", "field": "", "value": "", "reason": "<b>old</b>", "line": 3}]
    _, applied = apply_corrections({"figures": figures}, corrections)
    run.write_tables(folder, contradictions=contradictions(stocks, days=60),
                     corrections_applied=applied.applied_as_text(), corrections_orphaned=applied.orphans)
    tree = HTMLParser(report.write_report(folder, run_id="run-2").read_text(encoding="utf-8"))
    pair = rows_of(tree, "contradictions")
    assert [(row[2], row[6]) for row in pair] == [("1,500", "1,800")]
    assert "شبكة محلية" in pair[0][3]
    corrected, orphaned = tree.css("section#corrections table")
    assert [td.text().strip() for td in corrected.css("tbody td")][:6] == [
        figures.iloc[1]["id"], "تصحيح", "الرقم", "150", "175", "the report's second paragraph says 175"]
    assert [td.text().strip() for td in orphaned.css("tbody td")] == ["gone:f:1", "رفض", "", "", "<b>old</b>", "3"]


def test_a_long_contradictions_table_is_cut_at_max_rows_with_a_note(tmp_path):
    folder = make_run_folder(tmp_path / "run", with_chart=False)
    pairs = pd.DataFrame([{"actor": "russia", "area": "SY-HM", "value_a": 100 + n, "report_a": f"a{n}",
                           "date_a": "2020-01-01", "source_a": "s", "sentence_a": "x", "value_b": 200 + n,
                           "report_b": f"b{n}", "date_b": "2020-01-02", "source_b": "t", "sentence_b": "y",
                           "figure_a": f"a{n}:f:1", "figure_b": f"b{n}:f:1"} for n in range(5)])
    run.write_tables(folder, contradictions=pairs)
    tree = HTMLParser(report.write_report(folder, run_id="run-2", max_rows=3).read_text(encoding="utf-8"))
    assert [row[2] for row in rows_of(tree, "contradictions")] == ["100", "101", "102"]
    section = tree.css_first("section#contradictions")
    assert "(5)" in section.css_first("h2").text() and "contradictions.csv" in section.text()


def test_a_total_without_an_actor_is_named_unattributed(tmp_path):
    folder = make_run_folder(tmp_path / "run", with_chart=False)
    run.write_tables(folder, totals=pd.DataFrame([
        {"category": "recruits", "measure": "stock", "actor": None, "area": "SY-DY", "regions": ["SY-DY"],
         "unit": "person", "value": 500.0, "as_of": "2020-01-01", "report_ids": ["r1"], "figure_ids": ["x"]}]))
    tables = report.load_run_tables(folder)
    assert report.findings(tables, "en")[1] == "Unattributed in Deir ez-Zor: 500 people as of 2020-01-01 (running total; 1 report)."
    assert report.findings(tables, "ar")[1].startswith("جهة غير محددة في دير الزور: 500 شخص")


@pytest.mark.parametrize("cell", [["SY-DR", "SY-QU"], "SY-DR|SY-QU", '["SY-DR", "SY-QU"]'])
def test_regions_read_from_parquet_or_csv_are_named(cell):
    import numpy as np

    assert report.regions_text(cell, "en") == "Daraa، Quneitra"
    assert report.regions_text(np.array(cell if isinstance(cell, list) else ["SY-DR", "SY-QU"]), "en") == "Daraa، Quneitra"


# --- the sample corpus, rendered in both languages ----------------------------------

@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    """The sample corpus through the pipeline into a run folder, as notebooks 01–02 leave it,
    plus an analyst correction, a rejected input and a contradiction, so every table shows."""
    from helpers.analysis.aggregate import contradictions
    from helpers.run.pipeline import run_pipeline
    from helpers.records import Rejection

    folder = tmp_path_factory.mktemp("sample-run")
    result = run_pipeline()
    figures = result.figures
    stocks = figures[(figures["category"] == "recruits") & (figures["measure"] == "stock")].head(2)
    pair = contradictions(stocks.assign(actor="russia", area="SY-HM", area_text="", report_date="2020-01-01"))
    corrected = pd.DataFrame([{"id": figures.iloc[0]["id"], "action": "correct", "field": "category",
                               "old": "recruits", "new": "casualties", "reason": "خطأ في الفئة", "line": 2}])
    problems = run.problems_frame(result.problems + [Rejection("/corpus/x.bin", None, "binary file, not a report"),
                                                     Rejection("/corpus/a.csv", 3, "broken CSV from row 3 on: x")])
    run.write_tables(folder, reports=result.reports, figures=figures, incentives=result.incentives,
                     totals=result.aggregation.table(), contradictions=pair, rejections=problems,
                     corrections_applied=corrected, corrections_orphaned=corrected.iloc[0:0])
    return folder


LATIN_ALLOWED = {"CSV", "Parquet", "PNG", "SVG", "JSON", "HTML", "manifest", "json", "csv", "text", "rejections"}
CODE_NAMES = {"russia", "iran", "turkey", "regime", "sdf", "isis", "recruits", "stock", "flow", "abroad",
              "south", "coast", "west_euphrates", "aid_by_area", "as_of", "report_ids"}


def page_words(html: str) -> str:
    """The words the page itself adds: everything but the reports' own words (`.quote`),
    ids, dates and paths (`bdi.ltr`) and the head."""
    tree = HTMLParser(html)
    for node in tree.css(".quote, bdi.ltr, mark, head"):
        node.decompose()
    return tree.body.text(separator=" ")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_page_speaks_one_language_without_code_names(sample_run, lang):
    html = report.write_report(sample_run, lang=lang).read_text(encoding="utf-8")
    words = page_words(html)
    codes = sorted({w for w in re.findall(r"[A-Za-z_]+(?:-[A-Z]{2})?", words) if w in CODE_NAMES or "_" in w
                    or re.fullmatch(r"SY-[A-Z]{2}", w)})
    assert codes == []
    if lang == "ar":
        assert sorted(set(re.findall(r"[A-Za-z]{2,}", words)) - LATIN_ALLOWED) == []
    else:
        assert re.findall(r"[\u0600-\u06FF]+", words) == []
    # destinations abroad by name, in the page's language
    assert ("ليبيا" if lang == "ar" else "Libya") in words and ("Azerbaijan" if lang == "en" else "أذربيجان") in words


def test_summary_chart_bars_and_totals_table_give_the_same_numbers(sample_run):
    from helpers.present import charts
    from helpers.present.totals_view import recruit_rows

    tables = report.load_run_tables(sample_run)
    tree = HTMLParser(report.render_report(tables, lang="en"))
    number = lambda text: float(re.search(r"[\d,]+(?:\.\d+)?", text).group().replace(",", ""))  # noqa: E731
    summary = {a.attributes["href"][1:]: number(a.text()) for a in tree.css("section#findings li a")
               if re.fullmatch(r"#t\d+", a.attributes["href"])}
    table = {tr.attributes["id"]: number(tr.css("td")[4].text()) for tr in tree.css("section#totals tbody tr")
             if tr.attributes.get("id")}
    chart = charts.recruits_chart(recruit_rows(tables.totals), "en")
    bars = {f"t{int(p.get_gid().split('-')[1]) + 1}": p.get_width() for p in chart.axes[0].patches}
    assert len(summary) == 8 and len(bars) == len(recruit_rows(tables.totals)) == 13
    assert all(summary[anchor] == table[anchor] == bars[anchor] for anchor in summary)
    assert all(bars[anchor] == table[anchor] for anchor in bars)
    # Turkey's fighters abroad: Libya's running total and Azerbaijan's arrivals, never one 12,500 bar
    assert 12500 not in bars.values() and {11000, 1500} <= set(bars.values())


def test_durations_and_items_of_different_kinds_stand_apart(sample_run):
    tree = HTMLParser(report.write_report(sample_run, lang="ar").read_text(encoding="utf-8"))
    durations = [row[0] for row in rows_of(tree, "durations")]
    assert "3 أشهر" in durations and "24 ساعة" in durations and "شهرين" not in durations
    assert not any(unit in row[0] for row in rows_of(tree, "figures") for unit in ("شهر", "ساعة", "أشهر"))
    items = [row for row in rows_of(tree, "totals") if "قطع" in row[4] or "قطعة" in row[4]]
    assert sorted(row[4] for row in items) == ["12,000 قطعة (عبوة)", "18,000 قطعة (عبوة)", "2,500 قطعة (حقيبة)"]


@pytest.mark.parametrize(("number", "expected"), [
    (1, "1 شهر"), (2, "شهران"), (3, "3 أشهر"), (10, "10 أشهر"), (11, "11 شهراً"), (99, "99 شهراً"),
    (100, "100 شهر"), (103, "103 أشهر"), (1500, "1,500 شهر")])
def test_arabic_number_agreement(number, expected):
    from helpers.present.labels import count_phrase

    assert count_phrase("month", number, "ar") == expected
