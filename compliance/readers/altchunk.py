"""w:altChunk: content Word imports from another format when it opens the file.

Word shows an embedded HTML, RTF or plain text part in place of the w:altChunk element;
its paragraphs are read here. HTML goes through lxml's HTML parser, RTF through striprtf
(a small, kept RTF-to-text library), text is decoded; other parts (an embedded .docx, an
MHT archive) are left out.
"""

from __future__ import annotations

from lxml import etree, html

_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "title"}
)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-16" or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return text
    return data.decode("utf-8", errors="replace")


def _html_lines(data: bytes) -> list[str]:
    try:
        root = html.document_fromstring(_decode(data).lstrip("\ufeff"))
    except (etree.ParserError, ValueError):
        return []
    for bad in root.iter("script", "style", "head"):
        bad.drop_tree()
    lines: list[str] = []
    current: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            if element.tag in _BLOCK_TAGS and current:
                lines.append("".join(current))
                current = []
            current.append(element.text or "")
        else:
            if element.tag in _BLOCK_TAGS:
                lines.append("".join(current))
                current = []
            current.append(element.tail or "")
    lines.append("".join(current))
    return lines


def chunk_paragraphs(name: str, data: bytes) -> list[str]:
    """The paragraphs of an altChunk part, by its name or content."""
    head = data[:512].lstrip().lower()
    lower = name.lower()
    if lower.endswith(".rtf") or head.startswith(b"{\\rtf"):
        from striprtf.striprtf import rtf_to_text

        lines = str(rtf_to_text(_decode(data), errors="ignore")).splitlines()  # type: ignore[no-untyped-call]
    elif lower.endswith((".htm", ".html", ".xhtml")) or head.startswith((b"<!doctype", b"<html")):
        lines = _html_lines(data)
    elif lower.endswith(".txt"):
        lines = _decode(data).splitlines()
    else:
        return []
    return [" ".join(line.split()) for line in lines if line.strip()]
