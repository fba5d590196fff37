"""cjk-space: a stray space in Chinese text, not one that convention puts there.

The rule's `match` finds the candidates (a space between Chinese characters, or before
Chinese punctuation). Not reported, because convention puts them there:
- a line of short unpunctuated groups: a slogan's halves (使命如磐 重任在肩, also before a
  headline's —— or a copy's ――, or after a bullet: ■ 高擎思想旗帜 深化理论武装), a
  committee's table of names and posts flattened into a line, a spaced-out heading
  (第一章 总 则) or letterhead (中 国 科 协 文 件), joint issuers (示范县委宣传部
  示范县文明办), and joint issuers opening their document's title
  (中共示范县委 示范县人民政府关于…的实施意见);
- a site's navigation menu (网站首页 个人总结 工作总结 述职报告 …, ST209's), a short header
  or menu line holding one of its words (示范文库 首页), a document site's keyword tags
  (关于 宣传 思想 文化 2022 工作总结 2023 工作计划);
- a signature or date line (示范局党组 2024年7月10日), a byline (记者 王某 通讯员 李某),
  a news dateline (本报讯 为……, 示范县讯 9月5日…), a photo's credit (示范网 王某摄), a
  site's buttons (免费下载 立即下载), a closing byline in brackets
  (（示范县供电公司 王某 李某）), a headline's slogan after its unit's colon;
- the space after an article or chapter number (第一条 为……), or a site's 第1篇 before a title
  or 篇1 after it, or after an attachment's label (附件 示范县…细则);
- the spaces of a byline in brackets inside a line (本报讯（记者 王某 通讯员 李某 张某）…),
  between a slogan's equal halves in quotes or a title's 《》 (“弘扬延安精神 传承红色基因”)
  or a quoted name's two phrases of four or more (“义务植树 齐心合力添新绿”), after a
  yearbook's run-in heading (【理论武装扎实深入】 一是…),
  and inside a portal's spaced-out field label (索 引 号：…, 体 裁 |);
- a short unpunctuated line of phrases, not numbered, not a document's title: a news
  headline (…推进会 部署2025年重点任务), a site's tags; a keyword list (关键词：… on its line or
  the next), an author list or a line of names, a post and a name (部长 王某), an author's
  affiliation (a postcode, or a university's units in brackets), a page's header or
  navigation (…政务 |, 上一篇 下一篇), a forum's post line, names after 作者：, a word
  spaced out in brackets (（头 版）, ［摘 要］), a paper's label opening its line (摘要 …).
Reported once per file, with `break_message`: spaces that stand for lost line breaks —
after a sentence end or a title (…工作总结 以深入学习……), between a chapter's heading and
its first article's number (总则 第一条), or at the regular intervals a hard-wrapped copy
leaves.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence

from compliance.kinds.base import (
    FIX,
    MATCH,
    SCOPE,
    SUGGESTION,
    UNIT_END,
    Context,
    Kind,
    Rule,
)
from compliance.lazyre import lazy
from compliance.match.matchers import Haystack, Span
from compliance.model.document import Block
from compliance.model.findings import Finding
from compliance.model.pinyin import TONED
from compliance.schema import Option, Text

_GROUPS = lazy(r"^[\u4e00-\u9fff]{1,16}(?:[ \t\u3000\xa0]+[\u4e00-\u9fff]{1,16}){1,5}$")
# A line of single characters, each spaced from the next: a document's letterhead, a
# form's title set out for display.
_SPACED_OUT = lazy(r"^[\u4e00-\u9fff](?:[ \t\u3000\xa0]+[\u4e00-\u9fff]){2,23}$")
_DATE = lazy(
    r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$|[〇零一二三四五六七八九]{4}年.{1,3}月.{0,3}日?\s*$"
)
# A byline, or a site's or forum's fields around a copied text (its read counter too:
# 阅读（8.6K）, 閱讀：75 in a traditional copy).
_BYLINE = lazy(
    r"记者|通讯员|作者|编辑|摄影|供稿|审核|责编|来源|分享|时间[：:]|标题[：:]|发布|点击|浏览|下载|位置[：:]|关键词|"
    r"阅读次数|阅读量|"
    r"[报社台网]讯|\d{1,2}日[讯訊电電]|未读|免费阅读|继续阅读|[阅閱][读讀][（(：:]|推荐|发表于|只看楼主|复制链接|快速回复|"
    r"欢迎来访|欢迎访问|欢迎光临|[一二三初复终]审[/／：:]|(?:^|[（(\s])(?:文|图|文图|图文|摄影)[/／]"
)
# A sentence's words that a byline also uses (信息发布, 审核, 推荐, 下载): a line of sentences
# is a byline only by a word no sentence of a report uses that way (记者, 通讯员, 本报讯).
_SENTENCE_MARK = lazy(r"[。！？；]")
# An editorial byline's review steps (一审/李某 终审/王某) are strong too.
_BYLINE_STRONG = lazy(
    r"记者|通讯员|作者[：:]|责编|[报社台网]讯|\d{1,2}日[讯訊电電]|发表于|[一二三初复终]审[/／]"
)
_BYLINE_REACH = 12  # characters: a byline's names and 报道 after its label (通讯员 王某 报道)
# An office's hours (上午 8:00-12:00 下午 休息): a site's chrome, spaced as a table.
_HOURS = lazy(r"\d{1,2}[:：]\d{2}[ \t]*[-—–~～至][ \t]*\d{1,2}[:：]\d{2}")
# A headline's number in a series, at its end: （十一）, (3).
_SERIES = lazy(r"[（(][一二三四五六七八九十\d]{1,3}[）)]$")
# A periodical's year and issue number (2013年 第9期, 2014年3期).
_ISSUE = lazy(r"\d{4}\s*年\s*第?\s*\d{1,3}\s*期")
# A field's label and its colon: a line with two of them is a site's fields.
_FIELD_LABEL = lazy(r"[\u4e00-\u9fff]{2,6}[ \t\u3000]*[：:]")
# Six or more short unpunctuated groups in a row (years among them): a site's navigation
# menu, or a document site's keyword tags (关于 宣传 思想 文化 2022 工作总结 …).
_MENU = lazy(
    r"^(?:[\u4e00-\u9fff]{2,6}|\d{2,4})(?:[ \t\u3000\xa0]+(?:[\u4e00-\u9fff]{2,6}|\d{2,4})){5,}$"
)
# A short line of unpunctuated groups with a site's own word among them: its header or
# navigation (示范文库 首页, 打印 关闭, 某某范文网 导航).
_NAVIGATION = lazy(
    r"^(?=[^\n]{0,40}$)(?:\S+[ \t\u3000\xa0]+)*(?:网站首页|首页|导航|登录|注册|搜索|打印|关闭|收藏)"
    r"(?:[ \t\u3000\xa0]+\S+)*$"
)
# A site's watermark glued to a paragraph's end after a space: its name, a comma and its
# slogan (某某汇，办公文档之家); ST209 reports it, and the space goes with it.
_GLUED_WATERMARK = lazy(
    r"[ \t\u3000]+[\u4e00-\u9fff]{2,8}[，,][\u4e00-\u9fff]{0,6}(?:文档|范文|公文|文秘|写作)"
    r"[\u4e00-\u9fff]{0,2}(?:之家|大全)[ \t\u3000]*$"
)
# A subheading's bullet before its slogan halves (■ 高擎思想旗帜 深化理论武装).
_BULLET = lazy(r"^[■□●○◆◇▲△★☆▪▶►◎※•][ \t\u3000\xa0]*")
# An attachment's label opening its line, its title after a space (附件 …, 附件2 …).
_ATTACHMENT = lazy(r"^[ \t\u3000]*附件[0-9一二三四五六七八九十]{0,2}[ \t\u3000\xa0]*$")
# A news item's dateline: a unit's or a paper's short name and 讯 opening the line, then a
# space before the date or 近日 (示范县讯 8月3日, 示范融媒讯 近日); not 通讯, 资讯.
_DATELINE = lazy(r"^[ \t\u3000]*[\u4e00-\u9fff（）()]{0,9}(?<![通资])[讯訊][ \t\u3000\xa0]*$")
# A photo's credit closing its caption line: the outlet, a space, a name and 摄.
_PHOTO_CREDIT = lazy(r"[ \t\u3000\xa0]+[\u4e00-\u9fff]{2,4}摄(?:影)?[）)]?[ \t\u3000]*$")
_NUMBERED = lazy(r"第[一二三四五六七八九十百零〇\d]+[条章节款编部分篇]+[：:]?[ \t\u3000\xa0]*$")
# A collection's piece number after a title (…工作总结和计划 篇1, …总结 篇二): a site's.
_RUN_IN = lazy(r"[ \t\u3000]*【[^】\n]{2,20}】[ \t\u3000]+\S")
_PIECE = lazy(r"[ \t\u3000\xa0]+篇[一二三四五六七八九十\d]{1,3}[：:]?[ \t\u3000]*$")
_BREAK_BEFORE = ("。", "！", "？", "；", "：", "!", "?")
_TITLE_END = lazy(r"(?:总结|报告|汇报|方案|计划|要点|范文|情况|安排|汇编|讲话|材料)$")
# Two or more documents' titles on one line, each ending in its kind: a site's contents, its
# list of other pages or its title of two variants; the spaces are the list's, not lost breaks.
_LISTED_TITLE = (
    r"[\u4e00-\u9fff\d（）]{4,40}(?:总结|报告|汇报|方案|计划|要点|范文|清单|制度|办法|细则|意见)"
    r"(?:[（(][^（）()\s]{0,12}[）)])?"  # a site's remark after it: （8篇）, an emptied （）
)
_TITLE_LIST = lazy(rf"^(?:{_LISTED_TITLE}[ \t\u3000\xa0]+){{1,7}}{_LISTED_TITLE}$")
MIN_WRAPS = 4


_PUNCTUATED = lazy(r"[，。；！？、,;!?]")
_ISSUER = lazy(UNIT_END + "$")
# A joint document's title: its issuers spaced apart, the last one running into 关于…, the
# title ending in its kind (中共示范县委 示范县人民政府关于…的实施意见). Convention spaces them.
_JOINT_ISSUER = lazy(r"[\u4e00-\u9fff]{2,16}" + UNIT_END)
_JOINT_TITLE = lazy(
    r"[\u4e00-\u9fff]{2,16}" + UNIT_END + r"关于[\u4e00-\u9fff\d《》“”（）]{2,80}"
    r"(?:通知|意见|办法|规定|细则|决定|方案|通报|报告|批复|规划|要点)"
)


# A short line of phrases with no sentence punctuation: a news headline or subheading
# (示范县召开宣传工作会议 部署2025年工作, 高擎思想旗帜 理论武装不断加强), a site's tags
# (2023 宣传部 工作总结). Each space stands between two characters of words; a numbered
# heading, a document's title (…工作总结) of two phrases and a space inside 《》 or “”
# (a PDF's wrap) stay reported, as does a phrase of two characters or fewer before a
# single space (助推 文化产业发展).
_HEADLINE_GROUP = lazy(r"[\u4e00-\u9fff\d“”‘’《》·]+")
_HEADLINE_SPACE = lazy(r"(?<=[\u4e00-\u9fff\d])[ \t\u3000\xa0]+(?=[\u4e00-\u9fff\d“])")
_HEADING_NUMBER = lazy(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|第)"
)
_DOCUMENT_END = lazy(r"(?:总结|报告|汇报|方案|计划|要点|通知|意见|办法|规定|细则|决定|讲话|材料)$")


def _headline(line: str) -> bool:
    if len(line) > 40 or _PUNCTUATED().search(line) or _HEADING_NUMBER().match(line):
        return False
    groups = line.split()
    if not 2 <= len(groups) <= 4 or len(_HEADLINE_SPACE().findall(line)) != len(groups) - 1:
        return False
    if not all(_HEADLINE_GROUP().fullmatch(g) for g in groups):
        return False
    for i in range(1, len(groups)):  # no space inside an open 《 or “: a title's wrap
        before = "".join(groups[:i])
        if before.count("《") > before.count("》") or before.count("“") > before.count("”"):
            return False
    if len(groups) == 2:
        return min(len(g) for g in groups) >= 3 and not _DOCUMENT_END().search(line)
    return min(len(g) for g in groups) >= 2


def _conventional_line(text: str, last_lines: bool) -> bool:
    # A traditional copy's pinyin is no part of the line's layout: a menu's two halves
    # (設（shè）為首頁 加入收藏) are as long as they are without it.
    whole = line = TONED().sub("", text).strip(" \t\u3000\xa0")
    line = _BULLET().sub("", line)  # a subheading's bullet: ■ 高擎思想旗帜 深化理论武装
    if _RUN_INTO_ARTICLE().search(line):
        return False  # a heading run into its article's number: a lost break (总则 第一条)
    dash = "——" if "——" in line else "――"  # or a copy's two horizontal bars (U+2015)
    if dash in line and len(line) <= 60:
        line = line.split(dash, 1)[0].rstrip(" \t\u3000\xa0")  # a headline's slogan
    elif line.count("：") == 1 and len(line) <= 60 and not line.endswith("："):
        line = line.split("：", 1)[1]  # a headline's slogan after its unit
    line = _SERIES().sub("", line)  # a series' number after a headline: …谱新篇（十一）
    if _SPACED_OUT().match(line):
        return True  # a letterhead or a form's title spaced out: 中 国 科 协 文 件, 承 诺 函
    if len(line) <= 40 and _GROUPS().match(line):
        groups = line.split()
        if len({len(g) for g in groups}) == 1 and len(groups[0]) >= 2:
            return True  # a slogan's halves: 使命如磐 重任在肩
        if sum(len(g) == 1 for g in groups) >= 2:
            return True  # a heading spaced out: 第一章 总 则
        if all(_ISSUER().search(g) for g in groups):
            return True  # joint issuers
        if len(groups) == 2 and _ISSUER().search(groups[0]) and groups[1].startswith("关于"):
            return True  # a document's title under its issuer: 中共示范委员会 关于…的通报
    joint = whole.split()
    if (
        2 <= len(joint) <= 4
        and all(_JOINT_ISSUER().fullmatch(g) for g in joint[:-1])
        and _JOINT_TITLE().fullmatch(joint[-1])
    ):
        return True  # joint issuers opening their document's title
    if _headline(line):
        return True  # a headline's phrases (…工作会议 部署2025年工作), a site's tags
    if _TITLE_LIST().match(line) and not _PUNCTUATED().search(line):
        return True  # a site's one-line list of titles: …上半年工作总结 …年度工作总结
    if (
        _MENU().match(line)
        or _MENU().match(whole)
        or (_NAVIGATION().match(whole) and not _PUNCTUATED().search(whole))
    ):
        return True  # a site's menu or header (网站首页 个人总结 …, 示范文库 首页): ST209's
    if _AFFILIATION().match(whole):
        return True  # an author's affiliation: （示范大学 文学院，某省 某市 100000）
    if _roster_row(whole):
        return True  # a flattened table of names and posts: 王某 示范县委副书记 李某 …
    if len(whole) > 60:
        return False
    if _HOURS().search(whole):
        return True  # a portal's opening hours: 周六至周日：上午 8:00-12:00 下午 休息
    if len(whole) <= 40 and _ISSUE().search(whole) and not _PUNCTUATED().search(whole):
        return True  # a periodical's issue line: 中国税务 2013年 第9期 税务要闻
    if _AUTHORS().match(whole) or _ROSTER().match(whole) or _NAMES_LINE().match(whole):
        return True  # an author list (王某，闫 力), a post and a name (部长 王某)
    if _PAGE_LINE().search(whole):
        return True  # a page's header or navigation: 中原时报 政务 |, 上一版 下一版
    if len(_FIELD_LABEL().findall(whole)) >= 2:
        return True  # a portal's field line: 统一登记号： 信息时效性： 待评估
    if _BYLINE().search(whole) and (
        not _SENTENCE_MARK().search(whole) or _BYLINE_STRONG().search(whole)
    ):
        return True
    return bool(last_lines and _DATE().search(whole))


def _conventional_at(text: str, span: Span) -> bool:
    if _NUMBERED().search(text, max(0, span.start - 16), span.end):  # 第十二条 is short
        return True
    if _PIECE().match(text, span.start):
        return True
    if (
        _ATTACHMENT().match(text[: span.start])
        and "\u4e00" <= text[span.end : span.end + 1] <= "\u9fff"
    ):
        return True  # an attachment's label before its title: 附件 示范县…细则 (not 附件二 ：)
    if _DATELINE().match(text[: span.start]):
        return True  # a dateline: 示范融媒讯 近日…, 示范县讯 8月3日…
    if _PHOTO_CREDIT().match(text, span.start):
        return True  # a photo's credit after its outlet: 示范网 王某摄
    if _RUN_IN().match(text) and text[: span.start].rstrip().endswith("】"):
        return True  # a yearbook's run-in heading: 【理论武装扎实深入】 一是…
    if _GLUED_WATERMARK().match(text, span.start):
        return True  # a watermark glued to a paragraph's end: ST209's
    # The labels before the space are read without a copy's pinyin (關（guān）鍵詞：…).
    before = TONED().sub("", text[max(0, span.start - 80) : span.start])
    if span.start <= 80 and _PAPER_LABEL().match(before):
        return True  # a paper's label opening its line: 摘要 本文…, 关键词 意识形态；…
    if _TAGS().search(before, max(0, len(before) - 60)):
        return True  # a keyword list: 关键词：宣传工作 后勤 思路
    if _NAMES().search(before, max(0, len(before) - 30)):
        return True  # names after a byline's label: 作者：王某 李某
    window = text[max(0, span.start - 6) : span.end + 6]
    if _BYLINE().search(window) is not None:
        return True
    if _BYLINE_STRONG().search(text, max(0, span.start - _BYLINE_REACH), span.start):
        return True  # a byline's name and 报道 after its label: …网讯 通讯员 王某某 报道 日，
    # Inside a bracketed byline (（记者 王某 通讯员 李某 张某）) or a quoted slogan's halves
    # (“弘扬延安精神 传承红色基因”): the enclosing pair is searched near the space only.
    near = max(0, span.start - _PAIR_REACH)
    for m in _ENCLOSED().finditer(text, near, span.end + _PAIR_REACH):
        halves = m.group("a"), m.group("b")
        # A slogan's equal halves, or a name in quotes of two phrases of four or more
        # (“义务植树 齐心合力添新绿”, a brand's “践初心担使命 龙中医服务进万家”); a title
        # in 《》 keeps a PDF's wrap reported (《关于做好意识形态 工作的通知》).
        slogan = (
            halves[0] is None
            or len(halves[0]) == len(halves[1] or "")
            or (m.group(0).startswith("“") and min(len(halves[0]), len(halves[1] or "")) >= _PHRASE)
        )
        between = halves[0] is None or span.end <= m.start("b")  # not a space after it
        if m.start() < span.start and span.end < m.end() and slogan and between:
            return True
    for m in _HEADLINE_IN_TITLE().finditer(text, near, span.end + _PAIR_REACH):
        if m.start("a") < span.start and span.end == m.start("b"):
            return True  # an article's headline of two phrases, named in 《》
    # A byline in brackets closing a news item: （示范县供电公司 王某 李某）. Only the
    # block's tail is searched: a block may be megabytes, with thousands of spaces.
    tail = max(0, len(text.rstrip()) - _BYLINE_TAIL)
    if span.start < tail:
        return False
    return any(
        m.start() < span.start and span.end < m.end()
        for m in _CLOSING_BYLINE().finditer(text, tail)
    )


_PAIR_REACH = 40  # characters: a byline or a slogan in quotes is short
# An article's headline of two phrases named in 《》 (《示范县优化服务模式 助力群众走出“数据
# 赋能”新路子》): its own space. Not a document's title, which a PDF's wrap may split
# (《关于加强和改进新时代宣传 思想工作的实施意见》): it opens with 关于 or ends in its kind;
# nor a wrap before a particle (《…宣传工作 的实践与思考》).
_HEADLINE_IN_TITLE = lazy(
    r"《(?!关于)(?P<a>[^《》\s]{6,30})[ \t\u3000](?![的之与和及地得等])(?P<b>[^《》\s]{8,30})"
    r"(?<!通知|意见|办法|方案|规定|细则|条例|决定|报告|总结|计划|要点|纲要|规划|制度|准则|决议|讲话)》"
)
_PHRASE = 4  # Chinese characters: each half of a quoted name made of two phrases
_ENCLOSED = lazy(
    r"[（(](?:本报|本台|新华社)?(?:记者|通讯员|特约记者|作者)[\u4e00-\u9fff \t\u3000]{2,36}[）)]"
    # A news item's opening byline in brackets: （法学院 王某/图文报道）
    r"|[（(][\u4e00-\u9fff \t\u3000/／]{2,30}(?:报道|供稿|摄)[）)]"
    # A byline of text and photos: （文/图 王某）, （图文 王某 李某）
    r"|[（(](?:文[/／]图|图[/／]文|图文|文图|摄影|图片)[：:]?[ \t\u3000]*"
    r"[\u4e00-\u9fff \t\u3000、]{2,30}[）)]"
    # (a PDF copy may leave a space before the closing mark: “向阳生长 向美而行 ”, which
    # stays reported)
    # (a copy's pinyin after a character is no part of a half: 意识形态（tài）风险)
    r"|[“《](?P<a>(?:[\u4e00-\u9fff·]|[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]){3,10})"
    r"[ \t\u3000](?P<b>(?:[\u4e00-\u9fff·]|[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]){3,10})"
    r"[ \t\u3000]?(?:[”》]|——)"
    # A word spaced out in brackets: （头 版）
    r"|[（(\[［【][\u4e00-\u9fff](?:[ \t\u3000][\u4e00-\u9fff]){1,2}[）)\]］】]"
    # A portal's field label spaced out: 索 引 号：, 关 键 词：, 体 裁 |.
    r"|(?:^|(?<=[|｜\s]))[\u4e00-\u9fff](?:[ \t\u3000]+[\u4e00-\u9fff]){1,4}"
    r"(?=[ \t\u3000]*[：:|｜])"
)
# An author's affiliation: a line with a postcode after a place ((某大学 某学院，某省 某市
# 100000), 1.某大学 某学院，某市100000), or units of a university or institute in brackets.
_AFFILIATION = lazy(
    r"^(?=[^。！？\n]{4,100}$)(?:[^\n]*[\u4e00-\u9fff][ \t]*\d{6}(?![\d])[^\n]{0,40}"
    r"|[（(][^。；（）()\n]{4,60}(?:大学|学院|研究院|研究所|研究中心|党校)[^。；（）()\n]{0,60}[）)])$"
)
# A paper's author list: names of two or three characters, a two-character name padded
# with a space (王某，闫 力, 周某， 张某).
_AUTHORS = lazy(
    r"^(?=[^\n]{0,30}$)[\u4e00-\u9fff]{1,3}"
    r"(?:[ \t\u3000\xa0]*[，,][ \t\u3000\xa0]*[\u4e00-\u9fff]{1,3}"
    r"|[ \t\u3000\xa0]+[\u4e00-\u9fff](?=$|[，,]))+$"
)
# A line of names only, of two or three characters each: a paper's authors (郭某某 陈某).
# (Not an article's number: 总则 第一条 is a heading run into its article's number.)
_NAMES_LINE = lazy(
    r"^(?!第)[\u4e00-\u9fff]{2,3}(?:[ \t\u3000\xa0]+(?!第)[\u4e00-\u9fff]{2,3}){1,3}$"
)
# A post and a name (部长 王某; a two-character name padded to three, 局长  杨 烁): an
# infobox's, a roster's or a byline's line.
_ROSTER = lazy(
    r"^[^。，；！？\n]{0,30}(?:长|书记|主任|委员|主席|秘书|干事|成员|组员)"
    r"[ \t\u3000\xa0]+(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff][ \t\u3000\xa0]{1,2}[\u4e00-\u9fff])$"
)
# A row of a table of names and posts flattened into a line (a committee's members:
# 王某 示范县委副书记、主任 李某 示范县教育局副局长 张 某 示范县邮政局局长 成 员：):
# names, a name padded to two halves, posts and a closing label, nothing else.
_ROW_NAME = lazy(r"[\u4e00-\u9fff]{1,3}")
_ROW_POST = lazy(
    r"[\u4e00-\u9fff、]{1,30}(?:长|书记|主任|委员|经理|主席|秘书|干事|成员|组员|专员|主管|会计)"
)
_ROW_LABEL = lazy(r"[\u4e00-\u9fff]{1,8}[：:]")


def _roster_row(line: str) -> bool:
    if _SENTENCE_MARK().search(line) or "，" in line:
        return False
    groups = line.split()
    posts = names = 0
    for group in groups:
        if _ROW_NAME().fullmatch(group):
            names += 1
        elif _ROW_POST().fullmatch(group):
            posts += 1
        elif not _ROW_LABEL().fullmatch(group):
            return False
    return posts >= 2 and names >= 2


# A site's or a paper's page line: a table row's end, the pages around.
_PAGE_LINE = lazy(r"上一篇|下一篇|上一版|下一版|上一页|下一页|版权所有|版权声明|[|｜]$")
# The label of a keyword list on a line of its own; the list follows on the next line.
_TAGS_LABEL = lazy(r"^(?:关键词|关键字|主题词|标签)[：:]?$")
# A paper's or a site's keyword list: 关键词：宣传工作 后勤 思路, 热门搜索： 口号 文库.
_TAGS = lazy(
    r"(?:关键词|关键字|主题词|热门搜索|热搜|标签)[ \t\u3000]*[：:\]】]?"
    r"[^，。；：,;:（）()|｜\n]{0,50}$"
)
# Names after a byline's label and colon, in a field line of any length.
_NAMES = lazy(
    r"(?:作者|记者|通讯员|编辑|责编|摄影|撰稿|审核)[：:][\u4e00-\u9fff \t\u3000\xa0]{1,24}$"
)
# A paper's label opening its line, its content after a space (摘要 本文…, a cut 摘).
_PAPER_LABEL = lazy(
    r"[ \t\u3000\xa0]*[［\[【〔]?"
    r"(?:摘要?|摘 要|关键词|关键字|分类号|中图分类号|作者简介|基金项目|收稿日期)[］\]】〕]?$"
)
_BYLINE_TAIL = 48  # characters: a closing byline is short
_CLOSING_BYLINE = lazy(
    r"[（(][\u4e00-\u9fff]{2,16}(?:[ \t\u3000]+[\u4e00-\u9fff]{2,4}){1,4}[）)](?=[\s|｜]*$)"
)


# A heading run in before its text: one phrase, or two short ones of words alone joined by ，
# (加强组织领导，强化责任落实) — not an item's sentence going on (（3）…三年内，未被“信用中国” “…) —
# or a short theme, a colon and its phrase (回望来时路：以“归零心态”解码…).
_AFTER_HEADING = lazy(
    r"(?:^|[\s\u3000。])(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[.．、])(?:[^，。；：,;:\s]{1,30}|[\u4e00-\u9fff]{2,12}，[\u4e00-\u9fff]{2,12}"
    r"|(?P<theme>[\u4e00-\u9fff]{2,12}：[^，。；：,;:\s]{2,30}))$"
)


# A space left where a congress's number, the leader's name, a place's name, a year or a
# day was cut out (2025年12月 日, 党的 大精神, 贯彻 新时代中国特色社会主义思想, 学习 系列重要讲话,
# 按照 县教委…, 《 县 年教育系统…》): TX301 or TX309 reports what is missing; deleting the
# space would not mend the text. The measure words' case is the rule's `match`.
_CUT_AFTER = lazy(
    r"(?P<congress>[大届])|(?P<name>新时代中国特色社会主义思想|系列(?:重要)?讲话)"
    r"|(?P<level>[市县区镇乡](?=委|政府|人民政府|教委|[ \t\u3000]+(?:20\d{2}[ \t]*)?年))"
    r"|(?P<year>年(?=[^\n，。]{0,12}(?:工作|责任书|要点|计划|总结|报告)))"
    r"|(?P<day>日(?![均常益渐趋新前后夜间期程志记报]))"
)
_MONTH_BEFORE = lazy(r"[0-9０-９]月[ \t\u3000]*$")
_BEFORE_LEVEL = ("按照", "根据", "在", "由", "经", "向", "对", "和", "与", "及", "、", "《", "“")


def _cut_out(text: str, span: Span) -> bool:
    before = text[max(0, span.start - 8) : span.start]
    after = _CUT_AFTER().match(text, span.end)
    if after is None:
        return False
    if after.group("congress"):
        return before.endswith("党的")
    if after.group("name"):
        return not before.endswith(("习近平", "总书记"))
    if after.group("level"):
        return before.endswith(_BEFORE_LEVEL)
    if after.group("day"):
        return _MONTH_BEFORE().search(before) is not None  # 12月 日: TX301's
    # a year cut out after a bare level itself left between spaces (《 县 年…》)
    return len(before) >= 2 and before[-1] in "市县区镇乡" and before[-2] in " \t\u3000《"


# A copy that spaces its numbers on both sides (a PDF's or Word's spacing around digits:
# 全区 15 个乡镇): a number after a mark (、17 个) has no space to take on its left, so one
# spaced from its unit is the same layout, not a slip.
_SPACED_NUMBER = lazy(r"[\u4e00-\u9fff][ \t\xa0]+\d{1,4}[ \t\xa0]+[\u4e00-\u9fff]")
_NUMBER_AFTER_MARK = lazy(r"[\u3001\uff0c\uff1b\uff1a\uff08“]\d{1,4}$")


def _lost_break(text: str, span: Span) -> bool:
    # A bounded look back: a line of megabytes has thousands of spaces.
    before = text[max(0, span.start - 64) : span.start].rstrip()
    if before.endswith(_BREAK_BEFORE):
        return True
    heading = _AFTER_HEADING().search(before)
    # (not a themed heading's space before a count: its item's, 目标：全年学习 12次)
    if heading and (heading.group("theme") is None or not text[span.end : span.end + 1].isdigit()):
        return True
    if _ARTICLE_AFTER().match(text, span.end) and not _PUNCTUATED().search(before):
        return True  # a chapter's heading run into its first article's number: 总则 第一条
    if _STANDING_TITLE().search(before) or before.endswith(_SITE_NOTE_END):
        return True  # a flattened copy: …仅供参考 示范学校工作计划 为深入…
    return span.start <= 60 and _TITLE_END().search(before) is not None and "，" not in before


_RUN_INTO_ARTICLE = lazy(r"[\u4e00-\u9fff][ \t\u3000\xa0]+第[一二三四五六七八九十百零〇\d]{1,5}条$")
_ARTICLE_AFTER = lazy(r"第[一二三四五六七八九十百零〇\d]{1,5}条[ \t\u3000\xa0]*$")
# A document's title standing alone between a break (a space, a full stop, the line's start)
# and the space: in a copy flattened into one paragraph the spaces are its lost breaks.
_STANDING_TITLE = lazy(
    r"(?:^|[\s\u3000。！？；])[\u4e00-\u9fffA-Za-z\d]{4,30}"
    r"(?:工作总结|工作计划|工作方案|工作要点|工作报告|情况报告|研判报告|述职报告|实施方案)$"
)
# A site's note closing its lead before the copied text (精品文档，仅供参考 …).
_SITE_NOTE_END = ("仅供参考", "供大家参考", "参考选择", "参考借鉴")


def _blank(text: str, span: Span) -> bool:
    """Whether a space is a form's blank to fill in: a tab or a run of three or more
    spaces (我        （姓名）系…, 根据          项目的…), or a date's day or month left
    blank (日期：    年   月   日)."""
    gap = text[span.start : span.end]
    return "\t" in gap or len(gap) >= _BLANK_WIDTH or _date_blank(text, span)


def _date_blank(text: str, span: Span) -> bool:
    """Whether a space stands for a date's year, month or day left blank (日期：    年   月
    日): after a field's colon too, where a flattened copy's space would be a lost break."""
    before, after = text[span.start - 1 : span.start], text[span.end : span.end + 1]
    return (before, after) in (("年", "月"), ("月", "日")) or (
        after == "年" and span.end - span.start >= 2
    )


_BLANK_WIDTH = 3  # spaces: a slip leaves one or two, a form's blank is wider


def _wraps(spans: Sequence[Span]) -> bool:
    """Spaces at the regular intervals of a hard-wrapped copy (a PDF's lines, joined)."""
    if len(spans) < MIN_WRAPS:
        return False
    import statistics  # here: few texts have enough spaces to ask (and it imports decimal)

    gaps = [b.start - a.end for a, b in itertools.pairwise(spans)]
    mean = statistics.mean(gaps)
    return 15 <= mean <= 80 and statistics.pstdev(gaps) <= 0.35 * mean


def _candidates(rule: Rule, hay: Haystack) -> list[Span]:
    assert rule.match is not None
    return [s for s in rule.match.find(hay) if s.end > s.start]


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    blocks = ctx.document.blocks
    last_lines = set(range(max(ctx.report.start, ctx.report.end - 4), ctx.report.end))
    seen: dict[int, list[Span]] = {}  # each block's candidates, for the file-level pass
    for index in ctx.blocks(rule.scope):
        text = blocks[index].text
        spans = seen[index] = _candidates(rule, ctx.block_haystack(index))
        if not spans or _layout_line(blocks, index, index in last_lines):
            continue
        if _wraps(spans):
            continue  # reported once for the file, below
        spaced = _SPACED_NUMBER().search(text) is not None
        for span in spans:
            if _conventional_at(text, span) or _lost_break(text, span) or _cut_out(text, span):
                continue
            if _blank(text, span):
                continue  # a form's blank to fill in: not a space to delete
            if spaced and _NUMBER_AFTER_MARK().search(text, max(0, span.start - 8), span.start):
                continue  # 、17 个 where the copy writes 全区 15 个: its spacing, not a slip
            yield ctx.finding_at(rule, index, span, suggestion=rule.suggestion)
    if ctx.number == 1:
        yield from _breaks(rule, ctx, blocks, seen)


def _layout_line(blocks: Sequence[Block], index: int, last_lines: bool) -> bool:
    """Whether a block's spaces are all layout's: a conventional line, or a keyword list
    on the line after its label (关键词 / 中国共产党 宣传思想工作 …)."""
    text = blocks[index].text
    if _conventional_line(text, last_lines):
        return True
    if index == 0 or "。" in text:
        return False
    return _TAGS_LABEL().match(blocks[index - 1].text.strip(" \t\u3000\xa0")) is not None


def _breaks(
    rule: Rule, ctx: Context, blocks: Sequence[Block], seen: dict[int, list[Span]]
) -> Iterator[Finding]:
    """One finding for the file's spaces that stand for lost line or paragraph breaks."""
    message = rule.options.get("break_message")
    if message is None:
        return
    first: tuple[int, Span] | None = None
    count = 0
    for index, block in enumerate(blocks):
        if block.kind in ("header", "footer"):
            continue
        spans = seen.get(index)
        if spans is None:  # a block of another report of the file
            spans = _candidates(rule, Haystack(block.text))
        if not spans or _layout_line(blocks, index, False):
            continue
        lost = spans if _wraps(spans) else [s for s in spans if _lost_break(block.text, s)]
        lost = [
            s
            for s in lost
            if not _conventional_at(block.text, s)
            and not _cut_out(block.text, s)
            and not _date_blank(block.text, s)
        ]
        if lost and first is None:
            first = (index, lost[0])
        count += len(lost)
    if first is not None:
        # Not a fix: these spaces stand for lost line breaks, not for nothing.
        finding = ctx.finding_at(rule, first[0], first[1], suggestion="", fixable=False)
        yield dataclasses.replace(finding, message=message.format(count=count))


KIND = Kind(
    name="cjk-space",
    check=check,
    summary="a stray space in Chinese text that convention does not put there; spaces"
    " standing for lost line breaks once per file, with `break_message`",
    options=(
        FIX,
        MATCH,
        SUGGESTION,
        SCOPE,
        Option(
            "break_message",
            Text(),
            "the message for lost line breaks, once per file; placeholder {count}",
        ),
    ),
)
