"""The main part's body, parsed as it inflates and freed as it is read.

A whole-tree parse costs about ten times the XML, and Word's XML is many times its text:
a 100,000-paragraph document took 450 MB. Here the part is fed to lxml in pieces straight
from the zip (compliance.readers.safezip), each child of w:body is handed over once it is
complete and cleared as soon as the walker moves on, so memory follows the text the
reader keeps, not the XML.

`streamed_root` stands in for the parsed w:document that docx.walk_body takes: iterating
it gives one w:body, iterating that gives the body's children one at a time, and its
`iter()` (which walk_body uses after the walk, to find the sections' page setup and
header and footer references) gives copies of every w:sectPr seen.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from lxml import etree

from compliance.document import ReadError
from compliance.readers.ooxml import Package, local
from compliance.readers.text import MAX_BYTES

# The body's children the walker reads (docx._Walk.container) and the section
# properties; anything else at that level (bookmarks, proofing marks) carries no text.
BODY_CHILDREN = (
    "p", "tbl", "sdt", "customXml", "ins", "moveTo", "smartTag", "sectPr",
    "AlternateContent", "altChunk",
)  # fmt: skip


def _is_body(element: Any) -> bool:
    parent = element.getparent()
    return local(element) == "body" and parent is not None and parent.getparent() is None


class _StreamedBody:
    tag = "body"

    def __init__(self, package: Package, shown: str) -> None:
        self.package = package
        self.shown = shown
        self.sections: list[Any] = []
        self.text_bytes = 0

    def __iter__(self) -> Iterator[Any]:
        info = self.package.archive.getinfo(self.package.main)
        parser = etree.XMLPullParser(
            events=("end",),
            tag=[f"{{*}}{name}" for name in BODY_CHILDREN],
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
        )
        body = None
        try:
            for piece in self.package.reader.stream(info):
                parser.feed(piece)
                for _, element in parser.read_events():
                    parent = element.getparent()
                    if parent is None or (parent is not body and not _is_body(parent)):
                        continue  # nested: a table cell's or a text box's paragraph
                    body = parent
                    self._count(element)
                    yield element
                    self._keep_sections(element)
                    # The walker is done with it: free it and the siblings before it.
                    element.clear()
                    while element.getprevious() is not None:
                        del parent[0]
            root = parser.close()
        except etree.XMLSyntaxError as err:
            raise ReadError(
                self.shown, f"not a valid .docx (damaged XML in {self.package.main}: {err})"
            ) from None
        if body is None and not any(local(item) == "body" for item in root):
            raise ReadError(self.shown, "not a Word document (no w:body in the main part)")

    def _count(self, element: Any) -> None:
        """Stop at the text ceiling, the same as a text file's (docs/performance.md)."""
        for run in element.iter("{*}t"):
            if run.text:
                self.text_bytes += len(run.text.encode("utf-8"))
        if self.text_bytes > MAX_BYTES:
            raise ReadError(
                self.shown,
                f"too large for a report (over {MAX_BYTES // 1024 // 1024} MB of text)",
            )

    def _keep_sections(self, element: Any) -> None:
        self.sections.extend(copy.deepcopy(found) for found in element.iter("{*}sectPr"))

    def iter(self) -> Iterator[Any]:
        return iter(self.sections)


class _StreamedRoot:
    tag = "document"

    def __init__(self, body: _StreamedBody) -> None:
        self.body = body

    def __iter__(self) -> Iterator[Any]:
        yield self.body


def streamed_root(package: Package, shown: str) -> Any:
    """A stand-in for the parsed main part, for docx.walk_body (see the module's doc)."""
    return _StreamedRoot(_StreamedBody(package, shown))
