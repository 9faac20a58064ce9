"""From a percentage to the words for it: one monotonic table of bands.

Every value from 0 to 100 falls in exactly one band, and the bands are in
order, so a higher value never gets smaller words. Headline and body take
their words from the same band, so they cannot contradict each other.

The bands are built from anchors, the fractions Dutch texts use ("één op de
vijf", "een kwart", "drie op de tien", "de helft", ...). Around an anchor (1
point below 20%, 1,5 point from 20%) the anchor is said as it is; between two
anchors the lower half is "ruim <lower anchor>", the upper half "bijna <upper
anchor>". Below 7,5%: "een klein deel"; from 90%: "de overgrote meerderheid";
from 97,5%: "vrijwel iedereen"; 0 and 100 have words of their own (a published
0% may be a rounded 0,4%, so 0 is "vrijwel niemand", never "niemand").
The value is the value as printed (rounded), so the words always fit the
number beside them. docs/wording.md lists the resulting table.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a quantifier combines with a noun phrase (grammar.partitive):
FRACTION = "fraction"   # "de helft van de politieke ambtsdragers", verb singular
OP_DE = "op_de"         # "drie op de tien politieke ambtsdragers", verb by number
DETERMINER = "det"      # "vrijwel alle politieke ambtsdragers", verb plural


@dataclass(frozen=True)
class Band:
    key: str            # stable name: "bijna de helft" -> "bijna_de_helft"
    lo: float           # lowest value (as printed) in the band
    wie: str            # standalone: "bijna de helft", "vrijwel iedereen"
    wie_plural: bool
    kind: str           # FRACTION, OP_DE or DETERMINER
    det: str            # before a noun phrase: "vrijwel alle"; else the same as wie
    kop: str            # in a headline: "Helft", "Drie op de tien", "Vrijwel alle"
    kop_plural: bool

    @property
    def weinig(self) -> bool:
        """Whether "komt weinig voor" is true of a value in this band (under 10%)."""
        return self.lo < 9


# (value, words, kind, plural)
_ANCHORS = (
    (10.0, "één op de tien", OP_DE, False), (12.5, "één op de acht", OP_DE, False),
    (100 / 7, "één op de zeven", OP_DE, False), (100 / 6, "één op de zes", OP_DE, False),
    (20.0, "één op de vijf", OP_DE, False), (25.0, "een kwart", FRACTION, False),
    (30.0, "drie op de tien", OP_DE, True), (100 / 3, "een derde", FRACTION, False),
    (40.0, "vier op de tien", OP_DE, True), (50.0, "de helft", FRACTION, False),
    (60.0, "zes op de tien", OP_DE, True), (200 / 3, "twee derde", FRACTION, False),
    (70.0, "zeven op de tien", OP_DE, True), (75.0, "drie kwart", FRACTION, False),
    (80.0, "acht op de tien", OP_DE, True), (90.0, "negen op de tien", OP_DE, True),
)
SMALL_BELOW = 7.5        # "een klein deel" under this
MAJORITY_FROM = 90.0     # "de overgrote meerderheid" from this
NEARLY_ALL_FROM = 97.5   # "vrijwel iedereen" from this
_HALF = ("bijna de helft", "de helft", "ruim de helft")
# A headline drops articles ("Helft politieke ambtsdragers provincies kreeg ..."),
# so other fractions are said there as "X op de Y", which needs none.
_HEADLINE_FRACTIONS = {"een kwart": ("één op de vier", False), "een derde": ("één op de drie", False),
                       "twee derde": ("twee op de drie", True), "drie kwart": ("drie op de vier", True)}


def _key(words: str) -> str:
    return words.replace("één", "een").replace(" ", "_")


def _headline(words: str, plural: bool) -> tuple[str, bool]:
    """The band's words in a headline, and whether a verb after them is plural."""
    if words in _HALF:
        return "Helft", False
    hedge = next((h for h in ("bijna ", "ruim ") if words.startswith(h)), "")
    said, plural = _HEADLINE_FRACTIONS.get(words[len(hedge):], (words[len(hedge):], plural))
    text = hedge + said
    return ("Eén" + text[3:] if text.startswith("één") else text[:1].upper() + text[1:]), plural


def _band(lo: float, words: str, kind: str, plural: bool) -> Band:
    kop, kop_plural = _headline(words, plural)
    return Band(_key(words), lo, words, plural, kind, words, kop, kop_plural)


def _tolerance(anchor: float) -> float:
    return 1.0 if anchor < 20 else 1.5


def _anchor_bands() -> list[Band]:
    """Exact, 'ruim' and 'bijna' bands between SMALL_BELOW and MAJORITY_FROM."""
    bands = [_band(SMALL_BELOW, "bijna " + _ANCHORS[0][1], OP_DE, False)]
    for index, (value, words, kind, plural) in enumerate(_ANCHORS):
        previous = _ANCHORS[index - 1][0] if index else None
        low = value - _tolerance(value)
        if previous is not None:
            low = max(low, (previous + value) / 2)
        bands.append(_band(low, words, kind, plural))
        if index + 1 < len(_ANCHORS):
            following = _ANCHORS[index + 1]
            middle = (value + following[0]) / 2
            if value + _tolerance(value) < middle:
                bands.append(_band(value + _tolerance(value), "ruim " + words, kind, plural))
            if following[0] - _tolerance(following[0]) > middle:
                bands.append(_band(middle, "bijna " + following[1], following[2], following[3]))
    return bands


BANDS: tuple[Band, ...] = (
    Band("nul", 0.0, "vrijwel niemand", False, DETERMINER, "vrijwel geen", "Vrijwel geen", True),
    Band("een_klein_deel", 1e-9, "een klein deel", False, FRACTION, "een klein deel", "Weinig", True),
    *_anchor_bands(),
    Band("de_overgrote_meerderheid", MAJORITY_FROM, "de overgrote meerderheid", False, FRACTION,
         "de overgrote meerderheid", "Bijna alle", True),
    Band("vrijwel_alle", NEARLY_ALL_FROM, "vrijwel iedereen", False, DETERMINER, "vrijwel alle",
         "Vrijwel alle", True),
    Band("alle", 100.0, "iedereen", False, DETERMINER, "alle", "Alle", True),
)

# Against one half: "minder dan de helft" ... with the same 0, 97,5 and 100 bands.
HALF_BANDS: tuple[Band, ...] = (
    BANDS[0],
    Band("minder_dan_de_helft", 1e-9, "minder dan de helft", False, FRACTION, "minder dan de helft",
         "Minderheid", False),
    Band("de_helft", 48.5, "de helft", False, FRACTION, "de helft", "Helft", False),
    Band("meer_dan_de_helft", 51.5, "meer dan de helft", False, FRACTION, "meer dan de helft",
         "Meerderheid", False),
    BANDS[-2], BANDS[-1],
)


def band(value: float, table: tuple[Band, ...] = BANDS) -> Band:
    """The band a value (as printed, 0-100) falls in."""
    if not 0 <= value <= 100:
        raise ValueError(f"{value} is not a percentage")
    found = table[0]
    for candidate in table:
        if value >= candidate.lo:
            found = candidate
    return found


def half_band(value: float) -> Band:
    return band(value, HALF_BANDS)
