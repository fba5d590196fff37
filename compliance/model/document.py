"""The document model every reader produces and everything after the reader consumes.

Nothing downstream of a reader sees a file format's structure (no XML, no PDF objects):
only blocks of text in reading order. What only some formats have — Word's styles and
page setup — is optional, and the kinds that need it say so (layout, page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# "hidden": text Word does not show (w:vanish); only rules that ask (scope "hidden") see it.
BlockKind = Literal["paragraph", "table-cell", "header", "footer", "note", "hidden"]


@dataclass(frozen=True)
class Style:
    """Layout facts of a .docx block (all optional: text formats have none)."""

    font_east_asia: str | None = None
    font_size_pt: float | None = None
    bold: bool | None = None
    alignment: str | None = None  # "left", "center", "right", "both" (justified) …
    style_name: str | None = None
    line_spacing_pt: float | None = None  # exact or at-least spacing, in points
    line_spacing_multiple: float | None = None  # "auto" spacing, in lines


@dataclass(frozen=True)
class PageSetup:
    """The first section's page, in millimetres (docx only)."""

    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float


@dataclass(frozen=True, slots=True)  # slots: a long text file has tens of thousands
class Block:
    """One unit of text in reading order.

    `line` is the physical line (txt/md) or the 1-based paragraph number in reading order
    (docx); `column` is the 1-based column of `text[0]` on that line, so a character at
    index i of `text` sits at column `column + i`.
    """

    text: str
    line: int
    column: int = 1
    kind: BlockKind = "paragraph"
    # A label drawn by Word automatic numbering; `text` begins with it, as Word shows it.
    label: str = ""
    style: Style | None = None  # of the run holding most of the text
    lead_style: Style | None = None  # of the first run: a heading glued to its body text
    offset: int = -1  # of text[0] in the file's decoded text (plain text only), else -1
    # Where a user finds a block outside the body: "页眉", "页脚", "脚注 2" … ("" in the body).
    place: str = ""
    # (offset in `text`, style) where each differently styled stretch begins (docx only).
    run_styles: tuple[tuple[int, Style], ...] = ()


@dataclass(frozen=True, slots=True)
class Suppression:
    """A reviewer's `complint: ignore CODES 理由`, written in the report itself.

    `text` is the directive as written; `line`/`column`/`end_column` place it (in a text
    file, `text` itself; in a Word file, the text its comment is anchored on), and
    `offset` is `column`'s place in the document's text (-1: not in it). `covers` is the
    range it applies to, as (line, column, end_line, end_column) in finding coordinates,
    or None for the whole file. No codes: the directive could not be read.
    """

    codes: tuple[str, ...]
    reason: str
    line: int
    column: int
    end_column: int
    covers: tuple[int, int, int, int] | None
    text: str = ""
    offset: int = -1


@dataclass(frozen=True)
class Document:
    """A report as read: its path, its blocks and the reader's warnings."""

    path: str
    blocks: tuple[Block, ...]
    format: str = "txt"
    warnings: tuple[str, ...] = field(default=())
    page: PageSetup | None = None
    suppressions: tuple[Suppression, ...] = ()
    # Set when the file was written in traditional characters as a whole and these blocks
    # are its simplified twin (compliance.match.script): the share of traditional characters.
    traditional_share: float = 0.0


def block_starts(document: Document) -> tuple[int, ...]:
    """Each block's offset in the file's text: a text file's blocks carry theirs; the
    blocks of a Word or PDF file count in the reading-order text (blocks joined by
    newlines). Findings carry `start + column` offsets from this."""
    starts: list[int] = []
    offset = 0
    for block in document.blocks:
        starts.append(block.offset if block.offset >= 0 else offset)
        offset += len(block.text) + 1
    return tuple(starts)
