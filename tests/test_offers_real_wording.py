"""Incentives in real wording: offers stated as clauses, statuses and threats that offer
nothing, words that name a place or a manner, and who gives (a unit tied to a side, a country
that sends aid, pay for a term).

Sentences written for these tests; they run the real lexicons and number finder.
"""
from __future__ import annotations

from helpers.extract import extract_report
from helpers.records import Report


def make_report(text: str) -> Report:
    return Report(id="r1", title=None, text=text, full_text=text, date="2021-03-01",
                  date_origin="metadata", source=None, url=None, path="test.txt", line=None,
                  encoding="utf-8", content_hash="h", duplicate_of=None)


def offers(text: str) -> dict[tuple[str, str | None], list[str]]:
    """(incentive, actor) → the regions, the evidence checked against its offsets."""
    found = {}
    for record in extract_report(make_report(text))[1]:
        assert text[record.start:record.end] == record.text
        found[(record.incentive, record.actor)] = record.regions
    return found


# --- what offers nothing --------------------------------------------------------

def test_pursuit_threatened_as_a_penalty_is_no_settlement():
    text = ("وتشترط الميليشيات الإيرانية في دير الزور على المنتسب البقاء ستة أشهر، ويُمنع من ترك "
            "المعسكر وإلا تعرّض للملاحقة الأمنية.")
    assert offers(text) == {}


def test_pursuit_lifted_is_still_a_settlement():
    text = "ووعدت الميليشيات الإيرانية في دير الزور المنتسبين بإلغاء الملاحقة الأمنية."
    assert offers(text) == {("security_settlement", "iran"): ["SY-DY"]}


def test_a_cue_word_naming_a_town_is_no_clothing():
    assert offers("وافتتح حزب الله مكتباً للتجنيد في بلدة «الكسوة» جنوبي دمشق.") == {}


def test_clothing_given_is_kept():
    assert offers("ووزع حزب الله في القصير كسوة شتوية على أسر المقاتلين.") == {("clothing", "iran"): ["SY-HI"]}


def test_thorough_is_no_flour_but_a_bag_of_flour_is():
    assert offers("وأقامت قوات النظام حاجزاً في حمص وأجرت تفتيش دقيق للسيارات.") == {}
    assert offers("ووزعت القوات الروسية في حماة عشرين كيساً من الدقيق على الأهالي.") == {
        ("food_aid", "russia"): ["SY-HM"]}


def test_guarding_a_shrine_or_the_land_is_no_protection_offered():
    assert offers("ودخلت الميليشيات الإيرانية إلى ريف دمشق بذريعة حماية المقامات الدينية.") == {}
    assert offers("وتخرّج من معسكر قسد في الرقة مقاتلون قادرون على حماية الأرض.") == {}


# --- offers stated as clauses -----------------------------------------------------

def test_a_promise_to_serve_inside_a_named_area():
    text = "وأكد قيادي في الفيلق الخامس أن المنتسبين سيخدمون داخل مناطق درعا."
    assert offers(text) == {("service_near_home", "russia"): ["SY-DR"]}


def test_pursuit_stopped_by_a_verb():
    text = "وتعهدت الميليشيات الإيرانية في الميادين بأن يوقف النظام ملاحقته للمنتسبين."
    assert offers(text) == {("security_settlement", "iran"): ["SY-DY"]}


def test_left_out_of_the_duty_of_service():
    text = "وأُبلغ المتطوعون في صفوف حزب الله في القصير بأنهم سيُستثنون من أداء الخدمة الإلزامية."
    assert offers(text) == {("conscription_exemption", "iran"): ["SY-HI"]}


def test_a_free_course_and_a_prize():
    text = ("افتتح المركز الثقافي الإيراني في البوكمال دورة مجانية لتعليم اللغة الفارسية، "
            "وخصص جائزة لكل طالب ينجح في الامتحان.")
    assert offers(text) == {("education_scholarship", "iran"): ["SY-DY"], ("cash_reward", "iran"): ["SY-DY"]}


def test_students_hosted():
    text = "وستستضيف وزارة الدفاع الروسية ثلاثين طالباً من أبناء اللاذقية في معسكر صيفي."
    assert set(offers(text)) == {("education_scholarship", "russia")}


def test_support_given_to_people_but_not_military_support():
    assert offers("وزار مركز المصالحة الروسي مدرسة في حماة وقدم لهم الدعم.") == {
        ("aid_unspecified", "russia"): ["SY-HM"]}
    assert offers("وزار مركز المصالحة الروسي معسكراً في حماة وقدم لهم الدعم العسكري.") == {}


def test_meals_of_food_and_plural_treatments():
    assert offers("ووزعت القنصلية الإيرانية في حلب ألف وجبة طعام على المتضررين.") == {
        ("food_aid", "iran"): ["SY-HL"]}
    assert offers("وقدم مركز المصالحة الروسي علاجات طبية لأهالي دير الزور.") == {("medical", "russia"): ["SY-DY"]}


def test_costs_borne_make_common_words_offers():
    text = "وقالت الصفحة إن روسيا ستتحمل نفقات اللباس والطعام لكل متطوع."
    assert set(offers(text)) == {("clothing", "russia"), ("food_aid", "russia")}


def test_common_words_with_no_giving_stay_no_offer():
    assert offers("وارتفعت في روسيا أسعار اللباس والطعام.") == {}


def test_office_supplies_and_other_supplies_beside_named_kinds():
    assert offers("وضمت القافلة التركية أدوات مكتبية للطلاب في إدلب.") == {("school_supplies", "turkey"): ["SY-ID"]}
    text = "وأرسلت روسيا إلى حماة سلالاً غذائية ومستلزمات أخرى للأهالي."
    assert offers(text) == {("food_aid", "russia"): ["SY-HM"], ("aid_unspecified", "russia"): ["SY-HM"]}


# --- who gives --------------------------------------------------------------------

def test_a_unit_named_as_one_of_a_sides_forces_takes_that_side():
    assert set(offers("وقدم «لواء القدس» (من ميليشيات الأسد) رواتب شهرية للمنتسبين في حلب.")) == {
        ("cash_salary", "regime")}
    assert set(offers("وقدم «لواء القدس» رواتب شهرية للمنتسبين في حلب.")) == {("cash_salary", "russia")}


def test_syria_sending_aid_is_the_regime():
    assert set(offers("أرسلت سوريا إلى المتضررين في لبنان شحنة من المساعدات الغذائية.")) == {("food_aid", "regime")}


def test_sending_fighters_gives_nothing():
    text = "وأرسلت تركيا 500 مقاتل إلى تل أبيض، في حين أعلنت قسد عن رواتب للمتطوعين."
    assert set(offers(text)) == {("cash_salary", "sdf")}


# --- pay: salary or reward ------------------------------------------------------------

def test_money_for_a_term_of_work_is_a_salary():
    text = "ويتقاضى المتطوعون في فاغنر نحو 5 آلاف دولار لقاء كل 6 أشهر من العمل."
    figures, incentives = extract_report(make_report(text))
    assert [(f.text, f.category) for f in figures if f.unit == "usd"] == [("5 آلاف", "salary")]
    assert {(i.incentive, i.actor) for i in incentives} == {("cash_salary", "russia")}


def test_a_grant_pointed_back_at_after_its_monthly_mention_is_the_salary():
    text = ("وتبلغ المنحة الشهرية لعناصر الجيش الوطني السوري 3000 ليرة تركية. "
            "وتُدفع هذه المنحة البالغة 3000 ليرة تركية إلى قادة الفصائل.")
    figures, incentives = extract_report(make_report(text))
    assert [f.category for f in figures if f.unit == "try"] == ["salary", "salary"]
    assert {(i.incentive, i.actor) for i in incentives} == {("cash_salary", "turkey")}


def test_the_last_grant_of_a_series_is_pay():
    assert set(offers("آخر منحة مالية تسلّمها مقاتلو الجيش الوطني السوري كانت في آذار.")) == {("cash_salary", "turkey")}
    assert set(offers("وقدم الجيش الوطني السوري منحة مالية لمقاتليه بمناسبة العيد.")) == {("cash_reward", "turkey")}


def test_a_cue_in_an_officials_portfolio_is_a_job_not_an_offer():
    text = "واستقبل المركز الثقافي الإيراني في دير الزور نائب الوزير الإيراني للصحة والعلاج."
    assert offers(text) == {}
    assert offers("وقدم المركز الثقافي الإيراني في دير الزور العلاج للمرضى.") == {("medical", "iran"): ["SY-DY"]}


def test_more_forms_of_the_same_constructions():
    assert offers("ويلتزم المنتسب إلى الفيلق الخامس في درعا بعقد مدته سنة تحت طائلة الملاحقة الأمنية.") == {}
    assert offers("ووعد حزب الله المنتسبين في القصير بالكف عن ملاحقتهم.") == {("security_settlement", "iran"): ["SY-HI"]}
    assert set(offers("وقال قيادي في الفيلق الخامس إن المنتسبين سيبقون في قراهم.")) == {("service_near_home", "russia")}
    assert set(offers("وقدمت إيران لأبناء دير الزور منحاً تعليمية.")) == {("education_scholarship", "iran")}


def test_a_settlement_offered_by_the_verb_spelt_like_exposed():
    assert offers("وتعرض قسد في الحسكة تسوية أوضاع على الشبان.") == {("security_settlement", "sdf"): ["SY-HA"]}


def test_a_member_of_the_army_refers_back_to_the_army_named_before():
    text = ("وتعتمد فصائل الجيش الوطني السوري في حلب على عائدات المعابر مع مناطق الحكومة السورية. "
            "أما المقاتل في الجيش فراتبه لا يتجاوز 30 دولاراً.")
    figures, incentives = extract_report(make_report(text))
    assert [(f.text, f.actor) for f in figures] == [("30", "turkey")]
    assert {(i.incentive, i.actor) for i in incentives} == {("cash_salary", "turkey")}


def test_a_governorate_as_the_subject_before_its_verb_of_giving_is_the_regime_giving_there():
    text = "وقال مسؤول إن محافظة حمص توفر بشكل دوري المعونات الغذائية والصحية للأسر المهجرة."
    assert offers(text) == {("food_aid", "regime"): ["SY-HI"], ("medical", "regime"): ["SY-HI"]}
    assert offers("وفي محافظة حمص توزع القوات الروسية سلالاً غذائية على الأهالي.") == {("food_aid", "russia"): ["SY-HI"]}


def test_a_giver_named_by_a_relative_verb_after_the_cue():
    text = ("وقال منشق عن تنظيم داعش في درعا إنه سيسلم نفسه، ثم يشمله عفو أصدرته فصائل المعارضة "
            "لكل من ينشق عن التنظيم.")
    assert offers(text) == {("security_settlement", None): ["SY-DR"]}
    text = "ووزع مسؤولون في الحسكة سلالاً غذائية قدمها الحلفاء الروس للأهالي."
    assert offers(text) == {("food_aid", "russia"): ["SY-HA"]}


def test_only_otherwise_makes_pursuit_a_penalty_not_except():
    from helpers.extract.not_offers import _threatened
    text = "لا ينتظرهم الا التسويه وان غابوا فالا الملاحقه"
    assert not _threatened("security_settlement", ["لا", "ينتظرهم", "الا"], text, text.index("التسويه") + 2)
    assert _threatened("security_settlement", ["غابوا", "فالا"], text, text.index("الملاحقه") + 2)
