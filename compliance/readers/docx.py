""".docx: the document as Word shows it, read straight from the package XML.

python-docx's own text skips content controls, text boxes, tracked insertions and simple
fields, and its properties raise on values real files contain (w:jc="start", fractional
twips), so the parts are walked as XML: the body in reading order (table cells in place,
text boxes after their anchor), Word numbering drawn into the text as Word draws it,
layout facts resolved through the style hierarchy; then footnotes and endnotes, then
headers and footers, each as blocks of their own kind, then hidden text.

What Word does not show is not read: deleted text and paragraphs, field codes, hidden
text (w:vanish, kept apart as "hidden" blocks), and the table of contents (a TOC field,
TOC-styled paragraphs, leader-tab lines ending in a page number), whose lines would
otherwise be taken for a second set of headings.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from compliance.errors import ReadError
from compliance.model.document import Block, BlockKind, Document, PageSetup, Style
from compliance.readers import source as sources
from compliance.readers.bodystream import streamed_root
from compliance.readers.magic import (
    ENCRYPTION_WRAPPER,
    OLE2,
    RTF,
    WORD_2003_XML,
    WRAPPED,
    is_text,
)
from compliance.readers.numbering import Numbering
from compliance.readers.ooxml import W_NAMESPACES, Package, attr, child, local, open_package
from compliance.readers.source import Source
from compliance.readers.styles import Sheet, Styles, on_grid, sheet_of, snaps
from compliance.readers.word_directives import Directives
from compliance.readers.wordplaces import Field, Location, TextRun

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
_UNPLACED = Location("", (), ())  # a block's place when the caller did not ask for them
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_TOC_STYLE = re.compile(r"^(toc \d|toc heading|目录 ?\d|table of figures)$", re.IGNORECASE)
# A TOC line: a tab (drawn with a leader) or a typed leader, then a page number.
_PAGE_AFTER_TAB = re.compile(r"\t\s*(\d{1,4}|[ivxlcIVXLC]{1,6})\s*$")
_TYPED_LEADER = re.compile(r"(?:[.．·…‥_-]\s*){4,}\s*(\d{1,4})\s*$")
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
# Characters of symbol fonts (w:sym) that have a Unicode twin; others keep their code.
_SYMBOLS = {
    "wingdings": {0xFC: "✓", 0xFB: "✗", 0xFE: "☑", 0xFD: "☒", 0xA8: "□", 0x6F: "□",
                  0x6C: "●", 0x9F: "•", 0x71: "❑", 0xD8: "➢", 0xA7: "▪"},
    "wingdings 2": {0x50: "✓", 0x4F: "✗", 0x52: "☑", 0x54: "☒", 0xA3: "□"},
    "symbol": {0xB7: "•", 0xD6: "√", 0xB4: "×", 0xB8: "÷", 0xB1: "±", 0xB0: "°"},
}  # fmt: skip


def symbol_char(font: str | None, code: str | None) -> str:
    """The character a w:sym draws: a CJK or Latin code point as itself, a symbol font's
    private-use code (F0xx) as its Unicode twin when it has one."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return "\ufffd"
    low = value - 0xF000 if 0xF000 <= value <= 0xF0FF else value
    known = _SYMBOLS.get((font or "").strip().lower(), {})
    if low in known:
        return known[low]
    if value < 0xF000 and 0 < value < 0x110000 and not 0xD800 <= value <= 0xDFFF:
        return chr(value)
    return chr(value) if 0xE000 <= value <= 0xF8FF else "\ufffd"


@dataclass
class _Collected:
    """One paragraph's text as read: shown, hidden, text boxes, runs and pieces."""

    parts: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    boxes: list[Any] = field(default_factory=list)
    runs: list[tuple[Any, int]] = field(default_factory=list)  # (w:r, characters shown)
    pieces: list[TextRun] = field(default_factory=list)
    paragraphs: list[Any] = field(default_factory=list)
    size: int = 0
    toc_field: bool = False
    toc_result: bool = False  # some text is shown in a TOC field's result
    places: bool = True  # record the pieces (for --annotate, --fix-to and directives)

    def add(self, text: str, element: Any, fields: list[Field]) -> None:
        self.parts.append(text)
        shown_in = fields[0] if fields else None
        if shown_in is not None and shown_in.toc:
            self.toc_result = True
        if self.places:
            self.pieces.append(TextRun(element, self.size, len(text), shown_in))
        self.size += len(text)


@dataclass
class _Walk:
    """Accumulates blocks; `number` counts every paragraph Word shows, empty ones too."""

    styles: Styles
    numbering: Numbering
    package: Package | None = None
    part: str = ""
    blocks: list[Block] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    toc: list[bool] = field(default_factory=list)
    hidden: list[Block] = field(default_factory=list)
    number: int = 0
    fields: list[Field] = field(default_factory=list)
    pending: _Collected | None = None  # a paragraph whose mark is deleted: joins the next
    note_refs: dict[str, list[str]] = field(default_factory=dict)
    place: str = ""
    # A section's document grid changes its paragraphs' line spacing, and is known only
    # at the section's end (its w:sectPr follows them), so styles are resolved without
    # it and put on the grid once the walk is done: `grid` holds (block index, section)
    # of each paragraph that snaps to it. `sections` counts the section breaks passed;
    # `on_grid` is false outside the body (notes, headers) until another break.
    grid: list[tuple[int, int]] = field(default_factory=list)
    toc_styles: dict[str | None, bool] = field(default_factory=dict)
    sections: int = 0
    on_grid: bool = True
    # Reviewers' `complint: ignore` comments (word_directives): their marks are read as
    # each paragraph is walked, since a streamed body is freed behind the walker.
    directives: Directives | None = None
    # Where each block's text sits (Location): only --annotate, --fix-to and directive
    # comments ask, and recording it costs a third of the walk.
    places: bool = True

    def container(self, element: Any, kind: BlockKind, in_toc: bool = False) -> None:
        for item in element:
            name = local(item)
            if name == "p":
                self.paragraph(item, kind, in_toc)
            elif name == "tbl":
                self.table(item, in_toc)
            elif name == "sdt":
                self.container(item, kind, in_toc or _is_toc_sdt(item))
            elif name in ("sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                self.container(item, kind, in_toc)
            elif name == "altChunk" and self.package is not None:
                self.alt_chunk(item)
        if local(element) in ("body", "tc", "footnote", "endnote", "hdr", "ftr", "txbxContent"):
            self.flush(kind)

    def alt_chunk(self, item: Any) -> None:
        """Content imported through w:altChunk (an HTML, RTF or plain text part): read
        where it stands, as Word shows it there."""
        from compliance.readers.altchunk import chunk_paragraphs

        assert self.package is not None
        rid = next((v for k, v in item.attrib.items() if k.endswith("}id")), None)
        target = self.package.rels_by_id(self.part).get(str(rid))
        data = self.package.raw(target) if target else None
        if target is None or data is None:
            return
        for line in chunk_paragraphs(target, data):
            self.number += 1
            self.blocks.append(Block(line, self.number, place=self.place))
            self.locations.append(Location(target, (), ()))
            self.toc.append(False)

    def flush(self, kind: BlockKind) -> None:
        """Text left by a paragraph whose mark is deleted, with no paragraph after it to
        join (a table or the end follows): shown as a paragraph of its own."""
        if self.pending is not None:
            self.paragraph(etree.Element(f"{{{W_NAMESPACES[0]}}}p"), kind, False)

    def table(self, table: Any, in_toc: bool) -> None:
        self.flush("paragraph")
        # Walking w:tr/w:tc reads each cell once; merged cells are one w:tc in the XML.
        for row in table.iter():
            if local(row) == "tc" and _nearest_table(row) is table:
                self.container(row, "table-cell", in_toc)

    def paragraph(self, paragraph: Any, kind: BlockKind, in_toc: bool) -> None:
        ppr_element = child(paragraph, "pPr")
        ppr, style_rpr, style_id = self.styles.paragraph(ppr_element)
        got = self.pending or _Collected(places=self.places)
        self.pending = None
        got.paragraphs.append(paragraph)
        self.collect(paragraph, got, style_rpr)
        if _mark_deleted(ppr_element):
            # Word shows what is left of this paragraph at the start of the next one, and
            # neither counts it nor gives it a number.
            self.pending = got
            return
        self.number += 1
        label = ""
        num_id = ppr.get("numId")
        if num_id and kind in ("paragraph", "table-cell"):
            ilvl = ppr.get("ilvl")
            level = int(ilvl) if ilvl and ilvl.isdigit() else None
            if level is None:
                level = self.numbering.level_of_style(num_id, style_id) or 0
            label = self.numbering.label(num_id, level)
        text = label + "".join(got.parts)
        toc = (
            in_toc
            or got.toc_field
            # text shown in a TOC field's result (a paragraph that only closes the field
            # before its own text is not part of it)
            or got.toc_result
            or self._toc_style(style_id)
            or _is_toc_line(text, ppr)
        )
        if text.strip():
            shown = [run for run, length in got.runs if length]
            dominant = max(got.runs, key=lambda r: r[1])[0] if shown else None
            style = self.styles.style(ppr, style_rpr, dominant, style_id)
            lead = style
            if shown and shown[0] is not dominant:
                lead = self.styles.style(ppr, style_rpr, shown[0], style_id)
            run_styles = _run_styles(self, got.runs, ppr, style_rpr, style_id, len(label))
            self.blocks.append(
                Block(
                    text,
                    self.number,
                    kind=kind,
                    label=label,
                    style=style,
                    lead_style=lead,
                    place=self.place,
                    run_styles=run_styles,
                )
            )
            if self.on_grid and snaps(ppr):
                self.grid.append((len(self.blocks) - 1, self.sections))
            if self.places:
                pieces = got.pieces
                if label:  # offsets in Block.text, which begins with the label
                    pieces = [
                        TextRun(p.element, p.start + len(label), p.length, p.field) for p in pieces
                    ]
                self.locations.append(Location(self.part, tuple(got.paragraphs), tuple(pieces)))
            else:
                self.locations.append(_UNPLACED)
            if self.directives is not None:
                self.directives.read(self.blocks[-1], self.locations[-1])
            self.toc.append(toc)
        hidden = "".join(got.hidden)
        if hidden.strip():
            place = f"{self.place}（隐藏文字）" if self.place else "隐藏文字"
            self.hidden.append(Block(hidden, self.number, kind="hidden", place=place))
        # A field whose code is still open at a paragraph's end is damaged (its code never
        # spans paragraphs in what Word writes): drop it rather than hide all that follows.
        if self.fields and not all(f.result for f in self.fields):
            self.fields = [f for f in self.fields if f.result]
        if ppr_element is not None and child(ppr_element, "sectPr") is not None:
            self._next_section()
        self._boxes(got.boxes, kind)

    def _toc_style(self, style_id: str | None) -> bool:
        found = self.toc_styles.get(style_id)
        if found is None:  # once per style, not per paragraph
            found = self.toc_styles[style_id] = bool(
                _TOC_STYLE.match(self.styles.name(style_id) or "")
            )
        return found

    def _boxes(self, boxes: list[Any], kind: BlockKind) -> None:
        for box in boxes:  # a text box's paragraphs follow the paragraph that anchors it
            self.container(box, kind)
        boxes.clear()

    def _next_section(self) -> None:
        self.sections += 1
        self.on_grid = True

    def put_on_grid(self, pitches: list[float | None]) -> None:
        """Each snapping paragraph's styles in its section's grid (see `grid`)."""
        placed: dict[tuple[Style, float | None], Style] = {}

        def place(style: Style | None, pitch: float | None) -> Style | None:
            if style is None:
                return None
            found = placed.get((style, pitch))
            if found is None:
                found = placed[(style, pitch)] = on_grid(style, pitch)
            return found

        for index, section in self.grid:
            pitch = pitches[section] if section < len(pitches) else None
            if not pitch:
                continue
            block = self.blocks[index]
            self.blocks[index] = dataclasses.replace(
                block,
                style=place(block.style, pitch),
                lead_style=place(block.lead_style, pitch),
                run_styles=tuple((at, place(s, pitch) or s) for at, s in block.run_styles),
            )

    def collect(self, element: Any, got: _Collected, style_rpr: dict[str, str]) -> None:
        """Text in reading order, field codes and hidden runs apart."""
        for item in element:
            name = local(item)
            if name in _SKIP:
                if name == "instrText" and self.fields:
                    self.fields[-1].code.append(item.text or "")
                continue
            if name == "r":
                if self.styles.hidden(style_rpr, child(item, "rPr")):
                    apart = _Collected(places=False)
                    self.collect(item, apart, style_rpr)  # fields still open and close
                    got.hidden.extend(apart.parts)
                    continue
                before_size = got.size
                self.collect(item, got, style_rpr)
                got.runs.append((item, got.size - before_size))
            elif name == "fldChar":
                self._field_char(item)
            elif name == "t":
                if self._shown():
                    got.add(item.text or "", item, self.fields)
            elif name in ("tab", "ptab"):
                if self._shown() and local(item.getparent()) == "r":
                    got.add("\t", item, self.fields)
            elif name in ("br", "cr"):
                if self._shown():
                    got.add("\n", item, self.fields)
            elif name == "noBreakHyphen":
                if self._shown():
                    got.add("-", item, self.fields)
            elif name == "sym":
                if self._shown():
                    got.add(symbol_char(attr(item, "font"), attr(item, "char")), item, self.fields)
            elif name == "txbxContent":
                got.boxes.append(item)
            elif name in ("footnoteReference", "endnoteReference"):
                self.note_refs.setdefault(name[:-9], []).append(attr(item, "id") or "")
            elif name == "fldSimple" and (attr(item, "instr") or "").strip().upper()[:3] == "TOC":
                got.toc_field = True
                self.collect(item, got, style_rpr)
            else:
                self.collect(item, got, style_rpr)

    def _shown(self) -> bool:
        return not self.fields or all(f.result for f in self.fields)

    def _field_char(self, item: Any) -> None:
        kind = attr(item, "fldCharType")
        run = item.getparent()
        if kind == "begin":
            if len(self.fields) >= 64:  # never closed: damage, not nesting
                del self.fields[0]
            self.fields.append(Field(run))
        elif kind == "separate" and self.fields:
            top = self.fields[-1]
            top.result = True
            top.toc = "".join(top.code).strip().upper().startswith("TOC")
        elif kind == "end" and self.fields:
            self.fields.pop().end = run


def _run_styles(
    walk: _Walk,
    runs: list[tuple[Any, int]],
    ppr: dict[str, str],
    style_rpr: dict[str, str],
    style_id: str | None,
    offset: int,
) -> tuple[tuple[int, Style], ...]:
    """(offset in Block.text, style) where each run's style begins, merged when equal;
    () when one run holds all the text (Block.style says it all)."""
    if sum(1 for _, length in runs if length) < 2:
        return ()
    found: list[tuple[int, Style]] = []
    at = offset
    for run, length in runs:
        if length:
            style = walk.styles.style(ppr, style_rpr, run, style_id)
            if not found or found[-1][1] != style:
                found.append((at, style))
        at += length
    return tuple(found)


def _mark_deleted(ppr: Any) -> bool:
    rpr = child(ppr, "rPr") if ppr is not None else None
    return rpr is not None and any(local(i) in ("del", "moveFrom") for i in rpr)


def _is_toc_sdt(sdt: Any) -> bool:
    properties = child(sdt, "sdtPr")
    if properties is None:
        return False
    for item in properties.iter():
        if local(item) == "docPartGallery" and "contents" in (attr(item, "val") or "").lower():
            return True
    return False


def _is_toc_line(text: str, ppr: dict[str, str]) -> bool:
    body = text.strip()
    if len(body) >= 120 or not body[-1:].isalnum():  # a TOC line ends with its page
        return False
    if _TYPED_LEADER.search(body):
        return True
    return "leader" in ppr and "\t" in text and bool(_PAGE_AFTER_TAB.search(text))


def _nearest_table(cell: Any) -> Any:
    parent = cell.getparent()
    while parent is not None and local(parent) != "tbl":
        parent = parent.getparent()
    return parent


def _sniff(path: Source, shown: str) -> None:
    """Name the common impostors before trying to open the file as a zip."""
    head = sources.head(path, 4096)
    if not head.strip():
        raise ReadError(shown, "empty file")
    if head.startswith(ENCRYPTION_WRAPPER):
        raise ReadError(shown, WRAPPED)
    if head.startswith(OLE2):
        data = sources.head(path, 4 * 1024 * 1024)
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


_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_TWIPS_PER_UNIT = {None: 1.0, "mm": TWIPS_PER_MM, "cm": TWIPS_PER_MM * 10, "in": 1440.0,
                   "pt": 20.0, "pc": 240.0, "pi": 240.0}  # fmt: skip


def twips(value: str | None) -> float | None:
    """A measure in twips: plain twips ("1440", "1440.0") or, as ISO 29500 Strict writes
    them, a number with a unit ("37mm", "2.5cm", "1in", "72pt")."""
    if value is None:
        return None
    found = _MEASURE.match(value)
    if found is None:
        return None
    return float(found.group(1)) * _TWIPS_PER_UNIT[found.group(2)]


def _sections(body: Any) -> list[Any]:
    """Every w:sectPr in document order: one per section, the body's own last."""
    return list(body.iter(*(f"{{{namespace}}}sectPr" for namespace in W_NAMESPACES)))


def _grid_pitch(section: Any) -> float | None:
    """The line pitch (points) of a section's document grid, when lines snap to it."""
    grid = child(section, "docGrid")
    if grid is None or attr(grid, "type") not in ("lines", "linesAndChars", "snapToChars"):
        return None
    pitch = twips(attr(grid, "linePitch"))
    return pitch / 20 if pitch else None


def _page(sections: list[Any], settings: Any) -> PageSetup | None:
    """The first section's page size and margins; None when any measure is missing.
    A gutter widens the left margin (or the top one under w:gutterAtTop)."""
    section = sections[0] if sections else None
    if section is None:
        return None
    size, margins = child(section, "pgSz"), child(section, "pgMar")
    if size is None or margins is None:
        return None
    values = [
        twips(attr(element, key))
        for element, key in (
            (size, "w"), (size, "h"),
            (margins, "top"), (margins, "bottom"), (margins, "left"), (margins, "right"),
        )
    ]  # fmt: skip
    if any(v is None for v in values):
        return None
    # A negative top or bottom margin means "do not move text"; its size still counts.
    mm = [abs(v) / TWIPS_PER_MM for v in values if v is not None]
    gutter = abs(twips(attr(margins, "gutter")) or 0) / TWIPS_PER_MM
    at_top = settings is not None and child(settings, "gutterAtTop") is not None
    mm[2 if at_top else 4] += gutter
    return PageSetup(*mm)


def _header_footer_parts(package: Package, sections: list[Any]) -> list[tuple[str, BlockKind, str]]:
    """Header and footer parts in section order, each once, with where Word shows them."""
    rels = package.rels_by_id(package.main)
    found: list[tuple[str, BlockKind, str]] = []
    seen: set[tuple[str, str]] = set()
    for section in sections:
        for reference in section:
            name = local(reference)
            if name not in ("headerReference", "footerReference"):
                continue
            rid = next((v for k, v in reference.attrib.items() if k.endswith("}id")), None)
            target = rels.get(str(rid))
            kind: BlockKind = "header" if name == "headerReference" else "footer"
            if target and (target, kind) not in seen:
                seen.add((target, kind))
                which = {"first": "首页", "even": "偶数页"}.get(attr(reference, "type") or "", "")
                found.append((target, kind, which + ("页眉" if kind == "header" else "页脚")))
    return found


def _notes(walk: _Walk, root: Any, part: str, kind: str) -> None:
    if root is None:
        return
    order = {nid: n for n, nid in enumerate(walk.note_refs.get(kind, []), start=1)}
    walk.part = part
    shown = 0
    for note in root:
        if local(note) in ("footnote", "endnote") and attr(note, "type") not in _NOTE_SEPARATORS:
            shown += 1
            number = order.get(attr(note, "id") or "", shown)
            walk.place = f"{'脚注' if kind == 'footnote' else '尾注'} {number}"
            walk.container(note, "note")
    walk.place = ""


@dataclass(frozen=True)
class WordBody:
    """The document as read, with where each block sits in the package (for --annotate)."""

    document: Document
    locations: tuple[Location, ...]


def _without_toc(walk: _Walk) -> tuple[list[Block], list[Location]]:
    """The blocks with the table of contents (and a 目录 line before it) left out."""
    keep = [not t for t in walk.toc]
    for i, block in enumerate(walk.blocks):
        if _TOC_TITLE.match(block.text) and i + 1 < len(walk.blocks) and walk.toc[i + 1]:
            keep[i] = False
    blocks = [b for b, k in zip(walk.blocks, keep, strict=True) if k]
    locations = [loc for loc, k in zip(walk.locations, keep, strict=True) if k]
    return blocks, locations


def _warnings(walk: _Walk, dropped: list[str]) -> tuple[str, ...]:
    """What the reader could not represent faithfully, one line each."""
    warnings = []
    if walk.numbering.unresolved:
        lists = ", ".join(sorted(walk.numbering.unresolved))
        warnings.append(f"automatic numbering not defined in the file (list {lists}): no label")
    if walk.styles.unknown:
        names = ", ".join(sorted(walk.styles.unknown))
        warnings.append(f"styles not defined in the file ({names}): their layout is unknown")
    warnings += [f"part {part} is named but missing: its text is not read" for part in dropped]
    return tuple(warnings)


def _styles_sheet(package: Package | None) -> Sheet | None:
    """The styles part's index, shared by the files whose styles part is the same."""
    if package is None:
        return None
    found = package.related_part("/styles")
    if found is None:
        return None
    name, data = found
    parse = package.parse
    return sheet_of(data, lambda raw: parse(name, raw))


def walk_body(root: Any, package: Package | None, shown: str, places: bool = True) -> WordBody:
    """Read a main-part tree; `package` supplies styles, numbering, notes and headers.
    Without `places` the locations are placeholders (unless directive comments need
    them): a plain read only wants the document."""
    related = package.related if package is not None else (lambda _: None)
    settings = related("/settings")
    styles = Styles(_styles_sheet(package), related("/theme"), settings)
    walk = _Walk(styles, Numbering.parse(related("/numbering"), styles.numbering_styles), package)
    walk.directives = Directives.of(related("/comments"))
    walk.places = places or walk.directives is not None
    body = _body(root, shown)
    dropped: list[str] = []  # parts the document names but the package lacks
    walk.part = package.main if package is not None else ""
    walk.container(body, "paragraph")
    walk.on_grid = False
    sections = _sections(body)  # a streamed body has them once it is walked
    if package is not None:
        for kind in ("footnote", "endnote"):
            target = package.related_name(f"/{kind}s")
            if target is not None:
                _notes(walk, package.xml(target), target, kind)
        for part, kind, place in _header_footer_parts(package, sections):
            part_root = package.xml(part)
            if part_root is not None:
                walk.part, walk.place = part, place
                walk.container(part_root, kind)
            else:
                dropped.append(part)
        walk.place = ""
    walk.put_on_grid([_grid_pitch(s) for s in sections])
    blocks, locations = _without_toc(walk)
    if not blocks:  # text only in headers or footers is still text a reviewer reads
        raise ReadError(shown, "no text in the document")
    suppressions = walk.directives.suppressions() if walk.directives is not None else ()
    document = Document(
        shown,
        (*blocks, *walk.hidden),
        format="docx",
        page=_page(sections, settings),
        warnings=_warnings(walk, dropped),
        suppressions=suppressions,
    )
    return WordBody(document, tuple(locations))


def read_docx(path: Source, shown: str) -> Document:
    _sniff(path, shown)
    archive, package = open_package(path, shown)
    try:
        with archive:
            # Streamed: the body is parsed as it inflates and freed as it is walked.
            return walk_body(streamed_root(package, shown), package, shown, places=False).document
    except zipfile.BadZipFile as err:
        raise ReadError(shown, f"not a valid .docx (corrupt zip: {err})") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as err:
        # RuntimeError: encrypted zip entries; NotImplementedError: unknown compression.
        raise ReadError(shown, f"not a valid .docx ({err})") from None
