"""Display names of the contract's codes, in Arabic and English.

One table per kind of code, each code → (Arabic, English). Charts, the HTML
report and the notebooks all name codes through `display_name`, so a label
is changed in one place. Names are plain text: charts shape them for drawing.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from helpers.cells import is_missing
from helpers.paths import GEO

LANGS = ("ar", "en")
GOVERNORATES_CSV = GEO / "governorates.csv"

ACTORS = {
    "russia": ("روسيا", "Russia"),
    "iran": ("إيران", "Iran"),
    "turkey": ("تركيا", "Turkey"),
    "regime": ("النظام السوري", "Syrian government"),
    "us_coalition": ("التحالف الدولي", "US-led coalition"),
    "sdf": ("قسد", "SDF"),
    "isis": ("تنظيم الدولة", "ISIS"),
    None: ("جهة غير محددة", "Unattributed"),
}
INCENTIVES = {
    "cash_salary": ("راتب شهري", "Monthly salary"),
    "cash_reward": ("مكافأة مالية", "Cash reward"),
    "food_aid": ("مساعدات غذائية", "Food aid"),
    "clothing": ("ملابس", "Clothing"),
    "blankets_heating": ("بطانيات وتدفئة", "Blankets and heating"),
    "school_supplies": ("مستلزمات مدرسية", "School supplies"),
    "medical": ("رعاية طبية", "Medical care"),
    "fuel": ("محروقات", "Fuel"),
    "property_restitution": ("إعادة الممتلكات", "Property restitution"),
    "security_settlement": ("تسوية أمنية", "Security settlement"),
    "conscription_exemption": ("إعفاء من الخدمة الإلزامية", "Conscription exemption"),
    "protection": ("حماية", "Protection"),
    "citizenship": ("جنسية", "Citizenship"),
    "service_near_home": ("الخدمة قرب مكان السكن", "Service near home"),
    "education_scholarship": ("منح دراسية", "Scholarships"),
    "aid_unspecified": ("مساعدات غير محددة", "Aid (unspecified)"),
}
UNITS = {
    "person": ("أشخاص", "people"),
    "family": ("عائلات", "families"),
    "food_basket": ("سلال غذائية", "food baskets"),
    "tonne": ("أطنان", "tonnes"),
    "kg": ("كيلوغرامات", "kilograms"),
    "item": ("قطع", "items"),
    "vehicle": ("آليات", "vehicles"),
    "unit": ("وحدات", "units"),
    "usd": ("دولار أمريكي", "US dollars"),
    "syp": ("ليرة سورية", "Syrian pounds"),
    "try": ("ليرة تركية", "Turkish lira"),
    "eur": ("يورو", "euros"),
    "percent": ("نسبة مئوية", "percent"),
    "day": ("أيام", "days"),
    "week": ("أسابيع", "weeks"),
    "month": ("أشهر", "months"),
    "year": ("سنوات", "years"),
    "hour": ("ساعات", "hours"),
    "minute": ("دقائق", "minutes"),
    "litre": ("ليترات", "litres"),
    None: ("بلا وحدة", "no unit"),
}
# Panel order for aid: recipients first, then goods, then money.
UNIT_ORDER = ["family", "person", "food_basket", "tonne", "kg", "litre", "item", "vehicle",
              "usd", "syp", "try", "eur", "percent"]
CATEGORIES = {
    "recruits": ("مجندون", "Recruits"),
    "salary": ("رواتب", "Salaries"),
    "reward": ("مكافآت", "Rewards"),
    "aid_recipients": ("المستفيدون من المساعدات", "Aid recipients"),
    "aid_amount": ("كميات المساعدات", "Aid amounts"),
    "casualties": ("ضحايا", "Casualties"),
    "other": ("أخرى", "Other"),
}
MEASURES = {
    "stock": ("إجمالي تراكمي", "running total"),
    "flow": ("دفعات جديدة", "new arrivals"),
    "target": ("العدد المستهدف", "target"),
}
MACRO_AREAS = {
    "west_euphrates": ("غرب الفرات", "West of the Euphrates"),
    "east_euphrates": ("شرق الفرات", "East of the Euphrates"),
    "south": ("الجنوب السوري", "Southern Syria"),
    "badia": ("البادية", "Badia desert"),
    "northwest": ("الشمال الغربي", "Northwest Syria"),
    "northeast": ("الشمال الشرقي", "Northeast Syria"),
    "coast": ("الساحل", "Coastal Syria"),
    "north": ("الشمال السوري", "Northern Syria"),
    "euphrates_shield": ("منطقة درع الفرات", "Euphrates Shield area"),
    "olive_branch": ("منطقة غصن الزيتون", "Olive Branch area"),
    "peace_spring": ("منطقة نبع السلام", "Peace Spring area"),
    "putin_erdogan": ("المنطقة المنزوعة السلاح", "Demilitarised zone"),
    "ghouta": ("الغوطة", "Ghouta"),
    "hauran": ("حوران", "Hauran"),
    "qalamoun": ("القلمون", "Qalamoun"),
    "national": ("سوريا عموماً", "Syria (national)"),
    "abroad": ("خارج سوريا", "Abroad"),
    None: ("منطقة غير محددة", "Unlocated"),
}
# After a number: "نحو 1,270 شخص", "150 دولار".
UNITS_AFTER_NUMBER = {
    "person": ("شخص", "people"), "family": ("عائلة", "families"), "food_basket": ("سلة غذائية", "food baskets"),
    "tonne": ("طن", "tonnes"), "kg": ("كغ", "kg"), "item": ("قطعة", "items"), "vehicle": ("آلية", "vehicles"),
    "usd": ("دولار", "USD"), "syp": ("ليرة سورية", "SYP"), "try": ("ليرة تركية", "TRY"), "eur": ("يورو", "EUR"),
    "percent": ("%", "%"), "day": ("يوم", "days"), "week": ("أسبوع", "weeks"), "month": ("شهر", "months"),
    "year": ("سنة", "years"), "hour": ("ساعة", "hours"), "minute": ("دقيقة", "minutes"), "litre": ("ليتر", "litres"),
}
KINDS = {"actor": ACTORS, "incentive": INCENTIVES, "unit": UNITS, "category": CATEGORIES,
         "measure": MEASURES, "unit_after_number": UNITS_AFTER_NUMBER}


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


@lru_cache(maxsize=1)
def governorate_names() -> dict[str, tuple[str, str]]:
    """ISO 3166-2 code → (Arabic name, English name), from data/geo/governorates.csv."""
    with open(GOVERNORATES_CSV, encoding="utf-8", newline="") as handle:
        return {row["iso_3166_2"]: (row["name_ar"], row["name_en"]) for row in csv.DictReader(handle)}


def display_name(kind: str, code, lang: str = "ar") -> str:
    """Plain display name of a code: kind is actor, incentive, unit, unit_after_number,
    category, measure or area (an ISO governorate code or a macro-area).
    Unknown codes show as they are."""
    check_lang(lang)
    code = None if is_missing(code) else code
    table = {**MACRO_AREAS, **governorate_names()} if kind == "area" else KINDS[kind]
    if code not in table:
        return str(code)
    arabic, english = table[code]
    return arabic if lang == "ar" else english


# --- the report's words: one table per language --------------------------------
# Every header, caption, basis phrase and reason the HTML report shows comes from
# here, so a report is wholly in one language (tests/test_report_html.py checks it).

REPORT_TEXT = {
    "ar": {
        "title": "رصد — تقرير الأرقام والحوافز",
        "run": "التشغيل", "generated": "أُنشئ", "parameters": "المعطيات",
        "contents": "المحتويات", "back_to_contents": "↑ المحتويات",
        "findings": "أهم النتائج", "charts": "الرسوم البيانية", "totals": "المجاميع حتى تاريخه",
        "figures": "الأرقام مع أدلتها", "incentives": "الحوافز مع أدلتها", "durations": "المدد المذكورة",
        "rejections": "المدخلات المرفوضة", "reports": "التقارير المقروءة",
        "value": "الرقم", "category": "الفئة", "actor": "الجهة", "area": "المنطقة",
        "evidence": "جملة الدليل", "report": "التقرير", "date": "التاريخ", "source": "المصدر",
        "incentive": "الحافز", "path": "الملف", "line": "السطر", "reason": "السبب",
        "kind": "النوع", "rejected": "مرفوض", "warning": "تنبيه", "duration": "المدة",
        "none": "لا شيء", "omitted": "عُرض {shown} من {total}؛ الجدول الكامل في {file}.",
        "no_charts": "لا رسوم: {why}", "no_totals": "لا مجاميع: {why}",
        "files": "ملفات التشغيل: الجداول بصيغتي CSV وParquet، والرسوم بصيغتي PNG وSVG، وmanifest.json.",
        "contradictions": "أرقام متعارضة بين المصادر", "first": "الأول", "second": "الثاني",
        "corrections": "تصحيحات المحللين", "orphaned": "تصحيحات لم يعد سجلها موجوداً",
        "record": "السجل", "action": "الإجراء", "field": "الحقل", "old": "القيمة السابقة", "new": "القيمة الجديدة",
        "measure": "النوع", "unit": "الوحدة", "as_of": "حتى تاريخ", "basis": "الأساس",
        "report_ids": "التقارير", "conflicts": "تعارضات", "destination": "الوجهة خارج سوريا",
        "evidence_rows": "الأدلة", "chart_full_size": "فتح الرسم بحجمه الكامل",
        "unlocated": "منطقة غير محددة", "undated": "دون تاريخ", "span": "من {first} إلى {last}",
        # basis of a total
        "basis_stock": "إجمالي {value} في {date}", "basis_flows": "دفعات جديدة {values}",
        "basis_flows_only": "دفعات جديدة {values} (لم يُعلن إجمالي تراكمي)", "basis_target": "العدد المستهدف {value}",
        "basis_sum": "مجموع {values}",
        # findings
        "coverage": "قُرئ {reports} ({span}){outside}؛ استُخرج {figures} و{incentives}؛ {rejected}.",
        "coverage_outside": " و{n} خارج النافذة الزمنية المطلوبة",
        "finding_total": "{who} في {where}: {value} حتى {date} ({measure}؛ {sources}).",
        "finding_changed": "منذ التشغيل السابق ({run}): {who} في {where} من {old} إلى {value}.",
        "finding_new": "منذ التشغيل السابق ({run}): مجموع جديد لـ{who} في {where}: {value}.",
        "finding_unchanged": "لا تغيير في المجاميع منذ التشغيل السابق ({run}).",
        "finding_no_previous": "لا تشغيل سابقاً للمقارنة.",
        "finding_conflict": "تعارض: {who} في {where}: {a} ({source_a}، {date_a}) مقابل {b} ({source_b}، {date_b}).",
        "finding_no_conflicts": "لا أرقام متعارضة بين المصادر.",
        "finding_incentives": "أكثر الحوافز ذكراً: {items}.",
        "finding_reviewed": "راجع محلل {done} من {total} مجموعاً (كل رقم خلفها قُبل أو صُحّح).",
        "reviewed": "راجعه محلل", "yes": "نعم", "no": "لا",
        "guessed": "يستند إلى تخمين", "guess_actor": "الجهة", "guess_regions": "المكان", "guess_measure": "النوع",
        "finding_guessed": "{n} من {total} مجموعاً يستند إلى تخمين (جهة أو مكان أو نوع لم يحدده نص الجملة ولا الفقرة): اقرأ أدلتها قبل الاقتباس.",
        "finding_incentive_item": "{name} ({reports})",
        "finding_more": "باقي المجاميع ({n}) في جدول المجاميع.",
        "target_note": "الأعداد المستهدفة لا تُضاف إلى المجندين.",
        # correction actions, kinds of rows, chart captions
        "action_correct": "تصحيح", "action_reject": "رفض",
        "chart_recruits_by_area_actor": "المجندون حسب الجهة والمنطقة (كل عمود مجموع واحد من جدول المجاميع)",
        "chart_recruits_map": "المجندون حسب المحافظة؛ المناطق الممتدة على عدة محافظات مظللة ومجاميعها في الجانب",
        "chart_aid_by_area": "المساعدات حسب المنطقة (لوحة لكل وحدة)",
        "chart_incentives_by_actor_area": "الحوافز حسب الجهة والمحافظة (عدد التقارير)",
        "chart_recruits_timeline": "أعداد المجندين المعلنة عبر الزمن، شهرياً أو أسبوعياً (خط لآخر إجمالي تراكمي، علامة لمجموع الدفعات الجديدة؛ أرقامه وسجلاتها في جدول CSV بجانبه)",
        "reason_unknown": "سبب آخر (النص الأصلي في rejections.csv)",
    },
    "en": {
        "title": "Rasd — figures and incentives report",
        "run": "Run", "generated": "Generated", "parameters": "Parameters",
        "contents": "Contents", "back_to_contents": "↑ Contents",
        "findings": "Key findings", "charts": "Charts", "totals": "As-of totals",
        "figures": "Figures with their evidence", "incentives": "Incentives with their evidence",
        "durations": "Durations mentioned",
        "rejections": "Rejected inputs", "reports": "Reports read",
        "value": "Figure", "category": "Category", "actor": "Actor", "area": "Area",
        "evidence": "Evidence sentence", "report": "Report", "date": "Date", "source": "Source",
        "incentive": "Incentive", "path": "File", "line": "Line", "reason": "Reason",
        "kind": "Kind", "rejected": "rejected", "warning": "warning", "duration": "Duration",
        "none": "none", "omitted": "Showing {shown} of {total}; the full table is {file}.",
        "no_charts": "No charts: {why}", "no_totals": "No totals: {why}",
        "files": "Run files: tables as CSV and Parquet, charts as PNG and SVG, and manifest.json.",
        "contradictions": "Running totals that disagree between sources", "first": "first", "second": "second",
        "corrections": "Analyst corrections", "orphaned": "Corrections whose record no longer exists",
        "record": "Record", "action": "Action", "field": "Field", "old": "Old value", "new": "New value",
        "measure": "Measure", "unit": "Unit", "as_of": "As of", "basis": "Basis",
        "report_ids": "Reports", "conflicts": "Conflicts", "destination": "Destination abroad",
        "evidence_rows": "Evidence", "chart_full_size": "Open the chart full size",
        "unlocated": "unlocated", "undated": "undated", "span": "{first} to {last}",
        "basis_stock": "total {value} on {date}", "basis_flows": "new arrivals {values}",
        "basis_flows_only": "new arrivals {values} (no running total reported)", "basis_target": "target {value}",
        "basis_sum": "sum of {values}",
        "coverage": "Read {reports} ({span}){outside}; extracted {figures} and {incentives}; {rejected}.",
        "coverage_outside": " and {n} outside the requested date window",
        "finding_total": "{who} in {where}: {value} as of {date} ({measure}; {sources}).",
        "finding_changed": "Since the previous run ({run}): {who} in {where} went from {old} to {value}.",
        "finding_new": "Since the previous run ({run}): a new total for {who} in {where}: {value}.",
        "finding_unchanged": "No total changed since the previous run ({run}).",
        "finding_no_previous": "No previous run to compare with.",
        "finding_conflict": "Contradiction: {who} in {where}: {a} ({source_a}, {date_a}) against {b} ({source_b}, {date_b}).",
        "finding_no_conflicts": "No running totals disagree between sources.",
        "finding_incentives": "Incentives named in most reports: {items}.",
        "finding_reviewed": "{done} of {total} totals reviewed by an analyst (every figure behind them accepted or corrected).",
        "reviewed": "Reviewed", "yes": "yes", "no": "no",
        "guessed": "Rests on a guess", "guess_actor": "actor", "guess_regions": "place", "guess_measure": "measure",
        "finding_guessed": "{n} of {total} totals rest on a guess (an actor, place or measure that neither the sentence nor its paragraph decided): read their evidence before quoting them.",
        "finding_incentive_item": "{name} ({reports})",
        "finding_more": "The other totals ({n}) are in the totals table.",
        "target_note": "Targets are never added to the counts of people already recruited.",
        "action_correct": "correct", "action_reject": "reject",
        "chart_recruits_by_area_actor": "Recruits by actor and area (each bar is one total of the totals table)",
        "chart_recruits_map": "Recruits by governorate; areas spanning several governorates are hatched, their totals at the side",
        "chart_aid_by_area": "Aid by area (one panel per unit)",
        "chart_incentives_by_actor_area": "Incentives by actor and governorate (number of reports)",
        "chart_recruits_timeline": "Reported recruit numbers by month or week (lines for the latest running total, markers for new arrivals added up; its numbers and their records in the CSV table beside it)",
        "reason_unknown": "other reason (the original text is in rejections.csv)",
    },
}

# Counted things: (Arabic singular, dual, plural, singular accusative; English singular, plural).
COUNTED = {
    "report": ("تقرير", "تقريران", "تقارير", "تقريراً", "report", "reports"),
    "figure": ("رقم", "رقمان", "أرقام", "رقماً", "figure", "figures"),
    "incentive": ("حافز", "حافزان", "حوافز", "حافزاً", "incentive", "incentives"),
    "rejected_input": ("مدخل مرفوض", "مدخلان مرفوضان", "مدخلات مرفوضة", "مدخلاً مرفوضاً",
                       "rejected input", "rejected inputs"),
    "source": ("مصدر", "مصدران", "مصادر", "مصدراً", "source", "sources"),
    "person": ("شخص", "شخصان", "أشخاص", "شخصاً", "person", "people"),
    "family": ("عائلة", "عائلتان", "عائلات", "عائلة", "family", "families"),
    "food_basket": ("سلة غذائية", "سلتان غذائيتان", "سلال غذائية", "سلة غذائية", "food basket", "food baskets"),
    "tonne": ("طن", "طنان", "أطنان", "طناً", "tonne", "tonnes"),
    "kg": ("كغ", "كغ", "كغ", "كغ", "kg", "kg"),
    "item": ("قطعة", "قطعتان", "قطع", "قطعة", "item", "items"),
    "vehicle": ("آلية", "آليتان", "آليات", "آلية", "vehicle", "vehicles"),
    "unit": ("وحدة", "وحدتان", "وحدات", "وحدة", "unit", "units"),
    "usd": ("دولار", "دولاران", "دولارات", "دولاراً", "US dollar", "US dollars"),
    "syp": ("ليرة سورية", "ليرتان سوريتان", "ليرات سورية", "ليرة سورية", "Syrian pound", "Syrian pounds"),
    "try": ("ليرة تركية", "ليرتان تركيتان", "ليرات تركية", "ليرة تركية", "Turkish lira", "Turkish lira"),
    "eur": ("يورو", "يورو", "يورو", "يورو", "euro", "euros"),
    "day": ("يوم", "يومان", "أيام", "يوماً", "day", "days"),
    "week": ("أسبوع", "أسبوعان", "أسابيع", "أسبوعاً", "week", "weeks"),
    "month": ("شهر", "شهران", "أشهر", "شهراً", "month", "months"),
    "year": ("سنة", "سنتان", "سنوات", "سنة", "year", "years"),
    "hour": ("ساعة", "ساعتان", "ساعات", "ساعة", "hour", "hours"),
    "minute": ("دقيقة", "دقيقتان", "دقائق", "دقيقة", "minute", "minutes"),
    "litre": ("ليتر", "ليتران", "ليترات", "ليتراً", "litre", "litres"),
}
DURATION_UNITS = ("minute", "hour", "day", "week", "month", "year")


def arabic_form(number: float) -> int:
    """Which form of a counted noun follows `number` in Arabic: 0 singular, 1 dual,
    2 plural, 3 singular accusative. 1 → شخص، 2 → شخصان، 5 → أشخاص، 15 → شخصاً، 0 → أشخاص;
    hundreds and thousands take the singular (1500 شخص), 103 the plural, 111 the accusative."""
    if not float(number).is_integer():
        return 0
    n = int(abs(number))
    rest = n % 100
    if n == 2:
        return 1
    if n == 0 or 3 <= rest <= 10:
        return 2
    if 11 <= rest <= 99:
        return 3
    return 0


def count_noun(kind: str, number: float, lang: str = "ar") -> str:
    """The noun that follows `number` of `kind` (a COUNTED key), agreeing with it."""
    check_lang(lang)
    forms = COUNTED[kind]
    if lang == "ar":
        return forms[arabic_form(number)]
    return forms[4] if float(number) == 1 else forms[5]


def count_phrase(kind: str, number: float, lang: str = "ar", formatted: str | None = None) -> str:
    """'3 أشهر', 'شخصان' (the dual says two by itself), '15 شخصاً', '1 report';
    `formatted` replaces the digits shown."""
    shown = formatted if formatted is not None else f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"
    if lang == "ar" and float(number) == 2:
        return count_noun(kind, number, lang)
    return f"{shown} {count_noun(kind, number, lang)}"


# Machine reasons (helpers.ingest.load, helpers.analysis.corrections, helpers.run.pipeline) → (Arabic, English).
# Matched in order; `{0}`, `{1}` are the pattern's groups.
REASONS = [
    (r"^no such file or folder$", "لا يوجد ملف أو مجلد بهذا الاسم", "no such file or folder"),
    (r"^not a regular file or folder$", "ليس ملفاً عادياً ولا مجلداً", "not a regular file or folder"),
    (r"^binary file", "ملف ثنائي وليس تقريراً", "binary file, not a report"),
    (r"^empty file", "ملف فارغ", "empty file"),
    (r"^hidden (file|folder) not read", "ملف أو مجلد مخفي لم يُقرأ (أزل النقطة من أول اسمه لقراءته)",
     "hidden file or folder not read (remove the leading dot to read it)"),
    (r"^unsupported ", "نوع ملف غير مدعوم", "unsupported file type"),
    (r"^no report text", "لا نص للتقرير (ترويسة فقط)", "no report text (only a header)"),
    (r"^broken JSON line", "سطر JSON معطوب", "broken JSON line"),
    (r"^expected a JSON object", "السطر ليس كائن JSON", "the line is not a JSON object"),
    (r"^broken CSV from row (\d+)", "ملف CSV معطوب ابتداءً من الصف {0}", "broken CSV from row {0} on"),
    (r"has no 'text' field|no text in column", "لا نص في العمود text", "no text in the text column"),
    (r"'text' is not a string", "العمود text ليس نصاً", "the text column is not text"),
    (r"has empty text", "نص فارغ", "empty text"),
    (r"^no article text in the HTML", "لا نص مقال في صفحة HTML", "no article text in the HTML page"),
    (r"has no date; left out of the dated window", "تقرير بلا تاريخ؛ تُرك خارج النافذة الزمنية",
     "report without a date; left out of the dated window"),
    (r"^unreadable date", "تاريخ غير مقروء في البيانات الوصفية", "unreadable date in the metadata"),
    (r"is also used by", "المعرّف مستخدم في ملف آخر", "the id is also used by another file"),
    (r"file given more than once", "الملف مُعطى أكثر من مرة؛ قُرئ مرة واحدة", "file given more than once; read once"),
    (r"larger than|over \d+ ?MB|too large", "الملف أكبر من الحد المسموح", "file larger than the limit"),
    (r"cannot decode|undecodable|not valid UTF|encoding", "ترميز غير مقروء", "unreadable encoding"),
    (r"^header must be", "ترويسة ملف التصحيحات غير صحيحة", "the corrections file's header is wrong"),
    (r"^action must be", "الإجراء يجب أن يكون تصحيحاً أو رفضاً", "the action must be correct or reject"),
    (r"every correction needs a reason", "كل تصحيح يحتاج إلى سبب", "every correction needs a reason"),
    (r"cannot be corrected", "هذا الحقل لا يُصحَّح", "this field cannot be corrected"),
]


def reason_text(reason: str, lang: str = "ar") -> str | None:
    """A machine reason in `lang`, or None when no pattern knows it."""
    import re

    check_lang(lang)
    for pattern, arabic, english in REASONS:
        match = re.search(pattern, reason or "")
        if match:
            return (arabic if lang == "ar" else english).format(*match.groups())
    return None


@lru_cache(maxsize=1)
def places_abroad() -> dict[str, tuple[str, str]]:
    """Normalised Arabic name of a place abroad → (Arabic, English), from the gazetteer."""
    from helpers.ingest.normalise import normalise_key
    from helpers.paths import LEXICONS

    with open(LEXICONS / "gazetteer.csv", encoding="utf-8", newline="") as handle:
        return {normalise_key(row["name"]): (row["name"], row["name_en"] or row["name"])
                for row in csv.DictReader(handle) if row["area"] == "abroad"}


def destination_name(text, lang: str = "ar") -> str:
    """The destination of fighters sent abroad (the report's words, e.g. 'ليبيا') in `lang`.
    Unknown destinations keep the report's words in Arabic and 'abroad' in English."""
    from helpers.ingest.normalise import normalise_key

    check_lang(lang)
    if is_missing(text) or not str(text).strip():
        return display_name("area", "abroad", lang)
    key = normalise_key(str(text))
    names = places_abroad()
    found = names.get(key) or next((pair for name, pair in names.items() if name and name in key), None)
    if found:
        return found[0] if lang == "ar" else found[1]
    return str(text) if lang == "ar" else display_name("area", "abroad", lang)
