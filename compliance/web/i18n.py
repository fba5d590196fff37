"""The page's words in zh-CN (the default: its users write Chinese reports) and English.

Findings' messages are the rules' own Chinese text in both languages; rule titles come
from the rule files (`title-zh` on a zh-CN page).
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("zh-CN", "en")

TEXTS: Mapping[str, Mapping[str, str]] = {
    "zh-CN": {
        "app": "complint 报告检查",
        "tagline": "拖入或选择报告文件，逐条查看问题所在位置，并下载带批注的 Word 文档。"
        "文件只在本机服务器内存中检查，不会保存。",
        "drop": "把文件拖到这里，或",
        "pick": "选择文件",
        "accepted": "支持 {suffixes}，每个文件不超过 {size} MB",
        "settings": "检查设置",
        "packs": "规则包",
        "rules_count": "启用规则 {count} 条",
        "select": "只检查",
        "ignore": "不检查",
        "config": "配置文件",
        "no_config": "未使用配置文件（默认规则）",
        "period": "报告时段",
        "period_hint": "标题未写明时段时使用，如 2024年上半年",
        "period_none": "未设置",
        "uploading": "正在上传 {percent}%",
        "checking": "正在读取和检查…",
        "done": "检查完成",
        "failed": "无法检查",
        "findings_summary": "{findings} 条问题：错误 {errors} 条，警告 {warnings} 条，"
        "提示 {infos} 条",
        "no_findings": "未发现问题。",
        "severity": "严重程度",
        "rule": "规则",
        "shown": "显示 {visible} / {total} 条",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "before_headings": "标题和开头",
        "line": "第 {line} 行第 {column} 列",
        "paragraph": "第 {line} 段第 {column} 字",
        "downloads": "下载",
        "download_annotated": "带批注的 Word 文档",
        "download_revised": "带修订的 Word 文档（修改可逐处接受或拒绝）",
        "download_html": "HTML 报告",
        "download_json": "JSON 结果",
        "lacks_period": "标题中未写明报告时段，与时段有关的规则（如过时提法）需要它。请选择时段：",
        "recheck": "按此时段重新检查",
        "explanation": "规则说明",
        "suggestion": "建议改为",
        "close": "关闭",
        "language": "English",
        "too_large": "文件超过 {size} MB 的上限，请拆分或压缩后再上传",
        "unsupported": "不支持的文件类型“{suffix}”：请上传 {suffixes} 文件",
        "no_file": "请求中没有文件（multipart 字段 file）",
        "one_file": "一次只能检查一个文件（multipart 字段 file）",
        "empty": "文件是空的",
        "bad_period": "无法识别的报告时段“{period}”："
        "请写成 2024年上半年、2024年 或 2024年第一季度 的形式",
        "unreadable": "无法读取该文件：{reason}",
        "forbidden": "请求来自其他网站，已拒绝",
        "bad_token": "页面已过期，请刷新后重试",
        "bad_form": "上传的请求格式不正确",
        "busy": "服务器正忙，请稍后重试",
        "no_rule": "没有规则 {code}",
        "not_found": "没有这个页面",
        "no_download": "此文件不能生成这种下载",
        "network": "网络错误，请重试",
        "internal": "服务器内部错误，请把文件交给管理员排查",
    },
    "en": {
        "app": "complint report check",
        "tagline": "Drop or choose report files, read every finding in place, and take back "
        "a Word copy with comments. Files are checked in this server's memory and never kept.",
        "drop": "Drop files here, or",
        "pick": "choose files",
        "accepted": "{suffixes}, up to {size} MB each",
        "settings": "Settings",
        "packs": "Rule packs",
        "rules_count": "{count} rules enabled",
        "select": "Only",
        "ignore": "Skipped",
        "config": "Configuration",
        "no_config": "no configuration file (default rules)",
        "period": "Report period",
        "period_hint": "used when the title does not say, e.g. 2024年上半年",
        "period_none": "not set",
        "uploading": "Uploading {percent}%",
        "checking": "Reading and checking…",
        "done": "Checked",
        "failed": "Could not check",
        "findings_summary": "{findings} findings: {errors} errors, {warnings} warnings, "
        "{infos} infos",
        "no_findings": "No findings.",
        "severity": "Severity",
        "rule": "Rule",
        "shown": "{visible} / {total} shown",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "before_headings": "title and opening",
        "line": "line {line}, column {column}",
        "paragraph": "paragraph {line}, character {column}",
        "downloads": "Download",
        "download_annotated": "Word copy with comments",
        "download_revised": "Word copy with tracked changes",
        "download_html": "HTML report",
        "download_json": "JSON",
        "lacks_period": "The title does not give the report's period, which rules about dates "
        "(superseded formulations …) need. Choose one:",
        "recheck": "Check again with this period",
        "explanation": "About the rule",
        "suggestion": "Suggested",
        "close": "close",
        "language": "中文",
        "too_large": "the file is larger than the {size} MB limit; split or compress it",
        "unsupported": "unsupported file type '{suffix}': upload {suffixes}",
        "no_file": "no file in the request (multipart field 'file')",
        "one_file": "one file per request (multipart field 'file')",
        "empty": "the file is empty",
        "bad_period": "unrecognised period '{period}': write it as 2024年上半年, 2024年 or "
        "2024年第一季度",
        "unreadable": "cannot read this file: {reason}",
        "forbidden": "cross-site request refused",
        "bad_token": "the page has expired; reload it and try again",
        "bad_form": "malformed upload request",
        "busy": "the server is busy; try again shortly",
        "no_rule": "no rule {code}",
        "not_found": "no such page",
        "no_download": "this download is not available for this file",
        "network": "network error; try again",
        "internal": "internal error; please pass the file to the administrator",
    },
}


def pick(requested: str | None, default: str) -> str:
    """`requested` when it is a language the page speaks (`en`, `zh`, `zh-CN` …), else `default`."""
    if requested:
        wanted = requested.strip().lower()
        for lang in LANGUAGES:
            if wanted in (lang.lower(), lang.split("-")[0]):
                return lang
    return default
