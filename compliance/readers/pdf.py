""".pdf: the text layer through pdfminer.six, paragraphs rebuilt from the page layout.

pdfminer's own grouping of lines into boxes follows the gaps between lines, which at
GB/T 9704 spacing (28–29 pt for 16 pt text) are wide enough that every printed line
became a box, and at 20 pt narrow enough that paragraphs ran together. So the lines are
taken one by one and joined into paragraphs as a reader of the page would: a paragraph
ends where a line stops short of the right margin, before a line indented like a first
line, at a gap wider than the line pitch, where the type size changes, or after
sentence-final punctuation when a heading label follows. A paragraph runs on across a
page break when nothing says it ended. A finding's line is the page where its
paragraph starts and its column the position in that page's text.

A glyph drawn apart from its line (LibreOffice draws “ ” in a fallback font, after the
line they sit in) is put back into the line at its place. Spacing in a PDF is layout,
not text: spaces next to Chinese characters are dropped rather than reported as stray
whitespace. A table of contents (leader dots to a page number) is left out, as in Word.
"""

from __future__ import annotations

import itertools
import logging
import statistics
from dataclasses import dataclass, field
from typing import Any

import regex as re  # \p{P}: any punctuation

from compliance.errors import ReadError
from compliance.model.document import Block, Document
from compliance.readers.source import Source, opened

_LAYOUT_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) +|"
    r" +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)
_PUNCTUATION_ONLY = re.compile(r"^[\s\p{P}]+$")
_LATIN_BREAK = re.compile(r"(?<=[A-Za-z0-9,.;:])\n(?=[A-Za-z0-9])")
_SENTENCE_END = re.compile(r"[。！？!?：:；;]$")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])"
)
_TOC_LINE = re.compile(r"(?:[.．·…‥_-]\s*){4,}\s*\d{1,4}\s*$")
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4})\s*$"
)


def paragraph_text(box: str) -> str:
    """Wrapped lines joined into one paragraph, layout spaces dropped."""
    text = _LATIN_BREAK.sub(" ", box.strip())  # an English line break is a space
    return _LAYOUT_SPACE.sub("", text.replace("\n", ""))


@dataclass
class Line:
    """A line of a PDF page with its box."""

    page: int
    x0: float
    x1: float
    y0: float
    size: float
    chars: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, text)

    @property
    def text(self) -> str:
        out: list[str] = []
        last: float | None = None
        for x0, x1, text in sorted(self.chars):
            if last is not None and x0 - last > 0.25 * self.size:
                out.append(" ")
            out.append(text)
            last = x1
        return "".join(out)


def _lines(page: Any, number: int) -> list[Line]:
    """The page's text lines, top to bottom, with stray glyphs put back in place."""
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    lines: list[Line] = []
    strays: list[Line] = []

    def visit(item: Any) -> None:
        if isinstance(item, LTTextLine):
            chars = [c for c in item if isinstance(c, LTChar)]
            if not chars:
                return
            size = statistics.median(c.size for c in chars)
            line = Line(number, item.x0, item.x1, item.y0, size)
            line.chars = [(c.x0, c.x1, c.get_text()) for c in chars]
            text = line.text
            if not text.strip():
                return
            (strays if _PUNCTUATION_ONLY.match(text) else lines).append(line)
        elif isinstance(item, LTTextContainer):
            for child in item:
                visit(child)

    for item in page:
        visit(item)
    lines.sort(key=lambda line: (-round(line.y0), line.x0))
    for stray in strays:
        home = next(
            (
                line
                for line in lines
                if abs(line.y0 - stray.y0) < 0.5 * line.size
                and line.x0 - line.size <= stray.x0 <= line.x1 + line.size
            ),
            None,
        )
        if home is not None:
            home.chars.extend(stray.chars)
            home.x0, home.x1 = min(home.x0, stray.x0), max(home.x1, stray.x1)
    return lines


@dataclass(frozen=True)
class _Frame:
    """The text area of a page: where lines start and end, and the line pitch."""

    left: float
    right: float
    pitch: float

    @classmethod
    def of(cls, lines: list[Line]) -> _Frame:
        lefts = [round(line.x0) for line in lines]
        left = min(lefts, key=lambda x: (-lefts.count(x), x)) if lefts else 0.0
        # Where full lines end: the upper quartile of the longer lines' ends, so that
        # table cells do not pull it in nor punctuation hung past the margin push it out.
        widest = max((line.x1 for line in lines), default=0.0)
        ends = sorted(line.x1 for line in lines if line.x1 >= (left + widest) / 2) or [widest]
        right = ends[int(0.75 * (len(ends) - 1))]
        steps = [
            round(a.y0 - b.y0)
            for a, b in itertools.pairwise(lines)
            if abs(a.size - b.size) < 0.5 and a.y0 > b.y0
        ]
        pitch = min(steps, key=lambda s: (-steps.count(s), s)) if steps else 0.0
        return cls(float(left), right, float(pitch))


def _centred(line: Line, frame: _Frame) -> bool:
    middle = (frame.left + frame.right) / 2
    return (
        line.x0 - frame.left > 2 * line.size and abs((line.x0 + line.x1) / 2 - middle) < line.size
    )


def _ends_paragraph(line: Line, frame: _Frame) -> bool:
    """A line stopping well short of the right margin is a paragraph's last."""
    return line.x1 < frame.right - 1.5 * line.size


def _starts_paragraph(prev: Line, line: Line, frame: _Frame, prev_frame: _Frame) -> bool:
    if abs(prev.size - line.size) > 1:
        return True
    if _centred(line, frame) and (
        _centred(prev, prev_frame) or not _ends_paragraph(prev, prev_frame)
    ):
        # A wrapped title: a centred line after a centred or a full one, whatever the gap.
        return bool(_SENTENCE_END.search(prev.text.rstrip()))
    if _ends_paragraph(prev, prev_frame):
        return True
    if _SENTENCE_END.search(prev.text.rstrip()) and _HEADING_START.match(line.text.lstrip()):
        return True
    if line.page == prev.page and frame.pitch and prev.y0 - line.y0 > 1.3 * frame.pitch:
        return True
    # A first-line indent; a centred line goes on a wrapped title.
    return line.x0 - frame.left > 0.8 * line.size and not _centred(line, frame)


def read_pdf(path: Source, shown: str) -> Document:
    # Imported here: only PDF input pays for pdfminer.
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the user's
    try:
        pages = [
            _lines(page, number)
            for number, page in enumerate(extract_pages(opened(path), laparams=LAParams()), start=1)
        ]
    except Exception as err:  # pdfminer raises many types on damaged or encrypted files
        name = type(err).__name__
        if "Password" in name or "Encrypt" in name:
            raise ReadError(shown, "encrypted PDF; remove the password and save again") from None
        raise ReadError(shown, f"not a readable PDF ({name}: {err})".rstrip(": )") + ")") from None
    blocks = paragraph_blocks(pages)
    if not blocks:
        raise ReadError(shown, "no text in the PDF (a scanned image? complint needs a text layer)")
    return Document(shown, tuple(blocks), format="pdf")


def paragraph_blocks(pages: list[list[Line]]) -> list[Block]:
    """Each page's lines (top to bottom) joined into paragraphs, as blocks."""
    paragraphs: list[list[Line]] = []
    prev: Line | None = None
    prev_frame: _Frame | None = None
    for lines in pages:
        frame = _Frame.of(lines)
        edges = {id(lines[0]), id(lines[-1])} if lines else set()
        for line in lines:
            if id(line) in edges and _PAGE_NUMBER.match(line.text):
                continue  # a page number: a paragraph runs on past it
            if (
                prev is None
                or prev_frame is None
                or _starts_paragraph(prev, line, frame, prev_frame)
            ):
                paragraphs.append([])
            paragraphs[-1].append(line)
            prev, prev_frame = line, frame
    return _blocks(paragraphs)


def _blocks(paragraphs: list[list[Line]]) -> list[Block]:
    texts = [paragraph_text("\n".join(line.text for line in lines)) for lines in paragraphs]
    toc = [bool(_TOC_LINE.search(text)) for text in texts]
    blocks: list[Block] = []
    columns: dict[int, int] = {}
    for i, (lines, text) in enumerate(zip(paragraphs, texts, strict=True)):
        if toc[i] or (_TOC_TITLE.match(text) and i + 1 < len(toc) and toc[i + 1]):
            continue
        if not text or _PUNCTUATION_ONLY.match(text):
            continue
        page = lines[0].page
        column = columns.get(page, 1)
        blocks.append(Block(text, page, column=column))
        columns[page] = column + len(text) + 1
    return blocks
