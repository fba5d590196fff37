"""sequence: heading numbers at one level run 1, 2, 3 … without a skip or a repeat.

Items may restart under each parent (（一）1、2 （二）1、) or number on across the parents of
one level (（一）1、2、3 （二）4、): both are sequences; a skip or repeat in either is not.
A text that opens at a later heading (四、 before any sentence: a later page of a web
copy), or untitled at a later item of a list (四是…), is not a skip; after an opening, it
is. One mistyped number is one finding: the heading after it may follow the number it
should have had (一、二、二、四、: the second 二、 is reported, 四、 is not)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from compliance.kinds.base import Context, Kind, Rule, label_span
from compliance.model.document import Style
from compliance.model.findings import Finding
from compliance.model.numerals import written_like
from compliance.model.outline import ATTACHMENT_LINE, RANK, Heading, is_site_summary


def renumber(heading: Heading, number: int) -> str:
    """The heading's label with another number, in the same style: (三) → (二)."""
    if heading.family == "decimal":  # 1.3 → 1.2: the number is the part after the point
        head, point, _ = heading.label.rpartition("．" if "．" in heading.label else ".")
        return f"{head}{point}{number}"
    chinese = not heading.family.startswith("arabic")  # 一、（一）, 壹、 and 第一部分
    old = written_like(heading.label, heading.number) if chinese else str(heading.number)
    new = written_like(heading.label, number) if chinese else str(number)
    return heading.label.replace(old, new, 1)


def _opens_the_text(ctx: Context, heading: Heading) -> bool:
    """Whether `heading` comes before any sentence of the report (after its title and a
    site's fields): the text starts mid-document, at a later page of a web copy, and
    the headings before it are on other pages. A report's own first heading follows an
    opening, so 二、 after the opening is still a skip."""
    report, blocks = ctx.report, ctx.document.blocks
    first = report.start if report.title is None else report.title + 1
    if report.title is None:
        while first < heading.block and is_site_summary(blocks[first].text):
            first += 1  # a site's one-line outline over the text: not the text's own
        if first < heading.block and (
            _MID_LIST.match(blocks[first].text) or _CUT_SENTENCE.match(blocks[first].text)
        ):
            # An untitled text opening at 四是…, or with the last words of a sentence
            # (…果转化。引导…): cut from a longer one.
            return True
    return not any(_SENTENCE_END.search(blocks[i].text) for i in range(first, heading.block))


def _between(
    ctx: Context, previous: Heading, heading: Heading, holds: Callable[[str], object]
) -> bool:
    """Whether a block between two headings `holds` (a pattern's bound match or search)."""
    blocks = ctx.document.blocks
    return any(holds(blocks[i].text) for i in range(previous.block + 1, heading.block))


# A site's note that it hid part of the text (---此处隐藏2427字，下载后查看---, 省略630字): the
# headings it hid explain a skip, or a restart at 1 under a part it hid.
_HIDDEN = re.compile(r"此处隐藏\d*个?字|省略\d+字|隐藏了\d+字")
_SENTENCE_END = re.compile(r"[。！？!?]")
# A text that opens at a later item of an enumeration (二是 … 十是): the page began mid-list.
_MID_LIST = re.compile(r"^[\s\u3000]*[二三四五六七八九十]是")
# A text whose first "sentence" is a word or two: the end of a sentence begun on the page
# before. No report opens with a sentence of four characters.
_CUT_SENTENCE = re.compile(r"^[\s\u3000]*[\u4e00-\u9fff]{1,4}[。！？；]")


def _new_list(ctx: Context, previous: Heading, heading: Heading) -> bool:
    """Whether a 1 after a later number opens a list of its own: right after a lead-in
    sentence that ends in a colon (…主要做法如下： 1.…), or below a paragraph in a Word
    heading style whose label the outline does not read (a Latin `B.`, or none)."""
    blocks = ctx.document.blocks
    headings = {section.heading.block for section in ctx.report.sections}
    before = heading.block - 1
    while before > previous.block and not blocks[before].text.strip():
        before -= 1
    if (
        before > previous.block
        and before not in headings
        and blocks[before].text.rstrip().endswith(("：", ":"))
    ):
        return True
    return any(
        i not in headings and _word_heading(blocks[i].style)
        for i in range(previous.block + 1, heading.block)
    )


def _word_heading(style: Style | None) -> bool:
    name = style.style_name if style is not None else None
    return name is not None and _HEADING_STYLE.match(name) is not None


# Word's built-in heading styles by name (Heading 2, heading 2, 标题 2).
_HEADING_STYLE = re.compile(r"^(?:[Hh]eading|标题)\s*[1-9]$")


def _outer_of_a_fragment(ctx: Context, heading: Heading) -> bool:
    """Whether `heading` is of a level above the one a fragment opens at: a text that
    opens at a later heading (3、 before any sentence) is cut from a longer copy, and the
    headings of the levels above it began on the pages before (3、…（二）…)."""
    sections = ctx.report.sections
    if not sections or sections[0].heading is heading:
        return False
    first = sections[0].heading
    return (
        first.number > 1
        and _opens_the_text(ctx, first)
        and RANK[heading.family] < RANK[first.family]
    )


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    sections = ctx.report.sections
    last: dict[tuple[int | None, str], Heading] = {}
    # The last number of a family under the previous parents of one level: items numbered
    # on across sub-sections (（一）1、2、3 （二）4、) are one running list, a style of its own,
    # not a skip; so under each new parent both 1 and the running number are right.
    running: dict[tuple[int | None, str, str], Heading] = {}
    # The number a reported heading should have had: the next one may follow it (（一）（二）
    # （二）（四）: one mistyped number, the second （二） for （三）, is one finding).
    meant: dict[tuple[int | None, str], int] = {}
    by_style: dict[tuple[int | None, str, bool], Heading] = {}
    blocks = ctx.document.blocks
    for section in sections:
        heading = section.heading
        if heading.family == "unnumbered":
            continue  # no number written: nothing to skip or repeat
        key = (section.parent, heading.family)
        previous = last.get(key)
        last[key] = heading
        # Word's heading styles set headings apart from the list items of their level
        # (1.\tCONFLICTS in Heading 3 after a body list's 7.): each runs its own numbers.
        styled = _word_heading(blocks[heading.block].style)
        same_style = by_style.get((*key, styled))
        by_style[(*key, styled)] = heading
        should = meant.pop(key, None)
        cousins = None
        if section.parent is not None:
            parent = sections[section.parent]
            cousins = (parent.parent, parent.heading.family, heading.family)
        before = running.get(cousins) if cousins is not None else None
        if cousins is not None:
            running[cousins] = heading
        expected = previous.number + 1 if previous else 1
        if heading.number == expected:
            continue
        if should is not None and heading.number == should + 1:
            continue  # follows the number the reported heading before it should have had
        if (
            heading.number == 1
            and previous is not None
            and _between(ctx, previous, heading, ATTACHMENT_LINE.match)
        ):
            continue  # an attachment (附件：…) numbers its own parts from 一、
        if (
            (heading.number == 1 or heading.number > expected)
            and previous is not None
            and _between(ctx, previous, heading, _HIDDEN.search)
        ):
            continue  # the site hid the headings between (…此处隐藏2427字…): a new part or
            # the skipped numbers; a number repeated past 1 is not explained by them
        if heading.number == 1 and previous is not None and _new_list(ctx, previous, heading):
            continue  # a list of its own under a lead-in or a heading the outline cannot read
        if previous is not None and styled != _word_heading(blocks[previous.block].style):
            if heading.number == (same_style.number + 1 if same_style else 1):
                continue  # the next heading of its style after a list of the other
            if heading.number == 1 and same_style and _new_list(ctx, same_style, heading):
                continue  # its style's sequence restarts below an unread heading
        if previous is None and before is not None and heading.number == before.number + 1:
            continue  # numbered on from the previous sub-section
        if previous is None and section.parent is None and _opens_the_text(ctx, heading):
            continue  # a later page of a longer copy (…范文(8)), not a skip
        if previous is None and section.parent is None and _outer_of_a_fragment(ctx, heading):
            continue  # 3、…（二）: the fragment's （一） is on the page before
        right = renumber(heading, expected)
        meant[key] = expected
        yield ctx.finding_at(
            rule,
            heading.block,
            label_span(ctx, heading),
            shown=heading.label,
            suggestion=right,
            extra={"previous": previous.label if previous else "本级开头", "expected": right},
        )


KIND = Kind(
    name="sequence",
    check=check,
    summary="a heading number that skips or repeats at its level (一、二、四、), with the right"
    " label as suggestion",
    placeholders=frozenset({"previous", "expected"}),
    whole_report=True,
)
