"""Layout facts of a paragraph, resolved as Word resolves them.

Document defaults, then the paragraph style and its basedOn chain, then the run's
character style, then direct formatting; each property is taken from the last level
that sets it. East Asian fonts may name a theme font (minorEastAsia), resolved through
the theme part and the document's East Asian language. Style chains are resolved once
per style, not once per paragraph.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from compliance.model.document import Style
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
            for key in ("eastAsia", "eastAsiaTheme", "ascii"):
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
        elif name == "vanish":
            props["vanish"] = _on(item)
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
        elif name == "snapToGrid":
            props["snapToGrid"] = _on(item)
        elif name == "tabs" and any(attr(t, "leader") not in (None, "none") for t in item):
            props["leader"] = "1"  # a tab stop drawn with dots to a page number: a TOC line
    return props


@dataclass(frozen=True)
class Sheet:
    """A styles part's index: each style's element by id, and the document defaults."""

    styles: Mapping[str, Any]
    default_paragraph: str | None
    default_run: Mapping[str, str]
    default_paragraph_props: Mapping[str, str]

    @classmethod
    def read(cls, root: Any) -> Sheet:
        # Only an index here: a template's styles part holds hundreds of styles and a
        # document uses a few, which are read when a paragraph asks (cached per style).
        styles: dict[str, Any] = {}
        default_paragraph: str | None = None
        default_run: dict[str, str] = {}
        default_paragraph_props: dict[str, str] = {}
        for item in root.iterchildren("{*}style", "{*}docDefaults"):
            if local(item) == "docDefaults":
                for default in item:
                    if local(default) == "rPrDefault":
                        default_run = run_props(child(default, "rPr"))
                    elif local(default) == "pPrDefault":
                        default_paragraph_props = paragraph_props(child(default, "pPr"))
            else:
                style_id = attr(item, "styleId") or ""
                styles[style_id] = item
                if attr(item, "default") in ("1", "true") and attr(item, "type") == "paragraph":
                    default_paragraph = style_id
        return cls(styles, default_paragraph, default_run, default_paragraph_props)


_NO_SHEET = Sheet({}, None, {}, {})
# Styles parts read lately, by their exact bytes: the files of a batch mostly share a
# template, whose styles part (349 KB in python-docx's, mostly table styles) cost more
# to parse than the rest of the package. Small parts only, and a few: a hostile part is
# never kept. Nothing of one document is kept: the sheet is the part's, read only.
# `complint serve` lints in worker threads: the lock keeps the evicting loop from
# iterating while another thread inserts.
_SHEETS: dict[bytes, Sheet] = {}
_SHEETS_LOCK = threading.Lock()
_SHEETS_KEPT = 4
_SHEET_BYTES = 1 << 20


def sheet_of(data: bytes, parse: Callable[[bytes], Any]) -> Sheet:
    """The index of a styles part given as its bytes; `parse` parses them (and raises
    ReadError on damaged XML, as a part parsed anew does)."""
    if len(data) > _SHEET_BYTES:
        return Sheet.read(parse(data))
    with _SHEETS_LOCK:
        found = _SHEETS.get(data)
    if found is None:
        found = Sheet.read(parse(data))
        with _SHEETS_LOCK:
            while len(_SHEETS) >= _SHEETS_KEPT:
                _SHEETS.pop(next(iter(_SHEETS)))
            _SHEETS[data] = found
    return found


class Styles:
    def __init__(self, styles: Sheet | Any, theme: Any, settings: Any) -> None:
        """`styles`: the styles part's Sheet, or its parsed root (None: no such part)."""
        if styles is None:
            styles = _NO_SHEET
        elif not isinstance(styles, Sheet):
            styles = Sheet.read(styles)
        self._styles = styles.styles
        self._names: dict[str, str] = {}
        self.default_paragraph = styles.default_paragraph
        self._default_run = styles.default_run
        self._default_paragraph = styles.default_paragraph_props
        self.unknown: set[str] = set()  # ids used but not defined: Document.warnings
        script = _script(settings)
        self._theme = _theme_fonts(theme, script)
        # What Word draws Chinese in when no East Asian font is set anywhere.
        self._fallback = self._theme.get("minorEastAsia") or _DEFAULT_FONT.get(script, "宋体")
        self._style_cache: dict[tuple[Any, ...], Style] = {}
        # Per style, not per paragraph; plain dicts, not functools.cache around bound
        # methods, whose cycle kept each file's parsed parts alive until a collection.
        self._paragraph_chains: dict[str | None, tuple[dict[str, str], dict[str, str]]] = {}
        self._character_chains: dict[str | None, dict[str, str]] = {}

    def paragraph_chain(self, style_id: str | None) -> tuple[dict[str, str], dict[str, str]]:
        found = self._paragraph_chains.get(style_id)
        if found is None:
            found = self._paragraph_chains[style_id] = self._paragraph_chain(style_id)
        return found

    def character_chain(self, style_id: str | None) -> dict[str, str]:
        found = self._character_chains.get(style_id)
        if found is None:
            found = self._character_chains[style_id] = self._character_chain(style_id)
        return found

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
        if style_id and style_id not in self._styles:
            self.unknown.add(style_id)
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

    def name(self, style_id: str | None) -> str | None:
        """A style's name as Word shows it (its id when it has none); None: not defined."""
        if not style_id:
            return None
        found = self._names.get(style_id)
        if found is None and style_id in self._styles:
            shown = child(self._styles[style_id], "name")
            value = attr(shown, "val") if shown is not None else None
            found = self._names[style_id] = value or style_id
        return found

    def numbering_styles(self) -> dict[str, str]:
        """Style id → the numId its own pPr names (list styles, headings with a list)."""
        found: dict[str, str] = {}
        for style_id, element in self._styles.items():
            num_id = paragraph_props(child(element, "pPr")).get("numId")
            if num_id:
                found[style_id] = num_id
        return found

    def hidden(self, style_rpr: Props, rpr: Any) -> bool:
        """Whether a run is hidden text (w:vanish), directly or through its styles."""
        character: Props = {}
        for item in rpr if rpr is not None else ():
            name = local(item)
            if name == "vanish":
                return _on(item) == "1"
            if name == "rStyle":
                character = self.character_chain(attr(item, "val"))
        return character.get("vanish", style_rpr.get("vanish")) == "1"

    def paragraph(self, ppr: Any) -> tuple[dict[str, str], dict[str, str], str | None]:
        """(paragraph props, run props of its style, style id) of one w:p's pPr."""
        direct = paragraph_props(ppr)
        style_id = direct.get("pStyle") or self.default_paragraph
        base_ppr, base_rpr = self.paragraph_chain(style_id)
        return {**base_ppr, **direct}, base_rpr, style_id

    def style(
        self,
        ppr: Props,
        style_rpr: Props,
        run: Any,
        style_id: str | None,
        pitch: float | None = None,
    ) -> Style:
        """Layout facts of a paragraph, from its dominant run (None: no run); `pitch` is
        the line pitch of the section's document grid."""
        direct = run_props(child(run, "rPr")) if run is not None else {}
        key = (
            id(style_rpr),
            tuple(sorted(ppr.items())),
            tuple(sorted(direct.items())),
            style_id,
            pitch,
        )
        found = self._style_cache.get(key)
        if found is not None:
            return found
        rpr = dict(style_rpr)
        if run is not None:
            rpr.update(self.character_chain(direct.get("rStyle")))
            rpr.update(direct)
        size = number(rpr.get("sz"))
        found = Style(
            font_east_asia=self._font(rpr),
            font_size_pt=size / 2 if size is not None else None,
            bold=rpr["b"] == "1" if "b" in rpr else False,
            alignment=_ALIGN.get(ppr.get("jc", "left")),
            style_name=self.name(style_id),
            **_spacing(ppr, pitch, size / 2 if size else 10.5),
        )
        self._style_cache[key] = found
        return found

    def _font(self, rpr: Props) -> str | None:
        theme = rpr.get("eastAsiaTheme")
        if theme and theme in self._theme:
            return self._theme[theme]
        # No East Asian font anywhere (perhaps only w:ascii): Word falls back.
        return rpr.get("eastAsia") or self._fallback


_DEFAULT_FONT = {"Hans": "宋体", "Hant": "新細明體", "Jpan": "ＭＳ 明朝", "Hang": "바탕"}
SINGLE_LINE = 1.3  # a CJK font's single line is about 1.3 times its size


def _spacing(ppr: Props, pitch: float | None, size: float) -> dict[str, float | None]:
    line = number(ppr.get("line"))
    multiple = 1.0 if line is None else line / 240
    if line is not None and ppr.get("lineRule", "auto") != "auto":
        return {"line_spacing_pt": line / 20, "line_spacing_multiple": None}
    if pitch and snaps(ppr):
        spacing = _grid_lines(multiple, size, pitch)
        return {"line_spacing_pt": spacing, "line_spacing_multiple": None}
    return {"line_spacing_pt": None, "line_spacing_multiple": multiple}


def snaps(ppr: Props) -> bool:
    """Whether a paragraph's lines snap to the section's document grid."""
    return ppr.get("snapToGrid", "1") == "1"


def _grid_lines(multiple: float, size: float, pitch: float) -> float:
    # On a document grid Word's single line is one grid line (two when the font does not
    # fit in one), and a multiple is that many of those.
    lines = max(1, math.ceil(size * SINGLE_LINE / pitch - 1e-9))
    return round(multiple * lines * pitch, 2)


def on_grid(style: Style, pitch: float | None) -> Style:
    """`style` (resolved with no grid) in a section whose document grid has this line
    pitch, for a paragraph that snaps to it: what Styles.style gives with `pitch`. The
    reader learns a section's grid only at its end, after its paragraphs."""
    if not pitch or style.line_spacing_multiple is None:  # no grid, or exact spacing
        return style
    size = style.font_size_pt or 10.5
    spacing = _grid_lines(style.line_spacing_multiple, size, pitch)
    return dataclasses.replace(style, line_spacing_pt=spacing, line_spacing_multiple=None)


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
    for scheme in theme.iter("{*}majorFont", "{*}minorFont"):
        kind = local(scheme)
        face = ""
        for item in scheme:
            if local(item) == "ea":
                face = face or str(item.get("typeface", ""))
            elif local(item) == "font" and item.get("script") == script:
                face = str(item.get("typeface", "")) or face
        if face:
            fonts[f"{kind[:5]}EastAsia"] = face
    return fonts
