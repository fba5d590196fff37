"""Findings as Word comments: a copy of the .docx with one comment per finding.

Writers fix reports in Word, so that is where findings are most useful. Each comment is
anchored on the offending characters (runs are split at the finding's columns), on a
whole field when they lie in a field's result (Word rebuilds a result when it updates
the field, and a comment inside would be lost), or on the whole paragraph for a finding
about a missing element or a label Word numbering draws. The paragraphs are located by
the reader's own walk of the same XML, so "line 12" here is the paragraph the reader
called 12, and a footnote's finding sits in that footnote. Word allows no comment in a
page header or footer: those findings sit at the start of the body, saying where.

complint's own comments from an earlier run (author "complint") are replaced, not
repeated. The package is edited as XML, part by part, so annotating costs time in
proportion to the findings; the source file is never written and the copy is saved
atomically.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from compliance.errors import ReadError
from compliance.model.findings import Finding
from compliance.output.wordruns import AUTHOR, XML_SPACE, Place, W, split_run
from compliance.readers.docx import walk_body
from compliance.readers.ooxml import W_NAMESPACES, Package, local

COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def comment_text(finding: Finding) -> str:
    text = f"{finding.rule} {finding.message}"
    if finding.suggestion:
        text += f"\n建议：{finding.suggestion}"
    return text


class _Parts(Package):
    """A package whose parsed parts are kept, so that edits can be written back."""

    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self.trees: dict[str, Any] = {}
        self.changed: set[str] = set()
        super().__init__(archive, shown)

    def xml(self, name: str) -> Any:
        key = self.names.get(name.lower(), name)
        if key not in self.trees:
            self.trees[key] = super().xml(name)
        return self.trees[key]


def _refuse(source: Path, out: Path, option: str = "--annotate") -> None:
    """The cases --annotate (or --fix-to) cannot serve, each named in one line."""
    shown = str(source)
    if out.resolve() == source.resolve() or (out.exists() and out.samefile(source)):
        raise ReadError(shown, f"{option} would overwrite the input; choose another file name")
    if out.is_dir():
        raise ReadError(str(out), f"is a folder; {option} needs a file name for the copy")
    if not out.parent.is_dir():
        raise ReadError(str(out), "the folder for the annotated copy does not exist")
    if source.suffix.lower() in (".docm", ".dotm"):
        raise ReadError(shown, "a macro-enabled document; complint adds comments only to a .docx")


def _check_package(package: _Parts, root: Any, shown: str) -> None:
    if root is None or not isinstance(root.tag, str) or W_NAMESPACES[1] in root.tag:
        raise ReadError(
            shown,
            "a Strict Open XML document; save it in Word as a Word Document (.docx) "
            "to get comments",
        )
    types = package.xml("[Content_Types].xml")
    for item in types if types is not None else ():
        if "macroEnabled" in str(item.get("ContentType", "")):
            raise ReadError(
                shown, "a macro-enabled document; complint adds comments only to a .docx"
            )


@dataclass
class _Comments:
    """The comments part: complint's earlier comments taken out, new ones appended."""

    package: _Parts
    name: str
    root: Any
    next_id: int = 0
    date: str = field(
        default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat()[:19] + "Z"
    )

    def add(self, text: str) -> str:
        cid = str(self.next_id)
        self.next_id += 1
        comment = etree.SubElement(self.root, f"{W}comment")
        comment.set(f"{W}id", cid)
        comment.set(f"{W}author", AUTHOR)
        comment.set(f"{W}date", self.date)
        comment.set(f"{W}initials", "CL")
        for line in text.split("\n"):
            run = etree.SubElement(etree.SubElement(comment, f"{W}p"), f"{W}r")
            t = etree.SubElement(run, f"{W}t")
            t.text = line
            t.set(XML_SPACE, "preserve")
        return cid


def _comments_part(package: _Parts) -> _Comments:
    name = package.related_name("/comments")
    if name is None:
        name = "word/comments.xml"
        while name.lower() in package.names:
            name = name.replace(".xml", "1.xml")
        _link_comments(package, name)
        root = etree.Element(f"{W}comments", nsmap={"w": W[1:-1]})
        package.trees[name] = root
    root = package.xml(name)
    package.changed.add(name)
    return _Comments(package, name, root)


def _link_comments(package: _Parts, name: str) -> None:
    """Relationship and content type for a new comments part."""
    folder, main = os.path.split(package.main)
    rels_name = f"{folder}/_rels/{main}.rels"
    rels = package.xml(rels_name)
    if rels is None:  # a main part with no relationships at all (some generators write none)
        rels = etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS})
        package.trees[rels_name] = rels
    used = {str(r.get("Id")) for r in rels}
    rid = next(f"rIdComplint{n}" for n in range(len(used) + 1) if f"rIdComplint{n}" not in used)
    rel = etree.SubElement(rels, f"{{{RELS}}}Relationship")
    rel.set("Id", rid)
    rel.set("Type", COMMENTS_TYPE)
    rel.set("Target", os.path.relpath(name, folder or "."))
    types = package.xml("[Content_Types].xml")
    override = etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override")
    override.set("PartName", "/" + name)
    override.set("ContentType", COMMENTS_CT)
    package.changed.update({rels_name, "[Content_Types].xml"})


def _remove_own(comments: _Comments, text_parts: Sequence[str]) -> None:
    """Take out complint's comments of an earlier run, with their anchors."""
    package = comments.package
    own: set[str] = set()
    para_ids: set[str] = set()
    highest = -1
    for comment in list(comments.root):
        cid = str(comment.get(f"{W}id"))
        if comment.get(f"{W}author") == AUTHOR:
            own.add(cid)
            for paragraph in comment.iter(f"{W}p"):
                para_ids.update(v for k, v in paragraph.attrib.items() if k.endswith("}paraId"))
            comments.root.remove(comment)
        elif cid.lstrip("-").isdigit():
            highest = max(highest, int(cid))
    comments.next_id = highest + 1
    if not own:
        return
    for name in text_parts:
        root = package.xml(name)
        if root is None:
            continue
        for element in list(root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd")):
            if element.get(f"{W}id") in own:
                element.getparent().remove(element)
        for reference in list(root.iter(f"{W}commentReference")):
            if reference.get(f"{W}id") in own:
                run = reference.getparent()
                run.getparent().remove(run)
        package.changed.add(name)
    _remove_extended(package, para_ids)


def _remove_extended(package: _Parts, para_ids: set[str]) -> None:
    """Word's side parts (commentsExtended, commentsIds, commentsExtensible) keep an
    entry per comment, keyed by the comment paragraph's paraId or a durableId."""
    durable: set[str] = set()
    for suffix in ("/commentsExtended", "/commentsIds", "/commentsExtensible"):
        name = package.related_name(suffix)
        root = package.xml(name) if name else None
        if root is None:
            continue
        for entry in list(root):
            values = {k.rsplit("}", 1)[-1]: v for k, v in entry.attrib.items()}
            if values.get("paraId") in para_ids or values.get("durableId") in durable:
                durable.add(values.get("durableId", ""))
                root.remove(entry)
                package.changed.add(str(name))


def _anchor(place: Place, start: int, end: int) -> tuple[Any, Any] | None:
    """(first, last) element to put a comment's range around; None: the whole paragraph."""
    pieces, label = place.pieces, len(place.block.label)
    if end <= start or end <= label or not pieces:
        return None
    start = max(start, label)
    split_run(pieces, start)
    split_run(pieces, end)
    inside = [p for p in pieces if p.length and start <= p.start and p.start + p.length <= end]
    if not inside:
        return None
    first, last = inside[0].element.getparent(), inside[-1].element.getparent()
    outer = inside[0].field or inside[-1].field
    if outer is not None:
        # On the whole field: Word rebuilds its result, and a comment inside is lost.
        if outer.end is None or outer.begin.getparent() is not outer.end.getparent():
            return None
        first, last = outer.begin, outer.end
    return first, last


def _mark(cid: str, first: Any, last: Any) -> None:
    start = etree.Element(f"{W}commentRangeStart")
    start.set(f"{W}id", cid)
    end = etree.Element(f"{W}commentRangeEnd")
    end.set(f"{W}id", cid)
    reference = etree.Element(f"{W}r")
    etree.SubElement(reference, f"{W}commentReference").set(f"{W}id", cid)
    first.addprevious(start)
    last.addnext(end)
    end.addnext(reference)


def _mark_paragraph(cid: str, paragraphs: Sequence[Any]) -> None:
    """Around a whole block: from its first w:p (two or more when a deleted paragraph
    mark joined them) to its last."""
    start = etree.Element(f"{W}commentRangeStart")
    start.set(f"{W}id", cid)
    first, paragraph = paragraphs[0], paragraphs[-1]
    properties = [i for i, item in enumerate(first) if local(item) == "pPr"]
    first.insert(properties[0] + 1 if properties else 0, start)
    end = etree.SubElement(paragraph, f"{W}commentRangeEnd")
    end.set(f"{W}id", cid)
    reference = etree.SubElement(paragraph, f"{W}r")
    etree.SubElement(reference, f"{W}commentReference").set(f"{W}id", cid)


def write_annotated(
    source: Path,
    findings: Sequence[Finding],
    out: Path,
    fixed: Mapping[int, str] | None = None,
) -> int:
    """Save a copy of `source` at `out` with a Word comment on each finding.

    `fixed` (--fix-to): body paragraphs' fixed texts by line, made tracked changes after
    the comments are placed (compliance.output.tracked_changes). Returns the changes made.
    """
    shown = str(source)
    _refuse(source, out, "--annotate" if fixed is None else "--fix-to")
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile as err:
        raise ReadError(shown, f"not a valid .docx (corrupt zip: {err})") from None
    with archive:
        package = _Parts(archive, shown)
        root = package.xml(package.main)
        _check_package(package, root, shown)
        comments = _comments_part(package)
        notes = (package.related_name("/footnotes"), package.related_name("/endnotes"))
        text_parts = [package.main, *(n for n in notes if n)]
        _remove_own(comments, text_parts)
        body = walk_body(root, package, shown)
        places: dict[int, Place] = {}
        for block, location in zip(body.document.blocks, body.locations, strict=False):
            places.setdefault(block.line, Place(location, block, list(location.pieces)))
        first_body = next((p for p in places.values() if p.location.part == package.main), None)
        hidden = {(b.line, b.text) for b in body.document.blocks if b.kind == "hidden"}
        for finding in findings:
            place = places.get(finding.line)
            text = comment_text(finding)
            bounds = None
            if any(finding.text in t for line, t in hidden if line == finding.line) and not (
                place is not None
                and place.block.text.startswith(finding.text, finding.column - place.block.column)
            ):
                # In hidden text, which has no place in the visible runs: the paragraph.
                text = f"（隐藏文字）{text}"
                place = place or first_body
            elif place is not None and place.location.part not in text_parts:
                # A header or footer (Word takes no comment there) or imported content.
                text = f"（{place.block.place or '导入内容'}）{text}"
                place = first_body
            elif place is not None:
                bounds = _anchor(place, finding.column - 1, finding.end_column - 1)
            else:
                place = first_body
            if place is None or not place.location.paragraphs:
                continue
            cid = comments.add(text)
            package.changed.add(place.location.part)
            if bounds is None:
                _mark_paragraph(cid, place.location.paragraphs)
            else:
                _mark(cid, *bounds)
        changes = 0
        if fixed:
            from compliance.output.tracked_changes import mark_changes

            body_places = {k: v for k, v in places.items() if v.location.part == package.main}
            changes = mark_changes(root, body_places, fixed, comments.date)
            package.changed.add(package.main)
        _save(archive, package, out)
    return changes


def _save(archive: zipfile.ZipFile, package: _Parts, out: Path) -> None:
    partial = out.with_name(f".{out.name}.partial")
    written: set[str] = set()
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as target:
            for item in archive.infolist():
                if item.filename in package.changed:
                    target.writestr(item, _bytes(package.trees[item.filename]))
                    written.add(item.filename)
                else:
                    target.writestr(item, archive.read(item))
            for name in sorted(package.changed - written):
                target.writestr(name, _bytes(package.trees[name]))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def _bytes(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
