"""How well TX302 finds misspelt terms, and how rarely it cries wolf.

    python bench/spelling.py [--json PATH]

- Recall: every term of TX302's lexicon is misspelt every way one edit allows — a
  character substituted by a common character or by a homophone, dropped, added, two
  neighbours swapped, at every position (first and last included) — and each misspelling
  is put into a sentence. A variant that is itself a word of jieba's dictionary, or one
  of the rule's known words, is not a typo and is left out. Two-character terms get
  homophone substitutions only (the rule checks them for nothing else). Target ≥ 0.95.
- False alarms: findings per 1,000 clean sentences in the style of these reports, made
  from templates written for this benchmark (deterministic). Target ≤ 0.5.
- False alarms of every language rule (TX302, TX306, TX308, TX310, PF401–PF404) on a
  larger clean set, several thousand sentences: the templates' sentences, sentences
  written for this benchmark (bench/data/clean-sentences.txt: words one edit or one
  sound from a term, names, places, legitimate doubling), the sentences of the clean
  sample reports and of ../shared/reports (their defective report C left out), and
  sentences recombined from the clauses of those (new neighbours for every word).
  Read as one 2024 first-half report. Target ≤ 0.5 per 1,000 for each rule.
- TX306's recall on doublings put into the real and written clean sentences: a
  character, or a word as the rule's own reading cuts the sentence, written twice at a
  random place (2,000 cases). Target ≥ 0.90.
- Time: milliseconds per report for the default rules, and for TX302 alone, over
  samples/*.txt and the reports in ../shared/reports.
- Real text (`--real DIR`, skipped when not given or absent): TX302 and TX306 over every
  DIR/*.txt as a report of its own — real published text kept outside the repository,
  never copied into it. Findings per 1,000 sentences, each finding with its sentence for
  judging; with DIR/expect.json ({"file stem": ["misspelt window", …]}, the annotated
  real typos) and DIR/expect-TX306.json (the same for doublings: ["责任责任", …]), true
  and false alarms, misses, precision and recall for each rule. `--real-only` skips
  everything else (the generated sets and the timing).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from compliance.kinds.base import Rule
from compliance.kinds.substitute import lexicon_terms
from compliance.lint.engine import RuleSet, lint_document
from compliance.match.lexicon import jieba_dictionary
from compliance.model.document import Block, Document
from compliance.packs.rulefile import default_rules_dir, load_packs

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261130

# Frames a misspelt term is put into: ordinary neighbours on both sides.
FRAMES = [
    "会议要求进一步抓好{}，确保各项任务按期完成。",
    "我们始终把{}摆在突出位置。",
    "全体干部围绕{}开展了专题研讨。",
    "下一步将持续深化{}相关工作。",
]

# Clean sentences: templates and fillers written for this benchmark.
SUBJECTS = [
    "局党组",
    "党支部",
    "机关党委",
    "领导班子",
    "班子成员",
    "各科室",
    "各基层党组织",
    "党员干部",
    "中心组",
    "宣传办",
    "办公室",
    "团委",
    "工会",
    "各部门",
    "全体职工",
]
ACTIONS = [
    "认真学习",
    "深入贯彻",
    "严格落实",
    "扎实推进",
    "全面加强",
    "持续深化",
    "不断完善",
    "切实抓好",
    "统筹推进",
    "积极开展",
    "定期组织",
    "及时研究",
    "精心部署",
    "着力健全",
]
OBJECTS = [
    "意识形态工作",
    "理论学习",
    "党风廉政建设",
    "网络意识形态管理",
    "宣传思想工作",
    "干部教育培训",
    "基层党组织建设",
    "作风建设",
    "舆情监测处置",
    "阵地建设和管理",
    "主题党日活动",
    "谈心谈话",
    "警示教育",
    "志愿服务活动",
    "文明单位创建",
    "社会主义核心价值观教育",
    "政务公开",
    "信息发布审核",
    "安全生产",
    "疫情防控",
    "营商环境优化",
    "乡村振兴",
    "民生保障",
    "群众来信来访办理",
    "档案管理",
    "财务管理",
    "公文处理",
    "保密工作",
    "应急演练",
    "调查研究",
]
TIMES = [
    "今年以来",
    "上半年",
    "年初",
    "报告期内",
    "3月份",
    "第二季度",
    "近年来",
    "截至6月底",
    "全年",
    "本季度",
    "去年下半年",
]
NUMBERS = ["3", "5", "6", "8", "12", "15", "20", "两", "三", "四", "十余"]
UNITS = ["次", "场", "期", "篇", "条", "个", "项", "人次"]
TEMPLATES = [
    "{time}，{subject}{action}{object}，取得了阶段性成效。",
    "{subject}共召开专题会议{number}{unit}，研究部署{object}。",
    "{time}{subject}围绕{object}开展集中学习{number}{unit}。",
    "{subject}坚持把{object}纳入年度工作要点，与业务工作同部署、同推进、同考核。",
    "针对{object}中发现的问题，{subject}逐项建立台账，明确责任人和完成时限。",
    "{subject}主要负责同志带头讲党课，班子成员结合分管领域谈体会。",
    "一是{action}{object}；二是{action}{object2}；三是加强督促检查。",
    "{time}，共发布信息{number}{unit}，审核把关做到全覆盖。",
    "{subject}对{object}情况进行了全面梳理，形成问题清单{number}{unit}。",
    "在{object}方面，个别同志认识不到位，工作方法还比较简单。",
    "下一步，{subject}将{action}{object}，推动各项措施落到实处。",
    "{subject}通过微信群、公众号等平台，及时回应职工关切。",
    "{time}，{subject}邀请市委党校教授作专题辅导，参训干部{number}{unit}。",
    "要把{object}同{object2}结合起来，做到两手抓、两不误。",
    "{subject}严格执行请示报告制度，重大事项及时向上级报告。",
    "针对群众反映的热点问题，{subject}第一时间核实情况并作出回应。",
    "{subject}制定了《{object}实施方案》，细化任务{number}{unit}。",
    "从检查情况看，{object}总体平稳有序，但仍存在薄弱环节。",
    "{subject}把学习成果转化为推动工作的实际成效，{object}水平明显提升。",
    "{time}，{subject}组织开展{object}专项检查，督促整改问题{number}{unit}。",
    "各单位要结合实际，研究制定具体措施，确保{object}取得实效。",
    "对工作不力、造成不良影响的，依规依纪严肃追究责任。",
    "{subject}建立健全{object}长效机制，定期分析研判形势。",
    "{subject}深入基层一线调研{number}{unit}，听取意见建议。",
    "进一步加强对讲座、论坛、报告会的审批管理，严把政治关。",
    "{subject}利用宣传栏、电子屏等载体，广泛宣传{object}。",
    "认真落实“三会一课”、组织生活会、民主评议党员等制度。",
    "{subject}坚持问题导向，对照年初目标逐项查找差距。",
    "通过以案促改、以案促治，{subject}筑牢了拒腐防变的思想防线。",
    "{subject}加强与宣传、网信、公安等部门的沟通协作，形成工作合力。",
    "全年未发生重大舆情事件，意识形态领域总体安全可控。",
    "{subject}选派{number}名业务骨干参加上级组织的培训。",
    "这些问题，有的是主观认识上的原因，有的是客观条件上的限制。",
    "{subject}将以更加务实的作风，推动{object}再上新台阶。",
    "现将{time}{object}开展情况报告如下。",
    "{subject}定期听取{object}情况汇报，及时研究解决重大问题。",
    "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "坚持把政治建设摆在首位，不断提高政治判断力、政治领悟力、政治执行力。",
    "{subject}及时传达学习上级文件精神，结合实际抓好贯彻落实。",
]


# What the recall target is measured on: the typos a pinyin input method and a hurried
# hand make. A first or last character replaced by one of another sound, or a character
# put between two words of a term, reads as the next word (意识形态工作责任落细, 意识形态
# 主阵地): the rule leaves those alone on purpose, and their recall is shown apart.
TARGET_KINDS = frozenset({"homophone", "substitute", "drop", "add", "swap"})


@dataclass(frozen=True)
class Case:
    text: str
    start: int
    end: int
    term: str
    right: str  # the sentence with the term written correctly
    # homophone, substitute (inside the term), drop, add (inside a word of the term), swap;
    # outside the targets: substitute-edge (the first or last character replaced by one
    # of another sound) and add-between (a character between two words of the term)
    kind: str
    position: str  # first / middle / last


def tx302(packs: list) -> Rule:  # type: ignore[type-arg]
    return next(r for p in packs for r in p.rules if r.code == "TX302")


def common_chars(count: int = 2500) -> list[str]:
    from importlib import resources

    data = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    singles = []
    for line in data.splitlines():
        word, freq = line.split(" ")[:2]
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff":
            singles.append((int(freq), word))
    singles.sort(reverse=True)
    # Simplified characters only: a traditional one is TX303's to report.
    import opencc

    simple = opencc.OpenCC("t2s").convert
    return [w for _, w in singles if simple(w) == w][:count]


def homophones(chars: list[str]) -> dict[str, list[str]]:
    """Common characters by toneless reading: the first, which a pinyin input method
    offers for it (焦 is jiao, though it can be read qiao)."""
    from pypinyin import Style, lazy_pinyin

    by_sound: dict[str, list[str]] = {}
    for ch in chars:
        by_sound.setdefault(lazy_pinyin(ch, style=Style.NORMAL)[0], []).append(ch)
    return by_sound


def typo_cases(rule: Rule) -> list[Case]:
    from pypinyin import Style, lazy_pinyin

    rng = random.Random(SEED)
    words = jieba_dictionary().words
    known = set(rule.options.get("known", ()))
    terms = sorted(set(lexicon_terms(rule.options["lexicon"])))
    pool = common_chars()
    by_sound = homophones(pool)
    cases: list[Case] = []

    def boundary(part: str, start: bool = False) -> bool:
        """Whether a word of 2+ characters starts (or ends) the part."""
        pieces = [part[:n] if start else part[-n:] for n in (2, 3, 4) if n <= len(part)]
        return any(p in words for p in pieces)

    def add(term: str, typo: str, kind: str, at: int) -> None:
        if typo == term or typo in words or typo in known or typo in terms:
            return
        frame = FRAMES[len(cases) % len(FRAMES)]
        start = frame.index("{}")
        position = "first" if at == 0 else "last" if at >= len(term) - 1 else "middle"
        cases.append(
            Case(
                frame.format(typo),
                start,
                start + len(typo),
                term,
                frame.format(term),
                kind,
                position,
            )
        )

    for term in terms:
        sounds = lazy_pinyin(term, style=Style.NORMAL)
        for i, ch in enumerate(term):
            edge = i in (0, len(term) - 1)
            same = [c for c in by_sound.get(sounds[i], []) if c != ch]
            if same:
                add(term, term[:i] + rng.choice(same) + term[i + 1 :], "homophone", i)
            if len(term) < 3:
                continue
            other = term[:i] + rng.choice([c for c in pool if c != ch]) + term[i + 1 :]
            add(term, other, "substitute-edge" if edge else "substitute", i)
            if len(term) >= 4:
                add(term, term[:i] + term[i + 1 :], "drop", i)
            if i > 0 and len(term) >= 4:
                inside = not (boundary(term[:i]) and boundary(term[i:], start=True))
                add(
                    term,
                    term[:i] + rng.choice(pool) + term[i:],
                    "add" if inside else "add-between",
                    i,
                )
            if i + 1 < len(term) and term[i] != term[i + 1]:
                add(term, term[:i] + term[i + 1] + term[i] + term[i + 2 :], "swap", i)
    return cases


def clean_sentences(count: int = 1000) -> list[str]:
    rng = random.Random(SEED)
    sentences: list[str] = []
    seen: set[str] = set()
    while len(sentences) < count:
        template = rng.choice(TEMPLATES)
        objects = rng.sample(OBJECTS, 2)
        sentence = template.format(
            subject=rng.choice(SUBJECTS),
            action=rng.choice(ACTIONS),
            object=objects[0],
            object2=objects[1],
            time=rng.choice(TIMES),
            number=rng.choice(NUMBERS),
            unit=rng.choice(UNITS),
        )
        if sentence not in seen or len(seen) >= len(TEMPLATES) * 50:
            seen.add(sentence)
            sentences.append(sentence)
    return sentences


# The language rules whose false alarms the clean set measures.
LANGUAGE_RULES = ("TX302", "TX306", "TX308", "TX310", "PF401", "PF402", "PF403", "PF404")
# Sample reports with no language defect on purpose (the others carry them as examples).
CLEAN_SAMPLES = (
    "clean-report.txt",
    "copy-residue.txt",
    "missing-parts.txt",
    "multiple-reports.txt",
    "structure-defects.txt",
    "suppressions.txt",
)
# ../shared/reports: file → the lines (1-based, inclusive) free of language defects
# (002's report C, lines 41–51, is a typo-laden copy: see its README).
CLEAN_SHARED = {"000_371b7687f7193908.txt": (1, 10_000), "002_8e0b853442afd5b5.txt": (1, 40)}
# The period the clean set is read in: that of the real reports it draws on.
CLEAN_TITLE = "示范局2024年上半年意识形态工作总结"
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_CLAUSE_END = re.compile(r"(?<=[，；：])")


def own_sentences() -> list[str]:
    path = ROOT / "bench" / "data" / "clean-sentences.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def real_sentences() -> list[str]:
    """The sentences of the clean sample reports and of the shared real reports."""
    lines: list[str] = []
    for name in CLEAN_SAMPLES:
        path = ROOT / "samples" / name
        if path.is_file():
            lines += path.read_text(encoding="utf-8").splitlines()
    shared = ROOT.parent / "shared" / "reports"
    for name, (first, last) in CLEAN_SHARED.items():
        path = shared / name
        if path.is_file():
            lines += path.read_text(encoding="utf-8").splitlines()[first - 1 : last]
    sentences = []
    for line in lines:
        for sentence in _SENTENCE_END.split(line.strip()):
            if len(sentence) >= 6 and re.search(r"[\u4e00-\u9fff]{4}", sentence):
                sentences.append(sentence)
    return sentences


def recombined(sentences: list[str], count: int) -> list[str]:
    """New sentences of two or three clauses taken from different sentences."""
    clauses = [
        c.rstrip("，；：。！？")
        for s in sentences
        for c in _CLAUSE_END.split(s)
        if len(c.rstrip("，；：。！？")) >= 4
    ]
    rng = random.Random(SEED)
    made = []
    for _ in range(count):
        picked = rng.sample(clauses, rng.choice((2, 3)))
        made.append("，".join(picked) + "。")
    return made


def clean_set(count: int = 3000) -> dict[str, list[str]]:
    own = own_sentences()
    real = real_sentences()
    return {
        "templates": clean_sentences(),
        "written": own,
        "real": real,
        "recombined": recombined(own + real, count),
    }


def language_alarms(packs: list, sets: dict[str, list[str]]) -> dict[str, object]:  # type: ignore[type-arg]
    """Findings of the language rules on the clean set, by rule and by source."""
    rules = tuple(r for p in packs for r in p.rules if r.code in LANGUAGE_RULES)
    ruleset = RuleSet(rules=rules, roles={})
    by_rule: Counter[str] = Counter()
    by_set: Counter[str] = Counter()
    shown: list[str] = []
    for name, sentences in sets.items():
        blocks = [Block(CLEAN_TITLE, 1)] + [Block(t, n) for n, t in enumerate(sentences, 2)]
        for finding in lint_document(Document("clean.txt", tuple(blocks)), ruleset):
            if finding.line == 1:
                continue
            by_rule[finding.rule] += 1
            by_set[name] += 1
            sentence = sentences[finding.line - 2]
            shown.append(f"{finding.rule} {finding.text} → {finding.suggestion} | {sentence}")
    total = sum(len(v) for v in sets.values())
    return {
        "sentences": total,
        "sentences_by_source": {k: len(v) for k, v in sets.items()},
        "false_alarms": sum(by_rule.values()),
        "false_alarms_by_rule": dict(sorted(by_rule.items())),
        "false_alarms_by_source": dict(sorted(by_set.items())),
        "per_1000_by_rule": {
            code: round(1000 * by_rule[code] / total, 2) for code in LANGUAGE_RULES
        },
        "worst_per_1000": round(1000 * max(by_rule.values(), default=0) / total, 2),
        "alarms": shown,
    }


def doubled_cases(sentences: list[str], count: int = 2000) -> list[tuple[str, int, int, str]]:
    """Sentences with one slip of doubling put in: a character or a word (as the rule's
    own reading cuts the sentence) written twice, at a random place. Each case: (text,
    start and end of the doubled run, kind: char or word2/word3/word4)."""
    from compliance.kinds.repetition import segment

    dictionary = jieba_dictionary()
    rng = random.Random(SEED)
    pool = [s for s in sentences if len(re.findall(r"[\u4e00-\u9fff]", s)) >= 8]
    cases: list[tuple[str, int, int, str]] = []
    while len(cases) < count:
        sentence = rng.choice(pool)
        if rng.random() < 0.5:
            spots = [(i, i + 1) for i, c in enumerate(sentence) if "\u4e00" <= c <= "\u9fff"]
            kind = "char"
        else:
            spots, at = [], 0
            for word in segment(sentence, dictionary):
                if len(word) > 1 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                    spots.append((at, at + len(word)))
                at += len(word)
            kind = "word"
        if not spots:
            continue
        i, j = rng.choice(spots)
        text = sentence[:j] + sentence[i:j] + sentence[j:]
        cases.append((text, i, j + (j - i), kind if kind == "char" else f"word{j - i}"))
    return cases


def doubled_recall(packs: list) -> dict[str, object]:  # type: ignore[type-arg]
    """TX306's recall on doublings put into the real sentences of the clean set: a case
    is caught when a finding overlaps the doubled run."""
    rule = next(r for p in packs for r in p.rules if r.code == "TX306")
    cases = doubled_cases(real_sentences() + own_sentences())
    found = run_rule(rule, [text for text, *_ in cases])
    by: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for (_text, start, end, kind), spans in zip(cases, found, strict=True):
        by[kind] += 1
        caught[kind] += any(s < end and start < e for s, e, _ in spans)
    return {
        "cases": len(cases),
        "recall": round(sum(caught.values()) / len(cases), 4),
        "recall_by": {k: round(caught[k] / by[k], 4) for k in sorted(by)},
    }


def run_rule(rule: Rule, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """TX302's findings (start, end, suggestion) for each text, each text a report of its
    own: TX302 takes a near miss written the same way twice in a report for the writer's
    word, and thousands of generated sentences are not one report (one misspelling is
    generated for several terms, and a false alarm would be counted once)."""
    alone = RuleSet(rules=(rule,), roles={})
    found: list[list[tuple[int, int, str]]] = []
    for text in texts:
        findings = lint_document(Document("bench.txt", (Block(text, 1),)), alone)
        found.append([(f.column - 1, f.end_column - 1, f.suggestion or "") for f in findings])
    return found


def reports() -> list[Path]:
    files = sorted((ROOT / "samples").glob("*.txt"))
    shared = ROOT.parent / "shared" / "reports"
    return files + sorted(shared.glob("*.txt")) if shared.is_dir() else files


def per_file_ms(ruleset: RuleSet) -> float:
    from compliance.readers import read_document

    documents = [read_document(p) for p in reports()]
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        for document in documents:
            list(lint_document(document, ruleset))
        best = min(best, time.perf_counter() - began)
    return 1000 * best / len(documents)


# The annotation file of each rule measured on real text (TX302's name is the first one's).
REAL_EXPECT = {"TX302": "expect.json", "TX306": "expect-TX306.json"}


def real_text(rule: Rule, folder: Path) -> dict[str, object]:
    """`rule` (TX302 or TX306) on real reports in `folder` (see the module's doc)."""
    from compliance.readers import read_document

    expect_file = folder / REAL_EXPECT[rule.code]
    expected: dict[str, list[str]] = (
        json.loads(expect_file.read_text(encoding="utf-8")) if expect_file.is_file() else {}
    )
    alone = RuleSet(rules=(rule,), roles={})
    sentences = true = false = missed = 0
    shown: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        document = read_document(path)
        sentences += sum(
            1 for b in document.blocks for s in re.split(r"[。！？!?；;]", b.text) if len(s) >= 5
        )
        want = list(expected.get(path.stem, ()))
        for finding in lint_document(document, alone):
            hit = next((w for w in want if w in finding.text or finding.text in w), None)
            if hit is not None:
                want.remove(hit)
            true, false = true + (hit is not None), false + (hit is None)
            # The finding's own block: a block's `line` is the file's line, not its index
            # (blank lines between paragraphs shift the two apart).
            block = next((b for b in document.blocks if b.line == finding.line), None)
            line = block.text if block is not None else ""
            at = max(finding.column - (block.column if block is not None else 1), 0)
            shown.append(
                f"{rule.code} {'typo' if hit else 'alarm'} {path.stem}: {finding.text} → "
                f"{finding.suggestion} | {line[max(at - 15, 0) : at + len(finding.text) + 15]}"
            )
        missed += len(want)
        shown.extend(f"{rule.code} missed {path.stem}: {w}" for w in want)
    return {
        "reports": len(list(folder.glob("*.txt"))),
        "sentences": sentences,
        "findings": true + false,
        "findings_per_1000": round(1000 * (true + false) / max(sentences, 1), 2),
        "annotated": expect_file.is_file(),
        "true": true,
        "false": false,
        "missed": missed,
        "precision": round(true / (true + false), 3) if true + false else 1.0,
        "recall": round(true / (true + missed), 3) if true + missed else 1.0,
        "false_per_1000": round(1000 * false / max(sentences, 1), 2),
        "shown": shown,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--show", type=int, default=0, help="print N misses and false alarms")
    parser.add_argument(
        "--real", type=Path, help="a folder of real reports (.txt) kept outside the repository"
    )
    parser.add_argument(
        "--real-only", action="store_true", help="measure the --real folder and nothing else"
    )
    args = parser.parse_args(argv)
    packs = load_packs([default_rules_dir()])
    rule = tx302(packs)
    if args.real_only:
        if args.real is None or not args.real.is_dir():
            print("--real-only needs --real DIR, a folder", file=sys.stderr)
            return 2
        shown_all: list[str] = []
        results: dict[str, object] = {}
        for code in REAL_EXPECT:
            measured = real_text(
                next(r for p in packs for r in p.rules if r.code == code), args.real
            )
            shown_all += measured.pop("shown")  # type: ignore[arg-type]
            results[code] = measured
        print(json.dumps(results, ensure_ascii=False, indent=2))
        print("\n".join(f"real {line}" for line in shown_all))
        return 0

    cases = typo_cases(rule)
    found = run_rule(rule, [c.text for c in cases])
    # Caught: a finding on the misspelling whose suggestion, put in its place, gives the
    # sentence back (意形态 → 意识形态 inside 网络意形态 counts).
    hit = [
        any(
            s < c.end and c.start < e and c.text[:s] + suggestion + c.text[e:] == c.right
            for s, e, suggestion in f
        )
        for c, f in zip(cases, found, strict=True)
    ]
    by: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for case, ok in zip(cases, hit, strict=True):
        for key in (
            case.kind,
            f"{case.position} ({case.kind})" if case.kind in TARGET_KINDS else "",
        ):
            if not key:
                continue
            by[key] += 1
            caught[key] += ok
    scored = [ok for case, ok in zip(cases, hit, strict=True) if case.kind in TARGET_KINDS]
    recall = sum(scored) / len(scored)

    sentences = clean_sentences()
    alarms = run_rule(rule, sentences)
    false_alarms = sum(len(a) for a in alarms)

    language = language_alarms(packs, clean_set())
    alarms_shown = language.pop("alarms")
    ruleset = RuleSet.from_packs(packs)
    figures = {
        "terms": len(set(lexicon_terms(rule.options["lexicon"]))),
        "typos": len(scored),
        "recall": round(recall, 4),
        "typos_all": len(cases),
        "recall_all": round(sum(hit) / len(cases), 4),
        "recall_by": {k: round(caught[k] / by[k], 4) for k in sorted(by)},
        "clean_sentences": len(sentences),
        "false_alarms": false_alarms,
        "false_alarms_per_1000": round(1000 * false_alarms / len(sentences), 2),
        "language_rules_on_clean_set": language,
        "tx306_doubled": doubled_recall(packs),
        "ms_per_report_all_rules": round(per_file_ms(ruleset), 2),
        "ms_per_report_tx302": round(per_file_ms(RuleSet(rules=(rule,), roles={})), 2),
        "reports_timed": len(reports()),
    }
    shown_real: list[str] = []
    if args.real is not None and args.real.is_dir():
        real = real_text(rule, args.real)
        shown_real += real.pop("shown")  # type: ignore[arg-type]
        figures["real_text"] = real
        doubled_real = real_text(
            next(r for p in packs for r in p.rules if r.code == "TX306"), args.real
        )
        shown_real += doubled_real.pop("shown")  # type: ignore[arg-type]
        figures["real_text_tx306"] = doubled_real
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    for line in shown_real:
        print("real", line)
    if args.show:
        misses = [c for c, ok in zip(cases, hit, strict=True) if not ok]
        for case in random.Random(1).sample(misses, min(args.show, len(misses))):
            print("miss", case.kind, case.position, case.term, case.text[case.start : case.end])
        for sentence, found_here in zip(sentences, alarms, strict=True):
            for s, e, suggestion in found_here:
                print("alarm", sentence[s:e], "→", suggestion, "|", sentence)
        for line in alarms_shown:  # type: ignore[attr-defined]
            print("clean-set alarm", line)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    doubled = figures["tx306_doubled"]
    ok = (
        float(doubled["recall"]) >= 0.90  # type: ignore[index]
        and recall >= 0.95
        and 1000 * false_alarms / len(sentences) <= 0.5
        and float(language["worst_per_1000"]) <= 0.5  # type: ignore[arg-type]
    )
    print("targets met" if ok else "targets NOT met", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
