"""Tagged PDF: marked content in the page streams, and the structure tree.

reportlab has no tagging API. While the pages are drawn, a Tagger writes the
marked-content operators (`/P <</MCID 3>> BDC ... EMC` for content that
belongs to a structure element, `/Artifact BMC ... EMC` for decoration) into
the content stream and records, in reading order, which element each marked
sequence belongs to. pdfa.py then writes that record as the StructTreeRoot
(with its ParentTree) when the screen PDF is finished.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class MarkedContent:
    page: int       # 0-based page index
    mcid: int


@dataclass
class StructNode:
    role: str                                   # standard structure type: H1, P, Figure, L, LI...
    alt: str = ""
    kids: list = field(default_factory=list)    # StructNode or MarkedContent, in reading order


class Tagger:
    """Records the structure while drawing; a disabled Tagger writes nothing."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.root = StructNode("Document")
        self._stack = [self.root]
        self._page = -1
        self._next_mcid = 0

    def new_page(self) -> None:
        self._page += 1
        self._next_mcid = 0

    @contextmanager
    def element(self, role: str, alt: str = ""):
        """A structure element; its content and child elements go inside the block."""
        if not self.enabled:
            yield
            return
        node = StructNode(role, alt)
        self._stack[-1].kids.append(node)
        self._stack.append(node)
        try:
            yield
        finally:
            self._stack.pop()

    @contextmanager
    def content(self, canvas: Canvas):
        """Page content belonging to the current element (one marked sequence)."""
        if not self.enabled:
            yield
            return
        node = self._stack[-1]
        mcid = self._next_mcid
        self._next_mcid += 1
        node.kids.append(MarkedContent(self._page, mcid))
        canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        try:
            yield
        finally:
            canvas.addLiteral("EMC")

    @contextmanager
    def artifact(self, canvas: Canvas, kind: str = "Layout"):
        """Decoration (backgrounds, rules, running headers, page numbers): not read."""
        if not self.enabled:
            yield
            return
        canvas.addLiteral(f"/Artifact <</Type /{kind}>> BDC")
        try:
            yield
        finally:
            canvas.addLiteral("EMC")

    @contextmanager
    def tagged(self, canvas: Canvas, role: str, alt: str = ""):
        """An element whose whole content is one marked sequence (a heading, a paragraph)."""
        with self.element(role, alt), self.content(canvas):
            yield


NO_TAGS = Tagger(enabled=False)
