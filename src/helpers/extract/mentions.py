"""The lexicon hits the who-and-where rules work on (`Mention`), the places they form
(`Phrase`, `Location`), and the words that join places into one phrase."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


NATIONAL = "national"
ABROAD = "abroad"
NGO = "ngo"   # Mention.kind of an aid organisation (actors.csv source row, note `ngo…`): a doer with no code

# words that may stand between two places of one phrase (after clitics are removed)
_JOINERS = frozenset(
    "و في من ب ل ضمن ريف ريفي الريف ارياف محافظه محافظتي محافظات مدينه مدينتي مدن منطقه منطقتي مناطق "
    "بلده بلدتي بلدات قريه قريتي قري ناحيه نواحي مخيم باديه البادية قطاع القطاع القطاعين "
    "شرق غرب شمال جنوب شرقي غربي شمالي جنوبي الشرقي الغربي الشمالي الجنوبي الشرقيه الغربيه "
    "الشماليه الجنوبيه الاوسط الاوسطي وسط و، ، , كل من وكل او "
    # `مدينة السقيلبية التابعة لمحافظة حماة`: a place and the governorate it belongs to
    "التابعه التابع".split()
)
_GAP_WORD = re.compile(r"[^\s،,]+|[،,]")
_MAX_GAP = 40
_COMMA_PENALTY = 120
_PLACE_NOUNS = ("ريف", "ريفي", "الريف", "محافظات", "محافظه", "مدينه", "منطقه", "بلده", "قريه", "باديه", "ناحيه", "مخيم")
_DIRECTIONS = ("الشرقي", "الغربي", "الشمالي", "الجنوبي", "الشرقيه", "الغربيه", "الشماليه", "الجنوبيه")


@dataclass(slots=True)   # made by the dozen per report: not frozen, whose init is 4 times slower
class Mention:
    """A lexicon hit in the normalised text."""

    start: int
    end: int
    code: str | None            # actor code, or place area
    regions: tuple[str, ...] = ()
    kind: str = ""
    example: bool = False       # place written with the clitic كـ (such as)


@dataclass(slots=True)   # made by the dozen per report: not frozen, whose init is 4 times slower
class Location:
    area: str | None
    regions: tuple[str, ...]
    start: int                  # normalised span of the words naming it
    end: int


@dataclass(slots=True)
class Phrase:
    start: int
    end: int
    mentions: list[Mention] = field(default_factory=list)


def is_macro(mention: Mention) -> bool:
    return mention.kind == "macro_area"


def is_ngo_row(entry) -> bool:
    """An actors.csv row for an NGO or UN agency (`الهلال الأحمر`), or another doer with no
    code (`حكومة الوفاق` in Libya): kind source, note `ngo…` or `doer…`."""
    return entry["kind"] == "source" and (entry["note"] or "").startswith(("ngo", "doer"))
