"""The actor rules of issue 9's later rounds (actor_fallbacks.py, actor_settings.py,
mention_filters.py), each on a short example of our own wording, with the real lexicons."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.extract.lexicons import load_lexicons
from helpers.records import Report
from report_builders import report_of


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def _report(text: str, title: str | None = None) -> Report:
    return report_of(text, title, "a1", "2022-03-01")


def figure(text: str, lexicons, number: str, title: str | None = None):
    """The first figure whose text is `number`, checked to sit at its offsets."""
    report = _report(text, title)
    figures, _ = extract_report(report, lexicons)
    found = [f for f in figures if f.text == number]
    assert found, [(f.text, f.value) for f in figures]
    assert report.full_text[found[0].start:found[0].end] == number
    return found[0]


def actor_of(f) -> tuple:
    return f.actor, f.actor_text, f.basis["actor"]


# Each case is one rule, named by its id; `actor` is the figure's actor code (None: no listed actor).

# two figures in one text, each a case of its own
RED_CRESCENT = ("أرسل الهلال الأحمر التركي 60 شاحنة إلى ريف حلب.\n\n"
                "وقال مسؤول إن الهلال الأحمر استطاع أن يوصل 25 شاحنة أخرى إلى إدلب.")
CHARITY = ("وزع المركز الروسي 500 سلة غذائية في حماة، "
           "أما مؤسسة \"الأمل\" الخيرية الشيشانية فقدمت لسكان المدينة 110 سلال.")

@pytest.mark.parametrize("text, number, title, actor", [
    # settlements: a recruiter's promise of one keeps the recruiter's actor
    pytest.param("تجند شركة فاغنر الشبان في حمص. "
                 "ووقع المجندون عقوداً لقاء 900 دولار شهرياً، وتعهدت الشركة بتسوية أوضاع المطلوبين منهم.",
                 "900", None, "russia", id="a_settlement_promised_by_a_recruiter_keeps_the_recruiters_actor"),
    # aid bodies: a nationality, a short name, a state's Red Crescent
    pytest.param("وزعت جمعية خيرية تركية 400 سلة غذائية على النازحين في إدلب.", "400", None, None,
                 id="a_private_aid_bodys_nationality_is_not_a_second_doer"),
    pytest.param("وزع الهلال الأحمر العربي السوري 300 سلة غذائية في حمص.", "300", None, None,
                 id="the_syrian_red_crescent_stays_an_aid_body"),
    # a proxy's sponsor
    pytest.param("وبلغ عدد المنتسبين الجدد إلى «لواء القدس» في حلب 70 شاباً.", "70", None, "russia",
                 id="a_proxy_named_with_no_tie_counts_as_its_lexicon_sponsor"),
    # a speaker's side, the state's own instruments
    pytest.param("يقاتل المرتزقة الموالون لتركيا في ليبيا منذ أشهر. "
                 "وتسلم قادة الفصائل من مسؤولين في حكومة الوفاق 12 مليون دولار.", "12 مليون", None, None,
                 id="an_official_in_a_body_speaks_for_it_in_normalised_spelling"),   # the payer, a doer with no code
    pytest.param("أصدر رئيس الجمهورية في سوريا مرسوماً تشريعياً يسمح بدفع بدل قدره 3000 دولار عن الخدمة الاحتياطية.",
                 "3000", None, "regime", id="a_legislative_decree_is_the_regimes"),
    pytest.param("يضم حزب الله الشبان إلى صفوفه في درعا. "
                 "وهو يمنع تجنيدهم في الخدمة الإلزامية بالجيش السوري، ويدفع لكل منهم 300 دولار شهرياً.",
                 "300", None, "iran", id="the_army_one_serves_in_after_a_service_word_is_no_doer"),
    # aid given by several states, by charities and churches
    pytest.param("تمنح روسيا الطلاب السوريين منحاً كل عام. "
                 "وقالت الوزارة إن المنح الدراسية التي تقدمها دول عدة يصل عددها إلى 1200 منحة.", "1200", None, None,
                 id="aid_several_states_give_has_no_one_actor"),
    pytest.param(CHARITY, "110", None, None,
                 id="a_charity_named_by_its_own_name_is_an_aid_body"),
    pytest.param(CHARITY, "500", None, "russia",
                 id="a_charity_named_by_its_own_name_is_an_aid_body-the_state_beside_it"),
    pytest.param("وزعت مؤسسة جهاد البناء الخيرية 250 سلة غذائية في حلب.", "250", None, "iran",
                 id="a_charity_whose_name_holds_a_listed_actor_stays_that_actor"),
    pytest.param("تسلمت كنيسة في حمص 8 أطنان من الطحين قدمتها الكنيسة الروسية الأرثوذكسية.", "8", None, None,
                 id="a_church_giving_aid_is_an_aid_body_not_its_state"),
    pytest.param("تزايد الحديث عن المرتزقة منذ تأكيد الأمم المتحدة وصول ما لا يقل عن 3000 منهم بدعم تركي إلى ليبيا.",
                 "3000", None, "turkey", id="an_aid_body_that_confirms_a_count_is_its_source_not_its_doer"),
    pytest.param("وزعت جمعية خيرية محلية 600 سلة بدعم من مركز المصالحة الروسي في حماة.", "600", None, None,
                 id="a_backer_named_after_the_goods_is_not_their_owner"),
    pytest.param("وزعت جمعية خيرية محلية 600 سلة مقدمة من مركز المصالحة الروسي في حماة.", "600", None, "russia",
                 id="a_backer_named_after_the_goods_is_not_their_owner-goods_given_by_it"),
    # an overseer named in passing
    pytest.param("تحاول قسد الحفاظ على عناصرها في القامشلي.\n\n"
                 "وانضم ما لا يقل عن 250 شاباً من المدينة وريفها خلال الشهر الماضي إلى مجموعات تشرف عليها "
                 "القوات الروسية في مطار المدينة. وتنتشر الشرطة العسكرية الروسية في المنطقة.", "250", None, "russia",
                 id="an_overseer_with_no_other_doer_runs_what_it_oversees"),
])
def test_the_actor_of_a_figure(lexicons, text, number, title, actor):
    assert figure(text, lexicons, number, title).actor == actor


@pytest.mark.parametrize("text, number, title, expected", [
    # settlements: the state's own procedure
    pytest.param("تعرقل قسد وصول الأهالي إلى البلدة منذ أسابيع. "
                 "وقالت اللجان إن 640 مطلوباً انضموا إلى التسوية الجارية في بلدة الكرامة.", "640", None,
                 ("regime", "التسوية", "clause"),
                 id="men_joining_a_settlement_in_a_sentence_with_no_doer_are_the_regimes"),
    pytest.param("تفرض قسد التجنيد على الشبان في المنطقة. "
                 "وتلقت لجان التسوية في المحافظة نحو 220 طلباً من المطلوبين.", "220", None,
                 ("regime", "لجان التسوية", "clause"), id="a_count_by_the_settlement_committees_is_the_regimes"),
    pytest.param("توافد الشبان إلى مركز التسويات في المدينة. وجرى تمديد العمل ثلاثة أيام إضافية.", "ثلاثة",
                 "عشرات الشبان يلتحقون بتسويات حماة", ("regime", "تسويات", "report_default"),
                 id="a_report_naming_no_doer_about_settlements_is_the_regimes"),
    pytest.param("أفادت رويترز بأن 300 شخص أجروا التسوية في درعا.", "300", None, ("regime", "التسوية", "clause"),
                 id="men_settling_are_the_regimes_whatever_outlet_tells_it"),
    # an overseer named in passing
    pytest.param("فتح حزب الله باب الانتساب في القلمون بإشراف مباشر من قوات النظام، "
                 "في مكاتب يشرف عليها الأمن العسكري.\n\n"
                 "ويمتد العقد ثلاثين يوماً لقاء راتب يبلغ 300 ألف ليرة.", "300 ألف", None,
                 ("iran", "حزب الله", "report_default"), id="an_overseer_does_not_make_the_reports_main_actor"),
    # a foreign state's Red Crescent and its short name count as the state
    pytest.param(RED_CRESCENT, "60", None,
                 ("turkey", "الهلال الأحمر التركي", "frame"),
                 id="a_foreign_states_red_crescent_counts_as_the_state"),
    pytest.param(RED_CRESCENT, "25", None,
                 ("turkey", "الهلال الأحمر", "frame"), id="a_foreign_states_red_crescent_by_its_short_name"),
])
def test_the_actor_its_words_and_basis(lexicons, text, number, title, expected):
    assert actor_of(figure(text, lexicons, number, title)) == expected


# --- a proxy's sponsor: the side the text ties it to, throughout the report ---------------

@pytest.mark.parametrize("tie", ["، الميليشيا الرديفة لقوات النظام،", "، وهي تابعة لقوات الأسد،"])
def test_the_side_the_text_ties_a_proxy_to_holds_in_every_sentence(lexicons, tie):
    title = "«لواء القدس» يجند شبان حمص"
    text = (f"بدأ «لواء القدس»{tie} تجنيد الشبان في حمص.\n\n"
            "وبلغ عدد المنتسبين الجدد إلى «لواء القدس» 70 شاباً.")
    assert figure(text, lexicons, "70", title).actor == "regime"


@pytest.mark.parametrize("name", ["قوات الدفاع الذاتي", "قوات الحماية الذاتية"])
def test_the_autonomous_administrations_self_defence_force_is_the_sdf(lexicons, name):
    text = f"التحق 180 شاباً من أبناء الرقة ب{name} بصورة طوعية."
    assert figure(text, lexicons, "180").actor == "sdf"


@pytest.mark.parametrize("owner", ['ضمن ميليشيا "قوات الدفاع الوطني"', "في صفوف قوات النظام"])
def test_the_force_counted_men_serve_in_is_named_after_them(lexicons, owner):
    text = f"تدفع إيران أجور نحو 40 ألف مسلح {owner} منذ سنوات."
    assert figure(text, lexicons, "40 ألف").actor == "regime"
