"""The sample corpus in data/sample/ holds what its README promises.

Parsed here with the standard library only (independent of helpers.ingest.load), so a
loader bug cannot hide a corpus gap and a corpus edit cannot hide a loader bug.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
README = SAMPLE / "README.md"
HEADER_KEYS = {"date", "source", "url", "id"}


@dataclass(frozen=True)
class SampleReport:
    id: str
    file: str
    date: str
    source: str
    title: str
    text: str

    @property
    def full_text(self) -> str:
        return f"{self.title}\n\n{self.text}"


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding) for the encodings CONTRACT.md accepts."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1256"), "cp1256"


def parse_text_file(path: Path) -> SampleReport:
    lines = decode(path.read_bytes())[0].replace("\r\n", "\n").split("\n")
    meta: dict[str, str] = {}
    fenced = lines[0].strip() == "---"
    i = 1 if fenced else 0
    while i < len(lines):
        line = lines[i].strip()
        if (fenced and line == "---") or (not fenced and not line):
            i += 1
            break
        key, sep, value = line.partition(":")
        assert sep and key.strip() in HEADER_KEYS, f"{path.name}:{i + 1}: bad header line {line!r}"
        meta[key.strip()] = value.strip()
        i += 1
    rest = lines[i:]
    while rest and not rest[0].strip():
        rest.pop(0)
    title, body = rest[0].strip(), "\n".join(rest[1:]).strip()
    return SampleReport(meta.get("id", path.stem), path.name, meta["date"], meta["source"], title, body)


def parse_jsonl(path: Path) -> list[SampleReport]:
    out = []
    for line in decode(path.read_bytes())[0].splitlines():
        if line.strip():
            r = json.loads(line)
            out.append(SampleReport(r["id"], path.name, r["date"], r["source"], r["title"], r["text"]))
    return out


def parse_csv(path: Path) -> list[SampleReport]:
    rows = csv.DictReader(io.StringIO(decode(path.read_bytes())[0], newline=""))
    assert rows.fieldnames == ["id", "title", "date", "source", "url", "text"]
    return [SampleReport(r["id"], path.name, r["date"], r["source"], r["title"], r["text"]) for r in rows]


class _ArticleParser(HTMLParser):
    """Title, meta date/source and paragraph text; script/style/nav dropped."""

    SKIP = {"script", "style", "nav"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.paras: list[str] = []
        self.dropped: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("content"):
            self.meta[a.get("name") or a.get("property") or ""] = a["content"]
        if tag not in {"meta", "link"}:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        if any(t in self.SKIP for t in self._stack):
            self.dropped.append(data)
        elif self._stack and self._stack[-1] == "title":
            self.title += data
        elif self._stack and self._stack[-1] == "p":
            self.paras.append(data.strip())


def parse_html(path: Path) -> tuple[SampleReport, _ArticleParser]:
    parser = _ArticleParser()
    parser.feed(decode(path.read_bytes())[0])
    report = SampleReport(path.stem, path.name, parser.meta["date"], parser.meta["og:site_name"],
                          parser.title.strip(), "\n\n".join(parser.paras))
    return report, parser


def load_sample() -> list[SampleReport]:
    reports: list[SampleReport] = []
    for path in sorted(SAMPLE.iterdir()):
        if path.name == "README.md":
            continue
        suffix = path.suffix.lower()
        if suffix in {".txt", ".md"}:
            reports.append(parse_text_file(path))
        elif suffix == ".jsonl":
            reports.extend(parse_jsonl(path))
        elif suffix == ".csv":
            reports.extend(parse_csv(path))
        elif suffix in {".html", ".htm"}:
            reports.append(parse_html(path)[0])
        else:
            raise AssertionError(f"unexpected file in the sample corpus: {path.name}")
    return reports


REPORTS = load_sample()
BY_ID = {r.id: r for r in REPORTS}
CORPUS = "\n\n".join(r.full_text for r in REPORTS)


def readme_table(heading: str) -> list[list[str]]:
    """Rows (cells stripped) of the first Markdown table after `## heading`."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]


# --- shape ----------------------------------------------------------------

def test_between_20_and_25_reports_with_unique_ids():
    assert 20 <= len(REPORTS) <= 25
    assert len(BY_ID) == len(REPORTS)


def test_every_report_has_iso_date_source_title_and_body():
    for r in REPORTS:
        date.fromisoformat(r.date)
        assert r.source and r.title and len(r.text.split()) >= 80, r.id


def test_file_names_are_numbered_latin_slugs():
    for path in SAMPLE.iterdir():
        if path.name != "README.md":
            assert re.fullmatch(r"\d\d_[a-z0-9-]+\.(txt|md|jsonl|csv|html)", path.name), path.name


def test_dates_span_2017_to_2023_and_every_year_in_between():
    years = {int(r.date[:4]) for r in REPORTS}
    assert min(years) == 2017 and max(years) == 2023
    assert years == set(range(2017, 2024))


def test_readme_lists_exactly_the_reports_on_disk():
    listed = set()
    for row in readme_table("Files and formats"):
        assert (SAMPLE / row[0]).exists(), row[0]
        listed |= {i.strip() for i in row[1].split(",")}
    assert listed == set(BY_ID)


# --- places ---------------------------------------------------------------

GOVERNORATE_NAMES = {
    "SY-DY": ["دير الزور"], "SY-DR": ["درعا"], "SY-QU": ["القنيطرة"], "SY-SU": ["السويداء"],
    "SY-HM": ["حماة"], "SY-HI": ["حمص"], "SY-HL": ["حلب"], "SY-ID": ["إدلب"],
    "SY-HA": ["الحسكة"], "SY-RA": ["الرقة"], "SY-RD": ["ريف دمشق"], "SY-DI": [r"(?<!ريف )دمشق"],
    "SY-LA": ["اللاذقية"], "SY-TA": ["طرطوس"],
}


def test_at_least_8_governorates_are_named():
    named = {code for code, names in GOVERNORATE_NAMES.items()
             if any(re.search(n, CORPUS) for n in names)}
    assert len(named) >= 8, sorted(named)


@pytest.mark.parametrize("place", [
    "الريف الحموي", "القطاعين الغربي والشمالي الغربي", "ريف درعا الغربي", "ريف حمص الشرقي",
    "ريفي إدلب وحلب", "غرب الفرات", "غرب نهر الفرات", "الضفة الغربية لنهر الفرات",
    "الجنوب السوري", "البادية السورية", "شمال غرب البلاد", "مناطق درع الفرات", "غصن الزيتون",
    "منطقة بوتين-أردوغان", "الميادين", "البوكمال", "البو كمال", "القورية", "حطلة", "مراط",
    "اللجاة", "سحم الجولان", "خان أرنبة", "تدمر", "السخنة", "عفرين", "حلفايا", "القامشلي",
    "ليبيا", "طرابلس", "فنزويلا", "أذربيجان",
])
def test_place_form_occurs(place):
    assert place in CORPUS


# --- number forms (one per row of REAL_WORLD_FORMS.md, plus neighbours) -------

D = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
NUMBER_FORMS = {
    "approx digits نحو N": r"نحو \d+ شخص",
    "approx قرابة N": r"قرابة \d+",
    "approx number words ما يقارب ثلاثة آلاف": r"يقارب ثلاثة آلاف",
    "digits x ألف (ألفاً)": r"\d+ ألفاً",
    "digits x آلاف": r"\d+ آلاف",
    "digits x ألف ليرة سورية": r"\d+ ألف ليرة سورية",
    "digits x ملايين ليرة": r"\d+ ملايين ليرة",
    "more than أكثر من N": r"أكثر من \d+",
    "more than ما يزيد على N": r"ما يزيد على \d+",
    "more than تجاوز N": r"تجاوز \d+",
    "at least ما لا يقل عن N": r"ما لا يقل عن \d+",
    "at least كحد أدنى": r"\d+ دولاراً كحد أدنى",
    "less than أقل من N": r"أقل من \d+",
    "at most لا يتجاوز N": r"لا يتجاوز \d+",
    "at most يصل إلى N": r"يصل إلى \d+",
    "range بين N وM": r"بين \d+ و\d+ دولار",
    "range من N دولاراً إلى M دولار": r"من \d+ دولاراً إلى \d+ دولار",
    "range يتراوح بين": r"يتراوح بين \d+ و\d+|تتراوح بين \d+ و\d+",
    "number in brackets": r"\(\d+\) عنصر",
    "number in quotes": r"’’\d+’’",
    "glued بـN": r"بـ\d+",
    "glued لـ N": r"لـ \d+",
    "glued الN": r"ال\d+ ساعة",
    "glued الـ N": r"الـ \d+ الماضية",
    "state-media ر decimal أطنان": r"\d+ر\d+ أطنان",
    "state-media ر decimal طنا": r"\d+ر\d+ طنا",
    "state-media ر decimal طن": r"\d+ر\d+ طن\b",
    "decimal point": r"\d+\.\d+ طن",
    "Arabic comma inside a number": r"\d+،\d{3} طن",
    "Arabic-Indic digits": r"[\u0660-\u0669]{3,}",
    "Persian digits": r"[\u06f0-\u06f9]{3,}",
    "USD sign": r"\d+\$ شهرياً",
    "USD word أميركي": r"دولار أميركي",
    "USD word دولاراً أمريكياً": r"دولاراً أمريكياً",
    "USD word دولار أمريكي": r"دولار أمريكي\b",
    "Turkish lira": r"ليرة تركية",
    "percent sign": r"بنسبة \d+%",
    "percent glued في المئة": r"\d+في المئة",
    "percent بالمئة": r"\d+ بالمئة",
    "dual اليومين الماضيين": r"اليومين الماضيين",
    "dual شهرين": r"شهرين",
    "dual عنصرين": r"عنصرين",
    "dual سنتين": r"سنتين",
    "vague عشرات": r"عشرات الشبان",
    "vague مئات": r"مئات العائلات",
    "vague آلاف": r"آلاف السوريين",
    "number word duration": r"ثلاثة أشهر",
    "compound number words": r"خمسة وعشرين|ثلاثمئة وخمسين",
    "aid سلة غذائية": r"\d+ سلة غذائية",
    "aid أسرة": r"\d+ أسرة",
    "aid عائلة": r"نحو \d+ عائلة",
    "aid شخصا": r"\d+ شخصا\b",
    "aid حقيبة مدرسية": rf"{D}+ حقيبة مدرسية",
    "aid عبوة مياه": r"\d+ ألف عبوة مياه",
    "recruit flow دفعة جديدة": r"دفعة جديدة من (?:\d+|[\u0660-\u0669]+) شاب",
    "recruit target": r"تجنيد \d+ شاب",
}

NON_FIGURE_FORMS = {
    "unit اللواء 313": r"اللواء 313",
    "unit اللواء 137": r"اللواء 137",
    "unit الفرقة 25": r"الفرقة 25",
    "ordinal الشهر الـ N": r"الشهر الـ \d+",
    "ordinal في السادس من الشهر": r"في السادس من الشهر",
    "ordinal المرة الثالثة": r"للمرة الثالثة",
    "date day month": r"في 19 أيار",
    "date with Latin month": r"12 سبتمبر 2019",
    "year العام N": r"العام 2022",
    "month name تشرين الثاني": r"تشرين الثاني",
    "page furniture رقم العدد": r"رقم العدد \[\d+\]",
    "phone number": r"\+961 3 \d",
}


@pytest.mark.parametrize("name", sorted(NUMBER_FORMS))
def test_number_form_occurs(name):
    assert re.search(NUMBER_FORMS[name], CORPUS), name


@pytest.mark.parametrize("name", sorted(NON_FIGURE_FORMS))
def test_non_figure_form_occurs(name):
    assert re.search(NON_FIGURE_FORMS[name], CORPUS), name


@pytest.mark.parametrize("cue", [
    "القوات الروسية", "الشرطة العسكرية الروسية", "مركز المصالحة الروسي",
    "مركز التنسيق الروسي في حميميم", "الفيلق الخامس", "موسكو", "القوات الإيرانية",
    "الحرس الثوري", "الميليشيات الإيرانية", "الميليشيات الموالية لإيران", "حزب الله",
    "فاطميون", "زينبيون", "لواء الباقر", "المركز الثقافي الإيراني", "جهاد البناء", "طهران",
    "تركيا", "أنقرة", "الفصائل الموالية لتركيا", "السلطان مراد", "الحمزات", "سليمان شاه",
    "لواء المعتصم", "قوات النظام", "الأمن العسكري", "الفرقة الرابعة", "قسد",
    "قوات سوريا الديمقراطية", "التحالف الدولي", "تنظيم الدولة", "المرصد السوري لحقوق الإنسان",
])
def test_actor_cue_occurs(cue):
    assert cue in CORPUS


@pytest.mark.parametrize("cue", [
    "راتب شهري", "مكافأة", "مبلغ مالي", "تعويض", "سلال", "ألبسة", "أغطية", "لوازم التدفئة",
    "مستلزمات دراسية", "حقائب مدرسية", "مواد طبية", "مازوت", "رد الممتلكات", "تسوية الأوضاع",
    "إزالة الملاحقة الأمنية", "بطاقة أمنية", "إنهاء الخدمة الإلزامية", "عدم سوقه إلى الاحتياط",
    "تمنع قوات النظام من التجاوز على السكان",
    "اختيار مكان الخدمة", "الخدمة في قريته", "منح دراسية", "وعود بالجنسية التركية",
])
def test_incentive_cue_occurs(cue):
    assert cue in CORPUS


# --- encodings and duplicates ---------------------------------------------

def test_cp1256_file_is_really_windows_1256():
    raw = (SAMPLE / "02_fifth-corps-coast.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\r\n" in raw
    assert "الفيلق الخامس" in raw.decode("cp1256")


def test_utf8_bom_and_utf16_bom_files():
    bom8 = (SAMPLE / "03_russia-ghouta-settlement.txt").read_bytes()
    assert bom8.startswith(b"\xef\xbb\xbf")
    assert decode(bom8)[1] == "utf-8-sig"
    bom16 = (SAMPLE / "11_hezbollah-south-quneitra.txt").read_bytes()
    assert bom16.startswith(b"\xff\xfe")
    assert "حزب الله" in bom16.decode("utf-16")


def test_other_files_are_plain_utf8_without_bom():
    special = {"02_fifth-corps-coast.txt", "03_russia-ghouta-settlement.txt", "11_hezbollah-south-quneitra.txt"}
    for path in SAMPLE.iterdir():
        if path.name not in special:
            raw = path.read_bytes()
            assert not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")), path.name
            raw.decode("utf-8")


def test_html_drops_script_style_nav_and_keeps_escaped_title():
    report, parser = parse_html(SAMPLE / "18_iran-damascus-fatemiyoun.html")
    assert report.title.endswith("<script>alert(1)</script>")
    assert "&lt;script&gt;" in (SAMPLE / "18_iran-damascus-fatemiyoun.html").read_text(encoding="utf-8")
    assert any("77777" in d for d in parser.dropped) and "77777" not in report.full_text
    assert "الرئيسية" not in report.full_text and "12345" not in report.full_text


def test_exact_duplicate_file():
    assert (SAMPLE / "22_iran-west-euphrates-1100-copy.txt").read_bytes() == \
        (SAMPLE / "04_iran-west-euphrates-1100.txt").read_bytes()


def test_republication_is_near_verbatim_with_other_outlet_and_same_figures():
    original, repub = BY_ID["07_iran-west-euphrates-1270"], BY_ID["08_iran-west-euphrates-1270-republished"]
    assert original.source != repub.source and original.title != repub.title
    assert original.text != repub.text
    assert difflib.SequenceMatcher(None, original.text, repub.text).ratio() > 0.8
    assert re.findall(r"\d+", original.text) == re.findall(r"\d+", repub.text)


# --- the README figure table matches the text -------------------------------

QUALIFIERS = {"exact", "approx", "more_than", "at_least", "less_than", "at_most", "range", "vague"}
CATEGORIES = {"recruits", "salary", "reward", "aid_recipients", "aid_amount", "casualties", "other"}
ACTORS = {"", "russia", "iran", "turkey", "regime", "us_coalition", "sdf", "isis"}
FIGURES = readme_table("Headline figures")


def test_figure_table_covers_every_report():
    assert {row[0] for row in FIGURES} == set(BY_ID)


@pytest.mark.parametrize("row", FIGURES, ids=[f"{r[0]}:{r[1]}" for r in FIGURES])
def test_figure_row_is_in_its_report_and_uses_contract_codes(row):
    report_id, text, value, low, high, qualifier, unit, category, measure, actor, area, level = row
    assert text in BY_ID[report_id].full_text
    assert qualifier in QUALIFIERS and category in CATEGORIES and actor in ACTORS
    assert measure in {"", "stock", "flow", "target"} and level in {"headline", "secondary"}
    assert (measure != "") <= (category == "recruits")
    if qualifier == "range":
        assert float(low) == float(value) < float(high)
    if qualifier in {"more_than", "at_least"}:
        assert float(low) == float(value) and high == ""
    if qualifier in {"less_than", "at_most"}:
        assert float(high) == float(value) and low == ""
    digits = re.sub(r"\D", "", text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)))
    if digits and qualifier != "range" and "ر" not in text and "ألف" not in text and "آلاف" not in text and "ملايين" not in text:
        assert float(digits.replace(".", "")) == float(value.replace(".", "")), row


def test_iran_west_euphrates_running_total_rises_and_flow_matches():
    stocks = sorted(
        (BY_ID[r[0]].date, float(r[2])) for r in FIGURES
        if r[9] == "iran" and r[10] == "west_euphrates" and r[8] == "stock"
        and not r[0].endswith(("-republished", "-copy"))
    )
    assert [v for _, v in stocks] == [1100, 1270, 1385]
    flow = [float(r[2]) for r in FIGURES if r[0] == "10_iran-west-euphrates-1385" and r[8] == "flow"]
    assert flow == [1385 - 1270]
