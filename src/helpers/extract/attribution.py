"""Who (actor) and where (area, regions) a figure or incentive is about: the names other
modules import, gathered from the files of each step:

- `mentions`: the lexicon hits, phrases and locations; `words`: word and clause helpers;
- `mention_filters`: hits that name neither a doer nor a place;
- `actor_settings`: settings, never the actor; `actor_opponents`: opponents, dropped;
- `actor_givers`: the giver of aid and incentives; `actor_choice`: the actor in the sentence;
- `actor_fallbacks`: carried over from the paragraph, the report's main actor, an outlet's side.

The rules, with examples, are written for users in docs/data_dictionary.md
("How the fields are decided"); in short:

Actor: sources are masked; opponents (`ضد داعش`), actors inside cue words and
national phrases are dropped; settings (`على حواجز …`, `لمقاتلي …`) are taken
only inside the record's own clause. In the sentence: the owner right after a
figure (`7 عناصر من الحمزات`), else the nearest actor before it in its clause,
else one just after it (an incentive: only a named giver), else the nearest in
an earlier clause; else the paragraph's last earlier actor; else the report's
main actor. Proxies map to their sponsor in actors.csv. An NGO's funder
(`بتمويل من`) gives way to the NGO (actor null); an actor guarded against
(`حماية من …`) is an opponent; a member's force after `في` is not a setting.

Place: neighbouring places form phrases (`ريفي إدلب وحلب`); the nearest phrase
of the sentence wins (commas and destinations count as distance, later
clauses are skipped; a destination abroad wins the sentence); else the
paragraph's last earlier phrase; else the report's main place (the
governorate, or abroad, named most). regions = the
phrase's governorates; area = its macro-area (narrowed by a governorate named
inside it; kept by examples `كدرعا`, `ولا سيما في درعا`), `abroad`,
`national`, or the first place's governorate.

Round 3 (the verb and its complement): joining a course is not enlisting
(`joins_a_course`), money deducted from pay is not pay (`deducted`), protection
of a site is not an offer (`guards_a_site`), incentives named by a verb and its
object a few words apart (`pattern_incentives`), a bare number of people
(`counts_people`), and a stated affiliation beats the lexicon's sponsor
(`apply_affiliation`).

Real wording (docs/data_dictionary.md, "Real-wording rules"): the giver named after
a verb of giving (`_giver_named_after`), comparisons, allies, receivers and holders
of an area as settings (`compared_with`, `delivered_to`, `received_by`), the first of
a joined pair (`_head_of_pair`) and a state outlet's side (`outlet_side`).
"""

from __future__ import annotations

from helpers.extract.actor_choice import (  # noqa: F401
    _AFTER_WINDOW, _CAPTOR_VERBS, _captor, _head_of_pair, _owner_after, _ranks_joined, choose_actor,
)
from helpers.extract.actor_fallbacks import (  # noqa: F401
    ends_index, last_before, main_actor, outlet_side, settled_by_the_state, settlement_side,
)
from helpers.extract.actor_givers import (  # noqa: F401
    _GIVER_WORDS, _funded_ngo, _giver_named_after, _on_behalf, funder,
)
from helpers.extract.actor_opponents import drop_opponents  # noqa: F401
from helpers.extract.actor_settings import (  # noqa: F401
    _SETTING_WORDS, compared_with, delivered_to, is_setting, received_by,
)
from helpers.extract.mention_filters import (  # noqa: F401
    NOT_ACTOR_BEFORE_ADJECTIVE, adjective_is_not_actor, border_neighbour, introduced_as_example,
    named_charities, names_an_ngos_nationality, names_an_outlets_nationality, national_is_not_place,
    shortened_names, syrian_adjective,
)
from helpers.extract.mentions import (  # noqa: F401
    ABROAD, NATIONAL, NGO, _COMMA_PENALTY, _DIRECTIONS, _GAP_WORD, _JOINERS, _MAX_GAP, _PLACE_NOUNS, Location,
    Mention, Phrase, is_macro, is_ngo_row,
)
from helpers.extract.words import (  # noqa: F401
    _QUOTE_MARKS, _clause_bounds, _raw_previous_word, _strip_clitics, _word_start, previous_word, word_in,
    words_before,
)
