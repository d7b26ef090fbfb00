"""helpers.extract.offer_model: the learned keep/drop of each incentive the rules give, its
features, the committed model's decisions on sentences written for these tests, and the
word-form generators of helpers.extract.offer_families (scored, switched off)."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.extract.actor_model import normalised_span
from helpers.extract.context import _ReportContext
from helpers.extract.lexicons import load_lexicons
from helpers.extract.linear_model import rules_only
from helpers.extract.offer_families import FAMILIES, family_hits, kind_adjective_hits, word_stem
from helpers.extract.offer_model import committed_model, keep_offers, offer_features
from helpers.ingest.normalise import normalise
from helpers.records import Report

PROMISED_PAY = "وعدت الميليشيات الإيرانية المنتسبين الجدد في دير الزور برواتب شهرية."
DEAL_SUM = "أفاد مصدر بأن مبلغ الصفقة بين الطرفين في درعا لم يعلن."


def make_report(text: str, title: str | None = None) -> Report:
    full = f"{title}\n{text}" if title else text
    return Report(id="o1", title=title, text=text, full_text=full, date="2021-03-01", date_origin="metadata",
                  source=None, url=None, path="test.txt", line=None, encoding="utf-8", content_hash="h",
                  duplicate_of=None)


def incentives(text: str) -> list[tuple[str, str | None, str]]:
    return [(i.incentive, i.actor, i.text) for i in extract_report(make_report(text))[1]]


def features_of(text: str, record) -> list[str]:
    context = _ReportContext(make_report(text), load_lexicons())
    start, end = normalised_span(context, record.start, record.end)
    return offer_features(context, record.incentive, start, end, actor_basis=record.basis["actor"],
                          actor=record.actor, figure=record.figure_id is not None, others_of_kind=0)


def test_features_of_a_promised_salary():
    with rules_only():
        (record,) = extract_report(make_report(PROMISED_PAY))[1]
    assert (record.incentive, record.actor, record.text) == ("cash_salary", "iran", "رواتب شهرية")
    assert features_of(PROMISED_PAY, record) == [
        "code:cash_salary", "section:body", "actor_basis:frame", "actor:named", "pred:promise",
        "code_pred:cash_salary:promise", "recruit:near", "w-1:الزور", "cue:رواتب", "w+1:."]


def test_the_model_keeps_a_promise_of_pay_to_recruits():
    record = extract_report(make_report(PROMISED_PAY))[1][0]
    assert committed_model().probabilities(features_of(PROMISED_PAY, record))["yes"] == pytest.approx(0.973, abs=0.01)
    assert incentives(PROMISED_PAY) == [("cash_salary", "iran", "رواتب شهرية")]


def test_the_model_drops_the_sum_of_a_deal():
    with rules_only():
        (record,) = extract_report(make_report(DEAL_SUM))[1]
    assert (record.incentive, record.actor, record.text) == ("cash_reward", None, "مبلغ")
    assert committed_model().probabilities(features_of(DEAL_SUM, record))["yes"] == pytest.approx(0.210, abs=0.01)
    assert incentives(DEAL_SUM) == []


def test_rules_only_keeps_what_the_model_would_drop():
    context = _ReportContext(make_report(DEAL_SUM), load_lexicons())
    with rules_only():
        records = extract_report(make_report(DEAL_SUM))[1]
        assert keep_offers(context, records) == records
    assert keep_offers(context, records) == []


def test_a_titles_cue_is_left_to_the_rules():
    """`حماية` alone in a title: the model doubts it (p ≈ 0.32) but the policy leaves titles to the rules."""
    report = make_report("تمنح القوات الروسية مكافأة لكل متطوع في درعا.", title="مكافآت وحماية")
    context = _ReportContext(report, load_lexicons())
    with rules_only():
        records = extract_report(report)[1]
    protection = next(r for r in records if r.incentive == "protection")
    start, end = normalised_span(context, protection.start, protection.end)
    features = offer_features(context, "protection", start, end, actor_basis=protection.basis["actor"],
                              actor=protection.actor, figure=False, others_of_kind=0)
    assert "section:title" in features
    assert committed_model().probabilities(features)["yes"] < 0.5
    assert [(r.incentive, r.actor) for r in keep_offers(context, records)] == [
        (r.incentive, r.actor) for r in records] == [("cash_reward", "russia"), ("protection", "russia")]


def test_features_read_negation_threat_status_and_the_title():
    text = "قال مصدر إن العناصر الذين كانوا يتقاضون رواتب لم يحصلوا على مكافأة وإلا تعرضوا للعقوبة."
    context = _ReportContext(make_report(text, title="مكافآت للمقاتلين"), load_lexicons())
    title_cue = context.text.index("مكافات")
    body_cue = context.text.index("مكافاه")
    in_title = offer_features(context, "cash_reward", title_cue, title_cue + 6, actor_basis=None, actor=None,
                              figure=False, others_of_kind=1)
    in_body = offer_features(context, "cash_reward", body_cue, body_cue + 6, actor_basis=None, actor=None,
                             figure=False, others_of_kind=1)
    assert {"section:title", "kind_twice", "actor:none", "actor_basis:none", "recruit:near"} <= set(in_title)
    assert {"section:body", "pred:give", "negated", "status", "threat", "recruit:near"} <= set(in_body)


# --- the word-form generators (off at run time) -------------------------------------------

@pytest.mark.parametrize("word, stem", [("وبالمستحقات", "مستحق"), ("طرودا", "طرود"), ("تسويات", "تسوي"),
                                        ("مساعده", "مساعد"), ("مستحقاتهم", "مستحق"), ("منح", "منح")])
def test_word_stem(word, stem):
    assert word_stem(word) == stem


def test_a_form_of_a_cue_after_a_verb_of_giving():
    lexicons = load_lexicons()
    text = normalise("وزعت الجمعية طروداً غذائية على العائلات").text
    (hit,) = family_hits(text, lexicons.incentives, [])
    assert (text[hit.start:hit.end], hit.entry["incentive"], hit.entry["family"]) == ("طرودا غذاييه", "food_aid", True)
    assert family_hits(normalise("وصلت طرود غذائية إلى المخيم").text, lexicons.incentives, []) == []


def test_a_noun_and_an_adjective_of_kind_after_an_offer_word():
    text = normalise("اعتمدت الفصائل على الإغراء المالي لاستقطاب الشبان").text
    (hit,) = kind_adjective_hits(text, [])
    assert (text[hit.start:hit.end], hit.entry["incentive"]) == ("الاغراء المالي", "cash_reward")
    assert kind_adjective_hits(normalise("ناقش المجلس الوضع المالي للبلدية").text, []) == []


def test_the_generators_are_off_at_run_time():
    text = "وعدت الفصائل الشبان بعطايا مالية."
    assert FAMILIES == [False]
    with rules_only():
        assert extract_report(make_report(text))[1] == []
        FAMILIES.append(True)
        try:
            found = [(i.incentive, i.text) for i in extract_report(make_report(text))[1]]
        finally:
            FAMILIES.pop()
    assert found == [("cash_reward", "بعطايا مالية")]
