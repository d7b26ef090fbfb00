"""`run_pipeline` entry points: one path or many, empty corpus."""
from __future__ import annotations

from helpers.run.pipeline import run_pipeline

REPORT = ("id: p-1\ndate: 2024-02-11\nsource: شبكة محلية\n\nعنوان التقرير\n\n"
          "قالت مصادر محلية إن عدد المنتسبين إلى الفيلق الخامس في ريف حمص الشرقي ارتفع إلى نحو 900 عنصر.\n")


def test_one_path_as_text_or_path_is_read_like_a_list_of_one(tmp_path):
    corpus = tmp_path / "مجلد التقارير"
    corpus.mkdir()
    (corpus / "p-1.txt").write_text(REPORT, encoding="utf-8")
    empty = tmp_path / "none.csv"
    empty.write_text("id,action,field,value,reason\n", encoding="utf-8")  # a named file must exist
    for given in (str(corpus), corpus, [corpus]):
        result = run_pipeline(given, corrections=empty)
        assert result.reports["id"].tolist() == ["p-1"], given
        assert result.inputs == [str(corpus)] and result.problems == []


def test_an_empty_folder_gives_empty_tables_with_their_columns(tmp_path):
    empty = tmp_path.parent / f"{tmp_path.name}-none.csv"   # outside the corpus folder
    empty.write_text("id,action,field,value,reason\n", encoding="utf-8")
    result = run_pipeline([tmp_path], corrections=empty)
    assert result.reports_read == 0 and result.figures.empty and result.incentives.empty
    assert {"id", "value", "regions", "repeat_of"} <= set(result.figures.columns)
    assert result.aggregation.table().empty and result.aggregation.contradictions.empty
