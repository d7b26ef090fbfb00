"""Extract figures and incentives, each with its evidence, from one report.

`extract_report(report)` → (figures, incentives). Offsets index
`report.full_text` (`full_text[start:end] == text` always holds): all
matching runs on the normalised text and every span is mapped back with
`Normalised.span()`.

The steps, one module each:
- `numbers` (with `number_words`, `number_cues`, and `number_tables`: the matchers built from
  its three lexicons): every quantity, its qualifier and unit;
- `frames`: the clause around a number, and the measure of a recruits figure;
- `categories`: the category (cues.csv: the cue nearest the number decides, within
  what the unit allows);
- `attribution`, `places`, `references`: who and where (`attribution` gathers the actor steps:
  `actor_settings`, `actor_opponents`, `actor_givers`, `actor_choice`, `actor_fallbacks`, over
  `mentions`, `mention_filters` and `words`);
- `money_aid`: money and aid counts read from their wording (fees, worth of aid, carriers);
- `incentives`: offers, and the figure that quantifies each (`offer_patterns`: offers stated
  as a clause; `not_offers`: cue words that name none; `offer_givers`: who gives; `offer_pay`:
  pay figures);
- `context`: what is found once per report; `figures`: one record per quantity;
- `stage`: streaming, tables and the command line; `lexicons`, `matching`: the CSV
  lexicons and how their words are found (`lexicon_entry`: one lexicon row, which both use).

Record ids are stable for the same report id, text and position:
figures `{report_id}:f:{start}`, incentives `{report_id}:i:{incentive}:{actor}`.
"""
from helpers.extract.categories import CATEGORIES, MEASURES, categorise
from helpers.extract.frames import measure_of
from helpers.extract.numbers import find_quantities
from helpers.extract.stage import (
    CSV_COLUMNS, FIGURE_COLUMNS, INCENTIVE_COLUMNS, ExtractResult, extract_paths, extract_report, iter_records, main,
)

__all__ = ["CATEGORIES", "CSV_COLUMNS", "FIGURE_COLUMNS", "INCENTIVE_COLUMNS", "MEASURES", "ExtractResult",
           "categorise", "extract_paths", "extract_report", "find_quantities", "iter_records", "main", "measure_of"]
