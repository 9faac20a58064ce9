"""From a percentage to the words a Dutch analyst would write.

Rules (documented in docs/wording.md; tested in tests/test_wording.py):

* Quantifier (`quantifier`): 90-97% "de overgrote meerderheid", from 97% "vrijwel
  alle"; under 7,5% "een klein deel". Otherwise the nearest anchor fraction: one
  of "één op de N" (N = 10..5), "een kwart", "drie op de tien", "een derde",
  "vier op de tien", "de helft", "zes op de tien", "twee derde", "zeven op de
  tien", "drie kwart", "acht op de tien", "negen op de tien". Within the
  tolerance of the anchor (1 point below 20%, 1,5 point from 20%) the anchor is
  said as it is; further below it is "bijna ...", further above "ruim ...", up
  to 2 points (anchors under 20%) or 4 points away. Beyond that: "een
  minderheid" / "een meerderheid".
* Headline quantifier (`headline_quantifier`): "Vrijwel alle" from 97%,
  "Bijna alle" from 90%, "Helft" for 45-55%, else the quantifier with a capital.
Comparisons ("evenveel als", "bijna verdubbeld") are in compare.py.
"""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Phrase:
    """A noun phrase and whether a verb after it is plural ("drie op de tien zijn")."""
    text: str
    plural: bool = False

    def __str__(self) -> str:
        return self.text


# (value, words, plural, may take "bijna"/"ruim")
_ANCHORS = (
    (10.0, "één op de tien", False), (100 / 9, "één op de negen", False),
    (12.5, "één op de acht", False), (100 / 7, "één op de zeven", False),
    (100 / 6, "één op de zes", False), (20.0, "één op de vijf", False),
    (25.0, "een kwart", False), (30.0, "drie op de tien", True),
    (100 / 3, "een derde", False), (40.0, "vier op de tien", True),
    (50.0, "de helft", False), (60.0, "zes op de tien", True),
    (200 / 3, "twee derde", False), (70.0, "zeven op de tien", True),
    (75.0, "drie kwart", False), (80.0, "acht op de tien", True),
    (90.0, "negen op de tien", True),
)


def _tolerance(anchor: float) -> float:
    return 1.0 if anchor < 20 else 1.5


def _reach(anchor: float) -> float:
    return 2.0 if anchor < 20 else 4.0


def quantifier(value: float) -> Phrase:
    if value >= 97:
        return Phrase("vrijwel alle", True)
    if value >= 90:
        return Phrase("de overgrote meerderheid")
    if value < 7.5:
        return Phrase("een klein deel")
    anchor, words, plural = min(_ANCHORS, key=lambda a: abs(a[0] - value))
    distance = value - anchor
    if abs(distance) <= _tolerance(anchor):
        return Phrase(words, plural)
    if abs(distance) <= _reach(anchor):
        return Phrase(("bijna " if distance < 0 else "ruim ") + words, plural)
    return Phrase("een minderheid" if value < 50 else "een meerderheid")


def headline_quantifier(value: float) -> Phrase:
    if value >= 97:
        return Phrase("Vrijwel alle", True)
    if value >= 90:
        return Phrase("Bijna alle", True)
    if 45 <= value < 55:
        return Phrase("Helft")
    phrase = quantifier(value)
    return Phrase(capitalize(phrase.text), phrase.plural)


def half_comparison(value: float) -> Phrase:
    """Compared with one half: 'minder dan de helft', 'de helft', 'meer dan de helft'."""
    if value < 49:
        return Phrase("minder dan de helft")
    if value <= 51:
        return Phrase("de helft")
    return Phrase("meer dan de helft")


def half_headline(value: float) -> Phrase:
    if value < 49:
        return Phrase("Minderheid")
    if value <= 51:
        return Phrase("Helft")
    return Phrase("Meerderheid")


def join(words: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def capitalize(text: str) -> str:
    """First letter as a capital, with Dutch 'één' -> 'Eén'."""
    if text.startswith("één"):
        return "Eén" + text[3:]
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
