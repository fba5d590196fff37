""".docx: the document as a reader sees it, read straight from the package XML.

python-docx's own text skips content controls, text boxes, tracked insertions and simple
fields, and its properties raise on values real files contain (w:jc="start", fractional
twips), so the parts are walked as XML: the body in reading order (table cells in place,
text boxes after their anchor), Word numbering resolved into heading labels, layout
facts resolved through the style hierarchy; then footnotes and endnotes, then headers
and footers, each as blocks of their own kind.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compliance.document import Block, BlockKind, Document, PageSetup, ReadError
from compliance.readers.magic import (
    ENCRYPTION_WRAPPER,
    OLE2,
    RTF,
    WORD_2003_XML,
    WRAPPED,
    is_text,
)
from compliance.readers.numbering import Numbering
from compliance.readers.ooxml import Package, attr, child, local, number, open_package
from compliance.readers.styles import Styles
from compliance.readers.word_directives import word_suppressions

TWIPS_PER_MM = 1440 / 25.4

# Never read: deleted or moved-away text, field codes, properties, ruby guide text, and
# the Fallback copy of content Word also stores as mc:Choice.
_SKIP = frozenset(
    {
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "delInstrText",
        "rPr",
        "pPr",
        "tblPr",
        "tcPr",
        "trPr",
        "sectPr",
        "Fallback",
        "commentReference",
        "rt",
    }
)
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


@dataclass
class TextRun:
    """Where a w:t's text sits in its block: lets --annotate anchor on exact characters."""

    element: Any
    start: int


@dataclass
class _Walk:
    """Accumulates blocks; `number` counts every paragraph, empty ones included."""

    styles: Styles
    numbering: Numbering
    blocks: list[Block] = field(default_factory=list)
    elements: list[Any] = field(default_factory=list)  # the w:p of each block
    number: int = 0

    def container(self, element: Any, kind: BlockKind) -> None:
        for item in element:
            name = local(item)
            if name == "p":
                self.paragraph(item, kind)
            elif name == "tbl":
                self.table(item)
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                self.container(item, kind)

    def table(self, table: Any) -> None:
        # Walking w:tr/w:tc reads each cell once; merged cells are one w:tc in the XML.
        for row in table.iter():
            if local(row) == "tc" and _nearest_table(row) is table:
                self.container(row, "table-cell")

    def paragraph(self, paragraph: Any, kind: BlockKind) -> None:
        self.number += 1
        parts: list[str] = []
        boxes: list[Any] = []
        runs: list[tuple[Any, int]] = []
        _collect(paragraph, parts, boxes, runs)
        text = "".join(parts)
        ppr, style_rpr, style_id = self.styles.paragraph(child(paragraph, "pPr"))
        label = ""
        num_id = ppr.get("numId")
        if num_id and kind in ("paragraph", "table-cell"):
            ilvl = ppr.get("ilvl", "0")
            label = self.numbering.label(num_id, int(ilvl) if ilvl.isdigit() else 0)
        if text.strip():
            shown = [run for run, length in runs if length]
            dominant = max(runs, key=lambda r: r[1])[0] if shown else None
            style = self.styles.style(ppr, style_rpr, dominant, style_id)
            lead = style
            if shown and shown[0] is not dominant:
                lead = self.styles.style(ppr, style_rpr, shown[0], style_id)
            self.blocks.append(
                Block(text, self.number, kind=kind, label=label, style=style, lead_style=lead)
            )
            self.elements.append(paragraph)
        for box in boxes:  # a text box's paragraphs follow the paragraph that anchors it
            self.container(box, kind)


def _nearest_table(cell: Any) -> Any:
    parent = cell.getparent()
    while parent is not None and local(parent) != "tbl":
        parent = parent.getparent()
    return parent


def _collect(element: Any, parts: list[str], boxes: list[Any], runs: list[tuple[Any, int]]) -> None:
    """Text in reading order; `runs` gets each w:r with how many characters it holds."""
    for item in element:
        name = local(item)
        if name in _SKIP:
            continue
        if name == "r":
            first = len(parts)
            _collect(item, parts, boxes, runs)
            runs.append((item, sum(len(p) for p in parts[first:])))
        elif name == "t":
            parts.append(item.text or "")
        elif name == "tab":
            parts.append("\t")
        elif name in ("br", "cr"):
            parts.append("\n")
        elif name == "noBreakHyphen":
            parts.append("-")
        elif name == "txbxContent":
            boxes.append(item)
        else:
            _collect(item, parts, boxes, runs)


def text_runs(paragraph: Any) -> list[TextRun]:
    """Each w:t of a paragraph (text boxes excluded) with its offset in the block text."""
    found: list[TextRun] = []
    offset = 0

    def walk(element: Any) -> None:
        nonlocal offset
        for item in element:
            name = local(item)
            if name in _SKIP or name == "txbxContent":
                continue
            if name == "t":
                found.append(TextRun(item, offset))
                offset += len(item.text or "")
            elif name in ("tab", "br", "cr", "noBreakHyphen"):
                offset += 1
            else:
                walk(item)

    walk(paragraph)
    return found


def _sniff(path: Path, shown: str) -> None:
    """Name the common impostors before trying to open the file as a zip."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head.strip():
        raise ReadError(shown, "empty file")
    if head.startswith(ENCRYPTION_WRAPPER):
        raise ReadError(shown, WRAPPED)
    if head.startswith(OLE2):
        data = path.read_bytes()[: 4 * 1024 * 1024]
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(
                shown,
                "encrypted or password-protected Word file; remove the password and save again",
            )
        raise ReadError(
            shown,
            "an old binary Word .doc file renamed to .docx; open it in Word or WPS, save as .docx",
        )
    if head.lstrip().startswith(RTF):
        raise ReadError(shown, "an RTF file renamed to .docx; save it as .docx")
    if head.lstrip()[:1] == b"<":
        if WORD_2003_XML in head:
            raise ReadError(
                shown, "a Word 2003 XML file renamed to .docx; name it .doc or save as .docx"
            )
        raise ReadError(shown, "an HTML or XML file renamed to .docx; save it as .docx")
    if not head.startswith(b"PK"):
        if is_text(head):
            raise ReadError(shown, "a plain text file renamed to .docx; name it .txt")
        raise ReadError(shown, "not a valid .docx (not a zip archive)")


def _body(root: Any, shown: str) -> Any:
    body = child(root, "body") if root is not None else None
    if body is None:
        raise ReadError(shown, "not a Word document (no w:body in the main part)")
    return body


def _page(body: Any) -> PageSetup | None:
    """The first section's page size and margins; None when any measure is missing."""
    section = next((s for s in body.iter() if local(s) == "sectPr"), None)
    if section is None:
        return None
    size, margins = child(section, "pgSz"), child(section, "pgMar")
    if size is None or margins is None:
        return None
    values = [
        number(attr(element, key))
        for element, key in (
            (size, "w"), (size, "h"),
            (margins, "top"), (margins, "bottom"), (margins, "left"), (margins, "right"),
        )
    ]  # fmt: skip
    if any(v is None for v in values):
        return None
    # A negative top or bottom margin means "do not move text"; its size still counts.
    mm = [abs(v) / TWIPS_PER_MM for v in values if v is not None]
    return PageSetup(*mm)


def _header_footer_parts(package: Package, body: Any) -> list[tuple[str, BlockKind]]:
    """Header and footer parts in section order, each once."""
    rels = package.rels_by_id(package.main)
    found: list[tuple[str, BlockKind]] = []
    for section in body.iter():
        if local(section) != "sectPr":
            continue
        for reference in section:
            name = local(reference)
            if name not in ("headerReference", "footerReference"):
                continue
            rid = next((v for k, v in reference.attrib.items() if k.endswith("}id")), None)
            target = rels.get(str(rid))
            kind: BlockKind = "header" if name == "headerReference" else "footer"
            if target and (target, kind) not in found:
                found.append((target, kind))
    return found


def _notes(walk: _Walk, root: Any) -> None:
    if root is None:
        return
    for note in root:
        if local(note) in ("footnote", "endnote") and attr(note, "type") not in _NOTE_SEPARATORS:
            walk.container(note, "note")


@dataclass(frozen=True)
class WordBody:
    """The document as read, with the w:p behind each body block (for --annotate)."""

    document: Document
    elements: tuple[Any, ...]


def walk_body(root: Any, package: Package | None, shown: str) -> WordBody:
    """Read a main-part tree; `package` supplies styles, numbering, notes and headers."""
    related = package.related if package is not None else (lambda _: None)
    walk = _Walk(
        Styles(related("/styles"), related("/theme"), related("/settings")),
        Numbering.parse(related("/numbering")),
    )
    body = _body(root, shown)
    walk.container(body, "paragraph")
    body_blocks = len(walk.blocks)
    if package is not None:
        _notes(walk, related("/footnotes"))
        _notes(walk, related("/endnotes"))
        for part, kind in _header_footer_parts(package, body):
            part_root = package.xml(part)
            if part_root is not None:
                walk.container(part_root, kind)
    if not any(b.kind not in ("header", "footer") for b in walk.blocks):
        raise ReadError(shown, "no text in the document")
    elements = tuple(walk.elements[:body_blocks])
    # Reviewers' `complint: ignore` comments, placed in the body's paragraphs.
    suppressions = word_suppressions(related("/comments"), walk.blocks, elements)
    document = Document(
        shown, tuple(walk.blocks), format="docx", page=_page(body), suppressions=suppressions
    )
    return WordBody(document, elements)


def read_docx(path: Path, shown: str) -> Document:
    _sniff(path, shown)
    archive, package = open_package(path, shown)
    try:
        with archive:
            return walk_body(package.xml(package.main), package, shown).document
    except zipfile.BadZipFile as err:
        raise ReadError(shown, f"not a valid .docx (corrupt zip: {err})") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as err:
        # RuntimeError: encrypted zip entries; NotImplementedError: unknown compression.
        raise ReadError(shown, f"not a valid .docx ({err})") from None
