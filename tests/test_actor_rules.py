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


# --- settlements: the state's own procedure ------------------------------------------

def test_men_joining_a_settlement_in_a_sentence_with_no_doer_are_the_regimes(lexicons):
    text = ("تعرقل قسد وصول الأهالي إلى البلدة منذ أسابيع. "
            "وقالت اللجان إن 640 مطلوباً انضموا إلى التسوية الجارية في بلدة الكرامة.")
    assert actor_of(figure(text, lexicons, "640")) == ("regime", "التسوية", "clause")


def test_a_count_by_the_settlement_committees_is_the_regimes(lexicons):
    text = ("تفرض قسد التجنيد على الشبان في المنطقة. "
            "وتلقت لجان التسوية في المحافظة نحو 220 طلباً من المطلوبين.")
    assert actor_of(figure(text, lexicons, "220")) == ("regime", "لجان التسوية", "clause")


def test_a_settlement_promised_by_a_recruiter_keeps_the_recruiters_actor(lexicons):
    text = ("تجند شركة فاغنر الشبان في حمص. "
            "ووقع المجندون عقوداً لقاء 900 دولار شهرياً، وتعهدت الشركة بتسوية أوضاع المطلوبين منهم.")
    assert figure(text, lexicons, "900").actor == "russia"


def test_a_report_naming_no_doer_about_settlements_is_the_regimes(lexicons):
    title = "عشرات الشبان يلتحقون بتسويات حماة"
    text = "توافد الشبان إلى مركز التسويات في المدينة. وجرى تمديد العمل ثلاثة أيام إضافية."
    assert actor_of(figure(text, lexicons, "ثلاثة", title)) == ("regime", "تسويات", "report_default")


# --- an overseer named in passing ------------------------------------------------------

def test_an_overseer_does_not_make_the_reports_main_actor(lexicons):
    text = ("فتح حزب الله باب الانتساب في القلمون بإشراف مباشر من قوات النظام، "
            "في مكاتب يشرف عليها الأمن العسكري.\n\n"
            "ويمتد العقد ثلاثين يوماً لقاء راتب يبلغ 300 ألف ليرة.")
    assert actor_of(figure(text, lexicons, "300 ألف")) == ("iran", "حزب الله", "report_default")


# --- aid bodies: a nationality, a short name, a state's Red Crescent ---------------------

def test_a_private_aid_bodys_nationality_is_not_a_second_doer(lexicons):
    text = "وزعت جمعية خيرية تركية 400 سلة غذائية على النازحين في إدلب."
    assert actor_of(figure(text, lexicons, "400"))[0] is None


def test_a_foreign_states_red_crescent_and_its_short_name_count_as_the_state(lexicons):
    text = ("أرسل الهلال الأحمر التركي 60 شاحنة إلى ريف حلب.\n\n"
            "وقال مسؤول إن الهلال الأحمر استطاع أن يوصل 25 شاحنة أخرى إلى إدلب.")
    assert actor_of(figure(text, lexicons, "60")) == ("turkey", "الهلال الأحمر التركي", "frame")
    assert actor_of(figure(text, lexicons, "25")) == ("turkey", "الهلال الأحمر", "frame")


def test_the_syrian_red_crescent_stays_an_aid_body(lexicons):
    text = "وزع الهلال الأحمر العربي السوري 300 سلة غذائية في حمص."
    assert figure(text, lexicons, "300").actor is None


# --- a proxy's sponsor: the side the text ties it to, throughout the report ---------------

@pytest.mark.parametrize("tie", ["، الميليشيا الرديفة لقوات النظام،", "، وهي تابعة لقوات الأسد،"])
def test_the_side_the_text_ties_a_proxy_to_holds_in_every_sentence(lexicons, tie):
    title = "«لواء القدس» يجند شبان حمص"
    text = (f"بدأ «لواء القدس»{tie} تجنيد الشبان في حمص.\n\n"
            "وبلغ عدد المنتسبين الجدد إلى «لواء القدس» 70 شاباً.")
    assert figure(text, lexicons, "70", title).actor == "regime"


def test_a_proxy_named_with_no_tie_counts_as_its_lexicon_sponsor(lexicons):
    text = "وبلغ عدد المنتسبين الجدد إلى «لواء القدس» في حلب 70 شاباً."
    assert figure(text, lexicons, "70").actor == "russia"


@pytest.mark.parametrize("name", ["قوات الدفاع الذاتي", "قوات الحماية الذاتية"])
def test_the_autonomous_administrations_self_defence_force_is_the_sdf(lexicons, name):
    text = f"التحق 180 شاباً من أبناء الرقة ب{name} بصورة طوعية."
    assert figure(text, lexicons, "180").actor == "sdf"


def test_men_settling_are_the_regimes_whatever_outlet_tells_it(lexicons):
    f = figure("أفادت رويترز بأن 300 شخص أجروا التسوية في درعا.", lexicons, "300")
    assert actor_of(f) == ("regime", "التسوية", "clause")


# --- a speaker's side, the force counted men serve in, the state's own instruments ----------

def test_an_official_in_a_body_speaks_for_it_in_normalised_spelling(lexicons):
    text = ("يقاتل المرتزقة الموالون لتركيا في ليبيا منذ أشهر. "
            "وتسلم قادة الفصائل من مسؤولين في حكومة الوفاق 12 مليون دولار.")
    assert figure(text, lexicons, "12 مليون").actor is None   # the payer, a doer with no code


@pytest.mark.parametrize("owner", ['ضمن ميليشيا "قوات الدفاع الوطني"', "في صفوف قوات النظام"])
def test_the_force_counted_men_serve_in_is_named_after_them(lexicons, owner):
    text = f"تدفع إيران أجور نحو 40 ألف مسلح {owner} منذ سنوات."
    assert figure(text, lexicons, "40 ألف").actor == "regime"


def test_a_legislative_decree_is_the_regimes(lexicons):
    text = "أصدر رئيس الجمهورية في سوريا مرسوماً تشريعياً يسمح بدفع بدل قدره 3000 دولار عن الخدمة الاحتياطية."
    assert figure(text, lexicons, "3000").actor == "regime"


def test_the_army_one_serves_in_after_a_service_word_is_no_doer(lexicons):
    text = ("يضم حزب الله الشبان إلى صفوفه في درعا. "
            "وهو يمنع تجنيدهم في الخدمة الإلزامية بالجيش السوري، ويدفع لكل منهم 300 دولار شهرياً.")
    assert figure(text, lexicons, "300").actor == "iran"


def test_aid_several_states_give_has_no_one_actor(lexicons):
    text = ("تمنح روسيا الطلاب السوريين منحاً كل عام. "
            "وقالت الوزارة إن المنح الدراسية التي تقدمها دول عدة يصل عددها إلى 1200 منحة.")
    assert figure(text, lexicons, "1200").actor is None


def test_a_charity_named_by_its_own_name_is_an_aid_body(lexicons):
    text = ("وزع المركز الروسي 500 سلة غذائية في حماة، "
            "أما مؤسسة \"الأمل\" الخيرية الشيشانية فقدمت لسكان المدينة 110 سلال.")
    assert figure(text, lexicons, "110").actor is None
    assert figure(text, lexicons, "500").actor == "russia"


def test_a_charity_whose_name_holds_a_listed_actor_stays_that_actor(lexicons):
    text = "وزعت مؤسسة جهاد البناء الخيرية 250 سلة غذائية في حلب."
    assert figure(text, lexicons, "250").actor == "iran"


def test_a_church_giving_aid_is_an_aid_body_not_its_state(lexicons):
    text = "تسلمت كنيسة في حمص 8 أطنان من الطحين قدمتها الكنيسة الروسية الأرثوذكسية."
    assert figure(text, lexicons, "8").actor is None


def test_an_aid_body_that_confirms_a_count_is_its_source_not_its_doer(lexicons):
    text = "تزايد الحديث عن المرتزقة منذ تأكيد الأمم المتحدة وصول ما لا يقل عن 3000 منهم بدعم تركي إلى ليبيا."
    assert figure(text, lexicons, "3000").actor == "turkey"


def test_a_backer_named_after_the_goods_is_not_their_owner(lexicons):
    text = "وزعت جمعية خيرية محلية 600 سلة بدعم من مركز المصالحة الروسي في حماة."
    assert figure(text, lexicons, "600").actor is None
    text = "وزعت جمعية خيرية محلية 600 سلة مقدمة من مركز المصالحة الروسي في حماة."
    assert figure(text, lexicons, "600").actor == "russia"


def test_an_overseer_with_no_other_doer_runs_what_it_oversees(lexicons):
    text = ("تحاول قسد الحفاظ على عناصرها في القامشلي.\n\n"
            "وانضم ما لا يقل عن 250 شاباً من المدينة وريفها خلال الشهر الماضي إلى مجموعات تشرف عليها "
            "القوات الروسية في مطار المدينة. وتنتشر الشرطة العسكرية الروسية في المنطقة.")
    assert actor_of(figure(text, lexicons, "250"))[0] == "russia"
