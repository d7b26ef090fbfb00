"""Display names of the contract's codes, in Arabic and English.

One table per kind of code, each code → (Arabic, English). Charts, the HTML
report and the notebooks all name codes through `display_name`, so a label
is changed in one place. Names are plain text: charts shape them for drawing.
"""
from __future__ import annotations

import csv
import json
import math
from functools import lru_cache

import pandas as pd

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
    "coast": ("الساحل", "Coast"),
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


def is_missing(value) -> bool:
    """None, NaN and pd.NA: the one test for an empty cell (report.py adds blank text)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def regions_of(value) -> list[str]:
    """A list cell (`regions`, `report_ids`) as a list of strings, however it was stored:
    list, tuple or array (Parquet), JSON text, 'A|B' text (our CSV files), or missing."""
    if is_missing(value):
        return []
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            return [str(code) for code in json.loads(value)]
        return [part for part in value.split("|") if part]
    return [str(code) for code in value]


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
