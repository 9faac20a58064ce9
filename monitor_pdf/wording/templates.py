"""Fill the templates of texts.toml (syntax: textspec.py) with the forms of claims.

Filling also reports which claims a text used (its placeholders, and the claim
that chose its variant), so a sentence knows what it rests on: a sentence
resting on an illustrative value is marked like an illustrative number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from monitor_pdf.errors import SpecError
from monitor_pdf.textspec import PLACEHOLDER, Template, TextSpec
from monitor_pdf.wording.claims import Claim
from monitor_pdf.wording.grammar import Phrase, capitalize, lower_first


@dataclass(frozen=True)
class Filled:
    text: str
    claims: frozenset[str]      # the claims the text rests on


class Filler:
    def __init__(self, text: TextSpec, claims: Mapping[str, Claim], forms: Mapping[str, Mapping[str, Phrase]],
                 globals_: Mapping[str, str]):
        self.spec, self.claims, self.forms, self.globals = text, claims, forms, globals_

    def fill(self, template: Template, depth: int = 0) -> Filled:
        if depth > 5:
            raise SpecError(f"{template.where}: sentences nest too deep")
        used: set[str] = set()
        outcome = None
        if template.choose is not None:       # the choice itself rests on the claim's values
            outcome = self.claims[template.choose].outcome
            used.add(template.choose)
        text = template.pick(outcome)

        def replace(match: re.Match) -> str:
            shared, name, form, singular, plural = match.groups()
            if shared:
                inner = self.fill(self.spec.shared[name], depth + 1)
                used.update(inner.claims)
                return inner.text
            value = self._value(name, form, template.where)
            if form is not None:
                used.add(lower_first(name))
            if singular is not None:
                return plural if value.plural else singular
            return capitalize(value.text) if name[:1].isupper() else value.text

        return Filled(_tidy(PLACEHOLDER.sub(replace, text)), frozenset(used))

    def _value(self, name: str, form: str | None, where: str) -> Phrase:
        if form is None:
            for key in (name, lower_first(name)):
                if key in self.globals:
                    return Phrase(self.globals[key])
            raise SpecError(f"{where}: unknown placeholder {{{name}}}")
        return self.forms[lower_first(name)][form]


def _tidy(text: str) -> str:
    """Spaces as a sentence needs them when a form is empty."""
    return re.sub(r"\s+([.,;:)])", r"\1", re.sub(r" {2,}", " ", text)).strip()
