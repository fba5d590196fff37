"""period: the text contradicts the report's own period (2024年上半年).

Checks, all knowledge from the rule file:
- `contradictions`: phrases wrong in any report (上半年年度, 年度上半年);
- `conflicts`: for a report of a given half-year, words that describe another span
  (全年 in a 上半年 report), outside the sections named in `skip_roles` (a plan may
  speak of 下半年) and not naming that span's target (全年任务, `target_words`);
- another year's period in the title, opening or a heading;
- in a whole year's summary, a plan heading naming the report's own year (三、2025年工作计划
  in a 2025年度 summary: the next year's plan kept its template's year);
- in a 上半年 report, an opening that speaks of the whole year (现将2024年工作情况总结如下,
  20xx年度, 一年来), outside 《titles》.

The next period belongs to the plan, wherever the plan is written: a 下一步 sentence in a
report without a plan heading ("下一步，我们将……确保全年目标完成"), a heading
"2025年工作打算", a title "2024年工作总结及2025年工作计划" (`plan_words`, `plan_cues`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from compliance.kinds.base import SCOPE, Context, Kind, Rule, SpanIndex
from compliance.lazyre import lazy
from compliance.match.matchers import Span, words_pattern
from compliance.model.findings import Finding
from compliance.model.period import OPENING_BLOCKS
from compliance.schema import ListOf, Option, Role, TableOf, Text

# A half-year report whose opening speaks of the whole year: "现将2024年工作情况总结如下",
# "20xx年度", "一年来" (a year's report under a 上半年 title, or the reverse copy-paste).
_WHOLE_YEAR = re.compile(
    r"(?<![上下]半)(?:20\d{2}|20[xX×]{2}|本)\s*年度(?!上半年|第?[一二三四]季度)|一年来"
    r"|现将(?:20\d{2}|20[xX×]{2}|今)\s*年度?(?!上半年|以来)[^。，；\n]{0,16}?(?:总结|报告|汇报)如下"
)
# A template site's words introducing the text it serves: its line is residue (ST209), and
# the period it quotes (a title it files the text under) is not the report's.
_SITE_PREFACE = lazy(r"小编|为大家|供大家|为您分享|供您参考|仅供参考|网友投稿")
_PREFACE_LENGTH = 200
_BOOK_TITLE = re.compile(r"《[^》\n]*》")
# A year's report whose plan heading names the report's own year (三、2025年工作计划 in a
# 2025年度 summary): the next year's plan left with the year of the template it came from.
_OWN_YEAR_PLAN = re.compile(
    r"(20\d{2})\s*年度?\s*(?:(?:意识形态|宣传思想|党建)?工作)?(?:计划|打算|思路|安排|要点|设想)"
)
_SUMMARY_TITLE = re.compile(r"总结|报告|汇报|述职")
_PLAN_TITLE = re.compile(r"计划|打算|思路|安排|要点|设想|方案")
_OTHER_YEAR = re.compile(r"(20\d{2})\s*年\s*(?:度\s*)?(?:上半年|下半年|度|第?[一二三四]季度)")
_SENTENCE = lazy(r"[。！？!?；;]")


def _in_plan(
    text: str, start: int, end: int, words: re.Pattern[str] | None, cues: re.Pattern[str] | None
) -> bool:
    """Whether the match [start, end) speaks of the plan: a plan word right after it
    (2025年工作计划), or a plan cue earlier in its sentence (下一步……全年)."""
    if words is not None and words.match(text, end, end + 8):
        return True
    if cues is None:
        return False
    first = max(0, start - 200)  # a sentence is short; a block may be megabytes
    stops = [m.end() for m in _SENTENCE().finditer(text, first, start)]
    sentence = text[stops[-1] if stops else first : start]
    return cues.search(sentence) is not None


# Words between a span and its target: 本年度各项任务, 全年的目标, 全年既定任务.
_QUALIFIER = re.compile(r"(?:的|各项|既定|全部|主要|重点)*")


def _names_target(targets: re.Pattern[str] | None, text: str, end: int) -> bool:
    """Whether the span ending at `end` names its target (全年任务, 本年度各项任务): the
    year's goal spoken of in a half-year report, not work done in the year."""
    if targets is None:
        return False
    qualified = _QUALIFIER.match(text, end, end + 8)
    return targets.match(text, qualified.end() if qualified else end) is not None


def _literal(words: Sequence[str]) -> re.Pattern[str] | None:
    return words_pattern(words) if words else None


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    label = period.text if period else ""
    always = _literal(rule.options.get("contradictions", ()))
    conflicts: Mapping[str, Sequence[str]] = rule.options.get("conflicts", {})
    conflicting = _literal(conflicts.get(period.half or "", ())) if period else None
    skip = set(rule.options.get("skip_roles", ()))
    words = rule.options.get("plan_words", ())
    plan_words = (
        re.compile(rf"[^。，,；;\n]{{0,6}}?(?:{'|'.join(map(re.escape, words))})")
        if words
        else None
    )
    plan_cues = _literal(rule.options.get("plan_cues", ()))
    targets = _literal(rule.options.get("target_words", ()))
    # A heading's own words, not the paragraph a run-in heading opens ("1.开好组织生活会。
    # 对2022年度的工作进行了总结" speaks of last year on purpose).
    heading_parts: dict[int, list[Span]] = {}
    for section in ctx.report.sections:
        heading = section.heading
        text = ctx.document.blocks[heading.block].text
        at = max(text.find(heading.label), 0)
        end = at + len(heading.label) + len(heading.title) if heading.title else len(text)
        heading_parts.setdefault(heading.block, []).append(Span(at, end))
    # The opening ends at the first heading: what follows is the body's (its headings
    # are judged by their own words, above).
    first_heading = min(heading_parts, default=ctx.report.end)
    opening = set(
        range(ctx.report.start, min(ctx.report.start + OPENING_BLOCKS + 1, first_heading))
    )
    if ctx.report.title is not None:
        opening.add(ctx.report.title)
    # A template's title may name the half without a year (乡镇意识形态上半年工作总结).
    title = ctx.document.blocks[ctx.report.title].text if ctx.report.title is not None else ""
    half_year = (period.half if period else None) == "上半年" or (
        "上半年" in title and "下半年" not in title and "年度" not in title
    )
    # Only a summary of a whole year, whose title speaks of no plan of its own.
    own_year_plan = (
        period is not None
        and period.half is None
        and (period.first_month, period.last_month) == (1, 12)
        and bool(_SUMMARY_TITLE.search(title))
        and not _PLAN_TITLE.search(title)
    )
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        if len(text) <= _PREFACE_LENGTH and _SITE_PREFACE().search(text):
            continue  # a site's preface quoting the title (下面是小编整理的…): ST209's
        spans: list[Span] = []
        if always is not None:
            spans += [Span(m.start(), m.end()) for m in always.finditer(text)]
        if conflicting is not None and not skip & ctx.report.roles_at(index):
            spans += [
                Span(m.start(), m.end())
                for m in conflicting.finditer(text)
                if not _in_plan(text, m.start(), m.end(), None, plan_cues)
                and not _names_target(targets, text, m.end())
            ]
        if half_year and index in opening and index != ctx.report.title:
            titles = [Span(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]
            whole = [
                Span(m.start(), m.end())
                for m in _WHOLE_YEAR.finditer(text)
                if not any(t.start <= m.start() < t.end for t in titles)
                and not _in_plan(text, m.start(), m.end(), plan_words, plan_cues)
                and not _names_target(targets, text, m.end())
            ]
            spans += whole[:1]  # one says it: the whole opening is a year's
            half_year = half_year and not whole
        if period is not None and (index in opening or index in heading_parts):
            parts = None if index in opening else heading_parts[index]
            spans += [
                Span(m.start(), m.end())
                for m in _OTHER_YEAR.finditer(text)
                if int(m.group(1)) != period.year
                and not _in_plan(text, m.start(), m.end(), plan_words, plan_cues)
                and (parts is None or any(p.start <= m.start() < p.end for p in parts))
            ]
        if own_year_plan and index in heading_parts and period is not None:
            spans += [
                Span(m.start(), m.end())
                for m in _OWN_YEAR_PLAN.finditer(text)
                if int(m.group(1)) == period.year
                and any(p.start <= m.start() < p.end for p in heading_parts[index])
            ]
        taken = SpanIndex()
        for span in sorted(spans):
            if not taken.overlaps(span):
                taken.add(span)
                yield ctx.finding_at(rule, index, span, extra={"period": label or "未注明"})


KIND = Kind(
    name="period",
    check=check,
    summary="text contradicting the report's period: `contradictions` anywhere, `conflicts` for"
    " the report's half-year outside sections with roles in `skip_roles` and outside plans"
    " (`plan_words`, `plan_cues`), another year's period in the title, opening or a heading;"
    " in a whole year's summary, a plan heading naming the report's own year",
    options=(
        Option(
            "contradictions",
            ListOf(Text(nonempty=True)),
            "words that contradict any period (上半年年度)",
            default=[],
        ),
        Option(
            "conflicts",
            TableOf(
                ListOf(Text(nonempty=True)),
                shape='a table half-year = ["words", …]',
                keys=Text(choices=("上半年", "下半年")),
            ),
            "words that contradict a report on that half-year",
            default={},
        ),
        Option(
            "skip_roles", ListOf(Role()), "sections where `conflicts` are not judged", default=[]
        ),
        Option(
            "plan_words",
            ListOf(Text(nonempty=True)),
            "words that make a heading or title a plan (计划, 打算)",
            default=[],
        ),
        Option(
            "plan_cues",
            ListOf(Text(nonempty=True)),
            "words that make a sentence speak of the future (下一步, 明年)",
            default=[],
        ),
        Option(
            "target_words",
            ListOf(Text(nonempty=True)),
            "words that, right after a conflicting word, name that span's target rather than"
            " work done in it (全年任务, 全年目标)",
            default=[],
        ),
        SCOPE,
    ),
    placeholders=frozenset({"period"}),
    whole_report=True,
)
