from __future__ import annotations

import pytest
from lxml import etree

from compliance.readers.numbering import Numbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCounting", "二十三"),
        (105, "chineseCounting", "一百零五"),
        (115, "chineseCounting", "一百一十五"),
        (3, "chineseLegalSimplified", "叁"),
        (10, "ideographDigital", "一〇"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "decimalEnclosedCircleChinese", "④"),
        (7, "decimal", "7"),
        (12, "decimalFullWidth", "１２"),
        (2, "lowerLetter", "b"),
        (4, "upperRoman", "IV"),
        (5, "someFutureFormat", "5"),
    ],
)
def test_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


def _numbering(xml: str) -> Numbering:
    return Numbering.parse(etree.fromstring(f'<w:numbering xmlns:w="{W}">{xml}</w:numbering>'))


LEVELS = """
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
  <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"""  # noqa: E501


def test_counters_nest_restart_and_use_level_text() -> None:
    numbering = _numbering(LEVELS)
    labels = [numbering.label("1", level) for level in (0, 1, 1, 0, 1, 2, 2, 3)]
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）", "二.3", "二.4", ""]


def test_a_num_with_start_override_restarts_the_shared_list() -> None:
    numbering = _numbering(LEVELS)
    assert [numbering.label("1", 0) for _ in range(3)] == ["一、", "二、", "三、"]
    assert [numbering.label("2", 0) for _ in range(2)] == ["一、", "二、"]


def test_unknown_lists_and_levels_draw_nothing() -> None:
    numbering = _numbering(LEVELS)
    assert numbering.label("0", 0) == ""  # numId 0 switches numbering off
    assert numbering.label("9", 0) == ""
    assert numbering.label("1", 8) == ""


LIST_STYLE = """
<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="GBList"/></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="GBList"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="H1"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="H2"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
"""  # noqa: E501


def test_a_list_defined_through_a_list_style() -> None:
    numbering = Numbering.parse(
        etree.fromstring(f'<w:numbering xmlns:w="{W}">{LIST_STYLE}</w:numbering>'),
        {"GBList": "2"},
    )
    assert numbering.level_of_style("1", "H2") == 1
    assert numbering.level_of_style("1", "Body") is None
    # numId 1 and numId 2 share one list: counters run on through both.
    labels = [numbering.label("1", 0), numbering.label("1", 1), numbering.label("2", 1)]
    assert labels == ["一、", "（一）", "（二）"]


def test_a_link_to_a_missing_style_draws_nothing() -> None:
    numbering = _numbering(LIST_STYLE)  # no style names a numId
    assert numbering.label("1", 0) == ""


def test_custom_number_formats() -> None:
    numbering = _numbering(
        """<w:abstractNum w:abstractNumId="5" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">
    <w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>
    <mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>
    <w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="custom" w:format="一, 二, 三, ..."/>
    <w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="5"/></w:num>"""
    )
    assert [numbering.label("5", 0), numbering.label("5", 1)] == ["001.", "（一）"]
