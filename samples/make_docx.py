"""Build the Word samples from the .txt samples of the same name.

Run: python samples/make_docx.py

- ideology-report-2024h1.docx: the defective report in python-docx's default layout (US
  Letter, 11 pt), plus a statistics table between two paragraphs (reading order across a
  table), so it also shows every FM6xx layout rule.
- clean-report.docx: the clean report laid out to GB/T 9704-2012, its 一、 and （一）
  headings numbered by Word's automatic numbering (the labels are not in the text). It
  must give no finding at all.
- word-details.docx: a heading label typed where Word numbering draws one (ST210) and a
  hidden template note holding a placeholder (TX311).

`build_report` is also used by the tests to make variants (宋体 12 pt body text …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.run import Run

HERE = Path(__file__).resolve().parent

TABLE = [
    ("项目", "上半年", "备注"),
    ("中心组学习", "X次", "含专题研讨"),
    ("网络信息发布", "36条", "门户网站、公众号"),
]


@dataclass(frozen=True)
class Layout:
    """Fonts and sizes in points; the defaults are GB/T 9704-2012."""

    body_font: str = "仿宋_GB2312"
    body_size: float = 16
    title_font: str = "方正小标宋简体"
    title_size: float = 22
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    line_spacing: float = 28  # exact


GBT9704 = Layout()

# 一、 and （一） as Word list levels 0 and 1 (numFmt chineseCounting).
NUMBERING = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
_TITLE_END = re.compile(r"^.{2,30}?。")


def _east_asia(element: object, font: str) -> None:
    """Set the East Asian font on a style or run (rFonts eastAsia), dropping theme fonts."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(theme), None)
    for key in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(key), font)


def _run(run: Run, font: str, size: float) -> None:
    _east_asia(run._r, font)
    run.font.size = Pt(size)


def _heading_style(document: object, name: str, font: str, ilvl: int) -> ParagraphStyle:
    style = document.styles.add_style(name, 1)  # type: ignore[attr-defined]
    style.base_style = document.styles["Normal"]  # type: ignore[attr-defined]
    _east_asia(style.element, font)
    ppr = style.element.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'
        )
    )
    return style  # type: ignore[no-any-return]


def build_report(
    lines: list[str], target: Path, layout: Layout | None, table: bool = False
) -> None:
    """Write `lines` (title first) as a .docx; with a layout, headings use Word numbering."""
    document = Document()
    if layout is not None:
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = document.styles["Normal"]
        _east_asia(normal.element, layout.body_font)
        normal.font.size = Pt(layout.body_size)
        normal.paragraph_format.line_spacing = Pt(layout.line_spacing)  # exact
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(NUMBERING))
        numbering.append(parse_xml(NUM))
        level1 = _heading_style(document, "一级标题", layout.heading1_font, 0)
        level2 = _heading_style(document, "二级标题", layout.heading2_font, 1)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(lines[0])
    if layout is not None:
        _run(run, layout.title_font, layout.title_size)
    else:
        run.font.size = Pt(22)
    for line in lines[1:]:
        paragraph = document.add_paragraph()
        level1_label, level2_label = _LEVEL1.match(line), _LEVEL2.match(line)
        if layout is not None and (level1_label or level2_label):
            label = level1_label or level2_label
            assert label is not None
            paragraph.style = level1 if level1_label else level2
            text = line[label.end() :]
            # A level-2 heading glued to its body: the heading words in the heading font,
            # the rest in body text.
            head = _TITLE_END.match(text) if level2_label else None
            if head:
                paragraph.add_run(head.group(0))
                _run(paragraph.add_run(text[head.end() :]), layout.body_font, layout.body_size)
            else:
                paragraph.add_run(text)
        else:
            paragraph.add_run(line)
        if table and line.startswith("（一）"):
            cells = document.add_table(rows=len(TABLE), cols=3)
            for row, values in zip(cells.rows, TABLE, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    partial = target.with_name(target.name + ".partial")
    document.save(str(partial))
    partial.replace(target)  # atomic: a half-written sample is never left behind


def lines_of(name: str) -> list[str]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def build_word_details(target: Path) -> None:
    """A short report showing what only Word can hold: a heading label typed where Word
    numbering already draws one (ST210) and a template note left as hidden text with a
    placeholder in it (TX311)."""
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(NUM))
    level1 = _heading_style(document, "一级标题", "黑体", 0)
    document.add_paragraph("示范局2024年上半年意识形态工作总结")
    opening = document.add_paragraph("今年以来，局党组认真落实意识形态工作责任制。")
    note = opening.add_run("（填写说明：此处写明召开专题会议X次）")
    note.font.hidden = True  # w:vanish: Word shows it only with formatting marks on
    document.add_paragraph("一、工作开展情况", style=level1)  # Word draws 一、 as well
    document.add_paragraph("党组专题研究意识形态工作3次。")
    partial = target.with_name(target.name + ".partial")
    document.save(str(partial))
    partial.replace(target)


def build() -> None:
    build_report(
        lines_of("ideology-report-2024h1.txt"),
        HERE / "ideology-report-2024h1.docx",
        None,
        table=True,
    )
    build_report(lines_of("clean-report.txt"), HERE / "clean-report.docx", GBT9704)
    build_word_details(HERE / "word-details.docx")


if __name__ == "__main__":
    build()
