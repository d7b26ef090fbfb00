"""helpers.extract.lexicons: validation names the file and line; matching rules."""
from __future__ import annotations

import pytest

import helpers.extract  # noqa: F401  (registers the cues lexicon)
from helpers.extract.lexicons import SCHEMAS, LexiconError, load_lexicons, read_lexicon
from helpers.extract.matching import Matcher, MultiMatcher
from helpers.ingest.normalise import normalise
from helpers.paths import LEXICONS


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path, schema_name: str) -> LexiconError:
    with pytest.raises(LexiconError) as caught:
        read_lexicon(path, SCHEMAS[schema_name])
    return caught.value


# --- validation -----------------------------------------------------------------

def test_unknown_code_names_file_line_and_allowed_values(tmp_path):
    path = write(tmp_path, "actors.csv", "name,actor,kind,note\nحزب الله,iran,proxy,\nفاغنر,wagner,proxy,\n")
    error = error_of(path, "actors")
    assert (error.path, error.line) == (str(path), 3)
    assert str(error).startswith(f"{path}:3: column 'actor': unknown value 'wagner'")
    assert "russia" in str(error)


def test_wrong_header_is_line_1(tmp_path):
    path = write(tmp_path, "incentives.csv", "word,incentive,note\nراتب,cash_salary,\n")
    error = error_of(path, "incentives")
    assert error.line == 1 and "header must be cue,incentive,note" in str(error)


def test_wrong_column_count(tmp_path):
    path = write(tmp_path, "incentives.csv", "cue,incentive,note\n# comment, with commas\n\nراتب,cash_salary\n")
    error = error_of(path, "incentives")
    assert error.line == 4 and "expected 3 columns, found 2" in str(error)


def test_conflicting_duplicate_names_both_lines(tmp_path):
    # the same words after normalisation (أ/ا, ة/ه) with two meanings
    path = write(tmp_path, "incentives.csv",
                 "cue,incentive,note\nمكافأة,cash_reward,\nأدوية,medical,\nمكافاه,cash_salary,\n")
    error = error_of(path, "incentives")
    assert error.line == 4 and "already means something else at line 2" in str(error)


def test_same_meaning_duplicate_is_allowed(tmp_path):
    path = write(tmp_path, "incentives.csv", "cue,incentive,note\nمكافأة,cash_reward,a\nمكافاه,cash_reward,b\n")
    assert len(read_lexicon(path, SCHEMAS["incentives"])) == 2


def test_row_rules_for_actors_and_places(tmp_path):
    path = write(tmp_path, "actors.csv", "name,actor,kind,note\nالمرصد السوري,iran,source,\n")
    assert "reporting source has no actor" in str(error_of(path, "actors"))
    path = write(tmp_path, "gazetteer.csv",
                 "name,area,regions,kind,name_en,source\nليبيا,abroad,SY-DY,abroad,Libya,test\n")
    assert "places abroad have no regions" in str(error_of(path, "places"))
    path = write(tmp_path, "gazetteer.csv",
                 "name,area,regions,kind,name_en,source\nحماة,SY-HM,SY-HM|SY-XX,governorate,Hama,test\n")
    assert "unknown value 'SY-XX'" in str(error_of(path, "places"))


def test_cue_rows_need_a_meaning_and_known_codes(tmp_path):
    path = write(tmp_path, "cues.csv", "cue,category,measure,scope,note\nقتلى,casualties,,,\nشيء,,,,\n")
    error = error_of(path, "cues")
    assert error.line == 3 and "needs a category, a measure or a scope" in str(error)
    path = write(tmp_path, "cues.csv", "cue,category,measure,scope,note\nانضم,recruits,arrival,,\n")
    assert "column 'measure': unknown value 'arrival'" in str(error_of(path, "cues"))


def test_star_only_at_the_end_and_missing_file(tmp_path):
    path = write(tmp_path, "incentives.csv", "cue,incentive,note\nمكا*فأة,cash_reward,\n")
    assert "only at the end" in str(error_of(path, "incentives"))
    error = error_of(tmp_path / "nothing.csv", "incentives")
    assert error.line is None and "missing" in str(error)


def test_the_project_lexicons_i_own_load():
    sizes = {name: len(read_lexicon(LEXICONS / SCHEMAS[name].file, SCHEMAS[name]))
             for name in ("cues", "incentives", "actor_adjectives")}
    assert sizes["cues"] > 100 and sizes["incentives"] > 100 and sizes["actor_adjectives"] >= 15


# --- matching --------------------------------------------------------------------

def matcher(tmp_path, rows: str) -> Matcher:
    path = write(tmp_path, "incentives.csv", "cue,incentive,note\n" + rows)
    return Matcher(read_lexicon(path, SCHEMAS["incentives"]))


def found(m: Matcher, text: str) -> list[tuple[str, str]]:
    norm = normalise(text).text
    return [(norm[x.start:x.end], x.entry["incentive"]) for x in m.find_all(norm)]


def test_clitics_before_a_word_are_outside_the_match(tmp_path):
    m = matcher(tmp_path, "الأدوية,medical,\nمساعدات,aid_unspecified,\n")
    assert found(m, "وبالأدوية وللمساعدات وكالمساعدات ومساعدات") == [
        ("الادويه", "medical")] + [("مساعدات", "aid_unspecified")] * 3
    # ل after a clitic replaces the article: للأدوية = ل + الأدوية
    assert found(m, "للأدوية") == [("لادويه", "medical")]


def test_whole_words_only(tmp_path):
    m = matcher(tmp_path, "غاز,fuel,\n")
    assert found(m, "غازات وأغاز وغازي") == []
    assert found(m, "قدم غاز، ثم (غاز)") == [("غاز", "fuel"), ("غاز", "fuel")]


def test_optional_space_inside_a_name(tmp_path):
    m = matcher(tmp_path, "منح دراسية,education_scholarship,\n")
    assert found(m, "منحدراسية و منح  دراسية") == [
        ("منحدراسيه", "education_scholarship"), ("منح  دراسيه", "education_scholarship")]


def test_prefix_star_takes_any_ending_and_longest_match_wins(tmp_path):
    m = matcher(tmp_path, "مكافا*,cash_reward,\nمساعدات,aid_unspecified,\nمساعدات غذائية,food_aid,\n")
    assert found(m, "مكافآت ومكافأة ومكافحة") == [("مكافات", "cash_reward"), ("مكافاه", "cash_reward")]
    assert found(m, "مساعدات غذائية ومساعدات") == [
        (normalise("مساعدات غذائية").text, "food_aid"), ("مساعدات", "aid_unspecified")]


def test_a_listed_longer_name_wins_over_a_prefix(tmp_path):
    m = matcher(tmp_path, "إعفاء*,conscription_exemption,\nإعفاء من الملاحقة الأمنية,security_settlement,\n")
    assert [code for _, code in found(m, "وعد بإعفاء من الملاحقة الأمنية وإعفاءات أخرى")] == [
        "security_settlement", "conscription_exemption"]


def test_place_particles_may_be_written_apart(tmp_path):
    path = write(tmp_path, "gazetteer.csv",
                 "name,area,regions,kind,name_en,source\nالبوكمال,SY-DY,SY-DY,city,Abu Kamal,test\n")
    m = Matcher(read_lexicon(path, SCHEMAS["places"]))
    norm = normalise("في البو كمال وبالبوكمال").text
    assert [norm[x.start:x.end] for x in m.find_all(norm)] == ["البو كمال", "البوكمال"]


def test_load_lexicons_fails_on_the_first_bad_file(tmp_path):
    for name, schema in SCHEMAS.items():
        source = LEXICONS / schema.file
        text = source.read_text(encoding="utf-8") if source.exists() else ",".join(schema.header) + "\n"
        write(tmp_path, schema.file, text)
    write(tmp_path, "incentives.csv", "cue,incentive,note\nراتب,salary,\n")
    with pytest.raises(LexiconError, match=r"incentives\.csv:2: column 'incentive'"):
        load_lexicons(tmp_path)


# --- several matchers in one scan (MultiMatcher, Lexicons.find_each) ------------------

def test_one_scan_finds_what_each_matcher_finds_alone(tmp_path):
    # overlapping names across matchers, clitics, a name at offset 0, a prefix name
    first = matcher(tmp_path, "مساعدات,aid_unspecified,\nمساعدات غذائية,food_aid,\nرواتب,cash_salary,\n")
    (tmp_path / "b").mkdir()
    second = matcher(tmp_path / "b", "غذائية,food_aid,\nمساعدات غ*,aid_unspecified,\nلل*,medical,\n")
    text = normalise("مساعدات غذائية وبالمساعدات الغذائية، ورواتب للمقاتلين (مساعدات) غذائية").text
    alone = [first.find_all(text), second.find_all(text)]
    assert MultiMatcher([first, second]).find_all(text) == alone
    assert [(m.start, text[m.start:m.end]) for m in alone[0]] == [
        (0, "مساعدات غذاييه"), (19, "مساعدات"), (38, "رواتب"), (55, "مساعدات")]
    assert [(m.start, text[m.start:m.end]) for m in alone[1]] == [
        (0, "مساعدات غذاييه"), (29, "غذاييه"), (44, "للمقاتلين"), (64, "غذاييه")]


def test_find_each_equals_find_all_on_the_sample_corpus_and_eval_set():
    from helpers.ingest.load import load_paths
    from helpers.paths import ROOT, SAMPLE_CORPUS
    lexicons = load_lexicons()
    names = ("actors", "actor_adjectives", "incentives", "cues", "places")
    reports = load_paths([SAMPLE_CORPUS, ROOT / "tests" / "eval" / "reports"]).reports
    texts = [normalise(r.full_text).text for r in reports]
    assert len(texts) > 100
    for text in texts:
        assert lexicons.find_each(names, text) == [lexicons[n].find_all(text) for n in names]


def test_names_match_across_several_spaces_but_not_a_line_break():
    lexicons = load_lexicons()
    names = ("actors", "places")
    text = normalise("انتشرت قوات  النظام في البو   كمال، ثم قوات\nالنظام في دير الزور").text
    actors, places = lexicons.find_each(names, text)
    assert [(text[m.start:m.end], m.key) for m in actors] == [("قوات  النظام", "قوات النظام"), ("النظام", "النظام")]
    assert [(text[m.start:m.end], m.key) for m in places] == [("البو   كمال", "البوكمال"), ("دير الزور", "دير الزور")]
    assert [actors, places] == [lexicons[n].find_all(text) for n in names]


def test_one_scan_of_a_text_without_any_name():
    lexicons = load_lexicons()
    assert lexicons.find_each(("actors", "places"), "") == [[], []]
    assert lexicons.find_each(("actors", "places"), "كلام عام لا يذكر احدا") == [[], []]


def test_extra_word_lists_ride_on_the_same_scan():
    lexicons = load_lexicons()
    words = {"ثلاث": "three", "الاف": "thousands", "ريف": "countryside"}
    text = normalise("وزعت القوات الروسية  ثلاث آلاف سلة في ريف حماة والريفين").text
    found, (hits,) = lexicons.scan(("actors", "places"), text, (words,))
    assert found == lexicons.find_each(("actors", "places"), text)
    # every occurrence, inside words too (boundaries are the caller's rules); ends exclusive,
    # in the text's own offsets although the scan squeezed the two spaces
    assert hits == [(text.index("ثلاث") + 4, "three"), (text.index("الاف") + 4, "thousands"),
                    (text.index("ريف ") + 3, "countryside"), (text.index("ريفين") + 3, "countryside")]


def test_only_a_source_speaks_for_a_side_and_the_side_is_an_actor_code(tmp_path):
    path = write(tmp_path, "actors.csv", "name,actor,kind,note\nسانا,,source,speaks for regime: state agency\n"
                                         "إرنا,,source,speaks for wagner\n")
    error = error_of(path, "actors")
    assert error.line == 3 and "`speaks for` needs one of russia" in str(error)
    path = write(tmp_path, "actors.csv", "name,actor,kind,note\nالنظام,regime,state,speaks for regime\n")
    assert "only a reporting source speaks for a side" in str(error_of(path, "actors"))
