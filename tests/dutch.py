"""An independent grammar check for generated Dutch sentences (tests only).

Written from the rules in ../shared/reference/dutch-phrasing.md, not from the
code under test: it knows the quantifier phrases a factsheet may use with
their grammatical number, the verbs its sentences use in both numbers, and
the constructions that are wrong ("negen op de tien van de ...", "vrijwel
alle is ...", "wordt geuit telefonisch", "politieke ambtsdragers Fryslân").
`problems(text)` returns what it finds, [] for a clean text.
"""

from __future__ import annotations

import re

_COUNT = r"(?:[Tt]wee|[Dd]rie|[Vv]ier|[Vv]ijf|[Zz]es|[Zz]even|[Aa]cht|[Nn]egen)"
_HEDGE = r"(?:[Bb]ijna |[Rr]uim )?"
# Quantifier phrases and their number (Taalunie; fractions and "één op de" are singular).
SINGULAR = [
    rf"{_HEDGE}(?:[ÉéEe]én|een) op de (?:tien|negen|acht|zeven|zes|vijf|vier|drie)",
    rf"{_HEDGE}(?:[Dd]e helft|[Ee]en kwart|[Ee]en derde|[Tt]wee derde|[Dd]rie kwart)",
    r"[Ee]en klein deel", r"[Dd]e overgrote meerderheid", r"(?:[Vv]rijwel )?[Ii]edereen",
    r"[Vv]rijwel niemand", r"(?:[Mm]inder|[Mm]eer) dan de helft",
    r"Helft", r"Minderheid", r"Meerderheid", r"Klein deel",
]
PLURAL = [
    rf"{_HEDGE}{_COUNT} op de (?:tien|vier|drie)",
    r"(?:[Vv]rijwel |[Bb]ijna )?[Aa]lle", r"[Vv]rijwel geen", r"Weinig",
]
# Finite verbs of the factsheet's sentences: singular -> plural.
VERBS = {"kreeg": "kregen", "maakte": "maakten", "heeft": "hebben", "is": "zijn", "vindt": "vinden",
         "voelt": "voelen", "ervaart": "ervaren", "besprak": "bespraken", "komt": "komen"}
_NP = r"(?: \(\d+(?:,\d)?%\))?(?: (?:van (?:de|alle) )?politieke ambtsdragers(?: van)? [\w’'-]+(?: \(\d+(?:,\d)?%\))?)?"
_SG_VERBS = "|".join(VERBS)
_PL_VERBS = "|".join(VERBS.values())

FORBIDDEN = [
    (rf"\b{_COUNT} op de tien (?:\(\d+%\) )?van (?:de|alle)\b", "'X op de tien' takes its noun directly, not 'van de'"),
    (r"\b[Ee]én op de \w+ (?:\(\d+%\) )?van (?:de|alle)\b", "'één op de N' takes its noun directly, not 'van de'"),
    (r"\balle \(\d+(?:,\d)?%\) van\b", "'alle (N%) van alle ...': a determiner with a partitive"),
    (rf"\b[Vv]rijwel alle (?:{_SG_VERBS}|{_PL_VERBS})\b", "'vrijwel alle' needs a noun ('vrijwel iedereen')"),
    (r"\bgeuit (?!via|per|in|op|met|door|bij)[a-z]+isch\b",
     "an adverb after the participle ('wordt telefonisch geuit')"),
    (r"\bambtsdragers (?:’s-|'s-|[A-Z])", "a proper name needs 'van' ('ambtsdragers van Fryslân')"),
    (r"…|\.\.\.", "a chart label pasted into a sentence"),
    (r"\bVermoedens\b[^.]*\bis (?:gelijk|even)\b", "'Vermoedens ... is': plural subject, singular verb"),
    (r"\(\d+(?:,\d)?%\), [^,()]+ \(\d+(?:,\d)?%\)\.", "a list of two joined by a comma ('a en b')"),
    (r"\b(\w{3,}) \1\b", "a word twice"),
    (r"\{|\}", "an unfilled placeholder"),
    (r"  |\s[.,;:]", "stray spaces"),
    (r"\d+,\d0%|\d\.\d+%", "a number not written as Dutch prints it"),
]


def _number_of(phrase: str) -> str | None:
    for pattern in SINGULAR:
        if re.fullmatch(pattern, phrase):
            return "sg"
    for pattern in PLURAL:
        if re.fullmatch(pattern, phrase):
            return "pl"
    return None


_QUANT = "|".join(f"(?:{p})" for p in PLURAL + SINGULAR)
_AFTER_VERB = re.compile(rf"\b({_SG_VERBS}|{_PL_VERBS}) ({_QUANT})\b(?!\w)")
_BEFORE_VERB = re.compile(rf"(?:^|[.;:] )({_QUANT}){_NP} ({_SG_VERBS}|{_PL_VERBS})\b")


def agreement(text: str) -> list[str]:
    """Subject-verb agreement where a quantifier phrase is the subject."""
    found = []
    for match in _AFTER_VERB.finditer(text):
        found.append((match.group(2), match.group(1)))
    for match in _BEFORE_VERB.finditer(text):
        found.append((match.group(1), match.group(2)))
    problems = []
    for subject, verb in found:
        number = _number_of(subject)
        plural = verb in VERBS.values() and verb not in VERBS
        if (number == "sg" and plural) or (number == "pl" and not plural):
            problems.append(f"'{subject} ... {verb}': the verb does not agree")
    return problems


def problems(text: str, headline: bool = False) -> list[str]:
    """What is wrong with a generated text (a headline, or one or more sentences)."""
    found = [f"{why}: {m.group(0)!r}" for pattern, why in FORBIDDEN for m in re.finditer(pattern, text)]
    found += agreement(text)
    body = text.rstrip("*")
    if body and not (body[0].isupper() or body[0].isdigit() or body[0] in "(’'"):
        found.append("does not start with a capital")
    if not headline and body and not body.endswith((".", "?")):
        found.append("a sentence without a full stop")
    if headline and body.endswith("."):
        found.append("a headline ends in a full stop")
    return found
