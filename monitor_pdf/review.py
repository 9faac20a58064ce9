"""Review what changed between two builds: their factsheets compared by what they
say (the records beside the PDFs, sidecar.py), not by their pixels. Leaf module:
standard library only (difflib for the word-level diff).

Per factsheet: the values that changed (figure, item, old -> new, with the
illustrative mark), items, series, figures and lists added or removed, the
sentences that changed (word by word, old and new one above the other), and the
claims whose outcome or word-choosing decisions changed; factsheets added or
removed. Nothing is reported for what did not change. Factsheets are paired by
file name; a screen and a print file with the same changes are reported once.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from monitor_pdf.sidecar import FactsheetRecord, RecordError, pdf_sha256, read_record, records_in

ARROW = "→"


@dataclass(frozen=True)
class ValueChange:
    block: str
    label: str                 # "Figuur 5", or a list's title
    item: str
    series: str                # "" where the figure has one series (and in lists)
    old: str | None            # as printed, without the mark; None: a gap (no data)
    new: str | None
    old_illustrative: bool = False
    new_illustrative: bool = False
    old_rank: int | None = None    # lists
    new_rank: int | None = None


@dataclass(frozen=True)
class ShownChange:
    """A figure or list, an item or a series of one, that is there on one side only."""
    block: str
    label: str
    what: str                  # figure | list | item | series
    name: str
    change: str                # added | removed
    values: tuple[str, ...] = ()   # what it shows(ed): "Provincies 41%*", ...


@dataclass(frozen=True)
class SentenceChange:
    block: str
    field: str                 # text, title, caption, note, number, ...
    old: str | None            # None: a new sentence
    new: str | None            # None: a sentence that is gone
    words: tuple[tuple[str, str], ...] = ()   # ("=", same) ("-", old words) ("+", new words)


@dataclass(frozen=True)
class Difference:
    what: str                  # outcome, or a decision: band, relations, group, ...
    old: Any
    new: Any


@dataclass(frozen=True)
class ClaimChange:
    name: str
    rule: str
    blocks: tuple[str, ...]    # the texts that rest on it
    change: str                # changed | added | removed
    differences: tuple[Difference, ...] = ()


@dataclass
class FactsheetDiff:
    files: list[str]           # the PDFs (a screen and a print file with the same changes: both)
    kind: str
    laag: str
    jaar: int | None
    status: str                # changed | added | removed
    values: list[ValueChange] = field(default_factory=list)
    shown: list[ShownChange] = field(default_factory=list)
    sentences: list[SentenceChange] = field(default_factory=list)
    claims: list[ClaimChange] = field(default_factory=list)

    def same_changes(self, other: FactsheetDiff) -> bool:
        return (self.kind, self.laag, self.jaar, self.status, self.values, self.shown, self.sentences,
                self.claims) == (other.kind, other.laag, other.jaar, other.status, other.values, other.shown,
                                 other.sentences, other.claims)


@dataclass
class Report:
    old: str
    new: str
    compared: int                               # factsheets on both sides
    factsheets: list[FactsheetDiff]             # only those with a change
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.factsheets)


# ----------------------------------------------------------------- reading


@dataclass(frozen=True)
class Side:
    path: Path
    records: dict[str, FactsheetRecord]        # by PDF name
    warnings: tuple[str, ...] = ()


def read_side(path: Path) -> Side:
    """The records of a build folder, or of one factsheet (its PDF or its record)."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    if not path.exists():
        raise RecordError(f"{path}: no such folder or file")
    if path.suffix.lower() == ".pdf":
        record_path = path.with_suffix(".json")
        if not record_path.is_file():
            raise RecordError(f"{path}: no factsheet record beside it ({record_path.name}); it was built by a "
                              "monitor-pdf from before records, or the record was removed: build it again")
        record = read_record(record_path)
        return Side(path, {path.name: record}, tuple(_mismatch(path, record)))
    record = read_record(path)
    pdf = path.with_suffix(".pdf")
    return Side(path, {pdf.name: record}, tuple(_mismatch(pdf, record)))


def _read_folder(folder: Path) -> Side:
    found = records_in(folder)
    if not found:
        pdfs = sorted(folder.glob("*.pdf"))
        if pdfs:
            raise RecordError(f"{folder}: {len(pdfs)} PDF{'s' if len(pdfs) > 1 else ''} but no factsheet records "
                              "beside them: built by a monitor-pdf from before records; build it again")
        raise RecordError(f"{folder}: no factsheet records (the .json files build and batch write beside "
                          "each PDF)")
    records, warnings = {}, []
    for path in found:
        record = read_record(path)
        pdf = path.with_suffix(".pdf")
        records[pdf.name] = record
        warnings += _mismatch(pdf, record)
    return Side(folder, records, tuple(warnings))


def _mismatch(pdf: Path, record: FactsheetRecord) -> list[str]:
    """A record beside a PDF it does not describe (a build stopped between the two writes)."""
    expected = record["factsheet"].get("pdf_sha256")
    if expected and pdf.is_file() and pdf_sha256(pdf.read_bytes()) != expected:
        return [(f"{pdf.with_suffix('.json')} does not describe the {pdf.name} beside it (its sha256 differs); "
                 "build it again")]
    return []


def compare_paths(old: Path, new: Path) -> Report:
    """Two build folders, or two factsheets (PDFs or records)."""
    old_side, new_side = read_side(old), read_side(new)
    if Path(old).is_dir() != Path(new).is_dir():
        raise RecordError(f"compare two folders or two factsheets, not a folder with a file ({old}, {new})")
    if not Path(old).is_dir():          # two single factsheets: paired whatever their names
        (old_name, old_record), = old_side.records.items()
        (new_name, new_record), = new_side.records.items()
        name = new_name if old_name == new_name else f"{old_name} {ARROW} {new_name}"
        old_side = Side(old_side.path, {name: old_record}, old_side.warnings)
        new_side = Side(new_side.path, {name: new_record}, new_side.warnings)
    report = compare(old_side.records, new_side.records, str(old), str(new))
    report.warnings = [*old_side.warnings, *new_side.warnings]
    return report


# ----------------------------------------------------------------- comparing


def compare(old: dict[str, FactsheetRecord], new: dict[str, FactsheetRecord], old_name: str = "old",
            new_name: str = "new") -> Report:
    """What changed from `old` to `new` (records by PDF name)."""
    found: list[FactsheetDiff] = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            found.append(_whole(name, old[name], "removed"))
        elif name not in old:
            found.append(_whole(name, new[name], "added"))
        else:
            diff = _whole(name, new[name], "changed")
            diff.values, diff.shown = _values(old[name]["values"], new[name]["values"])
            diff.sentences = _texts(old[name]["texts"], new[name]["texts"])
            diff.claims = _claims(old[name]["claims"], new[name]["claims"])
            if diff.values or diff.shown or diff.sentences or diff.claims:
                found.append(diff)
    merged: list[FactsheetDiff] = []
    for diff in found:
        if merged and merged[-1].same_changes(diff):
            merged[-1].files += diff.files
        else:
            merged.append(diff)
    return Report(old_name, new_name, len(set(old) & set(new)), merged)


def _whole(name: str, record: FactsheetRecord, status: str) -> FactsheetDiff:
    about = record["factsheet"]
    return FactsheetDiff([name], str(about.get("kind", "")), str(about.get("laag", "")), about.get("jaar"), status)


def _cell_key(value: dict[str, Any]) -> tuple[str, str]:
    return str(value.get("item", "")), str(value.get("series", ""))


def _blocks(values: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for value in values:
        found.setdefault(str(value["block"]), []).append(value)
    return found


def _printed(value: dict[str, Any]) -> str:
    shown = value.get("value")
    return "–" if shown is None else f"{shown}{'*' if value.get('illustrative') else ''}"


def _values(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[list[ValueChange], list[ShownChange]]:
    changes: list[ValueChange] = []
    shown: list[ShownChange] = []
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    for block in [*new_blocks, *(b for b in old_blocks if b not in new_blocks)]:
        before, after = old_blocks.get(block, []), new_blocks.get(block, [])
        any_value = (after or before)[0]
        label = str(any_value.get("label", block))
        what = "list" if "rank" in any_value else "figure"
        if not before or not after:
            gone = not after
            values = before if gone else after
            single = len({_cell_key(v)[1] for v in values}) == 1
            shown.append(ShownChange(block, label, what, label, "removed" if gone else "added",
                                     tuple(_named(v, single) for v in values)))
            continue
        value_changes, shown_changes = _block_values(block, label, before, after)
        changes += value_changes
        shown += shown_changes
    return changes, shown


def _named(value: dict[str, Any], single_series: bool = False) -> str:
    """A value with what it is of: 'Intern gemeld 30%', 'Verbale agressie, Provincies 46%'."""
    parts = [str(value.get("item", ""))]
    if value.get("series") and not single_series:
        parts.append(str(value["series"]))
    rank = f"{value['rank']}. " if value.get("rank") is not None else ""
    return f"{rank}{', '.join(parts)} {_printed(value)}"


def _block_values(block: str, label: str, before: list[dict[str, Any]],
                  after: list[dict[str, Any]]) -> tuple[list[ValueChange], list[ShownChange]]:
    """One figure or list on both sides: items and series gone or new, then each value in both."""
    old_cells, new_cells = {_cell_key(v): v for v in before}, {_cell_key(v): v for v in after}
    items = [dict.fromkeys(k[0] for k in cells) for cells in (old_cells, new_cells)]
    series = [dict.fromkeys(k[1] for k in cells) for cells in (old_cells, new_cells)]
    single = len(series[0]) == 1 and len(series[1]) == 1
    shown: list[ShownChange] = []
    for what, axis, index in (("item", items, 0), ("series", series, 1)):
        for change, side, other, cells in (("removed", axis[0], axis[1], old_cells),
                                           ("added", axis[1], axis[0], new_cells)):
            for name in side:
                if name not in other:
                    values = tuple(_named(v, True) if what == "series" else _printed_in(v, single)
                                   for k, v in cells.items() if k[index] == name)
                    shown.append(ShownChange(block, label, what, name, change, values))
    changes = []
    for key in [*new_cells, *(k for k in old_cells if k not in new_cells)]:
        if key[0] not in items[0] or key[0] not in items[1] or key[1] not in series[0] or key[1] not in series[1]:
            continue                      # reported above, with its item or series
        was, now = old_cells.get(key, {}), new_cells.get(key, {})
        if (was.get("value"), bool(was.get("illustrative")), was.get("rank")) != (
                now.get("value"), bool(now.get("illustrative")), now.get("rank")):
            changes.append(ValueChange(block, label, key[0], "" if single else key[1], was.get("value"),
                                       now.get("value"), bool(was.get("illustrative")),
                                       bool(now.get("illustrative")), was.get("rank"), now.get("rank")))
    return changes, shown


def _printed_in(value: dict[str, Any], single_series: bool) -> str:
    """A value of an item that came or went: with its series where the figure has several."""
    series = "" if single_series or not value.get("series") else f"{value['series']} "
    rank = f"{value['rank']}. " if value.get("rank") is not None else ""
    return f"{rank}{series}{_printed(value)}"


def _texts(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[SentenceChange]:
    """Texts by block and field; within one, sentences matched in order, each
    changed one paired with the one that took its place, word by word."""
    before = {(str(t["block"]), str(t["field"])): [str(s) for s in t["sentences"]] for t in old}
    after = {(str(t["block"]), str(t["field"])): [str(s) for s in t["sentences"]] for t in new}
    changes: list[SentenceChange] = []
    for key in [*after, *(k for k in before if k not in after)]:
        was, now = before.get(key, []), after.get(key, [])
        matcher = difflib.SequenceMatcher(None, was, now, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            olds, news = was[i1:i2], now[j1:j2]
            for k in range(max(len(olds), len(news))):
                a = olds[k] if k < len(olds) else None
                b = news[k] if k < len(news) else None
                changes.append(SentenceChange(key[0], key[1], a, b, word_diff(a or "", b or "")))
    return changes


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word by word (words, numbers and punctuation apart, the spaces kept):
    ("=", text in both), ("-", text only in old), ("+", text only in new). The
    parts joined give old (leaving out "+") and new (leaving out "-") exactly."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str, str]] = []         # (op, old text, new text)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append(("=" if tag == "equal" else "~", "".join(a[i1:i2]), "".join(b[j1:j2])))
    merged: list[tuple[str, str, str]] = []
    for n, (kind, was, now) in enumerate(runs):
        between = 0 < n < len(runs) - 1 and kind == "=" and not was.strip()
        if between or kind == "~":                # a space alone between two changes belongs to them
            if merged and merged[-1][0] == "~":
                merged[-1] = ("~", merged[-1][1] + was, merged[-1][2] + now)
                continue
            merged.append(("~", was, now))
        else:
            merged.append((kind, was, now))
    parts: list[tuple[str, str]] = []
    for kind, was, now in merged:
        if kind == "=":
            parts.append(("=", was))
            continue
        parts += [("-", was)] if was else []
        parts += [("+", now)] if now else []
    return tuple(parts)


def _claims(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[ClaimChange]:
    before, after = {str(c["name"]): c for c in old}, {str(c["name"]): c for c in new}
    changes = []
    for name in [*after, *(n for n in before if n not in after)]:
        was, now = before.get(name), after.get(name)
        claim = now or was
        assert claim is not None
        blocks = tuple(str(b) for b in claim.get("blocks", ()))
        if was is None or now is None:
            changes.append(ClaimChange(name, str(claim.get("rule", "")), blocks,
                                       "added" if was is None else "removed",
                                       (Difference("outcome", None if was is None else was.get("outcome"),
                                                   None if now is None else now.get("outcome")),)))
            continue
        differences = []
        if was.get("outcome") != now.get("outcome"):
            differences.append(Difference("outcome", was.get("outcome"), now.get("outcome")))
        old_decisions, new_decisions = was.get("decisions", {}), now.get("decisions", {})
        for key in sorted(set(old_decisions) | set(new_decisions)):
            if old_decisions.get(key) != new_decisions.get(key):
                differences.append(Difference(key, old_decisions.get(key), new_decisions.get(key)))
        if differences:
            changes.append(ClaimChange(name, str(now.get("rule", "")), blocks, "changed", tuple(differences)))
    return changes


# ----------------------------------------------------------------- writing


def _heading(diff: FactsheetDiff) -> str:
    about = ", ".join(str(p) for p in (diff.kind, f"{diff.laag} {diff.jaar or ''}".strip()) if p)
    return f"{', '.join(diff.files)}" + (f" ({about})" if about else "")


def _where(block: str, field_name: str) -> str:
    return block if field_name == "text" else f"{block} ({field_name})"


def _plain(value: Any) -> str:
    """A decision as a reader takes it in: lists in brackets, words as they are."""
    if value is None:
        return "–"
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return str(value)


def value_line(change: ValueChange) -> str:
    """'Figuur 5 (fig5), Intern gemeld: 30% → 33%'."""
    where = ", ".join(p for p in (f"{change.label} ({change.block})", change.item, change.series) if p)
    return f"{where}: {_value_text(change, 'old')} {ARROW} {_value_text(change, 'new')}"


def _value_text(change: ValueChange, side: str) -> str:
    value, marked = (change.old, change.old_illustrative) if side == "old" else (change.new, change.new_illustrative)
    rank = change.old_rank if side == "old" else change.new_rank
    ranked = f"{rank}. " if rank is not None and change.old_rank != change.new_rank else ""
    return ranked + ("–" if value is None else f"{value}{'*' if marked else ''}")


def shown_line(change: ShownChange) -> str:
    if change.what in ("figure", "list"):
        head = f"{change.what} {change.label} ({change.block}) {change.change}"
    else:
        head = f"{change.label} ({change.block}): {change.what} '{change.name}' {change.change}"
    return head + (f": {', '.join(change.values)}" if change.values else "")


def claim_line(change: ClaimChange) -> str:
    """'intern_gemeld (value; p_melden): band drie_op_de_tien → een_derde'."""
    rests = f"; {', '.join(change.blocks)}" if change.blocks else ""
    return f"{change.name} ({change.rule}{rests}): {claim_change(change)}"


def claim_change(change: ClaimChange) -> str:
    if change.change != "changed":
        first = change.differences[0] if change.differences else None
        outcome = (first.new if change.change == "added" else first.old) if first else None
        return f"claim {change.change}" + (f" (outcome {outcome})" if outcome is not None else "")
    return "; ".join(f"{d.what} {_plain(d.old)} {ARROW} {_plain(d.new)}" for d in change.differences)


_MARKS = {"plain": {"-": ("[-", "-]"), "+": ("{+", "+}")},
          "colour": {"-": ("\x1b[31m", "\x1b[0m"), "+": ("\x1b[32m", "\x1b[0m")},
          "markdown": {"-": ("~~", "~~"), "+": ("**", "**")}}


def sentence_sides(change: SentenceChange, style: str = "plain") -> tuple[str | None, str | None]:
    """The old and the new sentence, each with its own changed words marked
    (spaces at the edge of a change are left outside its marks)."""
    marks = _MARKS[style]
    escape = _md if style == "markdown" else (lambda text: text)

    def side(keep: str) -> str:
        out = []
        for op, text in change.words:
            if op == "=":
                out.append(escape(text))
            elif op == keep:
                core = text.strip()
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
                out.append(lead + marks[op][0] + escape(core) + marks[op][1] + trail if core else text)
        return "".join(out)

    return (None if change.old is None else side("-"), None if change.new is None else side("+"))


def as_text(report: Report, colour: bool = False) -> str:
    """For a terminal; empty when nothing changed."""
    lines: list[str] = []
    for diff in report.factsheets:
        if diff.status != "changed":
            lines.append(f"{_heading(diff)}: {diff.status}")
            continue
        lines.append(_heading(diff))
        if diff.values or diff.shown:
            lines.append("  values")
            lines += [f"    {value_line(c)}" for c in diff.values]
            lines += [f"    {shown_line(c)}" for c in diff.shown]
        if diff.sentences:
            lines.append("  sentences")
            last = None
            for change in diff.sentences:
                if (change.block, change.field) != last:
                    lines.append(f"    {_where(change.block, change.field)}")
                    last = (change.block, change.field)
                old, new = sentence_sides(change, "colour" if colour else "plain")
                lines += [f"      - {old}"] if old is not None else []
                lines += [f"      + {new}"] if new is not None else []
        if diff.claims:
            lines.append("  claims")
            lines += [f"    {claim_line(c)}" for c in diff.claims]
    if lines:
        lines.append(summary(report))
    return "\n".join(lines) + ("\n" if lines else "")


def summary(report: Report) -> str:
    counts = {s: sum(len(d.files) for d in report.factsheets if d.status == s)
              for s in ("changed", "added", "removed")}
    said = [f"{n} {s}" for s, n in counts.items() if n]
    first = next((n for n in counts.values() if n), 0)
    said[0] = said[0].replace(" ", f" factsheet{'s' if first != 1 else ''} ", 1) if said else "no factsheet changed"
    return f"{', '.join(said)} (of {report.compared} compared)"


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]|#<>])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def as_markdown(report: Report) -> str:
    """For a pull request's job summary; empty when nothing changed."""
    out: list[str] = []
    gone = [d for d in report.factsheets if d.status != "changed"]
    for diff in report.factsheets:
        if diff.status != "changed":
            continue
        out += [f"### {_md(_heading(diff))}", ""]
        if diff.values or diff.shown:
            out += ["| figure | item | old | new |", "|---|---|---|---|"]
            out += [f"| {_md(c.label)} ({_md(c.block)}) | {_md(', '.join(p for p in (c.item, c.series) if p))} "
                    f"| {_md(_value_text(c, 'old'))} | {_md(_value_text(c, 'new'))} |" for c in diff.values]
            out += [f"| {_md(c.label)} ({_md(c.block)}) | {c.what} {_md(c.name)} {c.change} "
                    f"| {_md(', '.join(c.values)) if c.change == 'removed' else ''} "
                    f"| {_md(', '.join(c.values)) if c.change == 'added' else ''} |" for c in diff.shown]
            out.append("")
        if diff.sentences:
            out += ["| text | old | new |", "|---|---|---|"]
            for change in diff.sentences:
                old, new = sentence_sides(change, "markdown")
                out.append(f"| {_md(_where(change.block, change.field))} | {old or ''} | {new or ''} |")
            out.append("")
        if diff.claims:
            out += ["| claim | rule | texts | change |", "|---|---|---|---|"]
            out += [f"| {_md(c.name)} | {_md(c.rule)} | {_md(', '.join(c.blocks))} | {_md(claim_change(c))} |"
                    for c in diff.claims]
            out.append("")
    if gone:
        out += [f"- {_md(_heading(d))}: **{d.status}**" for d in gone] + [""]
    if out:
        out.append(f"_{_md(summary(report))}_")
    return "\n".join(out) + ("\n" if out else "")


def as_json(report: Report) -> str:
    """Every change as data (always a document, `changed` false when there is none)."""
    data = {"old": report.old, "new": report.new, "changed": report.changed, "compared": report.compared,
            "factsheets": [asdict(d) for d in report.factsheets]}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
