"""How printed lines become paragraphs (compliance.readers.pdf), on lines laid out by
hand: 16 pt text between x 80 and 520, 29 pt apart, a first-line indent of two
characters. tests/readers/test_pdf_layout.py checks the same on PDFs LibreOffice prints."""

from __future__ import annotations

from compliance.readers.pdf import Line, paragraph_blocks

SIZE = 16.0


def line(page: int, y: float, text: str, indent: bool = False, end: float | None = None) -> Line:
    x0 = 80 + (2 * SIZE if indent else 0)
    x1 = end if end is not None else min(520.0, x0 + SIZE * len(text))
    made = Line(page, x0, x1, y, SIZE)
    step = (x1 - x0) / max(len(text), 1)
    made.chars = [(x0 + i * step, x0 + (i + 1) * step, c) for i, c in enumerate(text)]
    return made


FULL = "一" * 27  # a line filled to the right margin


def texts(pages: list[list[Line]]) -> list[str]:
    return [b.text for b in paragraph_blocks(pages)]


def test_indent_and_short_lines_end_paragraphs() -> None:
    page = [
        line(1, 700, "甲" * 25, indent=True),
        line(1, 671, FULL),
        line(1, 642, "完。"),  # short: the paragraph's last line
        line(1, 613, "乙" * 25, indent=True),
        line(1, 584, "丙" * 27),
        line(1, 555, "丁" * 25, indent=True),  # indented: a new paragraph
        line(1, 526, "戊。"),
    ]
    assert texts([page]) == ["甲" * 25 + FULL + "完。", "乙" * 25 + "丙" * 27, "丁" * 25 + "戊。"]


def test_a_paragraph_runs_on_over_a_page_break_and_its_page_number() -> None:
    first = [
        line(1, 700, "甲" * 25, indent=True),
        line(1, 671, FULL),
        line(1, 60, "— 1 —", end=320),
    ]
    second = [line(2, 700, "乙" * 10 + "。"), line(2, 671, "丙" * 25, indent=True)]
    blocks = paragraph_blocks([first, second])
    assert [(b.line, b.text) for b in blocks] == [
        (1, "甲" * 25 + FULL + "乙" * 10 + "。"),
        (2, "丙" * 25),
    ]


def test_a_number_in_the_text_is_kept() -> None:
    page = [
        line(1, 729, FULL),
        line(1, 700, "完。"),
        line(1, 671, "项目", end=112),
        line(1, 642, "36", end=100),  # a table cell, not a page number
        line(1, 613, "完。"),
    ]
    assert texts([page]) == [FULL + "完。", "项目", "36", "完。"]


def test_a_heading_after_a_sentence_end_starts_a_paragraph() -> None:
    page = [line(1, 700, "一" * 26 + "。"), line(1, 671, "（二）抓实理论学习。" + "学" * 17)]
    assert len(texts([page])) == 2
