"""names: another place's name in the report (南和县 in 南江县's report).

Copy-paste residue from another unit's report. Places are recognised from the gazetteer
of China's administrative divisions (compliance.match.gazetteer), never from a verb before
县 or 市 (落实县委部署, 建立市属 are not names). The report's own places come from its
title, the issuer line above it and its signature; without one there is nothing to
compare against, so nothing is reported. A place is the report's own, or inside it, or
contains it (the province, the city), or is a province: otherwise it is reported, unless
it is where the unit went or a partner (赴隆尧县学习考察, 与临城县签订合作协议). A city
of a prefecture's rank named without 市 is taken before 地区 (保定地区) and before a word of
the title's unit name (沧州邮政 in a 衡水 branch's report: units of a trade call themselves
after their city) or as the situation a plan is fitted to (结合泰州实际). A township's,
town's or subdistrict's report naming another in 结合…实际 (结合石门乡实际 in 龙潭乡's) holds
another's plan: the gazetteer stops at counties, so that name is read by its level.

With `unit_types` (a unit type → the words a report of that type uses of itself: 街道 →
我街道, 街道党工委 …), a report whose title names one type (示范街道…总结) but whose text
speaks of itself only as another (我院, 学院党委, twice or more, and never as the title's
type) is another unit's report under this title: reported once, at its first such word.
Otherwise another type's first-person word (我局 in a court's report) is reported even
once, and its collective word with its members after a verb of organising (组织全校师生
in a hospital's report): a unit never borrows them, though it may speak as its own type too.
Beyond the table, the type comes from the title's unit name itself (示范县国营红旗农场 holds
场, 示范县侨联 speaks as 会 by `unit_synonyms`): 我 and any other word of `unit_words` (我局,
我中心) is reported, unless it opens another word (我处理, 我部署: 我 and a verb).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.match.gazetteer import Place, gazetteer_for, is_province, related
from compliance.match.matchers import Matcher, Span
from compliance.model.findings import Finding
from compliance.schema import ListOf, Option, TableOf, Text

SIGNATURE_LINES = 3
OWN_ANYWHERE = 3
SIGNATURE_CHARS = 30
# A place name starts a word: after a larger place, a preposition or a conjunction, or
# outside Chinese text. 范县 inside 示范县, 江县 inside 南江县 are not names.
_BEFORE = frozenset("省市州区盟县共在赴到和与及、，。；：对为向从至经由是的同助援帮给往去来原跟")


# Verbs whose object is the place a plan is fitted to (结合宜宾实际): what follows them
# starts a word even where their last character forms one with it (合宜, 合肥, 足金).
_FITTED_TO = ("结合", "立足")


def _starts_word(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    return (
        not "\u4e00" <= before <= "\u9fff"
        or before in _BEFORE
        or text[max(0, start - 2) : start] in _FITTED_TO
        or _after_word(text, start)
    )


def _after_word(text: str, start: int) -> bool:
    """Whether a word of two characters ends right before `start` (结合淳安县实际, 讲好涉县
    故事, 排查浏阳市各类阵地) and the character before does not form a word with the
    place's first (示范县: 范县 inside 示范, which is a word). A verb with the complement
    好 (讲好, 宣传好: jieba lacks most) ends a word whatever 好 forms with the next (好象)."""
    if start < 2 or not all("\u4e00" <= c <= "\u9fff" for c in text[start - 2 : start + 1]):
        return False
    from compliance.kinds.substitute import dictionary

    lexicon = dictionary()
    if text[start - 1] == "好" and text[start - 2] in lexicon.verbs:
        return True
    words = lexicon.words
    return text[start - 2 : start] in words and text[start - 1 : start + 1] not in words


# A level joined to the next character as a word of the level's own bodies (县委, 县直,
# 市级, 区属): 会同县委网信办 is 会同 (together with) and 县委网信办, 乡镇和县直部门 is 和 and
# 县直部门 — when the rest of the name is a common word (not a place's name in jieba).
# 在县委和县卫生健康局的领导下 is 和 and a bureau's name, as 会同县公安局 may be 会同 and one.
_LEVEL_WORD = re.compile(
    r"[县市区](?:委|直|级|域|属|政府|纪委|人大|乡|镇|[\u4e00-\u9fff]{1,9}?(?:局|院|中心|办公室))"
)
# 涉 and a level before what it concerns (清理涉县不实信息, 涉市舆情): "concerning the
# county", not 涉县 of Hebei.
_CONCERNING = re.compile(
    r"涉[县市区](?:不实|负面|敏感|舆情|网络|信息|谣言|事件|问题|热点|案件|诉求|重大|重点|意识形态)"
)


def _common_stems() -> tuple[str, ...]:
    """The gazetteer's county, city and district names whose stem (the name without its
    level) jieba tags as a common word of two to four characters (会同 n), not as a place
    (平山 ns): such a stem before a level may be that word. Read with the rules into the
    pack cache: at lint time it was jieba's whole file again (about half a second)."""
    from compliance.match.gazetteer import gazetteer_forms
    from compliance.match.lexicon import jieba_predicates

    words = jieba_predicates(("n", "v", "vn", "d", "c", "p", "a", "ad", "an")).words
    stems = {form[:-1] for form in gazetteer_forms() if form[-1] in "县市区" and len(form) > 2}
    return tuple(sorted(stem for stem in stems if stem in words))


def _level_word_after(text: str, start: int, end: int, common_stems: frozenset[str]) -> bool:
    """Whether the place at start:end is a common word and its level begins the next word
    (会同县委, 和县直部门), or 涉 and a level before what it concerns (涉县不实信息)."""
    if _CONCERNING.match(text, start) and end - start == 2:
        return True
    if not _LEVEL_WORD.match(text, end - 1):
        return False
    stem = text[start : end - 1]
    if len(stem) == 1:
        from compliance.kinds.substitute import dictionary

        return stem in dictionary().function_chars
    return stem in common_stems


# Another place named as where the unit went or whom it works with (赴隆尧县学习考察, 与
# 临城县签订合作协议, 到南宫市参观): a mention on purpose, not a template's residue.
_VISIT = re.compile(r"(?:赴|前往|到|去|走进|来到|与|同|和|邀请|组织)$")
_VISIT_PURPOSE = re.compile(
    r"[^，。；！？\n]{0,12}?(?:学习|考察|参观|交流|调研|观摩|对接|合作|协作|结对|签订|共建|联合|联动|取经)"
)


def _visited(text: str, start: int, end: int) -> bool:
    """Whether the place at start:end is where the unit went or a partner (赴…学习考察)."""
    return bool(_VISIT.search(text, max(0, start - 2), start)) and bool(
        _VISIT_PURPOSE.match(text, end)
    )


def _own_blocks(ctx: Context) -> list[int]:
    """The title, the issuer line above it, and the short lines that end the report."""
    report, blocks = ctx.report, ctx.document.blocks
    own: list[int] = []
    if report.title is not None:
        own += list(range(report.start, report.title + 1))
    for index in range(max(report.start, report.end - SIGNATURE_LINES), report.end):
        text = blocks[index].text.strip()
        if len(text) <= SIGNATURE_CHARS and not text.endswith("。"):
            own.append(index)
    return own


MIN_SELF_REFERENCES = 2
# A body named as the one that leads (在学校党委领导下, 学校党委的坚强领导): a superior.
_LEADERSHIP = re.compile(r"的?(?:坚强|正确|统一|直接)?领导")
_AFTER_TYPE = (
    # A year, masked or not (…人民法院20xx年…), or the unit's Party body or the subject.
    r"(?=[ \t]*(?:(?:19|20)(?:\d{2}|[XxＸｘ*_＿]{1,2})|[〇一二][〇零一二三四五六七八九]{3}|"
    r"党|人民政府|政府|机关|关于|意识形态|宣传|[上下]半年|年度|第?[一二三四]季度))"
)


def _class_of_units(before: str, others: Sequence[str]) -> bool:
    """Whether the title before a type ends with another type that has no name before it
    (乡镇 at the start, after a level or a third type: 全县乡镇, 示范县乡镇卫生院): the two
    name a class of units."""
    other = next((k for k in others if before.endswith(k)), None)
    if other is None:
        return False
    rest = before[: -len(other)]
    return not rest or rest[-1] in _CLASS_BEFORE or rest.endswith(tuple(others))


_CLASS_BEFORE = frozenset("省市州盟县区全各")


def _title_type(title: str, types: Sequence[str]) -> str | None:
    """The unit type the title names as its own: the last one ending the unit's name.

    The type ends the unit's name: a year, its Party body or the subject follows
    (示范街道2023年…, 示范镇党委…), not another word (乡村振兴, 镇街). A type right after
    another that has no name of its own (乡镇, 乡镇卫生院) names a class of units, not this
    one; after a named one (大营镇卫生院) it is this unit, in that town."""
    at = {
        kind: max(
            (
                m.start()
                for m in re.finditer(re.escape(kind) + _AFTER_TYPE, title)
                if not _class_of_units(title[: m.start()], [k for k in types if k != kind])
            ),
            default=-1,
        )
        for kind in types
    }
    return max((k for k in at if at[k] >= 0), key=lambda k: (at[k], len(k)), default=None)


def _titled_type(ctx: Context, types: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """The report's title and the one of `types` it names, or None."""
    if not types or ctx.report.title is None:
        return None
    title = ctx.document.blocks[ctx.report.title].text[: ctx.report.title_end]
    own = _title_type(title, list(types))
    return None if own is None else (title, own)


def _body(rule: Rule, ctx: Context) -> Iterator[tuple[int, str]]:
    """Each block the rule reads but the title (which names the report's own unit), with
    its text."""
    blocks = ctx.document.blocks
    for index in ctx.blocks(rule.scope):
        if index != ctx.report.title:
            yield index, blocks[index].text


def _unit_type_mismatch(rule: Rule, ctx: Context) -> Iterator[Finding]:
    types: Mapping[str, Sequence[str]] = rule.options.get("unit_types", {})
    titled = _titled_type(ctx, types)
    if titled is None:
        return
    title, own = titled
    own_words = set(types[own])
    first: dict[str, tuple[int, Span]] = {}
    counts: dict[str, int] = {}
    for index, text in _body(rule, ctx):
        if any(word in text for word in own_words):
            return  # the report speaks of itself as the title's type
        for kind, words in types.items():
            if kind in title:
                continue  # a parent the title names: a town's central school's 全镇
            spans: list[Span] = []
            for word in sorted(words, key=len, reverse=True):
                if word in own_words:
                    continue
                start = text.find(word)
                while start >= 0:
                    end = start + len(word)
                    # Once per place (校党委 inside 学校党委), and not a superior's
                    # leadership (在学校党委领导下: a college's report names its university).
                    if not any(s.start <= start and end <= s.end for s in spans) and not (
                        _LEADERSHIP.match(text, end)
                    ):
                        spans.append(Span(start, end))
                    start = text.find(word, end)
            if spans:
                counts[kind] = counts.get(kind, 0) + len(spans)
                first.setdefault(kind, (index, min(spans, key=lambda s: s.start)))
    other = max(counts, key=lambda k: counts[k], default=None)
    if other is not None and other != own and counts[other] >= MIN_SELF_REFERENCES:
        index, span = first[other]
        yield ctx.finding_at(rule, index, span, extra={"own": own, "what": "单位称谓"})


# Where the unit's name in a title ends: a year, the subject, a period (关于 and a leading
# year are dropped first: 关于示范农场2025年…, 2025年示范农场…).
# 宣传, 党建 and 工作 end it as the subject (示范局宣传工作总结), not as a department's own name
# (示范县委宣传部, 党建工作领导小组办公室: 我部, 我办 are that unit's).
_NAME_END = re.compile(
    r"(?:19|20)(?:\d{2}|[XxＸｘ*_＿]{1,2})|[〇一二][〇零一二三四五六七八九]{3}|关于|意识形态|"
    r"[上下]半年|年度|第?[一二三四]季度|"
    r"(?:党建|宣传|工作)(?![^\d年，。]{0,6}?(?:部|办|科|处|股|站|队|所|室|中心|委员会))"
)
_NAME_START = re.compile(r"^(?:关于)?(?:(?:19|20)\d{2}年度?)?(?:中共|中国共产党)?")
# The unit's Party body is not a type of its own (示范农场党委: a farm).
_PARTY_BODY = re.compile(r"党(?:委|组|工委|总支|支部)")
# A class of units, not one (全县乡镇卫生院, 各学校): no type of its own.
_CLASS = re.compile(r"乡镇|镇街|各|全[省市县区]")


def _unit_name(title: str) -> str:
    """The unit's name the title opens with (示范县国营红旗农场 of 示范县国营红旗农场2025年…)."""
    rest = _NAME_START.sub("", title, count=1)
    end = _NAME_END.search(rest)
    return _PARTY_BODY.sub("", rest[: end.start() if end else len(rest)])


def _own_unit_words(
    title: str, unit_words: Sequence[str], synonyms: Mapping[str, Sequence[str]]
) -> frozenset[str]:
    """The type words the title's unit name holds (场 of 红旗农场, 中心 of 疾病预防控制中心,
    局 and 站 of 水利局…水利站: a parent speaks for it), with those its words speak as
    (侨联 says 我会, 大学 我校): the X of every 我X that is the report's own."""
    name = _unit_name(title)
    if not name or _CLASS.search(name):
        return frozenset()
    own = {word for word in unit_words if word in name}
    own.update(alias for word, aliases in synonyms.items() if word in name for alias in aliases)
    return frozenset(own)


def _starts_other_word(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """Whether 我X at start:end is 我 before a word that X opens (我处理, 我部署, 我会同): X
    and the next character are a word, and that character does not open one of its own
    with the one after (我局面临 is 我局 面临; 我处理好 is 我 处理)."""
    return text[start + 1 : end + 1] in words and text[end : end + 2] not in words


# Another type's word for itself that a unit never borrows: 我局 in a court's report, or
# 全校师生 as what a hospital organises (组织全校师生观看…). The collective word counts only
# with its members and a verb of organising one's own (为全校师生开展讲座 is a partner).
_FIRST_PERSON = re.compile(r"[我本]")
_MEMBERS = re.compile(
    r"(?:全体)?(?:党员干部|干部职工|干部群众|党员|干部|师生|教职工|教职员工|教师|学生|医护人员|"
    r"医务人员|医务工作者|职工|员工|干警)"
)
_ORGANISES = re.compile(r"(?:组织|动员|带领|号召|发动)(?:了)?$")


def _foreign_self(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Another unit type's word for itself in a report that may speak as its own type too:
    a first-person one (我局, 本校) even once, a collective one (全校, 全乡) with its members
    after a verb of organising. Types the title names (镇 in 示范镇中心学校) are not other;
    a word sharing its first character with a word before (基本局面) is not one. Each
    word reported once.

    Beyond `unit_types`, any 我 and a type word of `unit_words` (我场, 我会, 我中心) that the
    title's unit name does not hold (nor its `unit_synonyms`): a farm's report saying 我局."""
    if ctx.report.title is None:
        return
    types: Mapping[str, Sequence[str]] = rule.options.get("unit_types", {})
    title = ctx.document.blocks[ctx.report.title].text[: ctx.report.title_end]
    titled = _titled_type(ctx, types)
    generic = _own_unit_words(
        title, rule.options.get("unit_words", ()), rule.options.get("unit_synonyms", {})
    )
    if titled is None and not generic:
        return
    own = titled[1] if titled is not None else _unit_name(title)
    # The words of every type the title names are the unit's or its parent's (a university's
    # hospital, 大学附属医院, says 我校 of the university, as 学校 would).
    named = title.replace("大学", "学校")
    own_words = {word for kind, words in types.items() if kind in named for word in words}
    own_words.update("我" + word for word in generic)
    # With a type from the unit's name, also 我 and every other type word (我场 in a bureau's).
    others = {"我" + word for word in rule.options.get("unit_words", ()) if word not in generic}
    foreign = sorted(
        {
            word
            for words in types.values()
            for word in words
            if word not in own_words
            and word[1:] not in generic
            and (_FIRST_PERSON.match(word) or word.startswith("全"))
        }
        | (others if generic else set()),
        key=len,
        reverse=True,
    )
    if not foreign:
        return
    from compliance.kinds.substitute import dictionary

    words = dictionary().words
    unit_words = frozenset(rule.options.get("unit_words", ()))
    not_self: Sequence[str] = rule.options.get("not_self", ())
    reported: set[str] = set()
    for index, text in _body(rule, ctx):
        taken: list[Span] = []
        for word in foreign:
            start = text.find(word)
            while start >= 0 and word not in reported:
                end = start + len(word)
                joined = start > 0 and text[start - 1 : start + 1] in words
                inside = any(s.start <= start and end <= s.end for s in taken)
                if word.startswith("全"):
                    # The clause's subject may be that unit itself (各学校组织全校师生…).
                    members = _MEMBERS.match(text, end)
                    verb = _ORGANISES.search(text, max(0, start - 4), start)
                    clause = max(text.rfind(mark, 0, start) for mark in "，,。；;！？：:")
                    hit = (
                        bool(members)
                        and verb is not None
                        and word[1:] not in text[clause + 1 : verb.start()]
                    )
                    if members:
                        end = members.end()
                else:
                    hit = not any(text.startswith(phrase, start) for phrase in not_self) and not (
                        word[1:] in unit_words and _starts_other_word(text, start, end, words)
                    )
                if hit and not joined and not inside:
                    reported.add(word)
                    taken.append(Span(start, end))
                    yield ctx.finding_at(
                        rule, index, Span(start, end), extra={"own": own, "what": "单位称谓"}
                    )
                start = text.find(word, start + len(word))


_TRADE_WORD = re.compile(r"交通|运输|税|公安|警|医")


def _foreign(ctx: Context, table: Mapping[str, Sequence[str]]) -> tuple[str, list[str]] | None:
    """The unit type the title names, of `table`'s, and that type's foreign phrases but
    those whose trade the title names too (示范交通学校…: 交通事业 is the unit's own)."""
    titled = _titled_type(ctx, table)
    if titled is None:
        return None
    title, own = titled
    return own, [p for p in table[own] if not any(w in title for w in _TRADE_WORD.findall(p))]


def _foreign_trade(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Another trade's words for itself (良好交通形象, 交通事业 in a hospital's report): the
    text of another unit's report, left in a template. Each phrase reported once."""
    foreign = _foreign(ctx, rule.options.get("foreign_trades", {}))
    if foreign is None:
        return
    own, phrases = foreign
    reported: set[str] = set()
    for index, text in _body(rule, ctx):
        for phrase in phrases:
            if phrase in reported:
                continue
            start = text.find(phrase)
            if start >= 0:
                reported.add(phrase)
                yield ctx.finding_at(
                    rule,
                    index,
                    Span(start, start + len(phrase)),
                    extra={"own": own, "what": "行业用语"},
                )


# The unit following a bureau's rules or plans: a verb of following a few characters before
# the bureau's level (严格执行县交通运输局…, 按照区农业农村局要求).
_FOLLOWS = re.compile(r"(?:执行|按照|根据|依照|遵照|依据|落实|遵守|贯彻)[^，,。；;：:\n]{0,8}$")


def _foreign_bureau(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A bureau of another trade whose rules the unit follows (严格执行县交通运输局关于…的规定
    in a hospital's report): its template's unit, left in. Each bureau reported once."""
    foreign = _foreign(ctx, rule.options.get("foreign_bureaus", {}))
    if foreign is None:
        return
    own, names = foreign
    names.sort(key=len, reverse=True)
    reported: set[str] = set()
    for index, text in _body(rule, ctx):
        for name in names:
            start = text.find(name)
            while start >= 0 and name not in reported:
                # The level right before the bureau (县交通运输局, 南和县交通运输局), the verb
                # of following before it, a place's name between them allowed.
                if (
                    start > 0
                    and text[start - 1] in "县市区"
                    and _FOLLOWS.search(text, max(0, start - 17), start - 1)
                ):
                    reported.add(name)
                    yield ctx.finding_at(
                        rule,
                        index,
                        Span(start - 1, start + len(name)),
                        extra={"own": own, "what": "单位名称"},
                    )
                start = text.find(name, start + len(name))


# A verb of organising one's own people and the collective word that may stand between
# (动员全体干警, 组织全局指战员, 带领广大干警).
_ORGANISES_MEMBERS = re.compile(
    r"(?:组织|动员|带领|号召|发动)了?(?P<whole>(?:全体|广大|全[^\s，,。；;：:、]{1,2})?)$"
)
_UNIT_NAME = re.compile(r"^.*?(?=(?:19|20)\d{2}|$)")


def _name_before_year(title: str) -> str:
    """The title up to its year (示范县卫生健康委员会 of 示范县卫生健康委员会2025年…), or all of
    it when a year opens it: the unit as a member's or a trade's report names it."""
    unit = _UNIT_NAME.match(title)
    return unit.group(0) if unit and unit.group(0) else title


def _foreign_members(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Members that only some trades have (干警, 指战员) organised as the unit's own in the
    report of a unit whose title names none of those trades (动员全体干警 in a health
    commission's): the template's unit, left in. A clause naming such a unit before the
    verb (县公安局组织干警…) is that unit organising its own. Each word reported once."""
    table: Mapping[str, Sequence[str]] = rule.options.get("foreign_members", {})
    if not table or ctx.report.title is None:
        return
    title = ctx.document.blocks[ctx.report.title].text[: ctx.report.title_end]
    foreign = [
        (w, tuple(owners)) for w, owners in table.items() if not any(o in title for o in owners)
    ]
    own = _name_before_year(title)
    reported: set[str] = set()
    for index, text in _body(rule, ctx):
        for word, owners in foreign:
            start = text.find(word)
            while start >= 0 and word not in reported:
                verb = _ORGANISES_MEMBERS.search(text, max(0, start - 7), start)
                clause = max(text.rfind(mark, 0, start) for mark in "，,。；;！？：:")
                if verb is not None and not any(
                    o in text[clause + 1 : verb.start()] for o in owners
                ):
                    reported.add(word)
                    yield ctx.finding_at(
                        rule,
                        index,
                        Span(verb.start("whole"), start + len(word)),
                        extra={"own": own, "what": "单位称谓"},
                    )
                start = text.find(word, start + len(word))


# A branch named after its city without the city's 市 (中国移动…河北有限公司邯郸分公司,
# 农业银行保定分行): the city is the branch's own place, as 邢台市分行's is.
_BRANCH = re.compile(r"(?=(?:分公司|分行|中心支行|支行|供电公司|分局))")


# The trade a branch may name between its city and 分公司 (衡水石油分公司, 张家口供电分公司).
BRANCH_TRADE_CHARS = 4


def _branch_city(title: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The city a branch in the title is named after, bare (邯郸分公司 → 邯郸市), its trade
    between them or not (衡水石油分公司 → 衡水市)."""
    for match in _BRANCH.finditer(title):
        for end in range(match.start(), max(0, match.start() - BRANCH_TRADE_CHARS) - 1, -1):
            for stem, codes in _cities_named_bare(title, end):
                yield stem + "市", codes


# A city named bare before 地区 (为保定地区电网…): the gazetteer holds 保定市, not 保定.
_REGION = re.compile(r"(?=地区)")


def _bare_cities(text: str) -> Iterator[Place]:
    """The cities of the gazetteer named without 市 before 地区 (保定地区 → 保定)."""
    for match in _REGION.finditer(text):
        end = match.start()
        for stem, codes in _cities_named_bare(text, end):
            yield Place(end - len(stem), end, stem, codes)


# A prefecture-level division's code: province and city, two digits each (沧州市 1309).
PREFECTURE_CODE = 4


def _title_words(title: str) -> tuple[str, ...]:
    """The words of two characters in the unit's name the title opens with (邮政, 烟草,
    车辆 of 石家庄车辆段): what a unit of its trade is called after its city. With them the
    short form of two such words in a row, their first characters (公交 of 公共交通, 广电 of
    广播电视), as a unit of that trade is called too (玉溪公交)."""
    from compliance.kinds.substitute import dictionary

    name = _name_before_year(title)
    words = dictionary().words
    pairs = {name[i : i + 2] for i in range(len(name) - 1)}
    short = {
        name[i] + name[i + 2]
        for i in range(len(name) - 3)
        if name[i : i + 2] in words and name[i + 2 : i + 4] in words
    }
    return tuple(sorted(pair for pair in pairs | short if pair in words))


# The unit so named as the one that leads (在石家庄海关党委的坚强领导下 in a 邢台海关's
# report): its superior, in another city.
# The leading unit's name runs on after the trade's word (福州出入境边防检查总站党委的领导).
_LEADS = re.compile(r"[^，,。；;！？\n]{0,16}?的?(?:坚强|正确|统一|直接|具体|业务)?(?:领导|指导)")


def _cities_before_trade(text: str, trade_words: Sequence[str]) -> Iterator[Place]:
    """The cities of the gazetteer named without 市 before a word of the title's unit name
    (结合沧州邮政实际 in a 衡水 branch's report: 沧州, as units of a trade call themselves
    after their city). Only a city of a prefecture's rank: a stem and 市 may also be a
    district's other form (河北 of 河北邮政: 天津's 河北区) or a small city's word (合作).
    Not the unit that leads (在石家庄海关党委的领导下: a superior in another city)."""
    for word in trade_words:
        end = text.find(word)
        while end >= 0:
            for stem, codes in _cities_named_bare(text, end):
                prefectures = tuple(code for code in codes if len(code) == PREFECTURE_CODE)
                if prefectures and not _LEADS.match(text, end + len(word)):
                    yield Place(end - len(stem), end, stem, prefectures)
            end = text.find(word, end + len(word))


def _cities_named_bare(text: str, end: int) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The gazetteer's cities named without 市 by the two or three Chinese characters
    before `end` (邯郸 of 邯郸分公司, 保定 of 保定地区), each stem with the city's codes."""
    for size in (2, 3):
        stem = text[max(0, end - size) : end]
        if len(stem) < size or not all("\u4e00" <= c <= "\u9fff" for c in stem):
            continue
        name = stem + "市"
        for place in gazetteer_for([name]).find(name):
            if place.start == 0 and place.end == len(name):
                yield stem, place.codes


# A place whose situation the work is fitted to (结合泰州实际, 立足石门乡实际): the report's own.
_SITUATION = re.compile(r"(?<=结合|立足|紧扣|联系)([\u4e00-\u9fff]{2,5}?)(?=实际)")
# A township's or town's name in that phrase (石门乡, 黄水镇); not a class of them (城乡, 乡镇,
# 小镇, 古镇, 农业大镇, 民族乡, 重点镇, 中心镇, 建制镇, 山区乡, 贫困乡, 边境乡: the level closes a
# word or a class's modifier) nor the unit's own or its whole (本乡, 全镇, 各乡), nor one
# picked out by a determiner (所在街道, 不同街道, 每个镇, 其他乡, 两个镇, 周边乡镇).
_TOWNSHIP = re.compile(
    r"^(?![本全各我该每此])(?!其[他它余]|所在|不同|相关|有关|周边|邻近|相邻|[一两二三四五六七八九十几多]个)"
    r"[\u4e00-\u9fff]{2,3}(?<![乡城小集古重名强家大族点心制区困境])(?:乡|镇|街道)$"
)


def _cities_in_situation(text: str) -> Iterator[Place]:
    """The cities of a prefecture's rank named without 市 in 结合…实际 (结合泰州实际 in a
    盐城 college's report): the city whose situation a copied plan was fitted to."""
    for match in _SITUATION.finditer(text):
        for stem, codes in _cities_named_bare(text, match.end()):
            prefectures = tuple(code for code in codes if len(code) == PREFECTURE_CODE)
            if prefectures and stem == match.group(1):
                yield Place(match.end() - len(stem), match.end(), stem, prefectures)


def _other_townships(text: str, title: str) -> Iterator[Span]:
    """Townships, towns and subdistricts in 结合…实际 that the title does not name (结合石门乡
    实际 in 龙潭乡's report): the gazetteer stops at counties, so they are read by their
    level; a level closing a word of its own (乡镇, 城镇, 特色小镇, 古镇) is a class."""
    for match in _SITUATION.finditer(text):
        name = match.group(1)
        if _TOWNSHIP.match(name) and name not in title:
            yield Span(match.start(1), match.end(1))


def _resolve_shared(own: dict[str, str]) -> dict[str, str]:
    """The report's own places with a name several divisions share (向阳区: one in 佳木斯,
    one in 鹤岗) narrowed to those under another of its own (佳木斯分行向阳支行: 佳木斯's), so
    that the other city (结合鹤岗分行实际) is not taken as related to the report's."""
    codes_of: dict[str, list[str]] = {}
    for code, name in own.items():
        codes_of.setdefault(name, []).append(code)
    kept = dict(own)
    for name, codes in codes_of.items():
        others = [code for code, other in own.items() if other != name]
        inside = [c for c in codes if any(c != o and c.startswith(o) for o in others)]
        if len(codes) > 1 and inside:
            for code in codes:
                if code not in inside:
                    del kept[code]
    return kept


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    mismatch = list(_unit_type_mismatch(rule, ctx))
    yield from mismatch or _foreign_self(rule, ctx)
    yield from _foreign_trade(rule, ctx)
    yield from _foreign_bureau(rule, ctx)
    yield from _foreign_members(rule, ctx)
    ignore = set(rule.options.get("ignore", ()))
    blocks = ctx.document.blocks
    own_blocks = _own_blocks(ctx)
    searched = [i for i in ctx.blocks(rule.scope) if i not in own_blocks]
    places = gazetteer_for([blocks[i].text for i in (*own_blocks, *searched)])
    own: dict[str, str] = {}  # code → the name the report uses
    report_title: str | None = None
    for index in own_blocks:
        text = blocks[index].text
        if index == ctx.report.title:
            text = text[: ctx.report.title_end]
            report_title = text
        for place in places.find(text):
            # The report's own place may follow its unit's prefix (国网浏阳市供电公司): a full
            # name of three characters or more is taken wherever it stands in these lines.
            if len(place.name) >= OWN_ANYWHERE or _starts_word(text, place.start):
                for code in place.codes:
                    own.setdefault(code, place.name)
    trade_words = _title_words(report_title) if report_title is not None else ()
    if report_title is not None:
        for name, codes in _branch_city(report_title):
            for code in codes:
                own.setdefault(code, name)
        # A unit named after its city without 市 (石家庄车辆段): the city is its own.
        for place in _cities_before_trade(report_title, trade_words):
            if _starts_word(report_title, place.start):
                for code in place.codes:
                    own.setdefault(code, place.name + "市")
    # A township's, town's or subdistrict's report: another of them named as where its work
    # is fitted is residue, whether or not the gazetteer holds the title's county.
    if report_title is not None and _titled_type(ctx, dict.fromkeys(("乡", "镇", "街道"), ())):
        name = _name_before_year(report_title)
        for index in searched:
            for span in _other_townships(blocks[index].text, report_title):
                yield ctx.finding_at(rule, index, span, extra={"own": name, "what": "地名"})
    if not own:
        return
    own = _resolve_shared(own)
    shown = next(iter(own.values()))
    # The report's own place is its most specific one: a district's report (石家庄市鹿泉区
    # 人民法院) names its city too, but the city's other districts (栾城区) are not its own.
    own = {
        code: name
        for code, name in own.items()
        if not any(other != code and other.startswith(code) for other in own)
    }
    common_stems = frozenset(rule.options.get("common_stems", ()))
    for index in searched:
        text = blocks[index].text
        bare = (
            *_bare_cities(text),
            *_cities_before_trade(text, trade_words),
            *_cities_in_situation(text),
        )
        for place in (*places.find(text), *bare):
            if (
                not _starts_word(text, place.start)
                or _level_word_after(text, place.start, place.end, common_stems)
                or place.name in ignore
                or _visited(text, place.start, place.end)
                or any(
                    is_province(code) or related(code, mine) for code in place.codes for mine in own
                )
            ):
                continue
            yield ctx.finding_at(
                rule, index, Span(place.start, place.end), extra={"own": shown, "what": "地名"}
            )


def prepare(options: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> dict[str, Any]:
    return {**options, "common_stems": _common_stems()}


KIND = Kind(
    name="names",
    check=check,
    summary="a place of the gazetteer other than the report's own (from its title, issuer and"
    " signature), not inside it, not containing it and not a province (a city also named bare"
    " before 地区, before a word of the title's unit name, 沧州邮政, or in 结合…实际); in a"
    " township's, town's or subdistrict's report another one in 结合…实际; a report speaking of"
    " itself only as another unit type than its title's (`unit_types`), or once as another"
    " type in the first person (我局 in a court's) or organising another type's members"
    " (组织全校师生 in a hospital's), or 我 and a unit word its title's unit name does not hold"
    " (`unit_words`: 我局 in a farm's); another trade's"
    " words for itself in the report of a unit with a trade of its own (`foreign_trades`);"
    " another trade's bureau whose rules such a unit follows (`foreign_bureaus`); members only"
    " some trades have organised as its own in another's report (`foreign_members`)",
    options=(
        Option("ignore", ListOf(Text(nonempty=True)), "place names never reported", default=[]),
        Option(
            "foreign_trades",
            TableOf(ListOf(Text(nonempty=True)), shape='a table type = ["phrase", …]'),
            "unit types with a trade of their own, and other trades' words for themselves that"
            " a report of that type never uses (交通形象 in a hospital's report)",
            default={},
        ),
        Option(
            "foreign_bureaus",
            TableOf(ListOf(Text(nonempty=True)), shape='a table type = ["bureau", …]'),
            "unit types with a trade of their own, and other trades' bureaus that never direct"
            " them: one whose rules the report follows (执行县交通运输局…的规定 in a hospital's"
            " report) is reported",
            default={},
        ),
        Option(
            "foreign_members",
            TableOf(ListOf(Text(nonempty=True)), shape='a table word = ["owner", …]'),
            "members only some trades have, and the words naming those trades: organised as the"
            " unit's own (动员全体干警) in a report whose title names none of them, reported",
            default={},
        ),
        Option(
            "not_self",
            ListOf(Text(nonempty=True)),
            "phrases opening with a type's first-person word that are not it (本乡本土, 我关注)",
            default=[],
        ),
        Option(
            "unit_words",
            ListOf(Text(nonempty=True)),
            "words a unit of a type calls itself by after 我 (局, 场, 会, 中心): another's in a"
            " report whose title's unit name holds none of it is reported (我局 in a farm's)",
            default=[],
        ),
        Option(
            "unit_synonyms",
            TableOf(ListOf(Text(nonempty=True)), shape='a table word = ["unit word", …]'),
            "words of a unit's name and the unit words it speaks as besides (侨联 → 会, 大学 → 校)",
            default={},
        ),
        Option(
            "unit_types",
            TableOf(ListOf(Text(nonempty=True)), shape='a table type = ["self-reference", …]'),
            "unit types and the words a report of each type uses of itself",
            default={},
        ),
        SCOPE,
    ),
    placeholders=frozenset({"own", "what"}),
    whole_report=True,
    prepare=prepare,
)
