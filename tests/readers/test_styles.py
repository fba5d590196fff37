from __future__ import annotations

from lxml import etree

from compliance.model.document import Style
from compliance.readers.styles import Styles

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'

STYLES = f"""<w:styles {W}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="21"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="正文文本"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="start"/><w:spacing w:line="560.0" w:lineRule="exact"/></w:pPr>
    <w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""  # noqa: E501
THEME = f"""<a:theme {A}><a:themeElements><a:fontScheme>
  <a:majorFont><a:ea typeface=""/><a:font script="Hans" typeface="黑体"/></a:majorFont>
  <a:minorFont><a:ea typeface=""/><a:font script="Hans" typeface="宋体"/>
    <a:font script="Jpan" typeface="ＭＳ 明朝"/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"""
SETTINGS = f'<w:settings {W}><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'


def _styles() -> Styles:
    return Styles(etree.fromstring(STYLES), etree.fromstring(THEME), etree.fromstring(SETTINGS))


def _paragraph(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:p {W}>{xml}</w:p>")


def _style_of(xml: str) -> Style:
    styles = _styles()
    paragraph = _paragraph(xml)
    ppr, rpr, style_id = styles.paragraph(paragraph.find("{*}pPr"))
    return styles.style(ppr, rpr, paragraph.find("{*}r"), style_id)


def test_defaults_and_theme_font_for_the_document_language() -> None:
    style = _style_of("<w:r><w:t>正文</w:t></w:r>")
    assert style.font_east_asia == "宋体"
    assert style.font_size_pt == 10.5
    assert style.line_spacing_multiple == 1.0
    assert style.style_name == "Normal"


def test_style_chain_then_direct_formatting() -> None:
    style = _style_of(
        '<w:pPr><w:pStyle w:val="Body"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="Strong"/><w:sz w:val="30"/></w:rPr><w:t>正文</w:t></w:r>'
    )
    assert style.font_east_asia == "仿宋_GB2312"  # beats theme
    assert style.font_size_pt == 15  # direct beats style
    assert style.bold is True  # from the character style
    assert style.alignment == "left"  # w:jc="start"
    assert style.line_spacing_pt == 28  # fractional twips
    assert style.style_name == "正文文本"


def test_a_style_based_on_itself_does_not_hang() -> None:
    style = _style_of('<w:pPr><w:pStyle w:val="Loop"/></w:pPr><w:r><w:t>x</w:t></w:r>')
    assert style.font_east_asia == "宋体"
