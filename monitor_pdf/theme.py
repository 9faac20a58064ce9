"""Colours, fonts and type sizes as data: a factsheet kind's theme.toml.

Leaf module (standard library only), read by the charts stage (matplotlib) and
the render stage (reportlab) alike, so a chart and the page around it can
never disagree about a colour or a font. Colours are sRGB hex strings. The
pipeline makes the kind's theme current (`use`) before it lays out and draws
a factsheet; charts get theirs in each request (ChartStyle).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from monitor_pdf import resources
from monitor_pdf.errors import SpecError

CMYK = tuple[float, float, float, float]
TAC_LIMIT = 300   # % total area coverage: the most ink a hand-set [cmyk] value may ask for


@dataclass(frozen=True)
class FontFace:
    name: str   # the name registered in reportlab and matplotlib
    file: str   # file name in fonts/


@dataclass(frozen=True)
class TextStyle:
    size: float            # pt
    leading: float         # pt
    face: str = "regular"  # key of Theme.faces
    color: str = "#1A1A1A"


@dataclass(frozen=True)
class Typography:
    title: TextStyle
    subtitle: TextStyle
    laag: TextStyle
    running_title: TextStyle
    running_laag: TextStyle
    h1: TextStyle
    h2: TextStyle
    body: TextStyle
    caption: TextStyle
    note: TextStyle
    warning: TextStyle
    callout: TextStyle
    big_number: TextStyle
    list_title: TextStyle
    list_item: TextStyle
    list_number: TextStyle
    footer: TextStyle


@dataclass(frozen=True)
class Colours:
    primary: str
    text: str
    muted_text: str
    tint: str
    rule: str
    warning: str
    white: str
    scale_highlight: str
    scale_other: str
    muted_series: tuple[str, ...]
    year_ramp: tuple[str, ...]
    line_series: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        found: list[str] = []
        for f in fields(self):
            value = getattr(self, f.name)
            found.extend(value if isinstance(value, tuple) else (value,))
        return tuple(dict.fromkeys(c.upper() for c in found))


@dataclass(frozen=True)
class ChartStyle:
    """Everything a chart needs to know about the look (it travels with each request)."""
    label_size: float
    value_size: float
    legend_size: float
    label_leading: float
    max_bar: float
    max_group_bar: float
    bar_color: str
    label_color: str
    value_color: str
    rule_color: str
    highlight_band: str              # behind the factsheet's own unit in grouped vertical bars
    own_color: str                   # the factsheet's own unit
    muted_series: tuple[str, ...]    # the other units
    year_ramp: tuple[str, ...]
    line_series: tuple[str, ...]
    scale_highlight: str
    scale_other: str
    family: str
    faces: tuple[tuple[str, FontFace], ...]


@dataclass(frozen=True)
class Theme:
    colours: Colours
    type: Typography
    chart: ChartStyle
    faces: tuple[tuple[str, FontFace], ...]   # regular, bold
    cmyk: tuple[tuple[str, CMYK], ...] = ()
    source: str = ""

    @property
    def palette(self) -> tuple[str, ...]:
        """Every colour the factsheet may use; the print profile refuses any other."""
        return self.colours.all()

    def face(self, key: str) -> FontFace:
        return dict(self.faces)[key]

    def to_cmyk(self, hex_colour: str, convert: Callable[[str], CMYK]) -> CMYK:
        """The print (CMYK, 0..1) value of a screen (sRGB) colour: the hand-set value
        from [cmyk] if there is one (a brand colour with a defined CMYK value);
        otherwise `convert`'s, the conversion through the print condition's ICC
        profile (render/colour.py: this module is a leaf and converts nothing)."""
        key = hex_colour.upper()
        set_by_hand = dict(self.cmyk)
        if key in set_by_hand:
            return set_by_hand[key]
        return convert(key)


def load_theme(path: Path) -> Theme:
    """A theme.toml, checked: every colour a hex value, every style complete, the
    fonts present in fonts/. Problems name the file."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path}: {exc}") from None
    try:
        return _theme(raw, str(path))
    except KeyError as exc:
        raise SpecError(f"{path}: {exc.args[0]} is missing") from None
    except (TypeError, ValueError) as exc:
        raise SpecError(f"{_where(Path(path), str(exc))}: {exc}") from None


def _where(path: Path, message: str) -> str:
    """The file, and the line of the value a message quotes ('groen' -> the line that says groen)."""
    quoted = re.search(r"'([^']+)'", message)
    if quoted:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if quoted.group(1) in line and not line.lstrip().startswith("#"):
                return f"{path}:{number}"
    return str(path)


def _theme(raw: dict, where: str) -> Theme:
    named = raw["colours"]
    by_field: dict[str, Any] = {f.name: tuple(_hex(c) for c in named[f.name]) if f.type.startswith("tuple")
                                else _hex(named[f.name]) for f in fields(Colours)}
    colours = Colours(**by_field)
    fonts = raw["fonts"]
    faces = (("regular", FontFace(fonts["family"], fonts["regular"])),
             ("bold", FontFace(f"{fonts['family']}-Bold", fonts["bold"])))
    for _, face in faces:
        if not (resources.fonts_dir() / face.file).is_file():
            raise ValueError(f"[fonts] '{face.file}' is not in {resources.fonts_dir()}")
    styles = {}
    for f in fields(Typography):
        size, leading, face, colour = raw["type"][f.name]
        if face not in dict(faces):
            raise ValueError(f"[type] {f.name}: face '{face}' is not regular or bold")
        styles[f.name] = TextStyle(float(size), float(leading), face, _colour(named, colour, f"[type] {f.name}"))
    c, chart = colours, raw["chart"]
    chart_style = ChartStyle(
        float(chart["label_size"]), float(chart["value_size"]), float(chart["legend_size"]),
        float(chart["label_leading"]), float(chart["max_bar"]), float(chart["max_group_bar"]),
        c.primary, c.text, c.muted_text, c.rule, c.tint, c.primary, c.muted_series, c.year_ramp, c.line_series,
        c.scale_highlight, c.scale_other, fonts["family"], faces)
    cmyk = tuple((_hex(k).upper(), _cmyk(k, v)) for k, v in raw.get("cmyk", {}).items())
    return Theme(colours, Typography(**styles), chart_style, faces, cmyk, where)


def _hex(value: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"'{value}' is not a colour (#rrggbb)")
    return value.upper()


def _cmyk(key: str, values: list[float]) -> CMYK:
    if len(values) != 4:
        raise ValueError(f"[cmyk] '{key}' needs four values (c, m, y, k), not {len(values)}")
    c, m, y, k = (float(x) for x in values)
    if not all(0 <= v <= 1 for v in (c, m, y, k)):
        raise ValueError(f"[cmyk] '{key}': each of c, m, y, k is between 0 and 1")
    if round((c + m + y + k) * 100, 6) > TAC_LIMIT:
        raise ValueError(f"[cmyk] '{key}': {(c + m + y + k) * 100:.0f}% ink in total, more than the "
                         f"{TAC_LIMIT}% a press sheet takes")
    return c, m, y, k


def _colour(named: dict, name: str, where: str) -> str:
    if name not in named or not isinstance(named[name], str):
        raise ValueError(f"{where}: colour '{name}' is not one of [colours]")
    return _hex(named[name])


DEFAULT_THEME = load_theme(resources.factsheet_dir() / "theme.toml")
_CURRENT = [DEFAULT_THEME]


def use(theme: Theme) -> None:
    """Make a kind's theme the one layout and rendering read (process-wide)."""
    _CURRENT[0] = theme


def current() -> Theme:
    return _CURRENT[0]
