"""Fill the text templates of texts.toml (syntax described at the top of that file)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from monitor_pdf.errors import SpecError
from monitor_pdf.wording.phrases import Phrase, capitalize, lower_first

_PLACEHOLDER = re.compile(r"\{(@?)([A-Za-z_][A-Za-z0-9_]*)(?:\|([^|{}]*)\|([^|{}]*))?\}")


class Templates:
    """The parsed texts.toml plus the values and decisions computed from the data."""

    def __init__(self, texts: Mapping, values: Mapping[str, str | Phrase], cases: Mapping[str, str]):
        self.texts, self.values, self.cases = texts, values, cases

    def field(self, block_id: str, name: str) -> str | None:
        """The filled text of one field of a block, or None if the block has none."""
        entry = self.texts.get(block_id, {})
        if name not in entry:
            return None
        return self._fill(self._variant(entry, name, block_id), block_id)

    def _variant(self, entry: Mapping, name: str, where: str) -> str:
        template = entry[name]
        if isinstance(template, str):
            return template
        case_key = entry.get("choose")
        if case_key not in self.cases:
            raise SpecError(f"texts.toml: '{where}.{name}' has variants but chooses "
                            f"'{case_key}', which the wording stage does not decide")
        case = self.cases[case_key]
        if case not in template:
            raise SpecError(f"texts.toml: '{where}.{name}' has no variant '{case}' "
                            f"(has: {', '.join(template)})")
        return template[case]

    def _fill(self, template: str, where: str, depth: int = 0) -> str:
        if depth > 5:
            raise SpecError(f"texts.toml: '{where}': sentences nest too deep")

        def replace(match: re.Match) -> str:
            sentence, name, singular, plural = match.groups()
            if sentence:
                sentences = self.texts.get("sentence", {})
                if name not in sentences:
                    raise SpecError(f"texts.toml: '{where}': no [sentence.{name}]")
                text = self._variant(sentences[name], "text", f"sentence.{name}")
                return self._fill(text, f"sentence.{name}", depth + 1)
            value = self._value(name, where)
            if singular is not None:
                return plural if getattr(value, "plural", False) else singular
            return capitalize(str(value)) if name[:1].isupper() else str(value)

        return _PLACEHOLDER.sub(replace, template)

    def _value(self, name: str, where: str) -> str | Phrase:
        for key in (name, lower_first(name)):
            if key in self.values:
                return self.values[key]
        raise SpecError(f"texts.toml: '{where}': unknown placeholder {{{name}}}")
