"""The web application: `create_app(Settings)` returns a Starlette (ASGI) app.

Routes:
  GET  /                    the page (zh-CN; `?lang=en` for English)
  POST /check               the page's upload: the file's findings, rendered in place
  POST /download/<kind>     a file to take back (work.DOWNLOADS), made from the upload again
  POST /api/check           for programs: multipart `file` (+ `period`) → the JSON contract
  GET  /api/rules/<CODE>    a rule's explanation (`complint rule CODE`), as Markdown and HTML
  GET  /static/…            the page's own script and style

Nothing is kept between requests: the page holds the files it uploaded and sends one
again to make a download.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

import anyio
import jinja2
from markdown_it import MarkdownIt
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import compliance
from compliance import Config, Result, RuleSet
from compliance.api import explain, parse_period
from compliance.output.html import rule_title
from compliance.web import i18n, view, work
from compliance.web.security import Guard, Tokens, TooLarge, same_origin

log = logging.getLogger("complint.web")

MB = 1024 * 1024
# Multipart framing and the small fields around the file.
FORM_OVERHEAD = 64 * 1024


@dataclass(frozen=True)
class Settings:
    """The web service's settings."""

    config: Config = field(default_factory=Config)  # packs, select/ignore, period …
    max_bytes: int = 20 * MB  # per uploaded file
    lang: str = "zh-CN"  # the page's language unless a request asks (?lang=en)
    allowed_hosts: tuple[str, ...] = ("*",)  # Host headers answered (DNS rebinding)
    workers: int = 2  # files checked at once; more wait their turn


class Refused(Exception):
    """A request the server will not serve: an HTTP status and the words that say why."""

    def __init__(self, status: int, key: str, **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def _lang(request: Request, settings: Settings) -> str:
    return i18n.pick(request.query_params.get("lang"), settings.lang)


def clean_name(raw: str) -> str:
    """The client's file name reduced to a base name fit to show: no folders, no control
    characters, at most 120 characters. It is never used as a path."""
    base = raw.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if len(base) > 120:
        suffix = PurePosixPath(base).suffix[:10]
        base = base[: 120 - len(suffix)] + suffix
    return base if base.strip(".") else "report"


def _disposition(name: str) -> str:
    safe = (c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    fallback = "".join(safe)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _periods() -> list[str]:
    year = date.today().year
    return [f"{y}年{part}" for y in (year, year - 1, year - 2) for part in ("上半年", "下半年", "")]


class App:
    """The routes, sharing the settings, the compiled rules and the form tokens."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rules = compliance.load_rules(config=settings.config)  # a broken file: at start
        self._by_period: dict[str, RuleSet] = {}
        self.tokens = Tokens()
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("compliance.web", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.markdown = MarkdownIt("commonmark", {"html": False})  # rule files are data
        self._limiter: anyio.CapacityLimiter | None = None

    # -- helpers ---------------------------------------------------------------------

    def rules_for(self, period: str | None) -> RuleSet:
        """The rules with `period` for reports whose title and opening do not give one."""
        if not period or period == self.settings.config.period:
            return self.rules
        if period not in self._by_period:
            if len(self._by_period) >= 16:  # a few periods are in use at a time
                self._by_period.pop(next(iter(self._by_period)))
            config = dataclasses.replace(self.settings.config, period=period)
            self._by_period[period] = compliance.load_rules(config=config)
        return self._by_period[period]

    async def run(self, function: Any, *args: Any) -> Any:
        """Run blocking work in a worker thread, at most `workers` at a time."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.workers)
        return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)

    async def upload(self, request: Request, *, page: bool) -> tuple[work.Upload, str | None]:
        """The uploaded file and the chosen period, or Refused saying what is wrong."""
        if not same_origin(request):
            raise Refused(403, "forbidden")
        length = request.headers.get("content-length") or "0"
        if not length.isdigit():
            raise Refused(400, "bad_form")
        if int(length) > self.settings.max_bytes + FORM_OVERHEAD:
            raise Refused(413, "too_large", size=self.settings.max_bytes // MB)
        try:
            form = await request.form(max_files=4, max_fields=10, max_part_size=64 * 1024)
        except TooLarge:
            raise Refused(413, "too_large", size=self.settings.max_bytes // MB) from None
        except HTTPException:  # malformed multipart, too many parts
            raise Refused(400, "bad_form") from None
        try:
            if page and not self.tokens.valid(str(form.get("csrf") or "")):
                raise Refused(403, "bad_token")
            files = [v for v in form.getlist("file") if isinstance(v, UploadFile)]
            if not files:
                raise Refused(400, "no_file")
            if len(files) > 1:
                raise Refused(400, "one_file")
            upload = files[0]
            name = clean_name(upload.filename or "")
            suffix = PurePosixPath(name).suffix.lower()
            if suffix not in work.ALL_SUFFIXES:
                raise Refused(
                    415,
                    "unsupported",
                    suffix=suffix or name,
                    suffixes=" ".join(sorted(work.ALL_SUFFIXES)),
                )
            data = await upload.read(self.settings.max_bytes + 1)
            if len(data) > self.settings.max_bytes:
                raise Refused(413, "too_large", size=self.settings.max_bytes // MB)
            if not data:
                raise Refused(422, "empty")
            period = str(form.get("period") or "").strip() or None
            if period is not None and (len(period) > 30 or parse_period(period) is None):
                raise Refused(400, "bad_period", period=period[:30])
        finally:
            await form.close()  # python-multipart's spooled files: gone now
        return work.Upload(name, suffix, data), period

    # -- routes ----------------------------------------------------------------------

    async def page(self, request: Request) -> Response:
        lang = _lang(request, self.settings)
        words = i18n.TEXTS[lang]
        config = self.settings.config
        packs = list(dict.fromkeys(r.pack for r in self.rules.rules))
        body = self.templates.get_template("page.html").render(
            lang=lang,
            other="en" if lang == "zh-CN" else "zh-CN",
            t=words,
            token=self.tokens.issue(),
            max_bytes=self.settings.max_bytes,
            max_mb=self.settings.max_bytes // MB,
            suffixes=sorted(work.ALL_SUFFIXES),
            packs=packs,
            rule_count=len({r.code for r in self.rules.rules}),
            select=config.select,
            ignore=config.ignore,
            config=config.source,
            period=config.period,
            periods=_periods(),
        )
        return HTMLResponse(body)

    async def check_page(self, request: Request) -> Response:
        lang = _lang(request, self.settings)
        upload, period = await self.upload(request, page=True)
        rules = self.rules_for(period)
        started = time.monotonic()
        answer: dict[str, Any] = await self.run(self.checked, upload, period, rules, lang)
        log.info("checked 1 file: %s in %.2f s", answer.pop("counts"), time.monotonic() - started)
        return JSONResponse(answer)

    def checked(
        self, upload: work.Upload, period: str | None, rules: RuleSet, lang: str
    ) -> dict[str, Any]:
        """The page's answer for one upload, made in a worker thread: a long document's
        markup is work too."""
        result, document = work.check(upload, rules)
        shown = view.build(result, document)
        titles = {r.code: rule_title(r, lang) for r in reversed(rules.rules)}
        downloads = [d for d in work.DOWNLOADS.values() if upload.suffix in d.accepts]
        fragment = self.templates.get_template("result.html").render(
            t=i18n.TEXTS[lang],
            lang=lang,
            name=upload.name,
            view=shown,
            findings=result.findings,
            titles=titles,
            counts=_counts(result),
            rules=sorted({f.rule for f in result.findings}),
            downloads=downloads,
            period=period or "",
            periods=_periods(),
        )
        contract = json.loads(result.to_json())
        return {
            "name": upload.name,
            "html": fragment,
            "findings": contract["findings"],
            "summary": contract["summary"],
            "titles": titles,
            "lacks_period": shown.lacks_period,
            "counts": _counted(result),  # for the log; taken out before the answer goes
        }

    async def download(self, request: Request) -> Response:
        lang = _lang(request, self.settings)
        kind = work.DOWNLOADS.get(request.path_params["kind"])
        if kind is None:
            raise Refused(404, "not_found")
        upload, period = await self.upload(request, page=True)
        if upload.suffix not in kind.accepts:
            raise Refused(422, "no_download")
        content: bytes = await self.run(kind.make, upload, self.rules_for(period), lang)
        stem = PurePosixPath(upload.name).stem or "report"
        return Response(
            content,
            media_type=kind.media_type,
            headers={"content-disposition": _disposition(f"{stem}-complint{kind.suffix}")},
        )

    async def check_api(self, request: Request) -> Response:
        upload, period = await self.upload(request, page=False)
        started = time.monotonic()
        rules = self.rules_for(period)
        result = await self.run(
            functools.partial(compliance.check, upload.data, filename=upload.name, rules=rules)
        )
        log.info("checked 1 file: %s in %.2f s", _counted(result), time.monotonic() - started)
        if result.errors:
            raise Refused(422, "unreadable", reason="; ".join(e.reason for e in result.errors))
        return Response(result.to_json(), media_type="application/json")

    async def rule(self, request: Request) -> Response:
        lang = _lang(request, self.settings)
        code = str(request.path_params["code"]).upper()
        facets = [r for r in self.rules.rules if r.code == code]
        if not facets:
            raise Refused(404, "no_rule", code=code[:10])
        text = explain(facets, lang)
        return JSONResponse(
            {
                "code": code,
                "name": facets[0].name,
                "title": rule_title(facets[0], lang),
                "severity": facets[0].severity,
                "markdown": text,
                "html": self.markdown.render(text),
            }
        )


def _counts(result: Result) -> dict[str, int]:
    counts = {"findings": len(result.findings), "errors": 0, "warnings": 0, "infos": 0}
    for finding in result.findings:
        counts[finding.severity + "s"] += 1
    return counts


def _counted(result: Result) -> str:
    """What the log says of a file: counts only, never its name or its words."""
    if result.errors:
        return "unreadable"
    return "{findings} findings ({errors} errors, {warnings} warnings, {infos} infos)".format(
        **_counts(result)
    )


def create_app(settings: Settings | None = None) -> Starlette:
    """The application; the rules are compiled here, so a broken rule or config file
    raises RuleError/ConfigError before anything is served."""
    settings = settings or Settings()
    if settings.lang not in i18n.LANGUAGES:
        raise compliance.UsageError(f"lang must be one of {', '.join(i18n.LANGUAGES)}")
    app = App(settings)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        words = i18n.TEXTS[_lang(request, settings)]
        log.info("refused a request: %d %s", exc.status, exc.key)
        return JSONResponse({"error": words[exc.key].format(**exc.params)}, status_code=exc.status)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        words = i18n.TEXTS[_lang(request, settings)]
        key = "not_found" if exc.status_code == 404 else "bad_form"
        return JSONResponse({"error": words[key]}, status_code=exc.status_code)

    async def unreadable(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, work.Unreadable)
        words = i18n.TEXTS[_lang(request, settings)]
        log.info("refused a request: 422 unreadable")
        return JSONResponse(
            {"error": words["unreadable"].format(reason=exc.reason)}, status_code=422
        )

    async def too_large(request: Request, exc: Exception) -> Response:
        words = i18n.TEXTS[_lang(request, settings)]
        size = settings.max_bytes // MB
        return JSONResponse({"error": words["too_large"].format(size=size)}, status_code=413)

    async def failed(request: Request, exc: Exception) -> Response:
        # A bug, not the upload's fault: the kind of error only, never its text (which
        # may quote the document).
        log.error("internal error: %s", type(exc).__name__)
        words = i18n.TEXTS[_lang(request, settings)]
        return JSONResponse({"error": words["internal"]}, status_code=500)

    return Starlette(
        routes=[
            Route("/", app.page, methods=["GET"]),
            Route("/check", app.check_page, methods=["POST"]),
            Route("/download/{kind}", app.download, methods=["POST"]),
            Route("/api/check", app.check_api, methods=["POST"]),
            Route("/api/rules/{code}", app.rule, methods=["GET"]),
            Mount("/static", StaticFiles(packages=[("compliance.web", "static")]), name="static"),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
            Middleware(Guard, max_body=settings.max_bytes + FORM_OVERHEAD),
        ],
        exception_handlers={
            Refused: refused,
            work.Unreadable: unreadable,
            TooLarge: too_large,
            HTTPException: http_error,
            Exception: failed,
        },
    )
