"""LOAD stage: every input shape, encoding and kind of bad input, plus the CLI."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from helpers.ingest import load
from helpers.ingest.load import (LoadWarning, find_dateline, iter_load, load_paths, main,
                          parse_date)
from helpers.records import Rejection, Report

AID_TITLE = "توزيع سلال غذائية في ريف دير الزور"
AID_BODY = "وزعت جهة موالية لروسيا 400 سلة غذائية على العائلات.\nوقال سكان إن التوزيع شمل قريتين."
RECRUIT_TEXT = "افتتح مكتب جديد لتسجيل المتطوعين براتب شهري قدره 150 دولارا."


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def only_report(result) -> Report:
    assert result.rejections == [], [str(r) for r in result.rejections]
    assert len(result.reports) == 1
    return result.reports[0]


# ---------------------------------------------------------------- .txt / .md

def test_txt_with_header_title_and_body(tmp_path):
    path = write(tmp_path / "aid_01.txt",
                 f"date: 2019-05-12\nsource: شبكة محلية\nurl: https://example.org/a\n\n"
                 f"{AID_TITLE}\n\n{AID_BODY}\n")
    report = only_report(load_paths([path]))
    assert report.id == "aid_01"
    assert report.title == AID_TITLE
    assert report.text == AID_BODY
    assert report.full_text == f"{AID_TITLE}\n\n{AID_BODY}"
    assert (report.date, report.date_origin) == ("2019-05-12", "metadata")
    assert report.source == "شبكة محلية"
    assert report.url == "https://example.org/a"
    assert (report.path, report.line, report.encoding) == (str(path), None, "utf-8")
    assert report.content_hash == sha(report.full_text)
    assert report.duplicate_of is None


def test_txt_without_header_first_line_is_title(tmp_path):
    path = write(tmp_path / "plain.txt", f"\n\n{AID_TITLE}\n{AID_BODY}\n\n")
    report = only_report(load_paths([path]))
    assert (report.title, report.text) == (AID_TITLE, AID_BODY)
    assert report.date is None and report.date_origin is None and report.source is None


def test_fenced_header_with_id_title_and_unknown_keys(tmp_path):
    path = write(tmp_path / "fenced.md",
                 f"---\nid: rep-77\ntitle: \"{AID_TITLE}\"\nauthor: someone\ndate: 2020/01/09\n---\n\n{AID_BODY}\n")
    report = only_report(load_paths([path]))
    assert report.id == "rep-77"
    assert report.title == AID_TITLE
    assert report.text == AID_BODY  # the header title does not eat the first body line
    assert report.date == "2020-01-09"


def test_arabic_header_keys_and_markdown_heading(tmp_path):
    path = write(tmp_path / "ar.md", f"التاريخ: ٠٣-٠٤-٢٠٢١\nالمصدر: مراسل\n\n# {AID_TITLE}\n{AID_BODY}")
    report = only_report(load_paths([path]))
    assert (report.title, report.source, report.date) == (AID_TITLE, "مراسل", "2021-04-03")


def test_single_line_report_has_no_title(tmp_path):
    report = only_report(load_paths([write(tmp_path / "one.txt", RECRUIT_TEXT + "\n")]))
    assert report.title is None
    assert report.text == report.full_text == RECRUIT_TEXT


def test_header_without_body_is_rejected(tmp_path):
    path = write(tmp_path / "head.txt", "date: 2020-01-01\nsource: x\n\n")
    result = load_paths([path])
    assert result.reports == []
    assert [(r.path, r.line) for r in result.rejections] == [(str(path), None)]
    assert "only a header" in result.rejections[0].reason


def test_windows_line_ends_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(f"{AID_TITLE}\r\n\r\n{AID_BODY}\r\n".replace("\n", "\r\n").replace("\r\r", "\r").encode())
    report = only_report(load_paths([path]))
    assert report.text == AID_BODY and "\r" not in report.full_text


# ---------------------------------------------------------------- .jsonl

def test_jsonl_rows_ids_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": AID_BODY, "title": AID_TITLE, "date": "12/05/2019", "source": "s", "url": "u"},
                   ensure_ascii=False),
        "{\"text\": \"نص مقطوع",
        "",
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"id": 991, "text": RECRUIT_TEXT}, ensure_ascii=False),
        "[1, 2]",
        json.dumps({"text": "   "}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = load_paths([path])
    assert [(r.id, r.line) for r in result.reports] == [("feed-1", 1), ("991", 5)]
    first = result.reports[0]
    assert (first.title, first.text, first.date, first.source, first.url) == (AID_TITLE, AID_BODY, "2019-05-12", "s", "u")
    assert result.reports[1].title is None and result.reports[1].full_text == RECRUIT_TEXT
    rejected = {r.line: r.reason for r in result.rejections}
    assert all(r.path == str(path) for r in result.rejections)
    assert set(rejected) == {2, 4, 6, 7}
    assert "broken JSON line" in rejected[2]
    assert "no 'text' field" in rejected[4]
    assert "expected a JSON object" in rejected[6]
    assert "empty text" in rejected[7]


# ---------------------------------------------------------------- .csv

def test_csv_rows_with_optional_columns_and_empty_text(tmp_path):
    buffer = io.StringIO()
    table = csv.writer(buffer)
    table.writerow(["ID", "Title", "text", "date", "source"])
    table.writerow(["c-1", AID_TITLE, AID_BODY, "2019/5/12", "مرصد"])
    table.writerow(["", "", RECRUIT_TEXT, "", ""])
    table.writerow(["c-3", "عنوان", "  ", "", ""])
    table.writerow(["", " ", "", "", ""])  # a blank spreadsheet row: skipped, not a report
    path = write(tmp_path / "table.csv", buffer.getvalue())
    result = load_paths([path])
    # ids number the rows; `line` is the file line a row starts on (the first cell spans lines 2–3)
    assert [(r.id, r.line) for r in result.reports] == [("c-1", 2), ("table-2", 4)]
    first = result.reports[0]
    assert (first.title, first.text, first.date, first.source) == (AID_TITLE, AID_BODY, "2019-05-12", "مرصد")
    assert "\n" in first.text  # quoted multi-line cell kept whole
    assert [(r.path, r.line) for r in result.rejections] == [(str(path), 5)]
    assert "row 3 has empty text" in result.rejections[0].reason


def test_csv_semicolon_delimiter(tmp_path):
    path = write(tmp_path / "semi.csv", f"id;text\ns-1;{RECRUIT_TEXT}\n")
    report = only_report(load_paths([path]))
    assert (report.id, report.text) == ("s-1", RECRUIT_TEXT)


def test_csv_without_text_column_is_one_rejection(tmp_path):
    path = write(tmp_path / "notext.csv", "id,body\n1,نص\n2,نص آخر\n")
    good = write(tmp_path / "good.txt", RECRUIT_TEXT)
    result = load_paths([path, good])
    assert [r.id for r in result.reports] == ["good"]
    assert len(result.rejections) == 1
    assert result.rejections[0].path == str(path)
    assert "no 'text' column" in result.rejections[0].reason and "id, body" in result.rejections[0].reason


# ---------------------------------------------------------------- .html

PAGE = f"""<!doctype html><html><head><title>{AID_TITLE} | موقع إخباري</title>
<meta property="article:published_time" content="2021-03-04T08:00:00+03:00">
<link rel="canonical" href="https://example.org/news/5">
<style>p {{ color: red }}</style><script>var tracking = "نص مخفي";</script></head>
<body><header><h1>اسم الموقع</h1><nav>الرئيسية | أخبار</nav></header>
<article><h1>{AID_TITLE}</h1><p>وزعت جهة <b>موالية</b> لروسيا 400 سلة.</p>
<aside>اقرأ أيضا</aside><p>وقال سكان إن التوزيع&nbsp;شمل قريتين.<br>وانتهى مساء.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_html_article_text_title_and_meta(tmp_path):
    report = only_report(load_paths([write(tmp_path / "page.html", PAGE)]))
    assert report.id == "page"
    assert report.title == AID_TITLE
    assert report.text == "وزعت جهة موالية لروسيا 400 سلة.\nوقال سكان إن التوزيع شمل قريتين.\nوانتهى مساء."
    for dropped in ("اسم الموقع", "الرئيسية", "اقرأ أيضا", "الحقوق", "tracking", "color"):
        assert dropped not in report.full_text
    assert (report.date, report.date_origin) == ("2021-03-04", "metadata")
    assert report.url == "https://example.org/news/5"


def test_htm_title_from_title_tag_without_h1(tmp_path):
    page = "<html><head><title>خبر قصير</title></head><body><p>دمشق، 12 أيار 2019 - افتتح مكتب.</p></body></html>"
    report = only_report(load_paths([write(tmp_path / "short.htm", page)]))
    assert report.title == "خبر قصير"
    assert report.text == "دمشق، 12 أيار 2019 - افتتح مكتب."
    assert (report.date, report.date_origin) == ("2019-05-12", "dateline")


def test_html_without_text_is_rejected(tmp_path):
    path = write(tmp_path / "blank.html", "<html><body><nav>قائمة</nav><script>x()</script></body></html>")
    result = load_paths([path])
    assert result.reports == [] and "no article text" in result.rejections[0].reason


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("codec, raw_prefix, expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8-sig", b"", "utf-8-sig"),
    ("utf-16-le", b"\xff\xfe", "utf-16"),
    ("utf-16-be", b"\xfe\xff", "utf-16"),
    ("cp1256", b"", "cp1256"),
])
def test_encodings_give_the_same_report(tmp_path, codec, raw_prefix, expected):
    text = f"date: 2019-05-12\n\n{AID_TITLE}\n{AID_BODY}\n"
    path = tmp_path / "enc.txt"
    path.write_bytes(raw_prefix + text.encode(codec))
    report = only_report(load_paths([path]))
    assert report.encoding == expected
    assert (report.title, report.text) == (AID_TITLE, AID_BODY)
    assert report.content_hash == sha(f"{AID_TITLE}\n\n{AID_BODY}")


def test_cp1256_jsonl(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_bytes(json.dumps({"text": RECRUIT_TEXT}, ensure_ascii=False).encode("cp1256") + b"\n")
    report = only_report(load_paths([path]))
    assert (report.encoding, report.text, report.id) == ("cp1256", RECRUIT_TEXT, "old-1")


def test_undecodable_latin_bytes_are_rejected(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e0 la cr\u00e8me".encode("latin-1"))
    result = load_paths([path])
    assert result.reports == []
    assert "undecodable" in result.rejections[0].reason
    assert "offset 3" in result.rejections[0].reason


def test_latin1_text_that_cp1256_maps_to_arabic_letters_is_rejected(tmp_path):
    # in Windows-1256 the bytes of ß, Ö and ñ are Arabic letters; the text is still not Arabic
    path = tmp_path / "german.txt"
    path.write_bytes("Größe Straße Öl señor año".encode("latin-1"))
    result = load_paths([path])
    assert result.reports == [] and "not Windows-1256 Arabic text" in result.rejections[0].reason


def test_utf8_with_one_broken_byte_is_not_read_as_cp1256(tmp_path):
    # decoded as Windows-1256, UTF-8 Arabic becomes mojibake full of non-Arabic symbols
    path = tmp_path / "broken.txt"
    path.write_bytes(AID_BODY.encode() + b"\xff")
    result = load_paths([path])
    assert result.reports == []
    assert f"byte 0xff at offset {len(AID_BODY.encode())}" in result.rejections[0].reason


def test_bad_utf8_after_bom_is_rejected(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "نص".encode() + b"\xff\xfe\xfa")
    assert "invalid UTF-8 after a UTF-8 BOM" in load_paths([path]).rejections[0].reason


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("نص بلا علامة".encode("utf-16-le"), "UTF-16 files need a BOM"),
    (b"ok" + b"\x01\x02\x03\x04\x05" * 10, "control characters"),
    (b"", "empty file"),
    (b" \n\t\n", "only white space"),
])
def test_binary_and_empty_files_are_rejected(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = load_paths([path])
    assert result.reports == []
    assert [(r.path, r.line) for r in result.rejections] == [(str(path), None)]
    assert reason in result.rejections[0].reason


# ---------------------------------------------------------------- size, paths, folders

def test_file_over_the_size_limit_is_rejected_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:  # sparse 50 MB file
        handle.seek(50 * 2**20 - 1)
        handle.write(b"x")
    good = write(tmp_path / "small.txt", RECRUIT_TEXT)
    result = load_paths([big, good])
    assert [r.id for r in result.reports] == ["small"]
    assert len(result.rejections) == 1
    assert result.rejections[0].path == str(big)
    assert "50.0 MB" in result.rejections[0].reason and "20 MB limit" in result.rejections[0].reason
    assert load.MAX_FILE_BYTES == 20 * 2**20


def test_missing_path_is_rejected_and_the_rest_loads(tmp_path):
    good = write(tmp_path / "good.txt", RECRUIT_TEXT)
    result = load_paths([tmp_path / "missing", good])
    assert [r.id for r in result.reports] == ["good"]
    assert [str(r) for r in result.rejections] == [f"{tmp_path / 'missing'}: no such file or folder"]


def test_folder_walk_is_recursive_sorted_and_reports_skips(tmp_path):
    write(tmp_path / "b.txt", "ب " + RECRUIT_TEXT)
    write(tmp_path / "a" / "z.txt", "ز " + RECRUIT_TEXT)
    write(tmp_path / "a" / "c.txt", "ج " + RECRUIT_TEXT)
    write(tmp_path / ".hidden.txt", RECRUIT_TEXT)
    write(tmp_path / ".drafts" / "d.txt", RECRUIT_TEXT)
    write(tmp_path / ".ipynb_checkpoints" / "b-checkpoint.txt", RECRUIT_TEXT)
    write(tmp_path / ".gitkeep", "")
    write(tmp_path / "README.md", "# عن هذه المجموعة\nوصف")
    write(tmp_path / "scan.pdf", "%PDF-1.4")
    write(tmp_path / "notes", "بلا امتداد")
    result = load_paths([tmp_path])
    assert [r.id for r in result.reports] == ["c", "z", "b"]
    assert [(Path(r.path).name, r.reason.split(" (")[0].split(";")[0]) for r in result.rejections] == [
        (".drafts", "hidden folder not read"),
        (".hidden.txt", "hidden file not read"),
        ("notes", "unsupported file without an extension"),
        ("scan.pdf", "unsupported file type '.pdf'"),
    ]
    # a README named on the command line is read like any report
    assert [r.title for r in load_paths([tmp_path / "README.md"]).reports] == ["عن هذه المجموعة"]


def test_folder_of_two_thousand_files_loads_completely(tmp_path):
    for number in range(2000):
        write(tmp_path / f"r{number:04d}.txt", f"تقرير رقم {number}\nجرى تسجيل {number} متطوعا.")
    result = load_paths([tmp_path])
    assert result.rejections == [] and result.warnings == []
    assert len(result.reports) == 2000
    assert [r.id for r in result.reports[:3]] == ["r0000", "r0001", "r0002"]
    assert result.reports[1999].text == "جرى تسجيل 1999 متطوعا."


def test_iter_load_streams_in_order(tmp_path):
    write(tmp_path / "a.txt", RECRUIT_TEXT)
    write(tmp_path / "b.txt", "")
    write(tmp_path / "c.txt", AID_BODY)
    items = list(iter_load(tmp_path))
    assert [type(item) for item in items] == [Report, Rejection, Report]
    assert [getattr(item, "id", None) for item in items] == ["a", None, "c"]


# ---------------------------------------------------------------- duplicates, ids, warnings

def test_exact_duplicates_are_flagged_and_kept(tmp_path):
    write(tmp_path / "first.txt", f"{AID_TITLE}\n{AID_BODY}")
    write(tmp_path / "second.md", f"date: 2020-02-02\n\n{AID_TITLE}\n\n{AID_BODY}\n")
    write(tmp_path / "third.txt", f"{AID_TITLE}\n{AID_BODY} وأضاف.")
    first, second, third = load_paths([tmp_path]).reports
    assert first.content_hash == second.content_hash != third.content_hash
    assert (first.duplicate_of, second.duplicate_of, third.duplicate_of) == (None, "first", None)


def test_reused_id_and_repeated_file_give_warnings(tmp_path):
    one = write(tmp_path / "x" / "same.txt", RECRUIT_TEXT)
    write(tmp_path / "y" / "same.txt", AID_BODY)
    result = load_paths([tmp_path, one])
    assert [r.id for r in result.reports] == ["same", "same~2"]
    assert all(isinstance(w, LoadWarning) for w in result.warnings)
    assert [str(w) for w in result.warnings] == [
        f"{tmp_path / 'y' / 'same.txt'}: warning: id 'same' is also used by {one}; "
        "this report is read as 'same~2' so that record ids stay unique",
        f"{one}: warning: file given more than once; read only the first time",
    ]


def test_unreadable_metadata_date_warns_and_falls_back_to_dateline(tmp_path):
    path = write(tmp_path / "d.txt", f"date: قريبا\n\nعنوان\nحلب، 3 آب 2022 - {RECRUIT_TEXT}")
    result = load_paths([path])
    report = only_report(result)
    assert (report.date, report.date_origin) == ("2022-08-03", "dateline")
    assert [str(w) for w in result.warnings] == [
        f"{path}: warning: unreadable date 'قريبا'; used the dateline date 2022-08-03"]


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("value, iso", [
    ("2019-05-12", "2019-05-12"),
    ("2019-5-2", "2019-05-02"),
    ("2020-03-04T10:15:00Z", "2020-03-04"),
    ("2019/05/12", "2019-05-12"),
    ("12/05/2019", "2019-05-12"),
    ("12-05-2019", "2019-05-12"),
    ("١٢/٠٥/٢٠١٩", "2019-05-12"),
    ("۲۰۱۹-۰۵-۱۲", "2019-05-12"),
    ("12 أيار 2019", "2019-05-12"),
    ("31/02/2019", None),
    ("2019-13-01", None),
    ("أمس", None),
    ("12/05/0201", None),
    ("", None),
])
def test_parse_date(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize("text, iso", [
    ("دمشق، 12 أيار 2019 - افتتح مكتب", "2019-05-12"),
    ("12 مايو 2019 وزعت", "2019-05-12"),
    ("الثلاثاء 3 تشرين الثاني/نوفمبر 2020 (خاص)", "2020-11-03"),
    ("درعا - ٥ كانون الثاني ٢٠٢١", "2021-01-05"),
    ("21 كانون الأول 2018", "2018-12-21"),
    ("1 كانون اول 2018", "2018-12-01"),
    ("7 شباط 2019", "2019-02-07"), ("7 آذار 2019", "2019-03-07"), ("7 اذار 2019", "2019-03-07"),
    ("7 نيسان 2019", "2019-04-07"), ("7 حزيران 2019", "2019-06-07"), ("7 تموز 2019", "2019-07-07"),
    ("7 آب 2019", "2019-08-07"), ("7 أيلول 2019", "2019-09-07"), ("7 تشرين الأول 2019", "2019-10-07"),
    ("7 يناير 2019", "2019-01-07"), ("7 فبراير 2019", "2019-02-07"), ("7 مارس 2019", "2019-03-07"),
    ("7 أبريل 2019", "2019-04-07"), ("7 إبريل 2019", "2019-04-07"), ("7 يونيو 2019", "2019-06-07"),
    ("7 يوليو 2019", "2019-07-07"), ("7 أغسطس 2019", "2019-08-07"), ("7 اغسطس 2019", "2019-08-07"),
    ("7 سبتمبر 2019", "2019-09-07"), ("7 أكتوبر 2019", "2019-10-07"), ("7 نوفمبر 2019", "2019-11-07"),
    ("7 ديسمبر 2019", "2019-12-07"), ("في 9 من شهر أيار من العام 2019", "2019-05-09"),
    ("نشر في 2021-03-04 عن", "2021-03-04"),
    ("بتاريخ 2019/5/12 قال", "2019-05-12"),
    ("بتاريخ 12/5/2019 قال", "2019-05-12"),
    ("تجاوز العدد 1270 شخصا في أيار", None),          # a count and a month without day/year
    ("31 شباط 2019 خطأ", None),                       # no such day
    ("بلغ 4ر20 طنا و3.8 طن", None),                   # decimals are not dates
    ("الإصدار 1.2.2019.4 من البرنامج", None),         # version numbers
    ("الإصدار 2019.05.12.3 من البرنامج", None),
    ("في 12 أيار 1019", None),                        # implausible year
])
def test_find_dateline(text, iso):
    assert find_dateline(text) == iso


def test_dateline_only_in_the_first_window():
    text = "كلام " * 80 + "12 أيار 2019"
    assert len(text) > load.DATELINE_WINDOW
    assert find_dateline(text) is None
    assert find_dateline("قبل 1 أيار 2019 وبعد 2019-06-01") == "2019-05-01"
    assert find_dateline("قبل 2019-06-01 وبعد 1 أيار 2019") == "2019-06-01"


# ---------------------------------------------------------------- command line

def corpus(tmp_path) -> tuple[Path, Path]:
    good = write(tmp_path / "in" / "good.txt", f"date: 2019-05-12\n\n{AID_TITLE}\n{AID_BODY}")
    bad = write(tmp_path / "in" / "rows.jsonl", f'{{"text": "{RECRUIT_TEXT}"}}\nnot json\n')
    return good, bad


def test_cli_jsonl_to_stdout_and_problems_to_stderr(tmp_path, capsys):
    good, bad = corpus(tmp_path)
    assert main([str(tmp_path / "in"), str(tmp_path / "gone.txt")]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["id"], row["date"], row["title"]) for row in rows] == [
        ("good", "2019-05-12", AID_TITLE), ("rows-1", None, None)]
    assert rows[0]["content_hash"] == sha(f"{AID_TITLE}\n\n{AID_BODY}")
    lines = err.splitlines()
    assert lines[0].startswith(f"{bad}:2: broken JSON line")
    assert lines[1] == f"{tmp_path / 'gone.txt'}: no such file or folder"
    assert lines[2] == "load: 2 reports, 2 rejected, 0 warnings"


def test_cli_csv_to_file(tmp_path, capsys):
    corpus(tmp_path)
    out_path = tmp_path / "reports.csv"
    assert main([str(tmp_path / "in"), "--format", "csv", "--out", str(out_path)]) == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(io.StringIO(out_path.read_text(encoding="utf-8-sig"))))
    assert [(row["id"], row["line"], row["text"]) for row in rows] == [
        ("good", "", AID_BODY), ("rows-1", "1", RECRUIT_TEXT)]


def test_cli_exit_code_2_when_nothing_is_read(tmp_path, capsys):
    write(tmp_path / "empty.txt", "")
    assert main([str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{tmp_path / 'empty.txt'}: empty file" in err.splitlines()


def test_cli_usage_errors(capsys):
    assert main([]) == 2
    assert main(["x", "--format", "xml"]) == 2
    assert main(["--help"]) == 0
    assert "--format" in capsys.readouterr().out


def test_cli_is_dispatched_by_helpers_cli(tmp_path, capsys):
    from helpers import cli
    good, _ = corpus(tmp_path)
    assert cli.main(["load", str(good)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "good"


def test_an_entry_that_cannot_be_examined_is_rejected_and_the_walk_goes_on(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "أ " + RECRUIT_TEXT)
    write(tmp_path / "locked", "")
    write(tmp_path / "b.txt", "ب " + RECRUIT_TEXT)
    real_scandir = load.os.scandir

    class Locked:
        def __init__(self, entry):
            self.name = entry.name

        def is_dir(self):
            raise PermissionError(13, "Permission denied")

        is_file = is_dir

    def scandir(folder):
        return [Locked(e) if e.name == "locked" else e for e in real_scandir(folder)]

    monkeypatch.setattr(load.os, "scandir", scandir)
    result = load_paths([tmp_path])
    assert [r.id for r in result.reports] == ["a", "b"]
    assert [str(r) for r in result.rejections] == [f"{tmp_path / 'locked'}: cannot examine: Permission denied"]
    assert list(load.input_files([tmp_path])) == [tmp_path / "a.txt", tmp_path / "b.txt"]
