"""The texts of a factsheet (texts.toml) as checked data. Leaf module: standard library only.

texts.toml holds, per block of layout.toml, its texts as templates, and the
claims those texts make (`[claim.NAME]`, see vocabulary.py). Loading checks
that every placeholder, variant and claim parameter is one the wording stage
knows, and reports a problem as `texts.toml:LINE: message`, so a typo stops
the build before any data is read.

Template syntax (also at the top of texts.toml):
  {name}             a global value: {jaar}, {laag}, {laag_kop}, {figuur_fig1} ...
  {claim.form}       a form of a claim: {totaal.pct} -> "47%", {totaal.wie} -> "bijna de helft"
  {Claim.form}       the same with a capital first letter
  {claim.form|a|b}   a if the form is grammatically singular, b if plural ("kreeg"/"kregen")
  {@name}            the shared sentence [sentence.name]
A text is a string, or variants chosen by a claim's outcome:
  choose = "claim" and text.<outcome> = "..." (text.anders: every other outcome).
A paragraph can be a list of sentences, [[block.sentences]], each a text as
above; a sentence whose text is "" is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor_pdf.errors import SpecError
from monitor_pdf.vocabulary import (
    BUILTIN,
    EDITIONS,
    GLOBAL_PREFIXES,
    GLOBALS,
    INTEGER_PARAMETERS,
    LIST_PARAMETERS,
    OTHERWISE,
    RULES,
)

PLACEHOLDER = re.compile(r"\{(@?)([A-Za-z_][A-Za-z0-9_]*)(?:\.([a-z_]+))?(?:\|([^|{}]*)\|([^|{}]*))?\}")
TEXT_FIELDS = ("text", "title", "number", "caption", "subtitle", "note")
SPECIAL_TABLES = ("header", "footer", "meta")


@dataclass(frozen=True)
class Template:
    """One text, or one text per outcome of the claim it chooses by."""
    where: str                                   # "texts.toml:12 [p1]": for messages
    text: str | None = None
    choose: str | None = None
    variants: tuple[tuple[str, str], ...] = ()   # (outcome, text)

    def pick(self, outcome: str | None) -> str:
        if self.choose is None:
            return self.text or ""
        found = dict(self.variants)
        return found[outcome] if outcome in found else found[OTHERWISE]

    def texts(self) -> list[str]:
        if self.choose is None:
            assert self.text is not None, "a template that chooses nothing has a text (_template)"
            return [self.text]
        return [t for _, t in self.variants]


@dataclass(frozen=True)
class ClaimSpec:
    name: str
    rule: str
    params: tuple[tuple[str, object], ...]
    line: int
    path: str

    def get(self, key: str, default=None):
        return dict(self.params).get(key, default)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class TextSpec:
    path: str
    fields: dict[str, dict[str, Template]]       # block (or header/footer/meta) -> field -> template
    sentences: dict[str, tuple[Template, ...]]   # block -> its sentences (they make its 'text')
    shared: dict[str, Template]                  # [sentence.NAME], used as {@NAME}
    claims: dict[str, ClaimSpec]
    raw: dict = field(repr=False)
    needed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)   # claim -> blocks that use it

    def users(self, claim: str) -> list[str]:
        """The blocks whose texts use a claim (for messages: 'needed by p_melden')."""
        return list(self.needed_by.get(claim, ()))

    def _find_users(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for block, templates in self._templates():
            names = {t.choose for t in templates if t.choose} | {
                n for t in templates for text in t.texts() for n in _claim_names(text)}
            for name in sorted(names):
                found.setdefault(name, []).append(block)
        return {name: tuple(blocks) for name, blocks in found.items()}

    def _templates(self):
        for block, fields in self.fields.items():
            yield block, list(fields.values()) + list(self.sentences.get(block, ()))
        for block in self.sentences.keys() - self.fields.keys():
            yield block, list(self.sentences[block])


def parse_texts(raw: dict, source: str, path: str, figure_ids: set[str]) -> TextSpec:
    lines = table_lines(source)
    where = lambda table, index=0: f"{path}:{_line(lines, table, index)} [{table}]"   # noqa: E731
    claims = {name: _claim(name, entry, path, _line(lines, f"claim.{name}")) for name, entry
              in raw.get("claim", {}).items()}
    shared = {name: _template(entry, "text", where(f"sentence.{name}"))
              for name, entry in raw.get("sentence", {}).items()}
    fields: dict[str, dict[str, Template]] = {}
    sentences: dict[str, tuple[Template, ...]] = {}
    for block, entry in raw.items():
        if block in ("claim", "sentence") or not isinstance(entry, dict):
            continue
        names = tuple(entry) if block in SPECIAL_TABLES else TEXT_FIELDS
        fields[block] = {name: _template(entry, name, where(block)) for name in names
                         if name in entry and name != "choose"}
        if "sentences" in entry:
            if "text" in entry:
                raise SpecError(f"{where(block)}: give either text or [[{block}.sentences]], not both")
            sentences[block] = tuple(_template(s, "text", where(f"{block}.sentences", i))
                                     for i, s in enumerate(entry["sentences"]))
    spec = TextSpec(path, fields, sentences, shared, claims, raw)
    spec.needed_by.update(spec._find_users())
    _check(spec, figure_ids)
    return spec


def _claim(name: str, entry: dict, path: str, line: int) -> ClaimSpec:
    where = f"{path}:{line} [claim.{name}]"
    if name in BUILTIN or name in GLOBALS:
        raise SpecError(f"{where}: '{name}' is a built-in name; choose another")
    rule = RULES.get(entry.get("rule", ""))
    if rule is None:
        raise SpecError(f"{where}: rule '{entry.get('rule', '')}' is not one of {', '.join(RULES)}")
    params = {k: v for k, v in entry.items() if k != "rule"}
    missing = [p for p in rule.required if p not in params]
    unknown = [p for p in params if p not in rule.required + rule.optional]
    if missing or unknown:
        raise SpecError(f"{where}: " + "; ".join(
            ([f"needs {', '.join(missing)}"] if missing else []) +
            ([f"does not take {', '.join(unknown)} (takes {', '.join(rule.required + rule.optional)})"]
             if unknown else [])))
    for key, value in params.items():
        if key in INTEGER_PARAMETERS and (not isinstance(value, int) or value < 1):
            raise SpecError(f"{where}: {key} must be a whole number from 1")
        if key in LIST_PARAMETERS and not (isinstance(value, list) and value
                                           and all(isinstance(v, str) for v in value)):
            raise SpecError(f"{where}: {key} must be a list of names")
        if key not in INTEGER_PARAMETERS + LIST_PARAMETERS and not isinstance(value, str):
            raise SpecError(f"{where}: {key} must be text")
        if key == "edition" and value not in EDITIONS:
            raise SpecError(f"{where}: edition must be one of {', '.join(EDITIONS)}")
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())
    return ClaimSpec(name, entry["rule"], frozen, line, path)


def _template(entry: dict, name: str, where: str) -> Template:
    value = entry.get(name)
    if isinstance(value, str):
        return Template(where, text=value)
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        if "choose" not in entry:
            raise SpecError(f"{where}: '{name}' has variants ({', '.join(value)}) but no choose")
        return Template(where, choose=str(entry["choose"]), variants=tuple(value.items()))
    raise SpecError(f"{where}: '{name}' must be text, or one text per outcome")


def _check(spec: TextSpec, figure_ids: set[str]) -> None:
    used: set[str] = set()
    for _, templates in spec._templates():
        for template in templates:
            used |= _check_template(spec, template, figure_ids)
    for template in spec.shared.values():
        used |= _check_template(spec, template, figure_ids)
    for claim in spec.claims.values():
        for other in claim.get("claims", ()):
            target = spec.claims.get(other)
            if target is None or target.rule != "value":
                raise SpecError(f"{claim.where}: claims: '{other}' is not a declared value claim")
            used.add(other)
    unused = sorted(set(spec.claims) - used)
    if unused:
        raise SpecError(f"{spec.claims[unused[0]].where}: claim '{unused[0]}' is declared but no text uses it")


def _check_template(spec: TextSpec, template: Template, figure_ids: set[str]) -> set[str]:
    used = set()
    if template.choose is not None:
        rule = _rule_of(spec, template.choose, template.where)
        keys = [k for k, _ in template.variants]
        wrong = [k for k in keys if k not in rule.outcomes + (OTHERWISE,)]
        if wrong:
            raise SpecError(f"{template.where}: '{template.choose}' has no outcome {', '.join(wrong)} "
                            f"(its outcomes: {', '.join(rule.outcomes)}, or {OTHERWISE})")
        uncovered = [o for o in rule.outcomes if o not in keys]
        if uncovered and OTHERWISE not in keys:
            raise SpecError(f"{template.where}: no text for outcome {', '.join(uncovered)} of "
                            f"'{template.choose}' (add it, or text.{OTHERWISE})")
        used.add(template.choose)
    for text in template.texts():
        for match in PLACEHOLDER.finditer(text):
            used |= _check_placeholder(spec, match, template.where, figure_ids)
    return used


def _check_placeholder(spec: TextSpec, match: re.Match, where: str, figure_ids: set[str]) -> set[str]:
    shared, name, form = match.group(1), _lower_first(match.group(2)), match.group(3)
    if shared:
        if match.group(2) not in spec.shared:
            raise SpecError(f"{where}: no [sentence.{match.group(2)}] for {match.group(0)}")
        return set()
    if form is None:
        known = name in GLOBALS or match.group(2) in GLOBALS or any(
            name.startswith(p) and name[len(p):] in figure_ids for p in GLOBAL_PREFIXES)
        if not known:
            raise SpecError(f"{where}: unknown placeholder {match.group(0)} (globals: {', '.join(GLOBALS)}, "
                            "figuur_<figure id>; a claim's form is written {claim.form})")
        return set()
    rule = _rule_of(spec, name, where)
    if form not in rule.forms:
        raise SpecError(f"{where}: {match.group(0)}: '{name}' has no form '{form}' "
                        f"(its forms: {', '.join(rule.forms) or 'none'})")
    return {name}


def _rule_of(spec: TextSpec, name: str, where: str):
    if name in BUILTIN:
        return BUILTIN[name]
    if name not in spec.claims:
        raise SpecError(f"{where}: no claim '{name}' (declare it as [claim.{name}])")
    return RULES[spec.claims[name].rule]


def _claim_names(text: str) -> set[str]:
    return {_lower_first(m.group(2)) for m in PLACEHOLDER.finditer(text) if m.group(3)}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def table_lines(source: str) -> dict[str, list[int]]:
    """Line numbers of the table headers ([a.b] and [[a.b]]): tomllib gives none."""
    found: dict[str, list[int]] = {}
    for number, text in enumerate(source.splitlines(), start=1):
        match = _HEADER.match(text)
        if match:
            name = ".".join(part.strip().strip('"') for part in match.group(2).split("."))
            found.setdefault(name, []).append(number)
    return found


def _line(lines: dict[str, list[int]], table: str, index: int = 0) -> int:
    found = lines.get(table) or lines.get(table.split(".")[0]) or [1]
    return found[min(index, len(found) - 1)]
