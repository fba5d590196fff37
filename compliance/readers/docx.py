""".docx: the main document part, in the order a reader sees it.

python-docx opens the package; the body is then walked as XML, because python-docx's own
text skips content controls, text boxes, tracked insertions and simple fields, and its
properties raise on values real files contain (w:jc="start", fractional twips). When
python-docx refuses a package it could still read (macro-enabled or template content
types, relationship case mismatches), the main part is taken from the zip directly.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from lxml import etree

from compliance.document import Block, BlockKind, Document, ReadError

W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 Strict
)
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCUMENT_XML = 100 * 1024 * 1024

# Never read: deleted or moved-away text, field codes, properties, and the Fallback copy
# of content Word also stores as mc:Choice.
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
    }
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class _Walk:
    """Accumulates blocks; `number` counts every paragraph, empty ones included."""

    blocks: list[Block] = field(default_factory=list)
    number: int = 0

    def container(self, element: Any, kind: BlockKind) -> None:
        for child in element:
            name = _local(child)
            if name == "p":
                self.paragraph(child, kind)
            elif name == "tbl":
                self.table(child)
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                self.container(child, kind)

    def table(self, table: Any) -> None:
        # Walking w:tr/w:tc reads each cell once; merged cells are one w:tc in the XML.
        for row in table.iter():
            if _local(row) == "tc" and _nearest_table(row) is table:
                self.container(row, "table-cell")

    def paragraph(self, paragraph: Any, kind: BlockKind) -> None:
        self.number += 1
        parts: list[str] = []
        boxes: list[Any] = []
        _collect(paragraph, parts, boxes)
        text = "".join(parts)
        if text.strip():
            self.blocks.append(Block(text, self.number, kind=kind))
        for box in boxes:  # a text box's paragraphs follow the paragraph that anchors it
            self.container(box, kind)


def _nearest_table(cell: Any) -> Any:
    parent = cell.getparent()
    while parent is not None and _local(parent) != "tbl":
        parent = parent.getparent()
    return parent


def _collect(element: Any, parts: list[str], boxes: list[Any]) -> None:
    for child in element:
        name = _local(child)
        if name in _SKIP:
            continue
        if name == "t":
            parts.append(child.text or "")
        elif name == "tab":
            parts.append("\t")
        elif name in ("br", "cr"):
            parts.append("\n")
        elif name == "noBreakHyphen":
            parts.append("-")
        elif name == "txbxContent":
            boxes.append(child)
        else:
            _collect(child, parts, boxes)


def _sniff(path: Path, shown: str) -> None:
    """Name the common impostors before trying to open the file as a zip."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head.strip():
        raise ReadError(shown, "empty file")
    if head.startswith(OLE2_MAGIC):
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
    if head.lstrip().startswith(b"{\\rtf"):
        raise ReadError(shown, "an RTF file renamed to .docx; save it as .docx")
    if head.lstrip()[:1] == b"<":
        raise ReadError(shown, "an HTML or XML file renamed to .docx; save it as .docx")
    if not head.startswith(b"PK"):
        raise ReadError(shown, "not a valid .docx (not a zip archive)")


def _main_part_name(archive: zipfile.ZipFile) -> str:
    names = {n.lower(): n for n in archive.namelist()}
    try:
        rels = etree.fromstring(archive.read(names["_rels/.rels"]), _PARSER)
        for rel in rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                target = str(rel.get("Target", "")).lstrip("/")
                return names.get(posixpath.normpath(target).lower(), target)
    except (KeyError, etree.XMLSyntaxError):
        pass
    if "word/document.xml" in names:
        return names["word/document.xml"]
    raise ReadError("", "not a valid .docx (no main document part)")


def _open_main_part(path: Path, shown: str, parse: bool) -> Any:
    """Check the package's sizes and main part; parse that part only when asked."""
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNCOMPRESSED:
                raise ReadError(shown, "too large when unpacked (over 200 MB; a zip bomb?)")
            try:
                name = _main_part_name(archive)
            except ReadError as err:
                raise ReadError(shown, err.reason) from None
            try:
                info = archive.getinfo(name)
            except KeyError:
                raise ReadError(shown, f"not a valid .docx ({name} missing)") from None
            if info.file_size > MAX_DOCUMENT_XML:
                raise ReadError(shown, "document.xml is over 100 MB; a zip bomb?")
            return etree.fromstring(archive.read(info), _PARSER) if parse else None
    except zipfile.BadZipFile as err:
        raise ReadError(shown, f"not a valid .docx (corrupt zip: {err})") from None
    except etree.XMLSyntaxError as err:
        raise ReadError(shown, f"not a valid .docx (damaged XML: {err})") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as err:
        # RuntimeError: encrypted zip entries; NotImplementedError: unknown compression.
        raise ReadError(shown, f"not a valid .docx ({err})") from None


def _body(root: Any, shown: str) -> Any:
    for namespace in W_NAMESPACES:
        body = root.find(f"{{{namespace}}}body")
        if body is not None:
            return body
    raise ReadError(shown, "not a Word document (no w:body in the main part)")


def _root(path: Path, shown: str) -> Any:
    # The zip is checked first in every case: the size limits bound memory before any
    # XML is parsed, and a damaged package gets a precise reason.
    _open_main_part(path, shown, parse=False)
    try:
        return docx.Document(str(path)).element
    except Exception:
        # python-docx refuses packages that are still readable: macro-enabled and
        # template content types, relationship targets in the wrong case.
        return _open_main_part(path, shown, parse=True)


def read_docx(path: Path, shown: str) -> Document:
    _sniff(path, shown)
    root = _root(path, shown)
    walk = _Walk()
    walk.container(_body(root, shown), "paragraph")
    if not walk.blocks:
        raise ReadError(shown, "no text in the document")
    return Document(shown, tuple(walk.blocks), format="docx")
