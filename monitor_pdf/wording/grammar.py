"""Grammar of generated Dutch: agreement, partitives, lists, word order, names.

Small functions with their own tests (tests/test_grammar.py), so no template
has to get agreement or word order right by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from monitor_pdf.wording.bands import DETERMINER, FRACTION, Band
from monitor_pdf.words import Words


@dataclass(frozen=True)
class Phrase:
    """Words and whether a verb agreeing with them is plural ("drie op de tien zijn")."""
    text: str
    plural: bool = False

    def __str__(self) -> str:
        return self.text


def join(words: list[str], last: str = "en") -> str:
    """'a', 'a en b', 'a, b en c' (`last`: the language's word for 'and')."""
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def join_phrases(phrases: list[Phrase], last: str = "en") -> Phrase:
    """A list is plural ("sociale media en e-mail zijn"); one phrase keeps its own number."""
    if len(phrases) == 1:
        return phrases[0]
    return Phrase(join([p.text for p in phrases], last), True)


def capitalize(text: str) -> str:
    """First letter as a capital, with Dutch 'één' -> 'Eén'; "’s-Hertogenbosch" stays as it is."""
    if text.startswith("één"):
        return "Eén" + text[3:]
    if not text[:1].isalpha():
        return text
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def partitive(band: Band, group: str, pct: str | None, article: str = "van de") -> Phrase:
    """A share of a group as the subject of a sentence:
    'bijna de helft (47%) van alle politieke ambtsdragers van provincies' (a fraction takes
    'van'), 'drie op de tien politieke ambtsdragers van provincies (30%)' ('X op de Y' takes
    the noun directly), 'vrijwel alle politieke ambtsdragers van provincies (98%)'."""
    number = f" ({pct})" if pct else ""
    if band.kind == FRACTION:
        return Phrase(f"{band.wie}{number} {article} {group}", band.wie_plural)
    words = band.det if band.kind == DETERMINER else band.wie
    return Phrase(f"{words} {group}{number}", band.kind == DETERMINER or band.wie_plural)


def is_prepositional(adverbial: str, words: Words) -> bool:
    """An adverbial that opens with a preposition may follow the participle ("wordt
    geuit via sociale media"); an adverb may not ("wordt telefonisch geuit")."""
    return adverbial.split(" ", 1)[0].lower() in words.get("grammar", "prepositions")


def with_participle(participle: str, adverbials: list[str], words: Words) -> str:
    """'geuit via sociale media en via e-mail', but 'telefonisch geuit': a list that
    holds an adverb goes before the participle as a whole."""
    listed = join(adverbials, words.get("grammar", "and"))
    if all(is_prepositional(a, words) for a in adverbials):
        return f"{participle} {listed}"
    return f"{listed} {participle}"


def is_proper_name(name: str, words: Words) -> bool:
    """'Fryslân', '’s-Hertogenbosch', 'Nederland' are names; 'provincies' is a common noun."""
    return name[:1].isupper() or name.startswith(tuple(words.get("grammar", "name_prefixes")))


def unit_in_headline(name: str, words: Words) -> str:
    """Headlines drop articles ('politieke ambtsdragers provincies') but a name keeps
    its 'van' ('politieke ambtsdragers van ’s-Hertogenbosch')."""
    return f"{words.get('grammar', 'name_of')} {name}" if is_proper_name(name, words) else name


def number_word(number: int, words: Words) -> str:
    """'twee', 'tien'; numbers beyond the language's list in digits."""
    names = words.get("grammar", "numbers")
    return names[number] if 0 <= number < len(names) else str(number)


def years_ago(years: int, words: Words) -> str:
    """'tien jaar geleden'."""
    return words.get("grammar", "years_ago").replace("{n}", number_word(years, words))


def source_name(bron: str) -> str:
    """A source as a line of print names it: a URL by its host ('nu.nl'), else as written."""
    text = bron.strip()
    if re.match(r"^https?://", text):
        host = urlparse(text).hostname or text
        return host[4:] if host.startswith("www.") else host
    return text
