"""helpers.ingest.sentences: sentence and paragraph offsets in normalised text."""
from helpers.ingest.sentences import SentenceIndex, split_sentences


def parts(text: str) -> list[tuple[str, int]]:
    return [(text[s.start:s.end], s.paragraph) for s in split_sentences(text)]


def test_a_dot_between_digits_is_a_decimal_point_not_an_end():
    text = "بلغ الراتب 1.5 مليون ليره. ووصل العدد الي 300.وزعت 2.25 طن"
    assert parts(text) == [("بلغ الراتب 1.5 مليون ليره.", 0), ("ووصل العدد الي 300.", 0), ("وزعت 2.25 طن", 0)]


def test_ends_and_paragraphs():
    text = "وصلت دفعه جديده! هل انضم احد؟ قالوا نعم؛ ثم غادروا\n\nفقره ثانيه.، وفقره ثالثه"
    assert parts(text) == [("وصلت دفعه جديده!", 0), ("هل انضم احد؟", 0), ("قالوا نعم؛", 0),
                           ("ثم غادروا", 0), ("فقره ثانيه.", 1), ("وفقره ثالثه", 1)]
    assert parts("السوريه., واشار التقرير") == [("السوريه.", 0), ("واشار التقرير", 1)]


def test_index_finds_the_sentence_of_an_offset():
    text = "اولي. ثانيه."
    index = SentenceIndex(split_sentences(text))
    assert [index.index_of(p) for p in (0, 4, 5, 6, 11, 12)] == [0, 0, None, 1, 1, None]
