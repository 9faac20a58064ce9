"""Make the screen PDF PDF/A-2b shaped: an sRGB OutputIntent with an embedded
ICC profile, and XMP metadata that matches the document information.

reportlab writes neither, so the finished PDF is opened once more with pikepdf
(qpdf) and saved with a deterministic file id: the same input still gives the
same bytes.
"""

from __future__ import annotations

from importlib import resources as importlib_resources
from io import BytesIO

import pikepdf

SRGB = "sRGB IEC61966-2.1"


def _icc_profile() -> bytes:
    return importlib_resources.files("monitor_pdf").joinpath("icc/sRGB.icc").read_bytes()


def make_pdfa(pdf_bytes: bytes) -> bytes:
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        icc = pikepdf.Stream(pdf, _icc_profile())
        icc["/N"] = 3
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String(SRGB), Info=pikepdf.String(SRGB),
            RegistryName=pikepdf.String("http://www.color.org"), DestOutputProfile=icc)
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        # reportlab writes /Trapped /False, which XMP (and so PDF/A) would need
        # as pdf:Trapped; a screen file says nothing about trapping instead.
        if "/Trapped" in pdf.docinfo:
            del pdf.docinfo["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.load_from_docinfo(pdf.docinfo)
            xmp["pdfaid:part"] = "2"
            xmp["pdfaid:conformance"] = "B"
            xmp["dc:language"] = [str(pdf.Root.get("/Lang", "nl-NL"))]
        out = BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
