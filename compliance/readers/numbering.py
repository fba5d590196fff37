"""Word automatic numbering (numbering.xml): the label a reader sees before a paragraph.

Reports number their headings 一、 （一） 1. with Word's list feature as often as by hand;
the label is then not in the paragraph text, and the outline would see no heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from compliance.model.numerals import DIGITS as _DIGITS
from compliance.model.numerals import chinese as _chinese
from compliance.readers.ooxml import attr, child, local

_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = [chr(0x2460 + i) for i in range(20)] + [chr(0x3251 + i) for i in range(15)]


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter past z: aa, bb …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


# Word numbers a list up to 32767; past it, and for counters a hostile file starts at
# 10**12, every format is shown in decimal: letters and Roman numerals grow with the
# value (a counter of 10**14 would be petabytes of "M").
MAX_COUNTER = 32767


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's numFmt values; unknown formats fall back to decimal."""
    if n > MAX_COUNTER and fmt != "none":
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "japaneseCounting", "taiwaneseCountingThousand"):  # fmt: skip
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographLegalTraditional"):
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class _Level:
    """One level of a Word list's numbering."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False  # isLgl: show every counter in decimal
    style: str | None = None  # pStyle: paragraphs of this style take this level
    width: int = 0  # a custom format's zero-padded width ("001, 002, 003, ...")


_KNOWN_FORMATS = ("decimal", "chineseCounting", "chineseLegalSimplified", "ideographTraditional",
                  "decimalEnclosedCircle", "lowerLetter", "upperLetter", "lowerRoman",
                  "upperRoman", "decimalFullWidth", "ideographZodiac")  # fmt: skip


def _custom(sample: str) -> tuple[str, int]:
    """A custom number format (w:numFmt val="custom" w:format="01, 02, 03, ...") as a
    known format and a zero-padded width, from its first sample."""
    first = sample.split(",")[0].strip()
    if first.isascii() and first.isdigit():
        return "decimal", len(first)
    for fmt in _KNOWN_FORMATS:
        if format_number(1, fmt) == first:
            return fmt, 0
    return "decimal", 0


def _number_format(element: Any) -> tuple[str, int]:
    """A level's numFmt; Word 2010+ writes a custom one inside mc:AlternateContent, with
    a plain fallback for older readers."""
    for item in element.iter():
        if local(item) == "numFmt" and attr(item, "val") == "custom":
            return _custom(attr(item, "format") or "")
    found = child(element, "numFmt")
    return (attr(found, "val") if found is not None else None) or "decimal", 0


def _level(element: Any) -> _Level:
    def value(name: str) -> str | None:
        found = child(element, name)
        return attr(found, "val") if found is not None else None

    start, restart = value("start"), value("lvlRestart")
    fmt, width = _number_format(element)
    return _Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=fmt,
        text=value("lvlText") or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=child(element, "isLgl") is not None and value("isLgl") not in ("0", "false"),
        style=value("pStyle"),
        width=width,
    )


def _levels(container: Any) -> dict[int, _Level]:
    levels = {}
    for item in container:
        if local(item) == "lvl":
            ilvl = attr(item, "ilvl")
            if ilvl and ilvl.isdigit():
                levels[int(ilvl)] = _level(item)
    return levels


@dataclass
class _Num:
    """A Word numbering instance: its abstract list and overrides."""

    abstract: str
    overrides: dict[int, _Level]
    starts: dict[int, int]  # lvlOverride/startOverride
    used: bool = False


_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass
class Numbering:
    """Counters advance as paragraphs are read in document order, as Word draws them."""

    # abstractNum id → its element; its levels are read when a paragraph uses the list
    # (a template defines dozens of lists, a document uses a few).
    abstracts: dict[str, Any] = field(default_factory=dict)
    nums: dict[str, _Num] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    unresolved: set[str] = field(default_factory=set)  # list ids used but not defined
    # An abstractNum that only points at a list style (numStyleLink) → that style's id.
    links: dict[str, str] = field(default_factory=dict)
    # Style id → its numId, or what gives them, asked for when a list needs it.
    style_nums: dict[str, str] | Callable[[], dict[str, str]] = field(default_factory=dict)
    _parsed: dict[str, dict[int, _Level]] = field(default_factory=dict)

    @classmethod
    def parse(
        cls, root: Any, style_nums: dict[str, str] | Callable[[], dict[str, str]] | None = None
    ) -> Numbering:
        numbering = cls(style_nums=style_nums if callable(style_nums) else dict(style_nums or {}))
        if root is None:
            return numbering
        for item in root:
            name = local(item)
            if name == "abstractNum":
                abstract_id = attr(item, "abstractNumId") or ""
                numbering.abstracts[abstract_id] = item
                numbering._parsed.pop(abstract_id, None)
                link = child(item, "numStyleLink")
                if link is not None and attr(link, "val"):
                    numbering.links[abstract_id] = attr(link, "val") or ""
            elif name == "num":
                abstract = child(item, "abstractNumId")
                overrides: dict[int, _Level] = {}
                starts: dict[int, int] = {}
                for over in item:
                    ilvl = attr(over, "ilvl") if local(over) == "lvlOverride" else None
                    if ilvl is None or not ilvl.isdigit():
                        continue
                    start = child(over, "startOverride")
                    value = attr(start, "val") if start is not None else None
                    if value is not None and value.isdigit():
                        starts[int(ilvl)] = int(value)
                    overrides.update(_levels(over))
                numbering.nums[attr(item, "numId") or ""] = _Num(
                    attr(abstract, "val") or "" if abstract is not None else "", overrides, starts
                )
        return numbering

    def _abstract_levels(self, abstract: str) -> dict[int, _Level]:
        found = self._parsed.get(abstract)
        if found is None:
            element = self.abstracts.get(abstract)
            found = self._parsed[abstract] = _levels(element) if element is not None else {}
        return found

    def _style_nums(self) -> dict[str, str]:
        if callable(self.style_nums):
            self.style_nums = self.style_nums()
        return self.style_nums

    def _abstract(self, num: _Num) -> str:
        """The abstractNum holding a list's levels: through numStyleLink → the list
        style's numId → the abstractNum that styleLinks it (a few hops at most)."""
        abstract = num.abstract
        for _ in range(4):
            style = self.links.get(abstract)
            target = self.nums.get(self._style_nums().get(style, "")) if style else None
            if target is None or target.abstract == abstract:
                break
            abstract = target.abstract
        return abstract

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level whose w:pStyle names this paragraph style, when the style gives a
        list but no level."""
        num = self.nums.get(num_id)
        if num is None or not style_id:
            return None
        levels = {**self._abstract_levels(self._abstract(num)), **num.overrides}
        return next((k for k, lvl in sorted(levels.items()) if lvl.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph in list `num_id` at level `ilvl` ("" if none)."""
        num = self.nums.get(num_id)
        if num is None or num_id == "0":
            if num is None and num_id != "0":
                self.unresolved.add(num_id)
            return ""
        abstract = self._abstract(num)
        levels = {**self._abstract_levels(abstract), **num.overrides}
        level = levels.get(ilvl)
        if level is None:
            self.unresolved.add(f"{num_id} level {ilvl}")
            return ""
        counters = self.counters.setdefault(abstract, {})
        if not num.used:
            # A num that overrides its start restarts the shared abstract's counters.
            num.used = True
            for over, start in num.starts.items():
                counters[over] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or restart > ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            return ""  # a bullet is no heading label

        def counter(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at, _Level())
            value = counters.get(at, shown.start)
            fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
            drawn = format_number(value, fmt)
            return drawn.zfill(shown.width) if shown.width and fmt == "decimal" else drawn

        return _PLACEHOLDER.sub(counter, level.text)
