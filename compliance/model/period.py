"""The period a report covers (2024年上半年 …), read from its title or opening.

PF401 needs it to know which formulations were already superseded, CS501 to see the
text contradict it. When the text does not say, the configured period is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compliance.model.document import Document
from compliance.model.outline import Report

_PERIOD = re.compile(r"(20\d{2})\s*年\s*(?:度)?\s*(上半年|下半年|第?[一二三四1-4]季度|全年|度)?")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
OPENING_BLOCKS = 3


@dataclass(frozen=True)
class Period:
    year: int
    first_month: int  # 1-12
    last_month: int
    text: str

    @property
    def half(self) -> str | None:
        if (self.first_month, self.last_month) == (1, 6):
            return "上半年"
        if (self.first_month, self.last_month) == (7, 12):
            return "下半年"
        return None


def parse_period(text: str) -> Period | None:
    found = _PERIOD.search(text)
    if not found:
        return None
    year, part = int(found.group(1)), found.group(2) or ""
    months = (1, 12)
    if part == "上半年":
        months = (1, 6)
    elif part == "下半年":
        months = (7, 12)
    elif part.endswith("季度"):
        quarter = _QUARTERS[part.removeprefix("第")[0]]
        months = (3 * quarter - 2, 3 * quarter)
    return Period(year, months[0], months[1], found.group(0))


def report_period(document: Document, report: Report, configured: str | None) -> Period | None:
    """The title's period, else the opening's, else the configured one."""
    candidates = [report.title] if report.title is not None else []
    candidates += list(range(report.start, min(report.start + OPENING_BLOCKS + 1, report.end)))
    for index in candidates:
        period = parse_period(document.blocks[index].text)
        if period is not None:
            return period
    return parse_period(configured) if configured else None
