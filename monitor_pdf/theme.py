"""Colours, fonts and type sizes: the one place that says what the factsheet looks like.

Leaf module (standard library only), read by the charts stage (matplotlib) and
the render stage (reportlab) alike, so a chart and the page around it can never
disagree about a colour or a font. Colours are sRGB hex strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Palette: a dark "lintblauw" for headings and the highlighted series, light
# blues for the other series, a tint for boxes. Chosen to stay distinct when
# printed and to keep text contrast above WCAG AA on white and on the tint.
PRIMARY = "#154273"      # headings, header band, highlighted series
TEXT = "#1A1A1A"
MUTED_TEXT = "#555555"   # captions, notes, value labels
TINT = "#E4EDF5"         # callout and top-3 boxes
RULE = "#8A8A8A"         # chart baselines
WARNING = "#A8321E"      # the notice about illustrative values
WHITE = "#FFFFFF"

# Figures 3, 8, 9: the factsheet's own bestuurslaag is drawn in PRIMARY, the
# others in these muted colours, in data order.
MUTED_SERIES = ("#8FCAE7", "#B9B9B9", "#CFE3F0", "#D9D9D9")

# Figure 3: one bar per survey year, light (old) to dark (new).
YEAR_RAMP = ("#D5E5F1", "#B4CFE4", "#8DB3D3", "#5E8FBC", "#356C9D", "#154273")

# Figure 7: one line per item.
LINE_SERIES = ("#154273", "#E17000", "#39870C", "#8FCAE7")

# Figure 2: highlighted scale points ((zeer) ernstig) and the rest.
SCALE_HIGHLIGHT = PRIMARY
SCALE_OTHER = "#8FCAE7"

# Every colour the factsheet may use. The print profile refuses any other, so
# a stray default colour from a library cannot reach the press.
PALETTE = tuple(dict.fromkeys((PRIMARY, TEXT, MUTED_TEXT, TINT, RULE, WARNING, WHITE, SCALE_OTHER,
                               *MUTED_SERIES, *YEAR_RAMP, *LINE_SERIES)))

# Print values for colours whose CMYK is set by hand (c, m, y, k in 0..1);
# every other colour is converted by to_cmyk().
CMYK_OVERRIDES: dict[str, tuple[float, float, float, float]] = {}


def to_cmyk(hex_colour: str) -> tuple[float, float, float, float]:
    """The print (CMYK) value of a screen (sRGB) colour.

    An override from CMYK_OVERRIDES if there is one; otherwise the standard
    uncalibrated conversion k = 1 - max(r, g, b), c = (1 - r - k) / (1 - k)
    (likewise m, y), rounded to whole percent. Greys become pure black ink (no
    rich black in text), white becomes no ink. It is not colour-managed: a
    print shop that works to a press profile sets its values in CMYK_OVERRIDES.
    """
    key = hex_colour.upper()
    if key in CMYK_OVERRIDES:
        return CMYK_OVERRIDES[key]
    r, g, b = (int(key[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round(v, 2) for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))


@dataclass(frozen=True)
class FontFace:
    name: str   # the name registered in reportlab and matplotlib
    file: str   # file name in fonts/


FONT_FAMILY = "Lato"
FONT_FACES = {
    "regular": FontFace("Lato", "Lato-Regular.ttf"),
    "bold": FontFace("Lato-Bold", "Lato-Bold.ttf"),
    "italic": FontFace("Lato-Italic", "Lato-Italic.ttf"),
}


@dataclass(frozen=True)
class TextStyle:
    size: float            # pt
    leading: float         # pt
    face: str = "regular"  # key of FONT_FACES
    color: str = TEXT


@dataclass(frozen=True)
class Typography:
    title: TextStyle = TextStyle(17, 20, "bold", WHITE)
    subtitle: TextStyle = TextStyle(10.5, 13, "regular", WHITE)
    laag: TextStyle = TextStyle(20, 24, "bold", WHITE)
    running_title: TextStyle = TextStyle(10, 12, "bold", WHITE)
    running_laag: TextStyle = TextStyle(11, 13, "bold", WHITE)
    h1: TextStyle = TextStyle(14, 17, "bold", PRIMARY)
    h2: TextStyle = TextStyle(10.5, 13, "bold", PRIMARY)
    body: TextStyle = TextStyle(8.3, 11.0)
    caption: TextStyle = TextStyle(7.4, 9.2, "regular", MUTED_TEXT)
    note: TextStyle = TextStyle(6.6, 8.2, "regular", MUTED_TEXT)  # no italic: a third embedded font costs 15 KB
    warning: TextStyle = TextStyle(7, 8.6, "bold", WARNING)
    callout: TextStyle = TextStyle(9.6, 12.2, "bold", PRIMARY)
    big_number: TextStyle = TextStyle(26, 28, "bold", PRIMARY)
    list_title: TextStyle = TextStyle(9, 11, "bold", PRIMARY)
    list_item: TextStyle = TextStyle(8.4, 10.4)
    list_number: TextStyle = TextStyle(8, 8, "bold", WHITE)
    footer: TextStyle = TextStyle(6.8, 8.4, "regular", MUTED_TEXT)


@dataclass(frozen=True)
class ChartStyle:
    label_size: float = 6.8       # category labels
    value_size: float = 6.4       # value labels at the bars
    legend_size: float = 6.6
    label_leading: float = 1.05   # line spacing of wrapped labels (two lines fit a 15 pt bar row)
    bar_color: str = PRIMARY
    label_color: str = TEXT
    value_color: str = MUTED_TEXT
    rule_color: str = RULE
    highlight_band: str = TINT    # behind the factsheet's own bestuurslaag in figure 3
    # Bars are a share of their row, up to a ceiling, so a figure with few items
    # in a tall slot does not get bars several times as thick as its neighbours.
    # Set just above the thickest bars of the bundled factsheet that were already
    # thin (figure 4: 9.3 pt, figures 8-9: 8.1 pt), which therefore look as before.
    max_bar: float = 9.5          # hbar
    max_group_bar: float = 8.5    # each bar of a group in grouped_hbar


@dataclass(frozen=True)
class Theme:
    type: Typography = field(default_factory=Typography)
    chart: ChartStyle = field(default_factory=ChartStyle)


DEFAULT_THEME = Theme()
