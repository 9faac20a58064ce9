"""Read a tagged PDF back: the text inside each marked-content sequence.

Used to print the structure tree with its text, and by the tests to check that
every painting operator lies inside marked content."""

from __future__ import annotations

import pikepdf

PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do"}


def _decode(operands, font) -> str:
    """Text of a show-text operator (our fonts: one byte per character, ToUnicode)."""
    out = []
    for operand in operands:
        items = operand if isinstance(operand, pikepdf.Array) else [operand]
        for item in items:
            if isinstance(item, pikepdf.String):
                out.append(font(bytes(item)) if font else bytes(item).decode("latin-1"))
            elif isinstance(item, (int, float)) and item < -200:
                out.append(" ")
    return "".join(out)


def marked_texts(pdf: pikepdf.Pdf) -> dict[tuple, str]:
    """{(page objgen, MCID): text} for every marked-content sequence with an MCID."""
    found: dict[tuple, str] = {}
    for page in pdf.pages:
        decoders = _font_decoders(page)
        stack: list[int | None] = []
        font = None
        for instruction in pikepdf.parse_content_stream(page):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "BDC":
                props = operands[1]
                stack.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None)
            elif op == "BMC":
                stack.append(None)
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                font = decoders.get(str(operands[0]))
            elif op in ("Tj", "TJ", "'", '"') and stack:
                mcid = next((m for m in reversed(stack) if m is not None), None)
                if mcid is not None:
                    key = (page.objgen, mcid)
                    found[key] = found.get(key, "") + _decode(operands[-1:], font)
            elif op in ("T*", "Td", "TD") and stack:
                mcid = next((m for m in reversed(stack) if m is not None), None)
                if mcid is not None:
                    found[(page.objgen, mcid)] = found.get((page.objgen, mcid), "") + " "
    return {k: " ".join(v.split()) for k, v in found.items()}


def unmarked_painting(pdf: pikepdf.Pdf) -> list[str]:
    """Painting operators outside any marked-content sequence (should be none)."""
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        for instruction in pikepdf.parse_content_stream(page):
            op = str(instruction.operator)
            if op in ("BDC", "BMC"):
                depth += 1
            elif op == "EMC":
                depth -= 1
            elif op in PAINTING and depth == 0:
                problems.append(f"page {number}: {op} outside marked content")
    return problems


def _font_decoders(page) -> dict:
    """Per font resource: bytes -> text through its ToUnicode map."""
    decoders = {}
    fonts = page.Resources.get("/Font", {})
    for name, font in fonts.items():
        mapping = _to_unicode(font)
        decoders[str(name)] = (lambda m: lambda data: "".join(m.get(b, "?") for b in data))(mapping)
    return decoders


def _to_unicode(font) -> dict[int, str]:
    mapping: dict[int, str] = {}
    if "/ToUnicode" not in font:
        return mapping
    text = font.ToUnicode.read_bytes().decode("latin-1")
    import re

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping
