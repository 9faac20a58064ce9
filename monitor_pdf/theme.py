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
from itertools import pairwise
from pathlib import Path
from typing import Any

from monitor_pdf import resources
from monitor_pdf.errors import SpecError

CMYK = tuple[float, float, float, float]
TAC_LIMIT = 300   # % total area coverage: the most ink a hand-set [cmyk] value may ask for
# The type scale ([scale] in theme.toml): every size the factsheet prints is one
# of its steps. Print minimum, and few sizes with a visible step between them.
MIN_SIZE = 7.0    # pt: nothing smaller is printed (the illustrative mark * included)
MAX_STEPS = 8
MIN_STEP = 1.10   # each step at least 10% larger than the one below
# Colour that survives (WCAG 2.1 contrast, CIE L*): text at least TEXT_CONTRAST
# against what is behind it; a chart mark (bar, line, swatch) at least
# MARK_CONTRAST, else drawn with a keyline that is; the colours of series shown
# together at least SERIES_LIGHTNESS apart in L*, so they differ in greyscale.
TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0
SERIES_LIGHTNESS = 12.0


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
    step: str = ""         # the step of the type scale its size is


@dataclass(frozen=True)
class TypeScale:
    """The sizes the factsheet prints: (name, size, leading) in points, small to large."""
    steps: tuple[tuple[str, float, float], ...]

    def __getitem__(self, name: str) -> tuple[float, float]:
        for step, size, leading in self.steps:
            if step == name:
                return size, leading
        raise ValueError(f"size '{name}' is not a step of [scale] ({', '.join(s for s, _, _ in self.steps)})")

    @property
    def sizes(self) -> tuple[float, ...]:
        return tuple(size for _, size, _ in self.steps)


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
    list_value: TextStyle    # the share after a reason in a top-3 list
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
    grid: str = ""          # light reference lines in charts (default: rule)
    keyline: str = ""       # the edge of a chart mark lighter than MARK_CONTRAST on white (default: rule)

    def all(self) -> tuple[str, ...]:
        found: list[str] = []
        for f in fields(self):
            value = getattr(self, f.name)
            found.extend(value if isinstance(value, tuple) else (value,))
        return tuple(dict.fromkeys(c.upper() for c in found))


@dataclass(frozen=True)
class ChartStyle:
    """Everything a chart needs to know about the look (it travels with each request).
    One geometry for every chart: lengths in points, from [chart] in theme.toml."""
    text_size: float                 # every chart text: labels, values, legends (a step of the scale)
    text_leading: float
    bar: float                       # hbar: the thickness of a bar
    bar_gap: float                   # hbar: between two bars (at least)
    group_bar: float                 # grouped_hbar: each bar of a group
    group_bar_gap: float             # grouped_hbar: between the bars of a group
    group_gap: float                 # grouped_hbar: between two groups (at least)
    column: float                    # vertical bars: the width of a bar (at most)
    label_gap: float                 # category label to its bar
    value_gap: float                 # bar end to its value label
    legend_gap: float                # legend to plot
    caption_gap: float               # caption to chart (the figure box)
    note_gap: float                  # chart to note (the figure box)
    bar_color: str
    label_color: str
    value_color: str
    rule_color: str
    grid_color: str                  # light reference lines
    keyline_color: str               # the edge of a mark too light to stand out on its own (MARK_CONTRAST)
    highlight_band: str              # behind the factsheet's own unit in grouped vertical bars
    own_color: str                   # the factsheet's own unit
    muted_series: tuple[str, ...]    # the other units, by their place in the data
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
    scale: TypeScale = TypeScale(())

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


OPTIONAL_COLOURS = {"grid": "rule", "keyline": "rule"}   # a colour a theme may leave out, and the one it falls back to
CHART_LENGTHS = ("bar", "bar_gap", "group_bar", "group_bar_gap", "group_gap", "column", "label_gap",
                 "value_gap", "legend_gap", "caption_gap", "note_gap")


def _theme(raw: dict, where: str) -> Theme:
    named = dict(raw["colours"])
    for key, fallback in OPTIONAL_COLOURS.items():
        named.setdefault(key, named[fallback])
    by_field: dict[str, Any] = {f.name: tuple(_hex(c) for c in named[f.name]) if f.type.startswith("tuple")
                                else _hex(named[f.name]) for f in fields(Colours)}
    colours = Colours(**by_field)
    fonts = raw["fonts"]
    faces = (("regular", FontFace(fonts["family"], fonts["regular"])),
             ("bold", FontFace(f"{fonts['family']}-Bold", fonts["bold"])))
    for _, face in faces:
        if not (resources.fonts_dir() / face.file).is_file():
            raise ValueError(f"[fonts] '{face.file}' is not in {resources.fonts_dir()}")
    scale = _scale(raw["scale"])
    styles = {}
    for f in fields(Typography):
        entry = raw["type"][f.name]
        if len(entry) != 3 or not isinstance(entry[0], str):
            raise ValueError(f"[type] {f.name}: give [step, face, colour], the step a name in [scale] "
                             f"(not {entry!r})")
        step, face, colour = entry
        if face not in dict(faces):
            raise ValueError(f"[type] {f.name}: face '{face}' is not regular or bold")
        size, leading = scale[step]
        styles[f.name] = TextStyle(size, leading, face, _colour(named, colour, f"[type] {f.name}"), step)
    c, chart = colours, raw["chart"]
    text_size, text_leading = scale[chart["text"]]
    lengths = {key: float(chart[key]) for key in CHART_LENGTHS}
    for key, value in lengths.items():
        if value < 0:
            raise ValueError(f"[chart] {key} = {value}: a length is not negative")
    chart_style = ChartStyle(
        text_size=text_size, text_leading=text_leading, **lengths,
        bar_color=c.primary, label_color=c.text, value_color=c.muted_text, rule_color=c.rule, grid_color=c.grid,
        keyline_color=c.keyline,
        highlight_band=c.tint, own_color=c.primary, muted_series=c.muted_series, year_ramp=c.year_ramp,
        line_series=c.line_series, scale_highlight=c.scale_highlight, scale_other=c.scale_other,
        family=fonts["family"], faces=faces)
    cmyk = tuple((_hex(k).upper(), _cmyk(k, v)) for k, v in raw.get("cmyk", {}).items())
    return Theme(colours, Typography(**styles), chart_style, faces, cmyk, where, scale)


def _scale(raw: dict) -> TypeScale:
    """[scale]: name = [size, leading], checked against the print minimum and
    for a clear step between sizes."""
    steps = []
    for name, value in raw.items():
        if not isinstance(value, list) or len(value) != 2:
            raise ValueError(f"[scale] {name}: give [size, leading] in points")
        size, leading = float(value[0]), float(value[1])
        if size < MIN_SIZE:
            raise ValueError(f"[scale] {name}: '{value[0]}' pt is under the print minimum of {MIN_SIZE:g} pt")
        if leading < size:
            raise ValueError(f"[scale] {name}: leading '{value[1]}' is less than its size")
        steps.append((name, size, leading))
    steps.sort(key=lambda step: step[1])
    if not steps or len(steps) > MAX_STEPS:
        raise ValueError(f"[scale] has {len(steps)} sizes; a factsheet uses 1 to {MAX_STEPS}")
    for (low, a, _), (high, b, _) in pairwise(steps):
        if b < a * MIN_STEP - 1e-9:
            raise ValueError(f"[scale] '{high}' ({b:g} pt) is too close to '{low}' ({a:g} pt): "
                             f"make each size at least {round((MIN_STEP - 1) * 100)}% larger than the one below")
    return TypeScale(tuple(steps))


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of "#rrggbb" (sRGB)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def lightness(colour: str) -> float:
    """CIE L* (D65) of an sRGB colour: 0 black to 100 white, what a greyscale print keeps."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else 24389 / 27 * y


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
