"""The review queue (helpers.present.review): weak evidence first, decisions appended, reviewed totals."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers.present import review
from helpers.analysis.corrections import read_corrections
from helpers.run.pipeline import run_pipeline
from helpers.records import FIGURE_COLUMNS

TEXT = ("عنوان\n\n"
        "قال مصدر إن حزب الله جند شباناً في البوكمال.\n"
        "وبلغ عدد المنتسبين 300 عنصر.\n"
        "ويتقاضى المنتسب 100 دولار.")


def figure(id_, **fields) -> dict:
    base = dict.fromkeys(FIGURE_COLUMNS) | {
        "id": id_, "report_id": "r1", "report_date": "2024-01-01", "value": 300, "qualifier": "exact",
        "unit": "person", "category": "recruits", "measure": "stock", "actor": "iran", "actor_text": "حزب الله",
        "regions": ["SY-DY"], "area": "SY-DY", "area_text": "البوكمال", "type": "figure"}
    return base | fields


def test_words_in_the_sentence_are_firm_evidence():
    record = figure("a", sentence="قال مصدر إن حزب الله جند 300 شاب في البوكمال.")
    assert review.weak_points(record, TEXT) == []


def test_carried_words_are_told_apart_from_the_report_default():
    second = TEXT.index("وبلغ")
    third = TEXT.index("ويتقاضى")
    carried = figure("b", sentence="وبلغ عدد المنتسبين 300 عنصر.", sentence_start=second)
    assert review.weak_points(carried, TEXT) == [("actor: report_default", 1.0), ("area: report_default", 1.0)]
    same_line = TEXT.replace("\nوبلغ", " وبلغ")
    carried = figure("b", sentence="وبلغ عدد المنتسبين 300 عنصر.", sentence_start=same_line.index("وبلغ"))
    assert review.weak_points(carried, same_line) == [("actor: paragraph", 0.6), ("area: paragraph", 0.6)]
    salary = figure("c", category="salary", measure=None, sentence="ويتقاضى المنتسب 100 دولار.", sentence_start=third)
    assert review.weak_points(salary) == [("actor: carried", 0.6), ("area: carried", 0.6)]


def test_missing_actor_place_measure_and_vague_are_weak():
    record = figure("d", actor=None, actor_text=None, area=None, area_text=None, regions=[], measure=None,
                    qualifier="vague", sentence="انضم عشرات الشبان.")
    assert review.weak_points(record) == [("no actor", 1.0), ("no place", 0.5),
                                          ("running total, new arrivals or target not decided", 0.8),
                                          ("vague quantity", 0.3)]
    assert review.weak_points(record | {"category": "other", "measure": None, "qualifier": "exact"}) == [("no place", 0.5)]


def test_basis_and_confidence_are_used_when_the_record_has_them():
    record = figure("e", sentence="وبلغ عدد المنتسبين 300 عنصر.", confidence=0.7,
                    basis={"actor": "frame", "area": "paragraph", "measure": "clause"})
    assert review.weak_points(record) == [("area: paragraph", 0.6), ("measure: clause", 0.2), ("confidence 0.70", 0.3)]


def test_basis_read_back_from_parquet_or_csv_is_understood(tmp_path):
    records = pd.DataFrame([figure("p", sentence="x", basis={"actor": "report_default", "regions": "frame"}),
                            figure("q", sentence="x", basis={"actor": None, "regions": "paragraph"})])
    records.to_parquet(tmp_path / "f.parquet")
    back = pd.read_parquet(tmp_path / "f.parquet").to_dict("records")
    assert review.weak_points(back[0]) == [("actor: report_default", 1.0)]
    # no basis for the actor: its words not being in the sentence say it was carried
    assert review.weak_points(back[1]) == [("regions: paragraph", 0.6), ("actor: carried", 0.6)]
    as_text = figure("r", sentence="x", basis='{"measure": "clause"}', actor_text="x", area_text="x")
    assert review.weak_points(as_text) == [("measure: clause", 0.2)]


def test_queue_puts_weak_evidence_first_then_recruit_totals_then_the_largest():
    sentence = "قال مصدر إن حزب الله جند 300 شاب في البوكمال."
    figures = pd.DataFrame([
        figure("firm-small", value=50, sentence=sentence),
        figure("firm-big-aid", value=9000, category="aid_recipients", measure=None, unit="family", sentence=sentence),
        figure("firm-recruits", value=300, sentence=sentence),
        figure("weak", value=10, actor=None, actor_text=None, sentence=sentence),
        figure("repeat", value=300, sentence=sentence, repeat_of="firm-recruits"),
        figure("done", value=10, actor=None, actor_text=None, sentence=sentence, reviewed=True),
    ])
    totals = pd.DataFrame([
        {"category": "recruits", "value": 300, "figure_ids": ["firm-recruits"]},
        {"category": "recruits", "value": 50, "figure_ids": ["firm-small"]},
        {"category": "aid_recipients", "value": 9000, "figure_ids": ["firm-big-aid"]},
    ])
    queue = review.review_queue(figures, None, totals)
    assert queue["id"].tolist() == ["weak", "firm-recruits", "firm-small", "firm-big-aid"]
    assert review.review_queue(figures, None, totals, decided={"weak", "firm-small"})["id"].tolist() == [
        "firm-recruits", "firm-big-aid"]
    assert queue.loc[0, "reasons"] == ["no actor"] and queue.loc[1, "total"] == 300


def test_item_shows_the_number_marked_in_its_sentence_its_paragraph_and_source():
    sentence = "قال مصدر إن حزب الله جند 300 شاب <b>في</b> البوكمال."
    record = figure("f", sentence=sentence, text="300", start=30 + sentence.index("300"), sentence_start=30,
                    source="شبكة محلية") | {"reasons": [], "total": 300}
    html = review.item_html(record, paragraph="الفقرة كاملة")
    assert "جند <mark>300</mark> شاب &lt;b&gt;في&lt;/b&gt;" in html
    assert "الفقرة كاملة" in html and "شبكة محلية" in html and '<bdi dir="ltr">2024-01-01</bdi>' in html
    assert "rasd-paragraph" not in review.item_html(record, paragraph=sentence)  # a one-sentence paragraph once
    assert review.paragraph_of(TEXT, TEXT.index("300"), TEXT.index("300") + 3) == "وبلغ عدد المنتسبين 300 عنصر."


def test_choice_lists_hold_the_contract_codes():
    assert review.field_choices("actor") == ["russia", "iran", "turkey", "regime", "us_coalition", "sdf", "isis", ""]
    assert "stock" in review.field_choices("measure") and "" in review.field_choices("measure")
    assert "SY-DY" in review.field_choices("regions") and "west_euphrates" in review.field_choices("area")
    assert review.field_choices("value") == []


CORPUS = {
    "q-1.txt": "id: q-1\ndate: 2024-02-11\nsource: شبكة محلية\n\nعنوان أول\n\n"
               "قالت مصادر محلية إن عدد المنتسبين إلى الفيلق الخامس في ريف حمص الشرقي ارتفع إلى نحو 900 عنصر.\n",
    "q-2.txt": "id: q-2\ndate: 2024-03-05\nsource: موقع تجريبي\n\nعنوان ثان\n\n"
               "ذكرت المصادر أن عدد المنتسبين إلى الميليشيات الموالية لإيران في الميادين ارتفع إلى 400 عنصر.\n",
    "q-3.txt": "id: q-3\ndate: 2024-01-20\nsource: وكالة محلية\n\nعنوان ثالث\n\n"
               "وزعت القوات الروسية 500 سلة غذائية على العائلات في الريف الحموي الشمالي.\n",
}


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_session_writes_each_decision_and_the_next_run_applies_them(corpus, tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("id,action,field,value,reason\n", encoding="utf-8")  # today's five columns
    first = run_pipeline(corpus, corrections=path)
    totals = first.aggregation.table()
    assert review.reviewed_count(totals, first.figures) == (0, 3)
    by_value = first.figures.set_index("value")["id"]
    order = [by_value[900], by_value[400], by_value[500]]
    queue = review.review_queue(first.figures, first.incentives, totals)
    queue = queue.set_index("id").loc[order].reset_index()
    session = review.ReviewSession(queue, path, "Layla")
    session.accept()
    session.correct("value", "450", "the report's table says 450")
    with pytest.raises(ValueError, match="needs a reason"):
        session.reject("")
    session.reject("food baskets counted twice in this report")
    assert review.decided_ids(path) == set(order)
    rows, problems = read_corrections(path)
    assert problems == []
    assert [(r["id"], r["action"], r["field"], r["value"], r["reviewed_by"]) for r in rows] == [
        (order[0], "accept", "", "", "Layla"), (order[1], "correct", "value", "450", "Layla"),
        (order[2], "reject", "", "", "Layla")]
    assert all(r["reviewed_at"].endswith("+00:00") for r in rows)

    second = run_pipeline(corpus, corrections=path)
    figures = second.figures.set_index("id")
    assert figures.loc[order[1], "value"] == 450 and order[2] not in figures.index
    assert figures["reviewed"].to_dict() == {order[0]: True, order[1]: True}
    status = review.with_review_status(second.aggregation.table(), second.figures)
    assert sorted(status[["value", "reviewed"]].values.tolist()) == [[450, True], [900, True]]
    assert review.reviewed_count(second.aggregation.table(), second.figures) == (2, 2)
    assert review.review_queue(second.figures, second.incentives, status)["id"].isin(order).sum() == 0


def test_a_total_is_reviewed_only_when_every_figure_behind_it_is():
    totals = pd.DataFrame({"value": [1500, 300], "figure_ids": [["a", "b"], ["c"]]})
    figures = pd.DataFrame({"id": ["a", "b", "c"], "reviewed": [True, False, True]})
    assert review.with_review_status(totals, figures)["reviewed"].tolist() == [False, True]
    assert review.reviewed_count(totals, figures) == (1, 2)
    assert review.reviewed_count(totals.iloc[:0], figures) == (0, 0)


def test_the_report_says_how_many_totals_were_reviewed_and_which():
    from helpers.present import report

    tables = report.RunTables(
        totals=pd.DataFrame({"actor": ["iran", "russia"], "area": ["SY-DY", "south"], "category": ["recruits"] * 2,
                             "measure": ["stock"] * 2, "unit": ["person"] * 2, "value": [1500, 300],
                             "as_of": ["2024-01-01"] * 2, "report_ids": [["r1"], ["r2"]],
                             "figure_ids": [["a", "b"], ["c"]]}),
        figures=pd.DataFrame({"id": ["a", "b", "c"], "reviewed": [True, False, True]}))
    assert "1 of 2 totals reviewed by an analyst" in report.findings(tables, "en")[-1]
    assert "راجع محلل 1 من 2 مجموعاً" in report.findings(tables, "ar")[-1]
    html = report.render_report(tables, lang="en")
    assert html.count("<td>no</td>") + html.count(">no<") >= 1 and ">yes<" in html


def test_the_review_widget_writes_what_the_buttons_say(corpus, tmp_path):
    from helpers.present import lab

    path = tmp_path / "decisions.csv"
    empty = tmp_path / "none.csv"
    empty.write_text("", encoding="utf-8")
    result = run_pipeline(corpus, corrections=empty)
    queue = review.review_queue(result.figures, None, result.aggregation.table())
    widget = lab.Reviewer(review.ReviewSession(queue, path, "Omar"), review.report_texts(result.reports), "ar")
    first, second = queue["id"].iloc[0], queue["id"].iloc[1]
    assert f'data-record-id="{first}"' in widget.item.value
    widget.field.value = "actor"
    assert widget.choice.options[0] == ("russia", "russia") and widget.free.layout.display == "none"
    widget.choice.value = "iran"
    widget.decide("correct")  # no reason: refused, nothing written, same item
    assert "not written" in widget.status.value and not path.exists() and f'"{first}"' in widget.item.value
    widget.reason.value = "the sentence names an Iranian group"
    widget.decide("correct")
    assert f'data-record-id="{second}"' in widget.item.value and widget.reason.value == ""
    widget.decide("accept")
    rows, _ = read_corrections(path)
    assert [(r["id"], r["action"], r["field"], r["value"], r["reviewed_by"]) for r in rows] == [
        (first, "correct", "actor", "iran", "Omar"), (second, "accept", "", "", "Omar")]


def test_a_total_rests_on_a_guess_until_its_defaulted_figures_are_reviewed():
    from helpers.present.review import guessed_attributes, with_guess_marks

    figures = pd.DataFrame([
        {"id": "a", "basis": {"actor": "report_default", "regions": "frame", "measure": "frame"}, "reviewed": False},
        {"id": "b", "basis": '{"actor": "frame", "regions": "report_default", "measure": null}', "reviewed": False},
        {"id": "c", "basis": {"actor": "report_default", "regions": "report_default", "measure": "frame"},
         "reviewed": True},
        {"id": "d", "basis": {"actor": "paragraph", "regions": "clause", "measure": "frame"}, "reviewed": False},
    ])
    assert guessed_attributes(figures.iloc[1].to_dict()) == ["regions"]
    totals = pd.DataFrame({"figure_ids": [["a", "b"], ["c"], ["d"], []]})
    assert with_guess_marks(totals, figures)["guessed"].tolist() == [["actor", "regions"], [], [], []]
