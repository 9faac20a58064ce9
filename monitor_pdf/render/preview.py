"""PNG images of a factsheet's pages, for review (PDFium via pypdfium2)."""

from __future__ import annotations

from pathlib import Path

from monitor_pdf.render.output import write_atomic


def write_previews(pdf: bytes, stem: Path, dpi: float = 110) -> list[Path]:
    """stem-1.png, stem-2.png, ...: one image per page at `dpi`."""
    from io import BytesIO

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    written = []
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil()
        buffer = BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        path = stem.with_name(f"{stem.name}-{index + 1}.png")
        write_atomic(path, buffer.getvalue())
        written.append(path)
    document.close()
    return written
