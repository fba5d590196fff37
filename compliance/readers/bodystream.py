"""The main part's body, parsed as it inflates and freed as it is read.

A whole-tree parse costs about ten times the XML, and Word's XML is many times its text:
a 100,000-paragraph document took 450 MB. Here the part is fed to lxml in pieces straight
from the zip (compliance.readers.safezip), each child of w:body is handed over once it is
complete and cleared as soon as the walker moves on, so memory follows the text the
reader keeps, not the XML.

`streamed_root` stands in for the parsed w:document that docx.walk_body takes: iterating
it gives one w:body, iterating that gives the body's children one at a time, and its
`iter(...)` gives copies of every w:sectPr. The part is read once: the walker does not
need the sections before the body (docx.walk_body applies a section's grid to the
paragraphs before it once the walk is done), so their copies are taken from each child
as it passes, and `iter(...)` gives them after the walk.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from lxml import etree

from compliance.errors import ReadError
from compliance.readers.ooxml import W_NAMESPACES, Package, local
from compliance.readers.text import MAX_BYTES

# The body's children the walker reads (docx._Walk.container) and the section
# properties; anything else at that level (bookmarks, proofing marks) carries no text.
BODY_CHILDREN = (
    "p", "tbl", "sdt", "customXml", "ins", "moveTo", "smartTag", "sectPr",
    "AlternateContent", "altChunk",
)  # fmt: skip


SECTION_TAGS = frozenset(f"{{{namespace}}}sectPr" for namespace in W_NAMESPACES)


def _is_body(element: Any) -> bool:
    parent = element.getparent()
    return local(element) == "body" and parent is not None and parent.getparent() is None


class _StreamedBody:
    tag = "body"

    def __init__(self, package: Package, shown: str) -> None:
        self.package = package
        self.shown = shown
        self.sections: list[Any] = []
        self.walked: Any = None  # the last body child handed to the walker (now empty)
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
                    self._take_sections(element)
                    yield element
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
        for item in root:  # what follows the last child walked (a w:del at the end …)
            if local(item) == "body":
                rest = list(item)
                if self.walked is not None and self.walked in rest:
                    rest = rest[rest.index(self.walked) + 1 :]
                for after in rest:
                    self._copy_sections(after)

    def _take_sections(self, element: Any) -> None:
        """The sections in `element` and in the children before it that the walker skips
        (a body-level w:del …): all of them, in document order, as body.iter would."""
        before = []
        sibling = element.getprevious()
        while sibling is not None and sibling is not self.walked:  # back to the last walked
            before.append(sibling)
            sibling = sibling.getprevious()
        for item in reversed(before):
            self._copy_sections(item)
        self._copy_sections(element)
        self.walked = element

    def _copy_sections(self, element: Any) -> None:
        self.sections.extend(copy.deepcopy(s) for s in element.iter(*SECTION_TAGS))

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

    def iter(self, *_tags: str) -> Iterator[Any]:
        """Copies of every w:sectPr in document order (what body.iter(sectPr) gives),
        once the body has been walked."""
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
