"""Layout facts of a paragraph, resolved as Word resolves them.

Document defaults, then the paragraph style and its basedOn chain, then the run's
character style, then direct formatting; each property is taken from the last level
that sets it. East Asian fonts may name a theme font (minorEastAsia), resolved through
the theme part and the document's East Asian language. Style chains are resolved once
per style, not once per paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from compliance.document import Style
from compliance.readers.ooxml import attr, child, local, number

Props = Mapping[str, str]

_ALIGN = {"left": "left", "start": "left", "right": "right", "end": "right",
          "center": "center", "both": "both", "distribute": "both", "justify": "both"}  # fmt: skip
_SCRIPTS = {"zh-CN": "Hans", "zh-SG": "Hans", "zh-TW": "Hant", "zh-HK": "Hant",
            "ja-JP": "Jpan", "ko-KR": "Hang"}  # fmt: skip


def _on(element: Any) -> str:
    """A toggle property (w:b): present means on unless its value says off."""
    return "0" if attr(element, "val") in ("0", "false", "off") else "1"


def run_props(rpr: Any) -> dict[str, str]:
    props: dict[str, str] = {}
    if rpr is None:
        return props
    for item in rpr:
        name = local(item)
        if name == "rFonts":
            for key in ("eastAsia", "eastAsiaTheme"):
                value = attr(item, key)
                if value:
                    props[key] = value
            # A font named here overrides a theme font inherited from a lower level.
            if "eastAsia" in props and "eastAsiaTheme" not in props:
                props["eastAsiaTheme"] = ""
        elif name == "sz":
            value = attr(item, "val")
            if value:
                props["sz"] = value
        elif name == "b":
            props["b"] = _on(item)
        elif name == "rStyle":
            props["rStyle"] = attr(item, "val") or ""
    return props


def paragraph_props(ppr: Any) -> dict[str, str]:
    props: dict[str, str] = {}
    if ppr is None:
        return props
    for item in ppr:
        name = local(item)
        if name == "jc":
            props["jc"] = attr(item, "val") or ""
        elif name == "spacing":
            for key in ("line", "lineRule"):
                value = attr(item, key)
                if value:
                    props[key] = value
        elif name == "numPr":
            for key in ("numId", "ilvl"):
                found = child(item, key)
                value = attr(found, "val") if found is not None else None
                if value is not None:
                    props[key] = value
        elif name == "pStyle":
            props["pStyle"] = attr(item, "val") or ""
    return props


class Styles:
    def __init__(self, styles: Any, theme: Any, settings: Any) -> None:
        self._styles: dict[str, Any] = {}
        self._names: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self._default_run: dict[str, str] = {}
        self._default_paragraph: dict[str, str] = {}
        self._interned: dict[Style, Style] = {}
        if styles is not None:
            self._read_styles(styles)
        self._theme = _theme_fonts(theme, _script(settings))
        self.paragraph_chain = cache(self._paragraph_chain)
        self.character_chain = cache(self._character_chain)

    def _read_styles(self, root: Any) -> None:
        for item in root:
            name = local(item)
            if name == "docDefaults":
                for default in item:
                    if local(default) == "rPrDefault":
                        self._default_run = run_props(child(default, "rPr"))
                    elif local(default) == "pPrDefault":
                        self._default_paragraph = paragraph_props(child(default, "pPr"))
            elif name == "style":
                style_id = attr(item, "styleId") or ""
                self._styles[style_id] = item
                shown = child(item, "name")
                self._names[style_id] = (
                    attr(shown, "val") if shown is not None else None
                ) or style_id
                if attr(item, "type") == "paragraph" and attr(item, "default") in ("1", "true"):
                    self.default_paragraph = style_id

    def _chain(self, style_id: str | None) -> list[Any]:
        """The style and its ancestors, root first; loops and dangling ids end the chain."""
        chain: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            element = self._styles[style_id]
            chain.append(element)
            based = child(element, "basedOn")
            style_id = attr(based, "val") if based is not None else None
        return chain[::-1]

    def _paragraph_chain(self, style_id: str | None) -> tuple[dict[str, str], dict[str, str]]:
        """(paragraph props, run props) of a paragraph style, defaults included."""
        ppr, rpr = dict(self._default_paragraph), dict(self._default_run)
        for element in self._chain(style_id):
            ppr.update(paragraph_props(child(element, "pPr")))
            rpr.update(run_props(child(element, "rPr")))
        return ppr, rpr

    def _character_chain(self, style_id: str | None) -> dict[str, str]:
        rpr: dict[str, str] = {}
        for element in self._chain(style_id):
            rpr.update(run_props(child(element, "rPr")))
        return rpr

    def paragraph(self, ppr: Any) -> tuple[dict[str, str], dict[str, str], str | None]:
        """(paragraph props, run props of its style, style id) of one w:p's pPr."""
        direct = paragraph_props(ppr)
        style_id = direct.get("pStyle") or self.default_paragraph
        base_ppr, base_rpr = self.paragraph_chain(style_id)
        return {**base_ppr, **direct}, base_rpr, style_id

    def style(self, ppr: Props, style_rpr: Props, run: Any, style_id: str | None) -> Style:
        """Layout facts of a paragraph, from its dominant run (None: no run)."""
        rpr = dict(style_rpr)
        if run is not None:
            direct = run_props(child(run, "rPr"))
            rpr.update(self.character_chain(direct.get("rStyle")))
            rpr.update(direct)
        found = Style(
            font_east_asia=self._font(rpr),
            font_size_pt=size / 2 if (size := number(rpr.get("sz"))) is not None else None,
            bold=rpr["b"] == "1" if "b" in rpr else False,
            alignment=_ALIGN.get(ppr.get("jc", "left")),
            style_name=self._names.get(style_id) if style_id else None,
            **_spacing(ppr),
        )
        # One object per distinct style: a document has a handful, and 300,000
        # paragraphs held two copies each (docs/performance.md, memory on big files).
        return self._interned.setdefault(found, found)

    def _font(self, rpr: Props) -> str | None:
        theme = rpr.get("eastAsiaTheme")
        if theme and theme in self._theme:
            return self._theme[theme]
        return rpr.get("eastAsia")


def _spacing(ppr: Props) -> dict[str, float | None]:
    line = number(ppr.get("line"))
    if line is None:
        return {"line_spacing_pt": None, "line_spacing_multiple": 1.0}
    if ppr.get("lineRule", "auto") == "auto":
        return {"line_spacing_pt": None, "line_spacing_multiple": line / 240}
    return {"line_spacing_pt": line / 20, "line_spacing_multiple": None}


def _script(settings: Any) -> str:
    if settings is not None:
        for item in settings:
            if local(item) == "themeFontLang":
                return _SCRIPTS.get(attr(item, "eastAsia") or "", "Hans")
    return "Hans"  # our writers are in mainland China


def _theme_fonts(theme: Any, script: str) -> dict[str, str]:
    """minorEastAsia / majorEastAsia → typeface, from the theme's font scheme."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for scheme in theme.iter():
        kind = local(scheme)
        if kind not in ("majorFont", "minorFont"):
            continue
        face = ""
        for item in scheme:
            if local(item) == "ea":
                face = face or str(item.get("typeface", ""))
            elif local(item) == "font" and item.get("script") == script:
                face = str(item.get("typeface", "")) or face
        if face:
            fonts[f"{kind[:5]}EastAsia"] = face
    return fonts
