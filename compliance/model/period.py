"""The period a report covers (2024年上半年 …), read from its title or opening.

PF401 needs it to know which formulations were already superseded, CS501 to see the
text contradict it. When the text does not say, the configured period is used.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from compliance.model.document import Document
from compliance.model.outline import Report

_PERIOD = re.compile(r"(20\d{2})\s*年\s*(?:度)?\s*(上半年|下半年|第?[一二三四1-4]季度|全年|度)?")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
OPENING_BLOCKS = 3


@dataclass(frozen=True)
class Period:
    """The months a report covers, as its text names them."""

    year: int
    first_month: int  # 1-12
    last_month: int
    text: str

    @property
    def half(self) -> str | None:
        if (self.first_month, self.last_month) == (1, 6):
            return "上半年"
        if (self.first_month, self.last_month) == (7, 12):
            return "下半年"
        return None


# A year after 自 or 从 is where something began (我自2008年分管…), not the period covered.
_SINCE = re.compile(r"[自从]\s*$")
# A year of an edition or update (…规划（2022年更新）, 2023年修订版) dates the copy, not the
# period the text covers (template sites relabel old plans so); nor is a target year
# (2035年远景目标).
_EDITION_WORDS = "更新|修订|修正|版|远景"
_EDITION = re.compile(rf"\s*(?:{_EDITION_WORDS})")
# A span of years (第十四个五年（2021~2025年）规划) covers the years from its first: the
# year before 年 is its last.
_SPAN = re.compile(r"(20\d{2})\s*[~～—–\-－至到]\s*$")


def parse_period(text: str) -> Period | None:
    found = next(
        (
            m
            for m in _PERIOD.finditer(text)
            if not _SINCE.search(text, max(0, m.start() - 2), m.start())
            and not _EDITION.match(text, m.end())
        ),
        None,
    )
    if not found:
        return None
    year, part = int(found.group(1)), found.group(2) or ""
    span = _SPAN.search(text, max(0, found.start() - 8), found.start())
    if span:
        year = int(span.group(1))
    months = (1, 12)
    if part == "上半年":
        months = (1, 6)
    elif part == "下半年":
        months = (7, 12)
    elif part.endswith("季度"):
        quarter = _QUARTERS[part.removeprefix("第")[0]]
        months = (3 * quarter - 2, 3 * quarter)
    return Period(year, months[0], months[1], found.group(0))


_YEAR = r"(?P<year>(?:19|20)\d{2})"
_MONTH = r"(?:1[0-2]|0?[1-9])"


# The forms people write in a setting, each matched whole (fullmatch), so a value that
# is not one of them is refused instead of silently matching nothing. Compiled when a
# period is configured: most runs have none.
@functools.cache
def _setting() -> re.Pattern[str]:
    return re.compile(
        _YEAR
        + r"(?:"
        + r"\s*年?\s*度?\s*(?P<half>上半年|下半年)"
        + r"|\s*年?\s*度?\s*第?(?P<quarter>[一二三四1-4])季度"
        + r"|\s*[-_ ]?\s*(?P<h>[Hh])(?P<hn>[12])"
        + r"|\s*[-_ ]?\s*(?P<q>[Qq])(?P<qn>[1-4])"
        + rf"|\s*年\s*(?P<m1>{_MONTH})\s*月?\s*(?:-|－|—|–|~|～|至|到)"
        + rf"\s*(?P<m2>{_MONTH})\s*月(?:份)?"
        + rf"|\s*年\s*(?P<m>{_MONTH})\s*月(?:份)?"
        + r"|\s*(?:年度|年|年全年|全年)?"
        + r")"
    )


SETTING_FORMS = "2024年上半年, 2024年度, 2024年第一季度, 2024年1-6月, 2024H1 or 2024Q3"


def parse_setting(text: str) -> Period | None:
    """A configured period (`--period`, `period = …`), or None when it is not one.

    Stricter than `parse_period`, which finds a period inside a title: here the whole
    value must be one of the forms in SETTING_FORMS.
    """
    found = _setting().fullmatch(text.strip())
    if not found:
        return None
    year = int(found.group("year"))
    months = (1, 12)
    if found.group("half"):
        months = (1, 6) if found.group("half") == "上半年" else (7, 12)
    elif found.group("hn"):
        months = (1, 6) if found.group("hn") == "1" else (7, 12)
    elif found.group("quarter") or found.group("qn"):
        quarter = _QUARTERS[found.group("quarter") or found.group("qn")]
        months = (3 * quarter - 2, 3 * quarter)
    elif found.group("m1"):
        months = (int(found.group("m1")), int(found.group("m2")))
        if months[0] > months[1]:
            return None
    elif found.group("m"):
        months = (int(found.group("m")), int(found.group("m")))
    return Period(year, months[0], months[1], _canonical(year, months))


def _canonical(year: int, months: tuple[int, int]) -> str:
    # Messages quote the period; they read as the report would write it.
    named = {(1, 12): "年度", (1, 6): "年上半年", (7, 12): "年下半年"}
    named.update({(3 * q - 2, 3 * q): f"年第{'一二三四'[q - 1]}季度" for q in range(1, 5)})
    if months in named:
        return f"{year}{named[months]}"
    if months[0] == months[1]:
        return f"{year}年{months[0]}月"
    return f"{year}年{months[0]}-{months[1]}月"


def setting_problem(option: str, text: str | None) -> str | None:
    """One line saying why `text` is not a period, or None when it is (or is unset)."""
    if text is None or parse_setting(text) is not None:
        return None
    return f"{option}: {text!r} is not a period (write e.g. {SETTING_FORMS})"


# A meeting's name (召开2024年度意识形态工作会议, 举行2024年上半年分析研判会): the year
# of the meeting a news item reports on, not a period the text covers.
_MEETING_BEFORE = re.compile(r"(?:召开|举行|举办|召集|组织召开|参加|出席)了?\s*$")
_MEETING_AFTER = re.compile(r"[^，。；：！？,;:!?\n《》]{0,24}?(?:会议|会)(?![计员长场])")


def names_a_meeting(text: str, period: Period) -> bool:
    """Whether the period's first mention in `text` names a meeting held (召开…会议)."""
    start = text.find(period.text)
    if start < 0:
        return False
    end = start + len(period.text)
    return (
        _MEETING_BEFORE.search(text, max(0, start - 6), start) is not None
        and _MEETING_AFTER.match(text, end) is not None
    )


def report_period(
    document: Document, report: Report, configured: str | None, meetings: bool = True
) -> Period | None:
    """The title's period, else the opening's, else the configured one.

    With `meetings` False, a title or opening whose first period names a meeting held
    (a news item: …召开2024年上半年意识形态工作分析研判会) states no period of its own:
    the configured one, if any, is the report's."""
    candidates = [report.title] if report.title is not None else []
    candidates += list(range(report.start, min(report.start + OPENING_BLOCKS + 1, report.end)))
    for index in candidates:
        text = document.blocks[index].text
        period = parse_period(text)
        if period is not None:
            if not meetings and names_a_meeting(text, period):
                break
            return period
    return parse_setting(configured) if configured else None


# A bare year before a title's words (2017宣传文化工作计划, XX局2023意识形态工作总结, as web
# copies and file names write it): the year is the report's, though 年 is left out. Not a
# year in a document number (〔2023〕), nor the second of a school year (2023-2024学年),
# nor a site's word count (全文2068字), nor a class (2020届毕业生), nor an edition's or a
# target's year (as parse_period).
_BARE_YEAR = re.compile(
    r"(?<![\d〔\[（(第\-－—~～至])(20\d{2})(?![万亿元个人次件名多余条项户届字])"
    rf"(?!\s*年?\s*(?:{_EDITION_WORDS}))(?=\s*[\u4e00-\u9fff])"
)
# A bare year ending a title after the kind of report (社区精神文明建设工作计划2023), as
# template sites name their copies: the year is the report's too.
_TRAILING_YEAR = re.compile(r"(?:计划|总结|报告|要点|方案|汇报)\s*[（(]?\s*(20\d{2})\s*[）)]?\s*$")
# An opening line the outline does not take for a title (a site's 工作计划|社区2021双拥工作
# 计划模板): short and naming the kind of report, its bare year still dates it.
_REPORT_WORD = re.compile(r"计划|总结|报告|要点|方案|汇报|述职")
_CLAUSE = re.compile(r"[，。；：！？,;:!?]")
TITLE_LIKE_CHARS = 40
# A full date (2024年1月10日) is when a text was written or a meeting held, not the period
# it reports on: a news item of January on last year's summary names both.
_DATE = re.compile(r"(20\d{2})\s*年\s*(?:1[0-2]|0?[1-9])\s*月\s*[0-3]?\d\s*日")
# A document's title (《关于召开2020年度组织生活会的通知》) names its own period, not the text's.
_CITED = re.compile(r"《[^》\n]*》")
# A signature date alone on a line (2023年12月20日) among the report's last blocks.
_SIGNED = re.compile(r"^\s*(20\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月(?:\s*[0-3]?\d\s*日)?\s*$")
SIGNATURE_BLOCKS = 4
# Signed in the first quarter, an untitled report is most often the year before's summary.
EARLY_MONTHS = 3
# A year alone on a line of the opening (a cover's year; a site's tags 2023 / 市政 / 工作总结)
# dates the report. A site's posting date (时间：2024-07-28 08:00) does not: a text of 2014
# is posted years later, and dating by the posting made false alarms on real pages.
_YEAR_ALONE = re.compile(r"^\s*(20\d{2})\s*年?\s*$")
# The report saying what it is, past its opening (现将2021年意识形态工作开展情况汇报如下,
# 特制定2021年工作计划): the year it names is the one it covers. A cited title is blanked.
_STATES_ITS_YEAR = re.compile(
    r"(?:现将|特制定|现制定|特拟定|现就)[^。；;\n]{0,12}?(20\d{2})\s*年(?:度)?"
    r"[^。；;\n]{0,30}?(?:总结|汇报|报告|计划|要点|方案)"
)
STATED_BLOCKS = 12
# A plan's own schedule: a heading 活动时间 (实施时间, 时间安排) and the next line opening
# with a year (2023年5月开始至2023年12月底结束) — the year the plan is for.
_SCHEDULE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?\s*(?:活动|实施|工作)?时间(?:安排)?\s*[：:]?\s*$"
)
_SCHEDULED = re.compile(r"^\s*(20\d{2})\s*年")


def dating_period(document: Document, report: Report, configured: str | None) -> Period | None:
    """The period a report's formulations are dated by (PF401): `report_period`, else a
    bare year in its title (2017宣传文化工作计划, or ending it after the kind of report:
    …工作计划2023), or in the head of an opening line naming
    the kind of report when the outline found no title, else a year alone on a line of the
    opening (a cover's or a site's tag), else the year of its signature
    date — the year before when it was signed in the first quarter, so that a summary
    written early in the next year is not judged by that year — else the year its text
    says it reports on or plans (现将2021年…情况汇报如下, or a schedule 活动时间 / 2023年5月…)
    in its first blocks.

    A full date in the title or opening (2024年1月10日，…召开2023年度工作总结会) is passed
    over for a period stated after it. Only dating uses these: CS501 compares the text with
    the period it states."""
    stated = _stated_after_dates(document, report)
    if stated is not None:
        return stated
    since = _since_year(document, report)
    if since is not None and report.title is not None:
        title = document.blocks[report.title].text
        titled = parse_period(title)
        if _COLLECTION.search(title) and (titled is None or titled.year != since.year):
            return since  # a site's title over its pack (…汇编（全文完整）): the text's year
    period = report_period(document, report, configured)
    if period is not None:
        return period
    heading = None if report.title is None else document.blocks[report.title].text
    if heading is None and report.start < report.end:
        # Only the line's head, before its first clause mark: a web copy glues the title
        # to the text that follows it (…工作参考计划2020大学德育工作计划（一）本学期…).
        first = _CLAUSE.split(document.blocks[report.start].text, 1)[0][:TITLE_LIKE_CHARS]
        if _REPORT_WORD.search(first):
            heading = first
    if heading is not None:
        bare = _BARE_YEAR.search(heading) or _TRAILING_YEAR.search(heading)
        if bare is not None:
            return _whole_year(int(bare.group(1)))
    opening = range(report.start, min(report.start + OPENING_BLOCKS + 1, report.end))
    for index in opening:
        alone = _YEAR_ALONE.match(document.blocks[index].text)
        if alone is not None:
            return _whole_year(int(alone.group(1)))
    last = max(report.start, report.end - SIGNATURE_BLOCKS)
    for index in range(report.end - 1, last - 1, -1):
        signed = _SIGNED.match(document.blocks[index].text)
        if signed is not None:
            return _whole_year(int(signed.group(1)) - (int(signed.group(2)) <= EARLY_MONTHS))
    for index in range(report.start, min(report.start + STATED_BLOCKS, report.end)):
        text = document.blocks[index].text
        says = _STATES_ITS_YEAR.search(_CITED.sub(_blank, text))
        if says is None and _SCHEDULE.search(text) and index + 1 < report.end:
            says = _SCHEDULED.match(document.blocks[index + 1].text)
        if says is not None:
            return _whole_year(int(says.group(1)))
    return since


# A site's title over the reports it collects (…研判报告汇编（全文完整）, …总结8篇, …范文大全):
# its year is the site's posting, not always the year of the text it holds.
_COLLECTION = re.compile(
    r"汇编|合集|大全|精选|范文|全文完整|(?:\d{1,2}|[一二两三四五六七八九十]{1,3})篇"
)
# A report's opening "2021年以来，" (…报告 （一） 2021 年以来，**中学党支部…): the year it
# covers up to now, the year it was written in.
_SINCE_OPENING = re.compile(r"(?<![\d〔\[（(第\-－—~～至较比])(20\d{2})\s*年\s*以来[，,]")
SINCE_CHARS = 80
SINCE_BLOCKS = 6


def _since_year(document: Document, report: Report) -> Period | None:
    """The year of a "20xx年以来，" among the first characters of the report's first two
    blocks of text after its title (a site's lines over the text passed over), else None."""
    first = report.start if report.title is None else report.title + 1
    found_text = 0
    for index in range(first, min(first + SINCE_BLOCKS, report.end)):
        if found_text >= 2:
            break
        if len(document.blocks[index].text) > SINCE_CHARS:
            found_text += 1
        found = _SINCE_OPENING.search(document.blocks[index].text[:SINCE_CHARS])
        if found is not None:
            return _whole_year(int(found.group(1)))
    return None


def _whole_year(year: int) -> Period:
    """The dating a year alone gives: the whole of it."""
    return Period(year, 1, 12, f"{year}年")


def _stated_after_dates(document: Document, report: Report) -> Period | None:
    """The first period the title or opening states outside a full date and outside a
    cited title in 《》, when the first year they name is in such a date; else None
    (`report_period` decides)."""
    candidates = [report.title] if report.title is not None else []
    candidates += list(range(report.start, min(report.start + OPENING_BLOCKS + 1, report.end)))
    dated = False
    for index in candidates:
        text = document.blocks[index].text
        first = _PERIOD.search(text)
        if first is None:
            continue
        if not dated and _DATE.match(text, first.start()) is None:
            return None  # the first year named is a period: report_period reads it
        dated = True
        blanked = _CITED.sub(_blank, _DATE.sub(_blank, text))
        period = parse_period(blanked)
        if period is not None:
            return period
    return None


def _blank(found: re.Match[str]) -> str:
    return " " * len(found.group(0))
