"""`--format html`: one self-contained page to read a run's findings in place.

Everything is inline (style, script, data): the page opens from a CI artifact or an
e-mail attachment without a network. Each document is shown in reading order with one
<mark class="finding"> per finding — a finding inside another's highlight is nested
and, in the rare case it runs past it, clipped at its end — explained by a tooltip on
hover and a panel on click, and filtered by severity and rule. The page speaks zh-CN
(the people who read it write Chinese reports) unless `lang="en"`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from html import escape

from compliance.kinds.base import Rule
from compliance.model.document import Document
from compliance.model.findings import SEVERITIES, Finding, Severity
from compliance.output.result import Result, Run
from compliance.output.summary import Summary, count, ranked
from compliance.version import __version__

LANGUAGES = ("zh-CN", "en")

# The page's words; a finding's message is the rule's own (Chinese) text in both.
_TEXTS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "report": "complint 检查报告",
        "page_title": "complint 检查报告：{files}，{findings}",
        "summary": "{files}{unreadable} · {findings}：{severities} · complint {version}",
        "and": "，",
        "unreadable": "，{count} 个无法读取",
        "severity": "严重程度",
        "rule": "规则",
        "files": "文件",
        "rules": "规则",
        "file": "文件",
        "code": "代码",
        "name": "名称",
        "title": "说明",
        "findings": "问题数",
        "shown": "显示 {visible} / {total} 条",
        "close": "关闭",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
    },
    "en": {
        "report": "complint report",
        "page_title": "complint report — {findings} in {files}",
        "summary": "{files}{unreadable} · {findings}: {severities} · complint {version}",
        "and": ", ",
        "unreadable": ", {count} unreadable",
        "severity": "Severity",
        "rule": "Rule",
        "files": "Files",
        "rules": "Rules",
        "file": "file",
        "code": "code",
        "name": "name",
        "title": "rule",
        "findings": "findings",
        "shown": "{visible} / {total} shown",
        "close": "close",
        "error": "error",
        "warning": "warning",
        "info": "info",
    },
}


_ZH_COUNTS = {
    "file": "{n} 个文件",
    "finding": "{n} 条问题",
    "error": "错误 {n} 条",
    "warning": "警告 {n} 条",
    "info": "提示 {n} 条",
}


def _count(number: int, word: str, lang: str) -> str:
    """ "1 finding" / "2 findings" in English, "2 条问题" in Chinese."""
    return count(number, word) if lang == "en" else _ZH_COUNTS[word].format(n=number)


def rule_title(rule: Rule, lang: str) -> str:
    """The rule's title in `lang`: its `title-zh` on a zh-CN page when it has one."""
    return (rule.title_zh or rule.title) if lang == "zh-CN" else rule.title


_STYLE = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
  "PingFang SC", system-ui, sans-serif; color: #212121; background: #fafafa; }
header { padding: 16px 24px; background: #263238; color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: #cfd8dc; }
main { max-width: 1180px; margin: 0 auto; padding: 0 24px 160px; }
nav.filters { position: sticky; top: 0; z-index: 2; background: #fafafa; padding: 10px 0;
  border-bottom: 1px solid #e0e0e0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
nav.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 4px 10px; align-items: center; }
nav.filters legend { float: left; font-weight: 600; margin-right: 6px; }
nav.filters label { white-space: nowrap; cursor: pointer; }
#visible { margin-left: auto; color: #616161; }
table { border-collapse: collapse; margin: 8px 0 20px; background: #fff; }
th, td { border: 1px solid #e0e0e0; padding: 3px 10px; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: 600; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); }
.sev.info { color: var(--info); }
section.doc { background: #fff; border: 1px solid #e0e0e0; border-radius: 6px;
  margin: 20px 0; padding: 4px 18px 14px; }
section.doc h2 { font-size: 16px; word-break: break-all; }
.unreadable { color: var(--error); }
.source { border-top: 1px solid #eee; padding-top: 8px; }
.line { display: flex; gap: 12px; }
.ln { flex: 0 0 3.2em; text-align: right; color: #9e9e9e; user-select: none;
  font-variant-numeric: tabular-nums; }
.tx { flex: 1; white-space: pre-wrap; word-break: break-all; }
mark.finding { background: none; color: inherit; cursor: pointer; border-radius: 2px;
  padding: 1px 0; }
mark.finding.error { background: #ffcdd2; box-shadow: inset 0 -2px var(--error); }
mark.finding.warning { background: #ffe0b2; box-shadow: inset 0 -2px var(--warning); }
mark.finding.info { background: #bbdefb; box-shadow: inset 0 -2px var(--info); }
mark.finding.empty::before { content: "\\2691 " attr(data-rule); font-size: 11px;
  padding: 0 4px; margin: 0 2px; border-radius: 8px; color: #fff; }
mark.finding.empty.error::before { background: var(--error); }
mark.finding.empty.warning::before { background: var(--warning); }
mark.finding.empty.info::before { background: var(--info); }
mark.finding:hover, mark.finding.current { outline: 2px solid #263238; }
mark.finding.off { background: none; box-shadow: none; cursor: default; outline: none; }
mark.finding.empty.off { display: none; }
ul.findings { list-style: none; padding: 0; margin: 10px 0 0; font-size: 14px; }
ul.findings li { padding: 2px 0; border-top: 1px dotted #e0e0e0; cursor: pointer; }
ul.findings li.off { display: none; }
ul.findings code { font-weight: 600; }
#detail { position: fixed; right: 16px; bottom: 16px; width: min(440px, 90vw); z-index: 3;
  background: #fff; border: 1px solid #90a4ae; border-radius: 6px; padding: 10px 14px;
  box-shadow: 0 4px 16px rgba(0, 0, 0, .2); }
#detail[hidden] { display: none; }
#detail h3 { margin: 0 0 4px; font-size: 15px; }
#detail p { margin: 4px 0; }
#detail button { float: right; border: 0; background: none; font-size: 18px; cursor: pointer; }
"""

_SCRIPT = """
(() => {
  const data = JSON.parse(document.getElementById("complint-data").textContent);
  const marks = Array.from(document.querySelectorAll("mark.finding"));
  const rows = Array.from(document.querySelectorAll("ul.findings li"));
  const boxes = Array.from(document.querySelectorAll("nav.filters input"));
  const detail = document.getElementById("detail");
  const text = (id, value) => { document.getElementById(id).textContent = value; };
  function apply() {
    const on = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    let visible = 0;
    for (const el of [...marks, ...rows]) {
      const shown = on.has(el.dataset.severity) && on.has(el.dataset.rule);
      el.classList.toggle("off", !shown);
      if (shown && el.tagName === "MARK") visible += 1;
    }
    const label = document.getElementById("visible").dataset.label;
    text("visible", label.replace("{visible}", visible).replace("{total}", marks.length));
    document.body.dataset.visible = String(visible);
  }
  function show(id) {
    const f = data[id];
    const mark = document.getElementById(id);
    if (!f || !mark || mark.classList.contains("off")) return;
    for (const m of document.querySelectorAll("mark.current")) m.classList.remove("current");
    mark.classList.add("current");
    text("d-rule", f.rule + " " + f.name);
    const sev = document.getElementById("d-severity");
    sev.textContent = f.severity_label;
    sev.className = "sev " + f.severity;
    text("d-message", f.message);
    text("d-where", f.path + ":" + f.line + ":" + f.column + (f.section ? "  " + f.section : ""));
    text("d-text", f.text ? "「" + f.text + "」" + (f.suggestion ? " → " + f.suggestion : "") : "");
    text("d-title", f.title);
    detail.hidden = false;
    detail.dataset.finding = id;
  }
  for (const m of marks) {
    m.addEventListener("click", (e) => { e.stopPropagation(); show(m.id); });
    m.addEventListener("keydown", (e) => { if (e.key === "Enter") show(m.id); });
  }
  for (const r of rows) {
    r.addEventListener("click", () => {
      const mark = document.getElementById(r.dataset.finding);
      mark.scrollIntoView({block: "center"});
      show(mark.id);
    });
  }
  for (const b of boxes) b.addEventListener("change", apply);
  document.getElementById("d-close").addEventListener("click", () => { detail.hidden = true; });
  apply();
  document.body.dataset.highlights = String(marks.length);
  document.body.dataset.ready = "1";
})();
"""


def _attrs(f: Finding, ident: str) -> str:
    tip = f"{f.rule} [{f.severity}] {f.message}"
    if f.suggestion is not None:
        tip += f" → {f.suggestion}"
    empty = " empty" if not f.text else ""
    return (
        f'<mark class="finding {f.severity}{empty}" id="{ident}" tabindex="0" '
        f'data-rule="{escape(f.rule)}" data-severity="{f.severity}" title="{escape(tip)}">'
    )


def _marked(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """`text` escaped, with each (start, end, opening tag) span wrapped in its mark.

    Spans nest; one that starts inside another and runs past its end is clipped there,
    so every span keeps exactly one element.
    """
    out: list[str] = []
    pos = 0
    open_ends: list[int] = []

    def close_until(limit: int) -> None:
        nonlocal pos
        while open_ends and open_ends[-1] <= limit:
            end = open_ends.pop()
            out.append(escape(text[pos:end]))
            out.append("</mark>")
            pos = end

    for start, end, tag in sorted(spans, key=lambda s: (s[0], -s[1])):
        close_until(start)
        out.append(escape(text[pos:start]))
        pos = start
        if open_ends:
            end = min(end, open_ends[-1])
        out.append(tag)
        if end <= start:
            out.append("</mark>")
        else:
            open_ends.append(end)
    close_until(len(text))
    out.append(escape(text[pos:]))
    return "".join(out)


def _document(
    result: Result, document: Document | None, ids: Mapping[int, str], words: Mapping[str, str]
) -> tuple[str, str]:
    """The source with its highlights, and the list of findings, of one file."""
    spans: dict[int, list[tuple[int, int, str]]] = {}
    unplaced: list[str] = []
    for number, f in enumerate(result.findings):
        index = f.block
        if document is None or not 0 <= index < len(document.blocks):
            unplaced.append(_attrs(f, ids[number]) + "</mark>")
            continue
        block = document.blocks[index]
        start = min(max(0, f.column - block.column), len(block.text))
        end = min(start + len(f.text), len(block.text))
        spans.setdefault(index, []).append((start, end, _attrs(f, ids[number])))
    lines: list[str] = []
    if unplaced:
        marks = "".join(unplaced)
        lines.append(
            f'<div class="line"><span class="ln"></span><span class="tx">{marks}</span></div>'
        )
    if document is not None:
        for index, block in enumerate(document.blocks):
            body = _marked(block.text, spans.get(index, ()))
            lines.append(
                f'<div class="line" data-line="{block.line}"><span class="ln">{block.line}</span>'
                f'<span class="tx">{body}</span></div>'
            )
    items = [
        f'<li data-finding="{ids[n]}" data-rule="{escape(f.rule)}" data-severity="{f.severity}">'
        f'{f.line}:{f.column} <code>{escape(f.rule)}</code> <span class="sev {f.severity}">'
        f"{words[f.severity]}</span> {escape(f.message)}"
        + (f" 「{escape(f.text)}」" if f.text else "")
        + (f" → {escape(f.suggestion)}" if f.suggestion else "")
        + "</li>"
        for n, f in enumerate(result.findings)
    ]
    listing = f'<ul class="findings">{"".join(items)}</ul>' if items else ""
    return "\n".join(lines), listing


def render(run: Run) -> Iterator[str]:
    """The page, in `run.lang`: "zh-CN" (the default) or "en". Written in pieces: each
    file's section and each finding's data as they are made, never the whole page."""
    if run.lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {run.lang!r}")
    return _page(run)


def _page(run: Run) -> Iterator[str]:
    results, rules, lang = run.results, run.rules, run.lang
    words = _TEXTS[lang]
    summary = Summary.of(results)
    titles = {r.code: rule_title(r, lang) for r in reversed(rules)}  # the first facet's wins
    file_rows: list[str] = []
    # One pass for the tables (a run's results may be made again at each pass).
    fired: Counter[tuple[str, str, Severity]] = Counter()
    for number, result in enumerate(results):
        counts = Counter(f.severity for f in result.findings)
        fired.update((f.rule, f.name, f.severity) for f in result.findings)
        error = "" if result.error is None else escape(str(result.error))
        status = f'<span class="unreadable">{error}</span>' if error else ""
        file_rows.append(
            f'<tr><td><a href="#doc-{number}">{escape(result.path)}</a></td>'
            + "".join(f'<td class="n">{counts[s]}</td>' for s in SEVERITIES)
            + f"<td>{status}</td></tr>"
        )
    rule_rows = [
        f"<tr><td><code>{escape(code)}</code></td><td>{escape(name)}</td>"
        f'<td class="sev {severity}">{words[severity]}</td><td>{escape(titles.get(code, ""))}</td>'
        f'<td class="n">{count}</td></tr>'
        for code, name, severity, count in ranked(fired)
    ]
    by_severity = {"error": summary.errors, "warning": summary.warnings, "info": summary.infos}
    severity_boxes = "".join(
        f'<label><input type="checkbox" value="{s}" checked> '
        f'<span class="sev {s}">{words[s]}</span> ({by_severity[s]})</label>'
        for s in SEVERITIES
    )
    rule_counts: Counter[str] = Counter()
    for (code, _, _), n in fired.items():
        rule_counts[code] += n
    rule_boxes = "".join(
        f'<label title="{escape(titles.get(code, ""))}"><input type="checkbox" '
        f'value="{escape(code)}" checked> {escape(code)} ({count})</label>'
        for code, count in sorted(rule_counts.items())
    )
    unreadable = words["unreadable"].format(count=summary.unreadable) if summary.unreadable else ""
    numbers = {
        "files": _count(summary.files, "file", lang),
        "findings": _count(summary.findings, "finding", lang),
        "severities": words["and"].join(
            _count(n, word, lang)
            for n, word in (
                (summary.errors, "error"),
                (summary.warnings, "warning"),
                (summary.infos, "info"),
            )
        ),
    }
    headline = words["summary"].format(unreadable=unreadable, version=__version__, **numbers)
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="complint {__version__}">
<title>{escape(words["page_title"].format(**numbers))}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><h1>{words["report"]}</h1>
<p>{escape(headline)}</p></header>
<main>
<nav class="filters">
<fieldset><legend>{words["severity"]}</legend>{severity_boxes}</fieldset>
<fieldset><legend>{words["rule"]}</legend>{rule_boxes}</fieldset>
<span id="visible" data-label="{escape(words["shown"])}"></span>
</nav>
<h2>{words["files"]}</h2>
<table class="files"><thead><tr><th>{words["file"]}</th><th>{words["error"]}</th>
<th>{words["warning"]}</th><th>{words["info"]}</th>
<th></th></tr></thead><tbody>{"".join(file_rows)}</tbody></table>
<h2>{words["rules"]}</h2>
<table class="rules"><thead><tr><th>{words["code"]}</th><th>{words["name"]}</th>
<th>{words["severity"]}</th><th>{words["title"]}</th>
<th>{words["findings"]}</th></tr></thead><tbody>{"".join(rule_rows)}</tbody></table>
{_SECTIONS}
</main>
<aside id="detail" hidden><button id="d-close" aria-label="{words["close"]}">×</button>
<h3 id="d-rule"></h3><p><span id="d-severity"></span> <span id="d-title"></span></p>
<p id="d-message"></p><p id="d-text"></p><p id="d-where"></p></aside>
<script type="application/json" id="complint-data">{_PAYLOAD}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    head, _, rest = page.partition(_SECTIONS)
    middle, _, tail = rest.partition(_PAYLOAD)
    yield head
    for number, result in enumerate(results):
        yield _section(number, result, words, lang)
    yield middle
    yield from _payload(results, words, titles)
    yield tail


# Where the page's long parts go, written in pieces.
_SECTIONS = "\0sections\0"
_PAYLOAD = "\0payload\0"


def _section(number: int, result: Result, words: Mapping[str, str], lang: str) -> str:
    ids = {n: f"f{number}-{n}" for n in range(len(result.findings))}
    if result.error is not None:
        body, listing = f'<p class="unreadable">{escape(str(result.error))}</p>', ""
    else:
        body, listing = _document(result, result.shown(), ids, words)
    return (
        f'<section class="doc" id="doc-{number}" data-path="{escape(result.path)}">'
        f"<h2>{escape(result.path)} "
        f"<small>{_count(len(result.findings), 'finding', lang)}</small></h2>"
        f'<div class="source">{body}</div>{listing}</section>'
    )


def _payload(
    results: Sequence[Result], words: Mapping[str, str], titles: Mapping[str, str]
) -> Iterator[str]:
    """json.dumps of {finding id: its data}, one finding at a time."""
    separator = "{"
    for number, result in enumerate(results):
        for n, f in enumerate(result.findings):
            value = {
                "rule": f.rule,
                "name": f.name,
                "severity": f.severity,
                "severity_label": words[f.severity],
                "message": f.message,
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "text": f.text,
                "suggestion": f.suggestion,
                "section": f.section,
                "title": titles.get(f.rule, ""),
            }
            yield _script_safe(
                f'{separator}"f{number}-{n}": {json.dumps(value, ensure_ascii=False)}'
            )
            separator = ", "
    yield "{}" if separator == "{" else "}"


def _script_safe(text: str) -> str:
    # Inside <script> only "<" can end or confuse the element (</script>, <!--, <script):
    # written as JSON escapes, the data stays the same and the markup cannot be broken.
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
