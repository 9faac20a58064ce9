"""One published or illustrative value, as read from a CSV row. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass

PUBLISHED = "gepubliceerd"
ILLUSTRATIVE = "illustratief"
STATUSES = (PUBLISHED, ILLUSTRATIVE)


@dataclass(frozen=True)
class Record:
    indicator: str
    item: str
    laag: str
    jaar: int
    waarde: float          # percentage 0-100
    n: int | None          # sample size, where known
    status: str            # PUBLISHED or ILLUSTRATIVE
    bron: str
    file: str              # where it came from, for error messages
    line: int

    @property
    def illustrative(self) -> bool:
        return self.status == ILLUSTRATIVE

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.indicator, self.item, self.laag, self.jaar)


@dataclass(frozen=True)
class UnitRecord:
    """A row of the optional units table (eenheden.csv): how a bestuurslaag or
    other unit is named, which units its factsheet compares it with, and whether
    it gets a factsheet of its own."""
    key: str               # the value in the tables' bestuurslaag column
    naam: str              # display name: "Provincies", "Fryslân"
    in_zin: str            # inside a sentence: "provincies", "Fryslân"
    vergelijk: tuple[str, ...]  # units its charts and sentences compare it with; () = all
    factsheet: bool        # False for a reference unit such as "Nederland"
    file: str
    line: int


@dataclass(frozen=True)
class SentenceForm:
    """A row of the sentence-forms table (zinsdelen.csv): how an item (a chart
    label) is said inside a generated sentence. Words are data, like the labels."""
    indicator: str
    item: str
    zinsdeel: str          # noun phrase: "het gebruik van sociale media"
    meervoud: bool         # a verb after it is plural ("sociale media zijn")
    bijwoord: str          # as an adverbial of manner: "via sociale media", "telefonisch"
    vaker: str             # plural predicate for "more often than": "voelen zich vaker vrij ..."
    file: str
    line: int

    def has(self, form: str) -> bool:
        return bool(getattr(self, form))
