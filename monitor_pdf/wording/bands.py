"""From a percentage to the words for it: one monotonic table of bands.

Every value from 0 to 100 falls in exactly one band, and the bands are in
order, so a higher value never gets smaller words. Headline and body take
their words from the same band, so they cannot contradict each other.

The bands are built from anchors, the fractions Dutch texts use ("één op de
vijf", "een kwart", "drie op de tien", "de helft", ...; the words are in
language/nl.toml). Around an anchor (1 point below 20%, 1,5 point from 20%)
the anchor is said as it is; between two anchors the lower half is "ruim
<lower anchor>", the upper half "bijna <upper anchor>". Below 7,5%: "een klein
deel"; from 90%: "de overgrote meerderheid"; from 97,5%: "vrijwel iedereen";
0 and 100 have words of their own (a published 0% may be a rounded 0,4%, so 0
is "vrijwel niemand", never "niemand"). The value is the value as printed
(rounded), so the words always fit the number beside them. docs/wording.md
lists the resulting table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from monitor_pdf.words import Words

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


def _key(words: str) -> str:
    return words.replace("één", "een").replace(" ", "_")


def _capital(text: str) -> str:
    return "Eén" + text[3:] if text.startswith("één") else text[:1].upper() + text[1:]


class Bands:
    """The band tables of one set of words (built once per Words, see bands_for)."""

    def __init__(self, words: Words):
        q = words["quantifiers"]
        self.q = q
        anchors = [(a["value"], a["words"], a["kind"], a["plural"]) for a in q["anchors"]]
        special = {name: q[name] for name in ("nul", "klein", "meerderheid", "vrijwel_alle", "alle")}
        self.table = (
            Band("nul", 0.0, special["nul"]["wie"], False, DETERMINER, special["nul"]["det"],
                 special["nul"]["kop"], True),
            Band("een_klein_deel", 1e-9, special["klein"]["wie"], False, FRACTION, special["klein"]["wie"],
                 special["klein"]["kop"], special["klein"].get("kop_plural", False)),
            *self._anchor_bands(anchors),
            Band("de_overgrote_meerderheid", q["majority_from"], special["meerderheid"]["wie"], False, FRACTION,
                 special["meerderheid"]["wie"], special["meerderheid"]["kop"],
                 special["meerderheid"].get("kop_plural", True)),
            Band("vrijwel_alle", q["nearly_all_from"], special["vrijwel_alle"]["wie"], False, DETERMINER,
                 special["vrijwel_alle"]["det"], special["vrijwel_alle"]["kop"], True),
            Band("alle", 100.0, special["alle"]["wie"], False, DETERMINER, special["alle"]["det"],
                 special["alle"]["kop"], True),
        )
        self.halves = (self.table[0], *(Band(_key(h["wie"]), h["from"], h["wie"], False, FRACTION, h["wie"], h["kop"],
                                             False) for h in words["halves"]), self.table[-2], self.table[-1])

    def _headline(self, words: str, plural: bool) -> tuple[str, bool]:
        """The band's words in a headline, and whether a verb after them is plural."""
        if words in self.q["half"]:
            return self.q["half_headline"], False
        hedge = next((f"{h} " for h in (self.q["below"], self.q["above"]) if words.startswith(f"{h} ")), "")
        said, plural = self.q["headline_fractions"].get(words[len(hedge):], (words[len(hedge):], plural))
        return _capital(hedge + said), plural

    def _band(self, lo: float, words: str, kind: str, plural: bool) -> Band:
        kop, kop_plural = self._headline(words, plural)
        return Band(_key(words), lo, words, plural, kind, words, kop, kop_plural)

    def _tolerance(self, anchor: float) -> float:
        return self.q["tolerance_below_20"] if anchor < 20 else self.q["tolerance"]

    def _anchor_bands(self, anchors) -> list[Band]:
        """Exact, 'ruim' and 'bijna' bands between small_below and majority_from."""
        below, above = self.q["below"], self.q["above"]
        bands = [self._band(self.q["small_below"], f"{below} {anchors[0][1]}", OP_DE, anchors[0][3])]
        for index, (value, words, kind, plural) in enumerate(anchors):
            low = value - self._tolerance(value)
            if index:
                low = max(low, (anchors[index - 1][0] + value) / 2)
            bands.append(self._band(low, words, kind, plural))
            if index + 1 < len(anchors):
                following = anchors[index + 1]
                middle = (value + following[0]) / 2
                if value + self._tolerance(value) < middle:
                    bands.append(self._band(value + self._tolerance(value), f"{above} {words}", kind, plural))
                if following[0] - self._tolerance(following[0]) > middle:
                    bands.append(self._band(middle, f"{below} {following[1]}", following[2], following[3]))
        return bands

    def band(self, value: float) -> Band:
        """The band a value (as printed, 0-100) falls in."""
        return _find(self.table, value)

    def half(self, value: float) -> Band:
        """Against one half: 'minder dan de helft', 'de helft', 'meer dan de helft' (and 0, 97,5, 100)."""
        return _find(self.halves, value)


def _find(table: tuple[Band, ...], value: float) -> Band:
    if not 0 <= value <= 100:
        raise ValueError(f"{value} is not a percentage")
    found = table[0]
    for candidate in table:
        if value >= candidate.lo:
            found = candidate
    return found


@lru_cache(maxsize=16)
def bands_for(words: Words) -> Bands:
    return Bands(words)
