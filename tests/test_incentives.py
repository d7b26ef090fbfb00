"""helpers.extract.incentives: an incentive is an offer (a verb or noun of giving, promising,
sparing or paying, and its object), and a status the text only describes is none.

Sentences written for these tests; they run the real lexicons and number finder.
"""
from __future__ import annotations

import itertools

import pytest

from helpers.extract import extract_report
from helpers.records import Report


def make_report(text: str, report_id: str = "r1") -> Report:
    return Report(id=report_id, title=None, text=text, full_text=text, date="2021-03-01",
                  date_origin="metadata", source=None, url=None, path="test.txt", line=None,
                  encoding="utf-8", content_hash="h", duplicate_of=None)


def offers(text: str) -> dict[tuple[str, str | None], str]:
    """(incentive, actor) → the evidence text, checked against its offsets."""
    found = {}
    for record in extract_report(make_report(text))[1]:
        assert text[record.start:record.end] == record.text
        found[(record.incentive, record.actor)] = record.text
    return found


# --- offers stated as a clause ----------------------------------------------------

def test_not_pursued_for_service_is_an_exemption():
    text = "أعلنت الميليشيات الإيرانية في دير الزور أن المنتسبين الجدد لن يتم تعقبهم لأداء الخدمة العسكرية."
    assert offers(text) == {("conscription_exemption", "iran"): "لن يتم تعقبهم لأداء الخدمة"}


def test_not_pursued_with_no_service_named_is_a_settlement():
    text = "وقال قيادي في الفيلق الخامس إن المنتسبين في درعا لن يتم تعقبهم بعد اليوم."
    assert offers(text) == {("security_settlement", "russia"): "لن يتم تعقبهم"}


def test_kept_from_the_call_up():
    text = "ويشرف الفيلق الخامس على ضم شبان درعا، وهو بذلك يحول عملياً دون سوقهم إلى الخدمة الإلزامية."
    assert ("conscription_exemption", "russia") in offers(text)


def test_guarded_from_arrest_and_from_the_call_up_is_two_offers_not_protection():
    text = "وتعهد الفيلق الخامس في درعا بأن يحمي المنتسبين من الاعتقال ومن التجنيد الإجباري."
    assert offers(text) == {("conscription_exemption", "russia"): "يحمي المنتسبين من الاعتقال ومن التجنيد",
                            ("security_settlement", "russia"): "الاعتقال"}


def test_service_counted_instead_of_conscription():
    text = "ويعرض الفيلق الخامس على المتخلفين احتساب الخدمة في صفوفه بدلاً من الخدمة الإلزامية."
    assert set(offers(text)) == {("conscription_exemption", "russia")}


def test_passing_checkpoints_unhindered():
    text = "وتقدم الميليشيات الإيرانية للمتطوعين بطاقات تتيح لهم عبور الحواجز دون أن يعترضهم أحد."
    assert set(offers(text)) == {("security_settlement", "iran")}


def test_serving_in_ones_own_village():
    assert set(offers("ويخدم المتطوع في قريته مع الميليشيات الإيرانية.")) == {("service_near_home", "iran")}


def test_a_monthly_payment_named_by_its_verb():
    text = "وهو ضعف ما تدفعه الميليشيات الإيرانية لمجنديها كل شهر."
    assert set(offers(text)) == {("cash_salary", "iran")}


# --- kinds of aid and forms of listed cues ----------------------------------------

def test_kinds_joined_to_one_aid_noun():
    text = "وزعت القوات الروسية في حماة مساعدات إنسانية وغذائية وطبية على الأهالي."
    assert offers(text) == {("food_aid", "russia"): "غذائية", ("medical", "russia"): "طبية"}


def test_accusative_forms():
    text = "قدم مركز المصالحة الروسي في حمص سللاً غذائية ومازوتاً للأهالي."
    assert offers(text) == {("food_aid", "russia"): "سللاً غذائية", ("fuel", "russia"): "مازوتاً"}


def test_common_words_are_incentives_only_when_given():
    given_text = "ويمنح الحرس الثوري الإيراني المنتسبين في البوكمال مزايا خاصة باللباس والطعام."
    assert offers(given_text) == {("clothing", "iran"): "اللباس", ("food_aid", "iran"): "الطعام"}
    assert offers("ويعاني الأهالي في دير الزور من نقص الطعام واللباس منذ أشهر.") == {}


# --- statuses described, duties, withdrawn offers ------------------------------------

def test_a_nationality_held_is_not_citizenship_offered():
    assert offers("وانضم 300 شاب من حملة الجنسية السورية إلى الميليشيات الإيرانية في دير الزور.") == {}
    offered = "ووعدت الميليشيات الإيرانية المقاتلين الأفغان بمنح الجنسية السورية."
    assert set(offers(offered)) == {("citizenship", "iran")}


@pytest.mark.parametrize("text", [
    "ونقلت روسيا إلى ليبيا 300 مقاتل بينهم 20 شاباً ممن أجروا تسوية مع النظام.",
    "وانضم إلى الفيلق الخامس 1500 عنصر منذ تسويات عام 2018.",
])
def test_a_settlement_already_made_is_no_offer(text):
    assert not any(code == "security_settlement" for code, _ in offers(text))


def test_a_duty_demanded_is_no_offer():
    assert offers("وأصدرت قسد في الرقة قراراً يطالب فيه المطلوبين بتسوية أوضاعهم.") == {}


def test_a_withdrawn_reward_is_no_offer():
    assert offers("وألغت الميليشيات الإيرانية المكافأة التي كانت تصرفها للمتطوعين في الميادين.") == {}


@pytest.mark.parametrize("text", [
    "وأعلنت الميليشيات الإيرانية اقتطاع مبالغ مالية من عناصرها في الميادين.",
    "وخصمت الفصائل الموالية لتركيا مكافأة المقاتلين العائدين من ليبيا.",
    "وعاد المقاتلون إلى إدلب دون أي تعويضات من الفصائل الموالية لتركيا.",
    "وقال المقاتلون إنهم لم يحصلوا على رواتبهم من تركيا منذ أشهر.",
])
def test_sums_taken_away_or_denied_are_no_offer(text):
    assert offers(text) == {}


def test_a_pay_complaint_still_says_a_salary_is_paid():
    assert offers("ويشكو عناصر الفيلق الخامس في درعا من تأخر الرواتب منذ شهرين.") == {("cash_salary", "russia"): "رواتب"}


def test_a_guards_job_is_not_protection():
    text = "وتعاقدت شركة سورية للحراسة والحماية مع الفيلق الخامس لحراسة المنشآت النفطية وحمايتها."
    assert not any(code == "protection" for code, _ in offers(text))


# --- money and givers ---------------------------------------------------------------

def test_vague_money_beside_a_salary_is_that_salary():
    text = ("ويتقاضى المنتسب إلى الفيلق الخامس في درعا راتباً شهرياً، فيما تستخدم روسيا المبالغ "
            "المالية لإغراء الشبان.")
    assert set(offers(text)) == {("cash_salary", "russia")}


def test_money_for_a_wound_stays_a_reward():
    text = ("وتدفع تركيا للمقاتل في ليبيا راتباً شهرياً، ويحصل في حال إصابته على مبلغ يصل إلى "
            "20 ألف دولار.")
    assert set(offers(text)) == {("cash_salary", "turkey"), ("cash_reward", "turkey")}


def test_the_giver_is_the_agent_of_the_giving_verb():
    text = "وعرضت القوات الروسية على مقاتلي الميليشيات الإيرانية في الميادين راتباً شهرياً مضاعفاً."
    assert set(offers(text)) == {("cash_salary", "russia")}


def test_a_bare_head_noun_gives_the_force_named_before():
    text = ("افتتحت الميليشيات الإيرانية مكتباً للتطوع في الميادين. ويذكر أن الميليشيات تستغل فقر "
            "الأهالي في مناطق سيطرة النظام، فتعرض على الشبان رواتب مغرية.")
    assert set(offers(text)) == {("cash_salary", "iran")}


# --- the same offers among other words ---------------------------------------------

_FILLERS = ("في ريف درعا", "منذ أشهر،", "بحسب مصادر محلية", "وقال مصدر إن", "يوم الخميس")
_OFFERS = (("توزع القوات الروسية سللاً غذائية", "food_aid"),
           ("لن يتم تعقبهم لأداء الخدمة العسكرية", "conscription_exemption"),
           ("يحول عملياً دون سوقهم إلى الخدمة الإلزامية", "conscription_exemption"),
           ("مساعدات إنسانية وطبية", "medical"))


@pytest.mark.parametrize("before,offer,after", list(itertools.product(_FILLERS[:3], _OFFERS, _FILLERS[2:])))
def test_an_offer_is_found_whatever_stands_around_it(before, offer, after):
    phrase, code = offer
    assert code in {c for c, _ in offers(f"{before} {phrase} {after}.")}


# --- a state procedure with no giver named ----------------------------------------

def test_settlement_with_no_giver_is_the_regimes():
    text = "يواصل مركز التسويات في المدينة استقبال من يرغبون في تسوية أوضاعهم."
    records = extract_report(make_report(text))[1]
    # the regime is inferred for the whole report, and the settlement's words are its evidence
    assert [(r.incentive, r.actor, r.actor_text, r.basis["actor"], r.text) for r in records] == [
        ("security_settlement", "regime", "التسويات", "report_default", "التسويات")]


def test_settlement_card_of_a_named_militia_keeps_its_giver():
    text = "وزعت الميليشيات الإيرانية في الميادين بطاقات أمنية على المنتسبين."
    assert offers(text) == {("security_settlement", "iran"): "بطاقات أمنية"}


# --- protection not offered to the recruits -----------------------------------------

@pytest.mark.parametrize("text", [
    "وانضم 300 شاب إلى دورة قوات الحماية الذاتية في القامشلي.",
    "وترسل الشركة الروسية المجندين إلى ليبيا لحماية مصالح موسكو هناك.",
    "وقال الحرس الثوري إن الهدف من التطويع هو حماية المنطقة.",
    "ويعمل المجندون في «حماية المنشآت» النفطية.",
    "وانضم الشبان إلى اللواء سعياً لحماية أنفسهم.",
])
def test_protection_of_a_site_a_force_or_oneself_is_no_offer(text):
    assert not any(code == "protection" for code, _ in offers(text))


def test_protection_promised_to_recruits_is_an_offer():
    text = "وتعهد الحرس الثوري الإيراني بحمايتهم من ملاحقة الأجهزة الأمنية."
    assert ("protection", "iran") in offers(text)


# --- figures of speech that share a cue's word --------------------------------------

@pytest.mark.parametrize("text", [
    "شباب القرى وقود لحملات التجنيد في الميليشيات الإيرانية.",
    "وصار أبناء البادية وقوداً للحرب في الشمال.",
    "ولم يكشف المسؤولون عن عدد المقاتلين ولا عن حجمه الدقيق.",
    "ولا يُعرف العدد الدقيق للمنتسبين.",
])
def test_figures_of_speech_are_no_aid(text):
    assert offers(text) == {}


def test_flour_handed_out_is_food_aid():
    text = "وزع الحرس الثوري الإيراني 300 كيس من الدقيق على عائلات مقاتليه."
    assert offers(text) == {("food_aid", "iran"): "دقيق"}


def test_aid_named_again_with_a_demonstrative_is_no_new_offer():
    text = "وزعت القوات الروسية مواد غذائية في حماة. وقال مسؤول محلي إن هذه المساعدات تعبر عن الصداقة."
    assert offers(text) == {("food_aid", "russia"): "مواد غذائية"}


def test_aid_in_a_bodys_name_is_no_offer():
    assert offers("وقال رئيس جمعية مساعدات الطلاب في المدينة إن الطلاب بحاجة إلى الدعم.") == {}


def test_pay_of_two_actors_joined_by_and_is_an_offer_of_each():
    text = "وبيّن المصدر أن ما تدفعه الشركة يفوق بكثير رواتب ميليشيات النظام السوري وإيران التي لا تتجاوز 25 دولاراً."
    assert set(offers(text)) == {("cash_salary", "iran"), ("cash_salary", "regime")}
    pay_only = "وقال المصدر إن ميليشيات النظام السوري وإيران تدفع 25 دولاراً شهرياً لكل عنصر."
    assert {actor for code, actor in offers(pay_only) if code == "cash_salary"} == {"iran", "regime"}


def test_an_actor_named_apart_is_no_second_giver():
    text = "ويدفع الحرس الثوري الإيراني لكل عنصر 100 دولار شهرياً، فيما يكتفي النظام بالوعود."
    assert ("cash_salary", "regime") not in offers(text)


# --- offers and non-offers in aid and pay wording (tuning on rounds 13-15) ----------

def test_relief_goods_listed_beside_named_kinds_are_aid_of_no_kind():
    text = "وصلت قافلة إيرانية إلى حلب، وهي تضم مواد غذائية وإغاثية وأدوية."
    assert offers(text) == {("food_aid", "iran"): "مواد غذائية", ("aid_unspecified", "iran"): "إغاثية",
                            ("medical", "iran"): "أدوية"}


def test_school_adjective_joined_to_tools_is_school_supplies():
    text = "قدمت تركيا مساعدات شملت أدوية وأدوات طبية ومدرسية لأهالي إدلب."
    assert offers(text) == {("medical", "turkey"): "أدوية", ("school_supplies", "turkey"): "مدرسية"}


def test_basic_needs_beside_food_are_aid_of_no_kind():
    text = "تسلّم السكان في اللاذقية 11 طنًا من الأغذية والحاجيات الأساسية قدمتها روسيا."
    assert offers(text) == {("food_aid", "russia"): "الأغذية", ("aid_unspecified", "russia"): "الحاجيات الأساسية"}


def test_a_monthly_reward_is_pay():
    text = "ويشمل العقد مع حزب الله في القلمون مكافآت شهرية."
    assert offers(text) == {("cash_salary", "iran"): "مكافآت"}


def test_guarding_a_town_is_the_recruits_task_not_protection_offered():
    assert offers("التحق 250 شاباً بقوات الدفاع الذاتي في الرقة بغية حماية المدينة وحدودها.") == {}
    assert offers("وقال قائد الفيلق الخامس إن الفيلق لن تقتصر مهمته على حماية حوران.") == {}
    assert offers("ونوّهت بدور الشباب في حماية ذويهم وحدود وطنهم.") == {}


def test_pushed_into_a_settlement_is_no_offer():
    assert offers("وتسعى روسيا إلى استثمار أبناء السويداء الذين أخفقت في حملهم على التسوية.") == {}


def test_kept_in_their_towns_and_off_the_fronts_is_service_near_home():
    text = "وعدت ميليشيا جيش العشائر المدعومة من روسيا المنتسبين في الرقة بأن يبقوا في بلداتهم وقراهم."
    assert offers(text) == {("service_near_home", "russia"): "أن يبقوا في بلداتهم"}
    text = "وتعهد الفيلق الخامس في درعا بألا يزج بهم في جبهات القتال."
    assert offers(text) == {("service_near_home", "russia"): "ألا يزج بهم في جبهات"}


def test_cards_that_let_them_pass_checkpoints_are_a_settlement():
    text = "بحوزتهم بطاقات عسكرية إيرانية من الحرس الثوري تتيح لهم عبور الحواجز في دير الزور."
    assert offers(text) == {("security_settlement", "iran"): "تتيح لهم عبور الحواجز"}


def test_free_meals_with_the_article_are_food_aid():
    text = "يستقطب المركز الثقافي الإيراني في دير الزور الأطفال بالوجبات المجانية."
    assert offers(text) == {("food_aid", "iran"): "الوجبات المجانية"}


def test_money_in_kind_paid_to_recruits_is_a_reward():
    text = "تمضي القوات الإيرانية في درعا في حملات التجنيد لقاء بدل مادي يدفع للمنتسبين."
    assert offers(text) == {("cash_reward", "iran"): "بدل مادي"}


def test_cash_in_lieu_of_service_is_the_regimes_exemption():
    text = ("أصدر رئيس الجمهورية مرسوماً يسمح للمكلفين المدعوين إلى الخدمة الاحتياطية بأن يسددوا "
            "بدلاً نقدياً عوضاً عن أداء واجبهم.")
    assert offers(text) == {("conscription_exemption", "regime"): "بدلاً نقدياً"}


def test_the_worth_of_a_scholarship_is_no_salary():
    text = "كما يرصد المركز الثقافي الإيراني لطلاب الشهادة الثانوية منحاً دراسية قيمتها 100 ألف ليرة سورية في الشهر."
    assert offers(text) == {("education_scholarship", "iran"): "منحاً دراسية"}
    figures, _ = extract_report(make_report(text))
    assert [(f.text, f.unit, f.category) for f in figures] == [("100 ألف", "syp", "aid_amount")]


def test_powdered_milk_and_tins_are_food_aid_given_by_the_sender_not_the_receiver():
    text = ("وأوضح القنصل الإيراني أن حمولة الطائرة الإيرانية، التي سُلّمت إلى السلطات السورية في حلب، "
            "تتألف من الحليب المجفف ومعلبات السمك.")
    assert offers(text) == {("food_aid", "iran"): "الحليب المجفف"}


def test_food_products_dropped_by_an_aid_body_have_no_actor():
    text = "نفّذت الأمم المتحدة عملية إنسانية في دير الزور، أسقطت خلالها بالمظلات منتجات غذائية."
    assert offers(text) == {("food_aid", None): "منتجات غذائية"}


def test_dues_tied_to_a_death_or_a_wound_are_a_reward_and_other_dues_are_the_salary():
    assert offers("وسوّت حكومة الوفاق أوضاع مرتزقة سوريين لهم مستحقات مرتبطة بالوفاة والإصابة.") == {
        ("cash_reward", None): "مستحقات"}
    assert offers("وصرفت فصائل الجيش الوطني الرواتب، واستولى القادة على مستحقاتهم المالية.") == {
        ("cash_salary", "turkey"): "رواتب"}


def test_food_parcels_and_vegetables_are_food_aid():
    assert offers("فقد حمل العسكريون الروس إلى المتضررين في حلب طروداً غذائية وأدوية.") == {
        ("food_aid", "russia"): "طروداً غذائية", ("medical", "russia"): "أدوية"}
    assert offers("وقال ممثل منظمة جهاد البناء الإيرانية إن القافلة تحمل 40 طنا من الخضار.") == {
        ("food_aid", "iran"): "الخضار"}


def test_left_out_of_the_call_up_is_an_exemption():
    text = "ويُستثنى المنتسبون من السوق إلى الخدمة الإلزامية في صفوف الفيلق الخامس."
    assert offers(text) == {("conscription_exemption", "russia"): "يُستثنى المنتسبون من السوق"}


def test_taken_off_the_wanted_lists_is_a_settlement_and_off_the_reserve_lists_an_exemption():
    assert offers("وأعلنت قسد رفع أسماء المطلوبين من قوائم الملاحقة.") == {
        ("security_settlement", "sdf"): "رفع أسماء المطلوبين من قوائم"}
    assert offers("ويعِد إعلان الدفاع الوطني المتطوعين بشطب أسمائهم من قوائم المطلوبين للاحتياط.") == {
        ("conscription_exemption", "regime"): "شطب أسمائهم من قوائم المطلوبين للاحتياط"}


def test_goods_priced_short_or_sold_are_no_offer():
    assert offers("ورفع النظام أسعار الخبز.") == {}
    assert offers("وتشهد مناطق قسد أزمة المازوت.") == {}
    assert offers("ووزعت روسيا الخبز على الأهالي.") == {("food_aid", "russia"): "خبز"}


def test_rations_health_care_and_cash_aid():
    assert offers("وتوزع الميليشيات الإيرانية حصصاً غذائية على عائلات المقاتلين.") == {
        ("food_aid", "iran"): "حصصاً غذائية"}
    assert offers("وتوفر الميليشيا الإيرانية الرعاية الصحية المجانية للمنتسبين.") == {
        ("medical", "iran"): "الرعاية الصحية"}
    assert offers("وتقدم قسد مساعدات مالية لعائلات المقاتلين.") == {("cash_reward", "sdf"): "مساعدات مالية"}


def test_a_political_settlement_military_aid_and_a_guarded_convoy_are_no_offers():
    assert offers("وأكدت روسيا دعمها للتسوية السياسية في سوريا.") == {}
    assert offers("ودعت تركيا إلى تسوية النزاع سلمياً.") == {}
    assert offers("وتقدم الولايات المتحدة مساعدات عسكرية لقسد.") == {}
    assert offers("وقُتل عنصر من حزب الله أثناء حماية قافلة.") == {}
    assert offers("وتعهدت روسيا بتسوية أوضاع المطلوبين.") == {("security_settlement", "russia"): "تسوية أوضاع"}


def test_a_sum_taken_from_pay_is_no_offer():
    assert offers("ويُقتطع من راتب كل عنصر في الجيش الوطني 100 ليرة تركية.") == {}


def test_medical_equipment_handed_over_is_medical_aid():
    assert offers("وسلمت القوات الروسية المستشفى الوطني في حماة أجهزة طبية.") == {("medical", "russia"): "أجهزة طبية"}


def test_a_settlement_of_army_evaders_near_an_opponent_is_the_regimes():
    text = ("رغم العراقيل التي تضعها ميليشيا قسد أمام المواطنين، يشهد مركز السبخة إقبالاً، مع استمرار "
            "عمليات التسوية وفق البنود التي أقرتها الدولة السورية.")
    assert offers(text) == {("security_settlement", "regime"): "التسوية"}


def test_a_settlement_an_ally_offers_to_evaders_stays_the_allys():
    text = "وتعتمد الميليشيات الإيرانية في السويداء على عرض تسوية أمنية على المتخلفين عن الخدمة."
    assert offers(text) == {("security_settlement", "iran"): "تسوية"}


def test_medical_help_in_the_singular_is_medical_aid():
    assert offers("وحصل 194 مواطنا على مساعدة طبية من مركز المصالحة الروسي.") == {("medical", "russia"): "مساعدة طبية"}


def test_an_amnesty_is_a_settlement_and_amnesty_international_is_not():
    assert offers("وأصدر بشار الأسد مرسوم عفو عن المتخلفين عن الخدمة.") == {
        ("security_settlement", "regime"): "مرسوم عفو"}
    assert offers("وقالت منظمة العفو الدولية إن النظام اعتقل المئات.") == {}


def test_their_money_received_at_the_end_of_a_contract_is_pay():
    assert offers("رجع 5600 مرتزق من ليبيا إثر انتهاء عقودهم مع تركيا وقبضهم أموالهم.") == {
        ("cash_salary", "turkey"): "أموالهم"}


def test_a_grant_paid_out_and_an_eid_grant_are_rewards_and_definite_scholarships_count():
    assert offers("وتابع أن المنحة التي تقرر صرفها في العيد لعناصر السلطان مراد سُرقت.") == {
        ("cash_reward", "turkey"): "المنحة"}
    assert offers("وصرفت فصائل الجيش الوطني منحة عيد الأضحى للعناصر.") == {("cash_reward", "turkey"): "منحة عيد"}
    assert offers("وأعلن المركز الثقافي الإيراني عن المنحة الدراسية التي تقدمها إيران.") == {
        ("education_scholarship", "iran"): "المنحة الدراسية"}
