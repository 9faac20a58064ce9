"""Output profiles: one factsheet, two files.

screen: sRGB colours, outline, sRGB OutputIntent and PDF/A-2b metadata,
        tagged (structure tree in reading order, text alternatives: PDF/UA-1).
print:  PDF/X-4 for the FOGRA39 printing condition (render/pdfx.py): every
        colour CMYK through the condition's ICC profile (render/colour.py; a
        hand-set [cmyk] value wins), greys and black in black ink alone, which
        overprints as text and rules; 3 mm bleed with the header band running
        into it, crop marks outside the bleed, TrimBox = A4.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, CMYKColorSep, toColor

from monitor_pdf import theme
from monitor_pdf.errors import SpecError
from monitor_pdf.render.colour import srgb_to_cmyk


@dataclass(frozen=True)
class Profile:
    name: str
    cmyk: bool
    bleed_mm: float        # background that touches the trim edge runs this far beyond it
    slug_mm: float         # room outside the bleed for crop marks
    outline: bool          # bookmarks, one per section headline
    pdfa: bool             # sRGB OutputIntent + PDF/A-2b XMP metadata
    pdfx: bool             # FOGRA39 OutputIntent + PDF/X-4 identification, pure-K text and rules overprint
    tagged: bool           # structure tree, marked content, PDF/UA identification

    @property
    def offset_mm(self) -> float:
        """Distance from the MediaBox edge to the trim edge."""
        return self.bleed_mm + self.slug_mm


PROFILES = {
    "screen": Profile("screen", cmyk=False, bleed_mm=0.0, slug_mm=0.0, outline=True, pdfa=True, pdfx=False,
                      tagged=True),
    "print": Profile("print", cmyk=True, bleed_mm=3.0, slug_mm=10.0, outline=False, pdfa=False, pdfx=True,
                     tagged=False),
}

# crop marks print on every plate: the Separation colorant "All" (PDF 32000-1, 8.6.6.4), as printer's marks
# are meant to be; preflight tools leave it out of the ink limit
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")


def get_profile(name: str) -> Profile:
    if name not in PROFILES:
        raise SpecError(f"profile '{name}' is not one of {', '.join(PROFILES)}")
    return PROFILES[name]


def as_cmyk(colour) -> CMYKColor:
    """reportlab colour enforcer for the print profile: a colour of the current
    theme becomes its CMYK value (hand-set, or converted through the print
    profile); any colour outside its palette is an error."""
    if isinstance(colour, CMYKColor):
        return colour
    rgb = toColor(colour)
    key = "#" + rgb.hexval()[2:].upper()
    current = theme.current()
    if key not in current.palette:
        raise SpecError(f"colour {key} is not in the theme's palette ({current.source} [colours]); "
                        "every colour needs a print value")
    cmyk = CMYKColor(*current.to_cmyk(key, srgb_to_cmyk))
    return CMYKColor(cmyk.cyan, cmyk.magenta, cmyk.yellow, cmyk.black, alpha=rgb.alpha)
