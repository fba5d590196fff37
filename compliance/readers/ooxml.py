"""The OPC package under a .docx: parts found through relationships, parsed safely.

Elements are matched by local name throughout, so ISO 29500 Strict documents (another
namespace for the same WordprocessingML) read exactly like Transitional ones.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import Any

from lxml import etree

from compliance.errors import ReadError
from compliance.readers.safezip import Reader, open_zip
from compliance.readers.source import Source

W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 Strict
)
# Entities are never expanded and nothing is fetched: a document cannot make us read
# local files or the network, nor blow up memory with nested entity definitions.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


_LOCAL: dict[Any, str] = {}  # tag → local name: the walk asks for every element's


def local(element: Any) -> str:
    tag = element.tag
    found = _LOCAL.get(tag)
    if found is None:
        found = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""  # comments: ""
        if len(_LOCAL) < 4096:  # a hostile part may invent any number of names
            _LOCAL[tag] = found
    return found


def attr(element: Any, name: str) -> str | None:
    """A w: attribute of either namespace (Transitional or Strict)."""
    for namespace in W_NAMESPACES:
        value = element.get(f"{{{namespace}}}{name}")
        if value is not None:
            return str(value)
    return None


def child(element: Any, name: str) -> Any:
    """The first child with this local name, or None."""
    for item in element:
        if local(item) == name:
            return item
    return None


def number(value: str | None) -> float | None:
    """A measure as written; real files hold fractional twips ("1440.0") and junk."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


class Package:
    """An opened .docx; `xml()` parses one part, `related()` follows relationships."""

    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self.archive = archive
        self.shown = shown
        # Part names are case-insensitive in OPC; some writers get the case wrong.
        self.names = {name.lower(): name for name in archive.namelist()}
        self._rels: dict[str, list[tuple[str, str, str]]] = {}
        # Sizes are counted while inflating (compliance.readers.safezip), never taken
        # from the zip's headers, and only the XML parts read are judged: media never is.
        self.reader = Reader(archive, shown)
        self.main = self._main_part()

    def _main_part(self) -> str:
        for target in self._targets("", "/officeDocument"):
            if target.lower() in self.names:
                return self.names[target.lower()]
        if "word/document.xml" in self.names:
            return self.names["word/document.xml"]
        raise ReadError(self.shown, "not a valid .docx (no main document part)")

    def _relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type, target part) of a part's internal relationships, parsed once."""
        cached = self._rels.get(part)
        if cached is None:
            folder, name = posixpath.split(part)
            root = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
            cached = [
                (
                    str(rel.get("Id")),
                    str(rel.get("Type", "")),
                    self._resolve(folder, str(rel.get("Target", ""))),
                )
                for rel in (root if root is not None else ())
                if rel.get("TargetMode") != "External"
            ]
            self._rels[part] = cached
        return cached

    def _targets(self, part: str, type_suffix: str) -> list[str]:
        return [
            target for _, kind, target in self._relationships(part) if kind.endswith(type_suffix)
        ]

    def _resolve(self, folder: str, target: str) -> str:
        if target.startswith("/"):
            return posixpath.normpath(target.lstrip("/"))
        return posixpath.normpath(posixpath.join(folder, target))

    def rels_by_id(self, part: str) -> dict[str, str]:
        return {rid: target for rid, _, target in self._relationships(part)}

    def related(self, type_suffix: str) -> Any:
        """The main part's first related part of this type (e.g. "/styles"), parsed."""
        for target in self._targets(self.main, type_suffix):
            root = self.xml(target)
            if root is not None:
                return root
        return None

    def related_part(self, type_suffix: str) -> tuple[str, bytes] | None:
        """(name, bytes) of the main part's first related part of this type that exists,
        unparsed: for a part whose reading may be shared by the files of a batch."""
        for target in self._targets(self.main, type_suffix):
            actual = self.names.get(target.lower())
            if actual is not None:
                return actual, self.reader.read(self.archive.getinfo(actual))
        return None

    def related_name(self, type_suffix: str) -> str | None:
        """The name of the main part's first related part of this type that exists."""
        for target in self._targets(self.main, type_suffix):
            if target.lower() in self.names:
                return self.names[target.lower()]
        return None

    def raw(self, name: str) -> bytes | None:
        """A part's bytes (an embedded altChunk), or None when there is no such part."""
        actual = self.names.get(name.lower())
        if actual is None:
            return None
        return self.reader.read(self.archive.getinfo(actual))  # counted, capped

    def xml(self, name: str) -> Any:
        """The part parsed, or None when the package has no such part."""
        actual = self.names.get(name.lower())
        if actual is None:
            return None
        return self.parse(actual, self.reader.read(self.archive.getinfo(actual)))

    def parse(self, actual: str, data: bytes) -> Any:
        """A part's bytes parsed; damaged XML is a ReadError naming the part."""
        try:
            return etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as err:
            raise ReadError(
                self.shown, f"not a valid .docx (damaged XML in {actual}: {err})"
            ) from None


def open_package(path: Source, shown: str) -> tuple[zipfile.ZipFile, Package]:
    """Open the zip and check its limits; the caller closes the archive."""
    archive = open_zip(path, shown)
    try:
        return archive, Package(archive, shown)
    except BaseException:
        archive.close()
        raise
