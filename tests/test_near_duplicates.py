from helpers.analysis.near_duplicates import NearDuplicateIndex, shingles

ORIGINAL = ("أفادت مصادر محلية بأن مركزا تابعا للقوات الإيرانية في مدينة الميادين سجّل خلال الأسبوع الماضي "
            "أسماء عشرات الشبان الراغبين بالانضمام، مقابل راتب شهري قدره مئة وخمسون دولارا وسلة غذائية، "
            "وأن عدد المنتسبين ارتفع إلى نحو ألف ومئتي شخص منذ مطلع العام في ريف دير الزور الشرقي.")
REPUBLISHED = ORIGINAL.replace("أفادت مصادر محلية", "ذكرت مصادر أهلية").replace("الأسبوع الماضي", "الأيام الماضية")
OTHER = ("وزعت القوات الروسية سلالا غذائية على مئات العائلات في ريف حماة الشمالي الغربي، بحضور ضباط من "
         "مركز المصالحة، وقالت إن التوزيع سيستمر في القرى القريبة من خطوط التماس خلال الشهر المقبل.")


def test_republication_with_small_edits_is_linked_to_the_original():
    index = NearDuplicateIndex()
    assert index.add("orig", ORIGINAL) is None
    assert index.add("other", OTHER) is None
    assert index.add("copy", REPUBLISHED) == "orig"
    assert index.group_of == {"orig": "orig", "other": "other", "copy": "orig"}
    earlier, similarity = index.similar_to["copy"]
    assert earlier == "orig" and 0.6 <= similarity < 1.0


def test_shingles_ignore_diacritics_and_digit_scripts():
    assert shingles("عددُهم ١٢٧٠ شخصاً اليوم") == shingles("عددهم 1270 شخصا اليوم")
