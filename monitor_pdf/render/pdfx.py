"""Finish the print PDF as PDF/X-4 (ISO 15930-7): a GTS_PDFX output intent for
the FOGRA39 printing condition with the embedded CMYK profile it was separated
for, the PDF/X-4 identification in the document information and in XMP, the
XMP the standard asks for, PDF 1.6.

The output condition is FOGRA39, registered at the ICC (http://www.color.org):
ISO 12647-2:2004/Amd 1 offset on coated paper. The colours were separated for
exactly that condition, from Fogra's own characterization data (FOGRA39L), so
naming it is honest; the profile embedded with it is ours (ArgyllCMS, 300 %
ink limit, see monitor_pdf/icc/README.md), and its description says so, as
does the intent's Info. A print shop that prints to FOGRA39 can use the file
as it is.

reportlab writes none of this; the finished PDF is opened once more with
pikepdf (qpdf) and saved with a deterministic file id. Dates come from the
document information (reportlab's invariant mode, SOURCE_DATE_EPOCH), the XMP
document id from a hash of the content: the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import uuid
import warnings
from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from monitor_pdf.render.colour import print_profile

PDFX_VERSION = "PDF/X-4"
CONDITION_ID = "FOGRA39"
REGISTRY = "http://www.color.org"
CONDITION = ("Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = coated art, "
             "115 g/m2, tone value increase curves A (CMY) and B (K)")
INFO = "FOGRA39 (ISO 12647-2:2004/Amd 1, coated paper); profile: ArgyllCMS from FOGRA39L data, 300% ink limit"
PDF_VERSION = "1.6"
# the namespace of the name-based (uuid5) xmpMM:DocumentID: "monitor-pdf-pdfx" in ASCII
_DOCUMENT_IDS = uuid.UUID("6d6f6e69-746f-722d-7064-662d70646678")


def make_pdfx(pdf_bytes: bytes) -> bytes:
    document_id = uuid.uuid5(_DOCUMENT_IDS, hashlib.sha256(pdf_bytes).hexdigest())
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        pdf.Root.OutputIntents = Array([pdf.make_indirect(_output_intent(pdf))])
        info = pdf.docinfo
        info["/GTS_PDFXVersion"] = String(PDFX_VERSION)
        info["/Trapped"] = Name("/False")    # not trapped: the print shop traps, if it does
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            with warnings.catch_warnings():   # the two keys XMP spells otherwise, set just below
                warnings.filterwarnings("ignore", r"The metadata field /(Trapped|GTS_PDFXVersion) ")
                xmp.load_from_docinfo(info)
            xmp["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
            xmp["pdf:Trapped"] = "False"
            xmp["xmp:MetadataDate"] = xmp["xmp:ModifyDate"]
            xmp["xmpMM:DocumentID"] = f"uuid:{document_id}"
            xmp["xmpMM:VersionID"] = "1"
            xmp["xmpMM:RenditionClass"] = "default"
        out = BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, force_version=PDF_VERSION,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _output_intent(pdf: pikepdf.Pdf) -> Dictionary:
    icc = pikepdf.Stream(pdf, print_profile())
    icc["/N"] = 4
    return Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String(CONDITION_ID),
                      RegistryName=String(REGISTRY), OutputCondition=String(CONDITION), Info=String(INFO),
                      DestOutputProfile=icc)
