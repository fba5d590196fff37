""".pdf: the text layer through pdfminer.six, pages as locations.

pdfminer's layout analysis groups a page's characters into text boxes, which for a
report are its paragraphs (a wrapped title comes back as one box, not two lines). A
finding's line is the page number and its column the position in that page's text.

A box holding nothing but punctuation is a glyph drawn apart from its line (LibreOffice
draws “ ” in a fallback font, after the line they sit in) and is dropped: placed
anywhere, it would only make pairs look unbalanced.

Spacing in a PDF is layout, not text: pdfminer inserts a space wherever glyphs stand
apart, as between 2024 and 年 or in justified lines, so spaces next to Chinese characters
are dropped rather than reported as stray whitespace.
"""

from __future__ import annotations

import logging

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


def paragraph_text(box: str) -> str:
    """One text box as a paragraph: wrapped lines joined, layout spaces dropped."""
    text = _LATIN_BREAK.sub(" ", box.strip())  # an English line break is a space
    return _LAYOUT_SPACE.sub("", text.replace("\n", ""))


def read_pdf(path: Source, shown: str) -> Document:
    # Imported here: only PDF input pays for pdfminer.
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the user's
    blocks: list[Block] = []
    try:
        for number, page in enumerate(extract_pages(opened(path), laparams=LAParams()), start=1):
            column = 1
            for element in page:
                if not isinstance(element, LTTextContainer):
                    continue
                text = paragraph_text(element.get_text())
                if text and not _PUNCTUATION_ONLY.match(text):
                    blocks.append(Block(text, number, column=column))
                    column += len(text) + 1
    except Exception as err:  # pdfminer raises many types on damaged or encrypted files
        name = type(err).__name__
        if "Password" in name or "Encrypt" in name:
            raise ReadError(shown, "encrypted PDF; remove the password and save again") from None
        raise ReadError(shown, f"not a readable PDF ({name}: {err})".rstrip(": )") + ")") from None
    if not blocks:
        raise ReadError(shown, "no text in the PDF (a scanned image? complint needs a text layer)")
    return Document(shown, tuple(blocks), format="pdf")
