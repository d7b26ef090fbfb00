"""Category and unit of figures read on real wording (issue 9, items 6 and 7)."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.records import Report
from case_tables import named_cases


def _figures(text: str) -> dict[str, tuple]:
    report = Report(id="t", title=None, text=text, full_text=text, date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figures, _ = extract_report(report)
    return {f.text: (f.unit, f.category) for f in figures}


# Figures read one at a time: each group of cases is one rule, named in the cases' ids.

PLANES = "وصلت طائرات الإغاثة من دول عدة، في مقدمتها الإمارات (58 طائرة)، ثم العراق (11 طائرة)."


@pytest.mark.parametrize("text, number, unit, category", [
    *named_cases("unit_and_category", [
        # evaders taken into a force's ranks are recruits
        ("ضمّت قوات الغيث، التي يقودها العميد، إلى صفوفها قرابة 30 عنصراً من شبان البلدة المتخلفين عن الخدمة.",
         "30", "person", "recruits"),
        ("قوات الغيث تجنّد نحو 30 شاباً من المتخلفين عن الخدمة في معضمية الشام", "30", "person", "recruits"),
        # arrested to be driven to service are recruits
        ("اعتقلت الشرطة العسكرية عشرات الشبان في تل الصدق لاقتيادهم إلى التجنيد الإجباري.",
         "عشرات", "person", "recruits"),
        # deserters after being recruited, and men refusing to fight, are other
        ("انشقاق 55 شاباً من أبناء خنيز عن قسد بعد تجنيدهم إجبارياً", "55", "person", "other"),
        ("ما دفع نحو 300 مقاتل منهم إلى الامتناع عن القتال.", "300", "person", "other"),
        # a deduction from pay several words before the sum is other
        ("بل يقتطعون من الراتب الشهري لكل منهم مبالغ تراوح بين 100 إلى 300 دولار.",
         "100 إلى 300", "usd", "other"),
        # a budget allotted is other; pay handed to each member is salary
        ("واشنطن تخصص 177 مليون دولار لمحاربي التنظيم", "177 مليون", "usd", "other"),
        ("إذ دفعت لكل مرتزق في ليبيا 1,200 دولار.", "1,200", "usd", "salary"),
        ("وقد وزعت الأموال على العاملين في اللواء بواقع 100 دولار أمريكي لكل عنصر.", "100", "usd", "salary"),
        # a sum of no stated kind after the pay it is
        ("وأوضح المراسل أن الرواتب سلمت بانتظام، بمبلغ يصل إلى 80 ألف ليرة سورية.", "80 ألف", "syp", "salary"),
        ("أشار إلى أن رواتبهم تراوحت بين 1000 إلى 1500 دولار.", "1000 إلى 1500", "usd", "salary"),
        ("فيما يتقاضى المتزوج 100 ألف ليرة سورية إضافية عن كل طفل.", "100 ألف", "syp", "salary"),
        # formations, operations and sources counted are other; aid goods counted one by one are aid
        ("جرى تشكيل عشر كتائب جديدة، تضم كل منها نحو 300 مقاتل.", "عشر", "item", "other"),
        ("نفذ المركز سبع حملات إغاثة وزع خلالها 2 طن من الطحين.", "سبع", "item", "other"),
        ("استند التقرير إلى ستة مصادر مختلفة.", "ستة", "item", "other"),
        ("سلم الهلال الأحمر المواد، وهي ألف حصيرة لتوزيعها على المحتاجين.", "ألف", "item", "aid_amount"),
    ]),
    *named_cases("sizes_pay_and_harm", [
        # the size of one item and of a household are other
        ("وزعت 1000 سلة غذائية، تزن الواحدة منها 55 كيلوغراما من السلع.", "55", "kg", "other"),
        ("ويصف جابر محمد، المعيل لأسرة من خمسة أفراد، التجنيد بأنه كابوس.", "خمسة", "person", "other"),
        # people whose pay is paid serve the payer; assassinated members are casualties
        ("عادت طهران إلى دفع رواتب الآلاف من السوريين العاملين في ميليشياتها.", "آلاف", "person", "recruits"),
        ("إثر اغتيال مجهولين العشرات من عناصرها.", "عشرات", "person", "casualties"),
        # a sum paid to a family on a death named after it is a reward; a bare sum after pay is pay
        ("بينما تتقاضى عائلته 60 ألف دولار أمريكي إذا فقد حياته.", "60 ألف", "usd", "reward"),
        ("رواتب تصل إلى مليونين ليرة وتقديمات اجتماعية.", "مليونين", "syp", "salary"),
    ]),
    *named_cases("pay_cuts_deductions_and_bare_pay", [
        # the size of a pay cut, and a sum deducted (`يُحسم`), are other; the new pay after `إلى` is salary
        ("وخفّضت الميليشيا رواتب عناصرها 25 دولاراً في الشهر الماضي.", "25", "usd", "other"),
        ("وخفّضت الميليشيا رواتب عناصرها إلى 125 دولاراً.", "125", "usd", "salary"),
        ("على أن يُحسم من البدل 300 دولار عن كل شهر خدمة.", "300", "usd", "other"),
        # a bare amount a pay word governs is pay, in the currency named before it
        ("وكان الراتب 100 دولار، وبعد الخفض أصبح الراتب 80للعنصر.", "80", "usd", "salary"),
        ("ويتقاضى المتطوع 60 ألف ليرة. وتصل رواتب القادة إلى 90 ألفاً.", "90 ألفاً", "syp", "salary"),
    ]),
    *named_cases("a_sum_restated_in_another_currency_keeps_its_kind", [
        ("وتدفع الشركة راتباً شهرياً قدره 30 ألف ليرة تركية، وهو مبلغ يوازي 900 دولار.", "900", "usd", "salary"),
        ("ويعرضون راتباً يبلغ 1500 دولار، وهو مبلغ يعادل نحو 20 مليون سورية، أي دخلاً كبيراً.",
         "20 مليون", "syp", "salary"),
    ]),
    *named_cases("pay_shares_worth_and_spending", [
        # the worth of a salary in another currency, and the shares of a salary, are salary
        ("تسلم كل عنصر راتباً شهرياً قدره 30 ألف ليرة تركية، وهو مبلغ يوازي 900 دولار.", "900", "usd", "salary"),
        ("يتقاضى المقاتل 1200 دولار تُدفع على دفعتين: 700 دولار لعائلته، و500 دولار يقبضها بنفسه.",
         "500", "usd", "salary"),
        ("يتقاضى المقاتل مع الفيلق الرواتب بالدولار، إذ يحصل كل عنصر على مبلغ 1300 دولار في الشهر.",
         "1300", "usd", "salary"),
        # a share deducted stays other
        ("يتقاضى المقاتل 1000 دولار في الشهر، تقتطع منها الفصائل 200 دولار.", "200", "usd", "other"),
        # money in return for going or serving is pay; a per-head sum to a broker is a reward
        ("يحث السماسرة الشبان على السفر إلى ليبيا لقاء 1500 دولار.", "1500", "usd", "salary"),
        ("عرضت الشركة على الشبان 400 دولار مقابل العمل حراساً في المنشآت.", "400", "usd", "salary"),
        ("يقبض الوسيط 50 دولاراً عن كل شخص يجنده.", "50", "usd", "reward"),
        # money for equipment is other
        ("خُصص 40 مليون دولار للرواتب، و9 ملايين دولار للمعدات العسكرية.", "9 ملايين", "usd", "other"),
    ]),
    *named_cases("aid_goods_and_the_places_aid_went_to", [
        ("أعلن المركز أن 400 حزمة غذائية في طريقها إلى المتضررين من الزلزال.", "400", "food_basket", "aid_amount"),
        ("قدمت الجمعية للأهالي 70 مجموعة ألبسة شتوية.", "70", "item", "aid_amount"),
        # the places aid went to are not aid
        ("وزعت المساعدات الغذائية في 5 نقاط توزيع داخل المدينة.", "5", "item", "other"),
        ("وصلت الطائرات المحملة بالمساعدات إلى 3 مطارات سورية.", "3", "item", "other"),
    ]),
    *named_cases("money_paid_by_or_to_recruits", [
        # a sum the recruits are made to pay is no pay
        ("وأضاف المصدر أن كل متقدم إلى الشركة الأمنية الروسية يُطالَب بدفع 25 ألف ليرة سورية.", "25 ألف", "syp", "other"),
        ("وفرض أحد السماسرة على المنتسبين 100 دولار.", "100", "usd", "other"),
        # a sum the recruit receives, with no other word, is pay
        ("وذكرت أن الشركة الروسية فرضت عمولة، على أن يتسلم المرتزق 400 دولار دفعةً أولى.", "400", "usd", "salary"),
        # a salary with its allowances stays a salary
        ("واشتملت عقود الفيلق الخامس راتبًا قد يصل مع التعويضات إلى مليون و300 ألف ليرة.", "مليون و300 ألف", "syp", "salary"),
        # a bare pound cut to Turkish pounds is a Turkish pound
        ("بدأ توزيع رواتب الجيش الوطني، غير أنها خُفّضت من 600 ليرة لتصبح 400 ليرة تركية.", "600", "try", "salary"),
    ]),
    *named_cases("things_counted_by_their_noun", [
        ("وقال مصدر عسكري إن التجمع خرّج أكثر من ستة وحدات عسكرية ووزعها على الجبهات.", "ستة", "item", "other"),
        ("وشُكّلت أيضاً 10 مفارز من العسكريين الروس باشرت رفع الأنقاض.", "10", "item", "other"),
        ("وتبنّى التنظيم خلال عام 2020 نحو 600 هجوم في سوريا.", "600", "item", "other"),
        ("قدّمت الشرطة العسكرية الروسية مساعدات إنسانية هي سلال فيها 6 علب من الحليب المكثف.", "6", "item", "aid_amount"),
    ]),
    *named_cases("a_sum_on_signing_is_a_reward_and_a_salary_stays_one", [
        ("وتدفع الميليشيا 50 ألف ليرة لكل عنصر عند توقيع العقد.", "50 ألف", "syp", "reward"),
        ("ويحصل على راتب شهري قدره 200 دولار عند انتسابه.", "200", "usd", "salary"),
    ]),
    *named_cases("the_dollars_rate_is_syrian_pounds_and_no_pay", [
        ("وتصل الرواتب إلى 500 ألف ليرة (الدولار الأمريكي الواحد يعادل 13750 وفق موقع الليرة اليوم).",
         "13750", "syp", "other"),
        ("ويبلغ سعر صرف الدولار الأمريكي في دمشق نحو 14 ألفاً.", "14 ألفاً", "syp", "other"),
    ]),
    *named_cases("an_amount_listed_after_another_takes_its_currency_and_category", [
        ("وأوضح المراسل أن الرواتب سلمت، بمبلغ يصل إلى 80 ألف ليرة لمن يقاتلون على الجبهة، "
         "و50 ألف لمن يعملون منهم داخل المدن.", "50 ألف", "syp", "salary"),
    ]),
    *named_cases("money_paid_out_with_no_other_word_is_salary", [
        ("ويُدفع منها 1700 دولار أميركي قبل الصعود إلى الطائرة.", "1700", "usd", "salary"),
    ]),
    *named_cases("money_said_to_be_paid_right_after_it_is_salary", [
        ("وذكر الموقع أن السوري الذي يقاتل في صفوف الجيش يحصل على 1400 دولار أميركي تُدفع في مكانين.", "1400",
         "usd", "salary"),
    ]),
    *named_cases("a_fee_in_lieu_of_service_stays_other", [
        ("ويسدد المكلف بدلاً نقدياً عن الخدمة قيمته 4800 دولار.", "4800", "usd", "other"),
    ]),
    *named_cases("a_deduction_after_a_colon_stays_other", [
        ("ويحصل المقاتل على 1000 دولار شهرياً، وتفاصيل ذلك: يقتطع منها القائد 200 دولار.", "200", "usd", "other"),
    ]),
    *named_cases("a_generic_sum_after_the_pay_named", [
        # a currency named alone before the sum is no other sum: the sum is the pay named
        ("ويقاتلون طلباً للرواتب الشهرية بالدولار، إذ يحصل كل منهم على مبلغ 900 دولار.", "900", "usd", "salary"),
        # a sum already named before: the second sum stays a reward
        ("ويتقاضون رواتب قدرها 300 دولار، إضافة إلى مبلغ 500 دولار عند التوقيع.", "500", "usd", "reward"),
    ]),
    *named_cases("money_for_a_wedding_or_a_birth_is_a_reward", [
        ("وزّع القيادي مبلغاً قدره 40 ألف ليرة سورية لكل مقاتل عقد قرانه هذا العام.", "40 ألف", "syp", "reward"),
        ("وتمنح الميليشيا منحة زواج قيمتها 500 ألف ليرة سورية.", "500 ألف", "syp", "reward"),
        ("ويتقاضى كل مقاتل 40 ألف ليرة سورية شهرياً.", "40 ألف", "syp", "salary"),
    ]),
    # aid counted by its carriers and as grants (money and aid tuning)
    *named_cases("planes_in_a_paragraph_about_relief_are_an_aid_amount", [
        (PLANES, "58", "vehicle", "aid_amount"),
        (PLANES, "11", "vehicle", "aid_amount"),
    ]),
    *named_cases("carriers_with_no_aid_named_stay_other", [
        ("وأرسلت روسيا ثلاث شحنات من الذخيرة إلى قاعدة حميميم.", "ثلاث", "item", "other"),
    ]),
    *named_cases("grants_and_sacrifices_counted_are_an_aid_amount", [
        ("بلغ مجموع المنح الروسية المقدمة لطلاب سورية 1500 منحة.", "1500", "item", "aid_amount"),
        ("وزّعت فرق الهلال الأحمر التركي نحو 2000 أضحية.", "2000", "item", "aid_amount"),
    ]),
])
def test_unit_and_category(text, number, unit, category):
    assert _figures(text)[number] == (unit, category)


@pytest.mark.parametrize("text, number, category", [
    *named_cases("compensation_and_budgets", [
        # compensation for injury or death is a reward, even beside a contract's salary
        ("أبرزها راتب شهري بموجب عقد، كما يحصل المرتزق في حال إصابته على مبلغ قد يصل إلى 35 ألف دولار.",
         "35 ألف", "reward"),
        ("خصص فرع الأمن تعويضاً قيمته مليونان من الليرات السورية لكل عائلة من عائلات القتلى.", "مليونان", "reward"),
        # an allotted sum named as monthly pay stays a salary
        ("وتابعت المصادر أن الميليشيات خصصت مبلغ 525 ألف ليرة سورية راتباً شهرياً للمتطوعين الجدد.",
         "525 ألف", "salary"),
        ("خصصت الولايات المتحدة، ضمن ميزانية الدفاع لعام 2022، مبلغ 177 مليون دولار للوحدات.", "177 مليون", "other"),
    ]),
    *named_cases("settlement_joiners_are_other", [
        # people joining or undergoing a settlement are other, whatever the count verb
        ("وصل عدد من انضموا حتى اليوم إلى التسوية في الميادين إلى نحو 900 شخص.", "900", "other"),
        ("التحق مئات الأشخاص صباح اليوم بعملية التسوية في مدينة الصنمين.", "مئات", "other"),
        ("وأجرى نحو 70 شاباً تسويات في المركز الأمني بالبلدة.", "70", "other"),
        # a settlement that describes the men, or told as past, leaves them recruits
        ("وانضم 300 شاب من أبناء مناطق التسويات إلى الفيلق الخامس.", "300", "recruits"),
        ("جندت الفرقة الرابعة 40 شاباً ممن أجروا تسوية مع النظام.", "40", "recruits"),
    ]),
    *named_cases("deserters_and_returnees", [
        # men who deserted after being enlisted, and men asking to return, are other
        ("أعلن 30 شاباً من القرية، يوم الخميس، انشقاقهم عن الميليشيا، بعدما جُنّدوا قسراً.", "30", "other"),
        ("و200 مقاتل يطلبون العودة من ليبيا", "200", "other"),
        # deserters the sentence enlists stay recruits
        ("جندت الميليشيا 40 شاباً من المنشقين عن جيش النظام.", "40", "recruits"),
    ]),
    *named_cases("signing_up", [
        # people with no other word for them, in a sentence about signing up, are volunteers
        ("توافد مئات الأشخاص إلى مقر الشركة الأمنية بهدف التسجيل.", "مئات", "recruits"),
        # a word for them decides first: families registering for aid are aid recipients
        ("سجلت 300 عائلة أسماءها للحصول على السلال الغذائية.", "300", "aid_recipients"),
    ]),
    *named_cases("teams_and_journeys", [
        # the members of a team or delegation are not recruits
        ("أرسلت طهران فريقاً للإنقاذ يضم 14 شخصاً إلى حلب.", "14", "other"),
        # leaving a town on the way is a journey: the fighters stay recruits
        ("غادر مدينة إدلب ضمن كتيبة من 600 مقاتل متجهة إلى الحدود.", "600", "recruits"),
        # leaving a camp is still leaving
        ("غادر 200 شخص المخيم باتجاه قراهم.", "200", "other"),
    ]),
    *named_cases("men_leaving_a_force", [
        # men who fled, were dismissed or discharged, or came back, are no longer counted as recruits
        ("كما فرّ 12 مجنداً على الأقل من معسكر التدريب في ريف الرقة.", "12", "other"),
        ("وقال مصدر إن سبعة عناصر فُصلوا الأسبوع الماضي لرفضهم الأوامر.", "سبعة", "other"),
        # an enlisting that only describes the men (`كانوا قد التحقوا`) does not make them recruits
        ("وسرّح الفصيل 40 عنصراً كانوا قد التحقوا بصفوفه مطلع العام.", "40", "other"),
        ("بلغ عدد من وصلوا إلى ليبيا نحو 9 آلاف، رجع منهم 2400 بعد انتهاء عقودهم.", "2400", "other"),
    ]),
    *named_cases("men_seeking_a_settlement", [
        # men who came to settle their status, or are counted as those who joined the settlement
        ("توافد اليوم المئات من الشبان ممن يرغبون بتسوية أوضاعهم إلى مركز التسويات في المدينة.", "مئات", "other"),
        ("وبلغ عدد المنضمين إلى التسوية يوم السبت 640 شخصاً.", "640", "other"),
        # unless they also join a force
        ("توافد المئات من الشبان لتسوية أوضاعهم والانضمام إلى صفوف الفيلق.", "مئات", "recruits"),
    ]),
    *named_cases("settlement_by_pronoun_and_the_dead", [
        # the settlement named by a pronoun in the sentence's next clause
        ("بلغ عدد المنضمين إلى التسوية اليوم 300 شخص، بينما وصل عدد من انضموا إليها أمس إلى 450 شخصاً.",
         "450", "other"),
        # men who died in the fighting, and bodies found, are casualties
        ("كما وثّق المرصد 120 على الأقل من عناصر الفصيل ممن قضوا في المعارك.", "120", "casualties"),
        ("وعُثر في اليوم نفسه على جثث خمسة عناصر من الفيلق في البادية.", "خمسة", "casualties"),
    ]),
    *named_cases("decrees_and_accepted_offers", [
        # men a decree applied to are let off, not recruits
        ("وأعلنت شعبة التجنيد أن نحو 90 شاباً استفادوا من هذا القرار منذ مطلع الشهر.", "90", "other"),
        # men who accepted an offer signed up
        ("وذكرت المصادر أن نحو 25 شخصاً وافقوا فعلاً على العرض وتركوا العمل مع الفصيل.", "25", "recruits"),
    ]),
    *named_cases("returns_and_nouns_of_other_clauses", [
        # a return followed by its arrival: the men came home
        ("وأتاحت القيادة لعدد من المقاتلين المرضى العودة، فوصل 150 مقاتلاً إلى مناطق في ريف حلب.", "150", "other"),
        # a family noun in another clause says nothing of people who signed up
        ("وقالت المصادر إن عدد من سجّلوا أسماءهم تخطّى 2000 شخص خلال الأيام الأولى، مع تعويض لعائلة من يُقتل.",
         "2000", "recruits"),
    ]),
    *named_cases("reconciliation_and_bodies", [
        # joining a reconciliation is no joining of a force
        ("وأشار إلى أن عشرات الراغبين في التسوية وفي الانضمام إلى المصالحة الوطنية قصدوا المركز اليوم.",
         "عشرات", "other"),
        # bodies named in the next clause do not make the living casualties
        ("أخرج الفريق 30 مواطناً أحياء من تحت الأنقاض، وانتشل جثث 12 شخصاً.", "30", "other"),
        ("أخرج الفريق 30 مواطناً أحياء من تحت الأنقاض، وانتشل جثث 12 شخصاً.", "12", "casualties"),
    ]),
    *named_cases("more_men_leaving_or_lost", [
        ("هرب 40 مجنداً من معسكرات التدريب.", "40", "other"),
        ("انسحب 60 مقاتلاً من صفوف الفصيل احتجاجاً على الرواتب.", "60", "other"),
        ("وأقالت الفرقة 30 عنصراً من صفوفها.", "30", "other"),
        ("فقدت الميليشيا 20 من عناصرها في المعارك.", "20", "casualties"),
    ]),
    *named_cases("deserters_describing_a_batch_that_joined_stay_recruits", [
        ("وجاءت الزيادة بعد انضمام دفعة جديدة من 115 شاباً، معظمهم من المنشقين عن قوات النظام.", "115", "recruits"),
    ]),
])
def test_category(text, number, category):
    assert _figures(text)[number][1] == category


def test_a_second_sum_after_a_salary_stays_a_reward():
    figures = _figures("ووقع المجندون عقوداً مدتها ستة أشهر مقابل 1000 دولار شهرياً، "
                       "إضافة إلى مبلغ 500 دولار يدفع عند التوقيع.")
    assert figures["1000"] == ("usd", "salary")
    assert figures["500"] == ("usd", "reward")


def test_a_currency_is_carried_back_across_a_range():
    figures = _figures("ارتفع أجر العنصر من 600 ليرة إلى 400 ليرة تركية.")
    assert figures["600"][0] == figures["400"][0] == "try"
    assert _figures("يتقاضى العنصر 600 ليرة سورية شهرياً.")["600"][0] == "syp"


def test_graduates_of_a_course_sent_on_a_mission_are_recruits():
    figures = _figures("أتمّت الاستخبارات دورة تدريبية مدتها 40 يوماً، تخرّج منها مئات الأفراد برتبة ضابط.")
    assert figures["مئات"][1] == "recruits"
    assert figures["40"] == ("day", "other")


def test_a_bare_pound_after_a_turkish_pound_is_turkish_and_instead_of_is_no_fee():
    figures = _figures("وسيصبح راتب المقاتل 3000 ليرة تركية بدلاً من 2000 ليرة.")
    assert (figures["3000"], figures["2000"]) == (("try", "salary"), ("try", "salary"))


def test_a_restated_salary_is_no_reward():
    from helpers.extract import extract_report as run
    from helpers.records import Report
    text = "وتدفع الشركة راتباً شهرياً قدره 30 ألف ليرة تركية، وهو مبلغ يوازي 900 دولار."
    report = Report(id="t", title=None, text=text, full_text=text, date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    assert [i.incentive for i in run(report)[1]] == ["cash_salary"]


def test_a_sum_restated_in_brackets_keeps_its_kind_and_its_currency_adjective_is_no_actor():
    text = "وتتراوح الرواتب بين 500 إلى 650 ألف ل.س (حوالي 65–80 دولاراً)، ولا تدفع بانتظام."
    assert _figures(text)["65–80"] == ("usd", "salary")
    text = text.replace("حوالي 65–80 دولاراً", "الدولار الأمريكي يعادل 13 ألفاً")
    report = Report(id="t", title=None, text=text, full_text=text, date="2020-01-01", date_origin=None, source=None,
                    url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    assert [f.actor for f in extract_report(report)[0]] == [None, None]


def test_parts_of_a_sum_after_a_colon_are_of_its_kind():
    figures = _figures("ويحصل المقاتل على 1000 دولار تُدفع على دفعتين: 700 دولار لعائلته، و300 دولار يقبضها بنفسه.")
    assert [figures[n] for n in ("1000", "700", "300")] == [("usd", "salary")] * 3


def _figure_records(text: str) -> dict[str, object]:
    report = Report(id="t", title=None, text=text, full_text=text, date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figures, _ = extract_report(report)
    return {f.text: f for f in figures}


@pytest.mark.parametrize("text, number", [
    ("احتجزت دوريات الميليشيا 30 شاباً وساقتهم إلى معسكر التدريب في البادية.", "30"),
    ("داهمت الشرطة العسكرية البلدة واعتقلت 12 شاباً، ضمن حملتها للتجنيد الإجباري.", "12"),
])
def test_men_arrested_for_service_are_recruits_arriving(text, number):
    figure = _figure_records(text)[number]
    assert (figure.category, figure.measure) == ("recruits", "flow")


def test_arrests_tied_to_service_carry_to_later_arrests_of_the_report():
    figures = _figure_records("تحتجز الميليشيا عشرات الشبان في الريف لتجنيدهم إجبارياً. وقال المصدر إن 40 شاباً "
                              "اعتُقلوا على الحواجز أمس. واعتقلت دورية أخرى 3 أشخاص بتهمة تهريب المطلوبين.")
    carried = figures["40"]
    assert (carried.category, carried.measure, carried.basis["category"]) == ("recruits", "flow", "paragraph")
    assert figures["3"].category == "other"   # arrested on another charge


def test_fighters_coming_home_are_not_recruits():
    figures = _figures("عاد إلى مدينة الباب خلال الأسبوع الماضي 150 مقاتلاً من الفصائل بعد انتهاء عقودهم، "
                       "بينما أرسلت أنقرة دفعة جديدة تضم 90 مقاتلاً.")
    assert (figures["150"][1], figures["90"][1]) == ("other", "recruits")


# --- aid counted by its carriers and as grants (money and aid tuning) ----------------

def _figures_titled(title: str, body: str) -> dict[str, tuple]:
    text = f"{title}\n\n{body}"
    report = Report(id="t", title=title, text=body, full_text=text, date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figures, _ = extract_report(report)
    return {f.text: (f.unit, f.category) for f in figures}


def test_shipments_under_a_title_about_aid_are_an_aid_amount():
    found = _figures_titled("إيران ترسل الطائرة الثالثة عشرة بمساعدات لمنكوبي الزلزال",
                            "وسبق ذلك إرسال ثلاث شحنات جوية إيرانية إلى دمشق، إضافة إلى ست شحنات أخرى إلى حلب.")
    assert found["ثلاث"] == ("item", "aid_amount") and found["ست"] == ("item", "aid_amount")


def test_a_title_counting_those_who_joined_a_settlement_is_read_as_the_body():
    title, body = "ألفا شخص مجموع من انضموا منذ بدء العملية", "وبهذا يكون مجموع من التحقوا بالتسوية قد تجاوز ألفا شخص."
    report = Report(id="t", title=title, text=body, full_text=f"{title}\n\n{body}", date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figures, _ = extract_report(report)
    assert [(f.value, f.category) for f in figures] == [(2000, "other"), (2000, "other")]


def test_a_part_counted_of_them_shares_the_group_counted_before():
    text = ("أفاد المرصد بأن نحو 16 ألف مقاتل سوري بلغوا ليبيا، رجع منهم 4000 إثر انتهاء عقودهم. "
            "وأضاف أن أكثر من 9 آلاف منهم ما زالوا موجودين في ليبيا.")
    found = {k: v[1] for k, v in _figures(text).items()}
    assert (found["4000"], found["9 آلاف"]) == ("other", "recruits")


def test_joining_the_ranks_is_an_arrival():
    assert _figures_with_measure("انخرط نحو 150 شاباً في صفوف الميليشيا.")["150"] == ("recruits", "flow")


def _figures_with_measure(text: str) -> dict[str, tuple]:
    report = Report(id="t", title=None, text=text, full_text=text, date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figures, _ = extract_report(report)
    return {f.text: (f.category, f.measure) for f in figures}
