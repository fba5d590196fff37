"""Build samples/ideology-report-2024h1.docx from the .txt sample of the same name.

Run: python samples/make_docx.py. The .docx carries the same report plus a statistics
table between two paragraphs, so the sample also shows reading order across a table.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "ideology-report-2024h1.txt"
TARGET = HERE / "ideology-report-2024h1.docx"

TABLE = [
    ("项目", "上半年", "备注"),
    ("中心组学习", "X次", "含专题研讨"),
    ("网络信息发布", "36条", "门户网站、公众号"),
]


def build() -> None:
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    document = Document()
    title = document.add_paragraph(lines[0])
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].font.size = Pt(22)
    for line in lines[1:]:
        document.add_paragraph(line)
        if line.startswith("（一）"):
            table = document.add_table(rows=len(TABLE), cols=3)
            for row, values in zip(table.rows, TABLE, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    partial = TARGET.with_suffix(".docx.partial")
    document.save(str(partial))
    partial.replace(TARGET)  # atomic: a half-written sample is never left behind


if __name__ == "__main__":
    build()
