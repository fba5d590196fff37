"""`complint serve` through Starlette's test client: the JSON API, the page's requests,
bad uploads and the intranet guards. The browser tests are in test_web_browser.py."""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, complint_command, complint_env

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

import docx
from starlette.testclient import TestClient

from compliance import Config
from compliance.web import Settings, create_app

SAMPLES = ROOT / "samples"
READERS = ROOT / "tests" / "fixtures" / "readers"
NO_PERIOD = "某局意识形态工作总结\n一、工作开展情况\n深入学习贯彻党的十九大精神，成立领导小组。\n"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings(config=Config(), max_bytes=2 * 1024 * 1024)))


def token(client: TestClient) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text)
    assert found is not None
    return found.group(1)


def cli_json(name: str, folder: Path = SAMPLES) -> dict[str, Any]:
    """`complint --format json NAME` run in its folder, so it names the file as the API does."""
    run = subprocess.run(
        complint_command("--format", "json", name),
        capture_output=True,
        text=True,
        cwd=folder,
        env=complint_env(),
        timeout=120,
    )
    assert run.returncode == 1, run.stderr  # the samples have errors on purpose
    result: dict[str, Any] = json.loads(run.stdout)
    return result


@pytest.mark.parametrize(
    "name", ["ideology-report-2024h1.docx", "ideology-report-2024h1.txt", "missing-parts.txt"]
)
def test_api_json_equals_the_command_line(client: TestClient, name: str) -> None:
    reply = client.post("/api/check", files={"file": (name, (SAMPLES / name).read_bytes())})
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/json"
    answer = reply.json()
    assert answer == cli_json(name)
    assert answer["summary"]["findings"] > 0


@pytest.mark.slow  # three LibreOffice conversions
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_api_json_equals_the_command_line_for_word_97_wps_and_pdf(
    client: TestClient, tmp_path: Path
) -> None:
    source = SAMPLES / "ideology-report-2024h1.docx"
    for target in ("doc", "pdf"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    shutil.copy(tmp_path / f"{source.stem}.doc", tmp_path / f"{source.stem}.wps")
    for suffix in (".doc", ".wps", ".pdf"):
        name = source.stem + suffix
        reply = client.post("/api/check", files={"file": (name, (tmp_path / name).read_bytes())})
        assert reply.status_code == 200, reply.text
        assert reply.json() == cli_json(name, tmp_path)
        assert reply.json()["summary"]["findings"] > 5


def test_api_names_the_upload_by_its_base_name_only(client: TestClient) -> None:
    data = (SAMPLES / "ideology-report-2024h1.txt").read_bytes()
    reply = client.post("/api/check", files={"file": ("../../etc/上报\\2024.txt", data)})
    assert reply.status_code == 200
    answer = reply.json()
    # The JSON output's file entry (with the reader's warnings: none for a text file).
    assert answer["files"] == [{"path": "2024.txt", "findings": 9, "error": None, "warnings": []}]
    assert {f["path"] for f in answer["findings"]} == {"2024.txt"}


def test_api_period_applies_when_the_title_lacks_one(client: TestClient) -> None:
    upload = {"file": ("no-period.txt", NO_PERIOD.encode())}
    without = client.post("/api/check", files=upload).json()
    assert "PF401" not in {f["rule"] for f in without["findings"]}
    chosen = client.post("/api/check", files=upload, data={"period": "2024年上半年"}).json()
    outdated = [f for f in chosen["findings"] if f["rule"] == "PF401"]
    assert len(outdated) == 1 and "2024年上半年" in outdated[0]["message"]


def _zip_bomb() -> bytes:
    source = SAMPLES / "clean-report.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * 300_000_000 + b"--></w:body>")
            zout.writestr(item.filename, data)
    return out.getvalue()


BAD_UPLOADS = {
    "not a document": ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, 422),
    "binary named .txt": ("notes.txt", bytes(range(256)) * 40, 422),
    "encrypted .docx": ("secret.docx", (READERS / "encrypted.docx").read_bytes(), 422),
    "truncated .docx": ("cut.docx", (READERS / "truncated.docx").read_bytes(), 422),
    "empty": ("empty.txt", b"", 422),
    "a program": ("setup.exe", b"MZ\x90\x00" * 100, 415),
    "no suffix": ("README", b"text", 415),
    "too large": ("big.txt", "意识形态工作。\n".encode() * 200_000, 413),
    "a bad period": ("report.txt", NO_PERIOD.encode(), 400),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_uploads_get_a_clear_message_and_a_4xx(client: TestClient, case: str) -> None:
    name, data, status = BAD_UPLOADS[case]
    period = {"period": "去年冬天"} if case == "a bad period" else {}
    for lang, words in (("zh-CN", r"[\u4e00-\u9fff]"), ("en", r"[a-z]{3}")):
        reply = client.post(f"/api/check?lang={lang}", files={"file": (name, data)}, data=period)
        assert reply.status_code == status, reply.text
        message = reply.json()["error"]
        assert re.search(words, message) and "Traceback" not in message, message
    if status == 422 and data:
        assert (
            client.post("/api/check?lang=en", files={"file": (name, data)})
            .json()["error"]
            .startswith("cannot read this file: ")
        )


@pytest.mark.slow  # inflates a bomb to its cap
def test_a_zip_bomb_is_refused(client: TestClient) -> None:
    bomb = _zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    reply = client.post("/api/check?lang=en", files={"file": ("bomb.docx", bomb)})
    assert reply.status_code == 422
    assert "cannot read this file" in reply.json()["error"]


def test_requests_without_a_file_or_with_two(client: TestClient) -> None:
    reply = client.post("/api/check?lang=en", data={"period": "2024年"})
    assert reply.status_code == 400 and "multipart field 'file'" in reply.json()["error"]
    two = [("file", ("a.txt", NO_PERIOD.encode())), ("file", ("b.txt", NO_PERIOD.encode()))]
    assert client.post("/api/check", files=two).status_code == 400
    garbage = client.post(
        "/api/check",
        content=b"--x\r\nnot multipart",
        headers={"content-type": "multipart/form-data"},
    )
    assert 400 <= garbage.status_code < 500


def test_a_body_past_the_limit_is_cut_off_even_without_a_length(client: TestClient) -> None:
    def chunks() -> Any:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        for _ in range(40):
            yield b"x" * 100_000

    reply = client.post(
        "/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert reply.status_code == 413


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    upload = {"file": ("r.txt", NO_PERIOD.encode())}
    evil = client.post("/api/check", files=upload, headers={"origin": "http://evil.example"})
    assert evil.status_code == 403
    site = client.post("/api/check", files=upload, headers={"sec-fetch-site": "cross-site"})
    assert site.status_code == 403
    own = client.post("/api/check", files=upload, headers={"origin": "http://testserver"})
    assert own.status_code == 200
    behind_tls = client.post("/api/check", files=upload, headers={"origin": "https://testserver"})
    assert behind_tls.status_code == 200
    for origin in ("null", "http://testserver.evil.example", "http://evil.example/testserver"):
        refused = client.post("/api/check", files=upload, headers={"origin": origin})
        assert refused.status_code == 403, origin
    # The page's own endpoints also need the form token the page carries.
    assert client.post("/check", files=upload).status_code == 403
    assert client.post("/check", files=upload, data={"csrf": "1.forged"}).status_code == 403
    assert client.post("/check", files=upload, data={"csrf": token(client)}).status_code == 200
    assert client.post("/download/json", files=upload).status_code == 403


class References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "action")]


def test_the_page_speaks_chinese_and_loads_only_its_own_files(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text and "拖到这里" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    parser = References()
    parser.feed(page.text)
    # Relative, so the page also works behind a proxy that serves it under a prefix.
    assert parser.urls and all(":" not in u and not u.startswith("/") for u in parser.urls)
    for url in parser.urls:
        assert client.get("/" + url).status_code == 200, url
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Drop files here" in english.text


def test_no_directory_listing_and_no_way_out_of_static(client: TestClient) -> None:
    for url in ("/static/", "/static", "/static/../pyproject.toml", "/static/%2e%2e/app.py"):
        assert client.get(url).status_code == 404, url
    assert client.get("/templates/page.html").status_code == 404
    assert client.get("/api/check").status_code == 405


def test_page_check_renders_the_findings_in_place(client: TestClient) -> None:
    name = "ideology-report-2024h1.txt"
    reply = client.post(
        "/check",
        files={"file": (name, (SAMPLES / name).read_bytes())},
        data={"csrf": token(client)},
    )
    assert reply.status_code == 200
    answer = reply.json()
    expected = cli_json(name)["findings"]
    assert answer["findings"] == expected
    fragment = answer["html"]
    # Each finding with text is highlighted on its words; the rest are notices in place.
    pieces: dict[int, str] = {}
    for found in re.finditer(
        r'<mark class="hl \w+" data-f="([\d ]+)" tabindex="0">([^<]*)</mark>', fragment
    ):
        for index in map(int, found.group(1).split()):
            pieces[index] = pieces.get(index, "") + found.group(2)
    for index, finding in enumerate(expected):
        if finding["text"]:
            assert pieces[index] == finding["text"]
        else:
            assert f'class="missing {finding["severity"]}" data-f="{index}"' in fragment
    assert answer["titles"]["TX301"] == "模板占位符未填写"
    assert not answer["lacks_period"]


def test_page_check_asks_for_the_period_when_the_title_lacks_it(client: TestClient) -> None:
    upload = {"file": ("no-period.txt", NO_PERIOD.encode())}
    answer = client.post("/check", files=upload, data={"csrf": token(client)}).json()
    assert answer["lacks_period"] and 'class="period-fix"' in answer["html"]


def test_rule_explanation_is_complint_rule(client: TestClient) -> None:
    run = subprocess.run(
        [*complint_command()[:3], "rule", "TX301"],
        capture_output=True,
        text=True,
        env=complint_env(),
        timeout=60,
    )
    english = client.get("/api/rules/tx301?lang=en").json()
    assert english["markdown"] == run.stdout
    assert english["title"] == "Template placeholder left unfilled"
    assert "<h1>TX301 placeholder</h1>" in english["html"]
    assert "<h2>Message</h2>" in english["html"]
    answer = client.get("/api/rules/tx301").json()
    assert answer["title"] == "模板占位符未填写"
    assert "<h2>提示信息</h2>" in answer["html"] and "<h2>示例：会报告</h2>" in answer["html"]
    # The same rule: only the words around its Chinese message and examples change.
    assert answer["markdown"].count("```") == english["markdown"].count("```")
    assert client.get("/api/rules/XX999").status_code == 404


def test_downloads(client: TestClient) -> None:
    name = "ideology-report-2024h1.docx"
    data = (SAMPLES / name).read_bytes()
    form = {"csrf": token(client)}
    annotated = client.post("/download/annotated", files={"file": (name, data)}, data=form)
    assert annotated.status_code == 200
    assert "ideology-report-2024h1-complint.docx" in annotated.headers["content-disposition"]
    comments = list(docx.Document(io.BytesIO(annotated.content)).comments)
    findings = cli_json(name)["findings"]
    assert len(comments) == len(findings)
    assert {c.text.split()[0] for c in comments} == {f["rule"] for f in findings}
    page = client.post("/download/html", files={"file": (name, data)}, data=form)
    assert page.status_code == 200 and '<html lang="zh-CN">' in page.text
    assert page.text.count('<mark class="finding') == len(findings)
    english = client.post("/download/html?lang=en", files={"file": (name, data)}, data=form)
    assert '<html lang="en">' in english.text
    contract = client.post("/download/json", files={"file": (name, data)}, data=form)
    assert contract.json() == cli_json(name)
    text = {"file": ("r.txt", NO_PERIOD.encode())}
    assert client.post("/download/annotated", files=text, data=form).status_code == 422
    assert client.post("/download/revised", files=text, data=form).status_code == 422
    assert client.post("/download/tracked", files=text, data=form).status_code == 404
    chinese = client.post(
        "/download/json", files={"file": ("总结.txt", NO_PERIOD.encode())}, data=form
    )
    assert (
        "filename*=UTF-8''%E6%80%BB%E7%BB%93-complint.json"
        in chinese.headers["content-disposition"]
    )


def test_nothing_is_kept_and_only_counts_are_logged(
    client: TestClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    secret = "绝密单位名称意识形态工作总结\n开展学习X次。\n"
    caplog.set_level(logging.INFO, logger="complint.web")
    reply = client.post("/api/check", files={"file": ("机密文件名.txt", secret.encode())})
    assert reply.status_code == 200
    docx_data = (SAMPLES / "ideology-report-2024h1.docx").read_bytes()
    form = {"csrf": token(client)}
    for kind in ("annotated", "html"):
        client.post(f"/download/{kind}", files={"file": ("机密.docx", docx_data)}, data=form)
    client.post("/api/check", files={"file": ("机密.docx", b"PK\x03\x04broken")})
    assert list(tmp_path.iterdir()) == []  # every temporary folder is gone
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert re.search(r"checked 1 file: \d+ findings \(\d+ errors", logged)
    assert "unreadable" in logged
    assert "机密" not in logged and "绝密" not in logged and ".txt" not in logged


def test_serve_warns_when_it_listens_on_every_interface() -> None:
    from compliance.web.serve import warnings_for

    assert warnings_for("127.0.0.1") == [] and warnings_for("localhost") == []
    assert "every network interface" in warnings_for("0.0.0.0")[0]
    assert warnings_for("10.1.2.3") and "every" not in warnings_for("10.1.2.3")[0]


def test_serve_command_starts_warns_and_answers(tmp_path: Path) -> None:
    import socket
    import urllib.request

    command = [*complint_command()[:3], "serve", "--no-config", "--host", "0.0.0.0", "--port", "0"]
    server = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, env=complint_env(), cwd=tmp_path
    )
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        assert "warning: --host 0.0.0.0 serves every network interface" in first
        serving = re.search(r"serving http://0\.0\.0\.0:(\d+)/", server.stderr.readline())
        assert serving is not None
        port = int(serving.group(1))
        page = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                    page = reply.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert '<html lang="zh-CN">' in page
        # The port is taken now: a second server says so in one line.
        again = [*command[:-1], str(port)]
        taken = subprocess.run(
            again, capture_output=True, text=True, env=complint_env(), timeout=60
        )
        assert taken.returncode == 2
        assert taken.stderr.startswith(f"complint: cannot listen on 0.0.0.0:{port} (")
        assert len(taken.stderr.splitlines()) == 1
    finally:
        server.terminate()
        server.wait(timeout=30)
    with socket.socket() as probe:  # and nothing listens there any more
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


def test_an_internal_error_is_a_500_that_quotes_nothing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from compliance.web import work

    def broken(upload: work.Upload, rules: object) -> object:
        raise RuntimeError(upload.data.decode())

    monkeypatch.setattr(work, "check", broken)
    client = TestClient(create_app(), raise_server_exceptions=False)
    caplog.set_level(logging.INFO, logger="complint.web")
    upload = {"file": ("r.txt", "绝密内容\n".encode())}
    reply = client.post("/check?lang=en", files=upload, data={"csrf": token(client)})
    assert reply.status_code == 500
    assert reply.json() == {"error": "internal error; please pass the file to the administrator"}
    assert "RuntimeError" in caplog.text and "绝密" not in caplog.text


def test_serve_refuses_a_broken_config_in_one_line(tmp_path: Path) -> None:
    config = tmp_path / "complint.toml"
    config.write_text("select = 3\n", encoding="utf-8")
    command = [*complint_command()[:3], "serve", "--config", str(config)]
    run = subprocess.run(command, capture_output=True, text=True, env=complint_env(), timeout=60)
    assert run.returncode == 2
    assert run.stderr.startswith(f"complint: {config}:") and len(run.stderr.splitlines()) == 1


def test_overlapping_findings_cut_the_text_into_pieces() -> None:
    from compliance.web.view import Segment, _segments

    spans = [(0, 4, 0), (2, 6, 1), (6, 6, 2)]
    assert _segments("意识形态领域<b>", spans, ["warning", "error", "info"]) == (
        Segment("意识", (0,), "warning"),
        Segment("形态", (0, 1), "error"),
        Segment("领域", (1,), "error"),
        Segment("<b>", (), ""),
    )


def test_both_languages_have_every_word_with_the_same_placeholders() -> None:
    from compliance.web.i18n import TEXTS, pick

    chinese, english = TEXTS["zh-CN"], TEXTS["en"]
    assert set(chinese) == set(english)
    for key, text in chinese.items():
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", english[key])), key
    assert pick("en", "zh-CN") == "en" and pick("EN-us", "zh-CN") == "zh-CN"
    assert pick("zh", "en") == "zh-CN" and pick(None, "en") == "en"


def test_serve_without_the_web_extra_says_how_to_install_it() -> None:
    script = (
        "import sys; sys.modules['uvicorn'] = None\n"
        "from compliance.cli import main; sys.exit(main(['serve']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=complint_env()
    )
    assert run.returncode == 2
    assert run.stderr == (
        "complint serve needs the web extra: pip install 'complint[web]' "
        "(uvicorn is not installed)\n"
    )


def test_the_page_works_under_a_prefix_as_behind_a_proxy() -> None:
    from starlette.applications import Starlette
    from starlette.routing import Mount

    outer = TestClient(Starlette(routes=[Mount("/complint", app=create_app())]))
    page = outer.get("/complint/")
    assert page.status_code == 200
    parser = References()
    parser.feed(page.text)
    for url in parser.urls:
        assert outer.get("/complint/" + url).status_code == 200, url
    found = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert found is not None
    upload = {"file": ("r.txt", NO_PERIOD.encode())}
    reply = outer.post("/complint/check", files=upload, data={"csrf": found.group(1)})
    assert reply.status_code == 200 and reply.json()["name"] == "r.txt"


def test_on_loopback_only_its_own_host_names_are_answered() -> None:
    settings = Settings(allowed_hosts=("127.0.0.1", "localhost", "proxy.example"))
    local = TestClient(create_app(settings), base_url="http://127.0.0.1:8000")
    assert local.get("/").status_code == 200
    assert local.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert local.get("/", headers={"host": "proxy.example"}).status_code == 200
    # A DNS name an attacker pointed at 127.0.0.1 (DNS rebinding) gets nothing.
    assert local.get("/", headers={"host": "rebind.evil.example"}).status_code == 400
    upload = {"file": ("r.txt", NO_PERIOD.encode())}
    assert (
        local.post("/api/check", files=upload, headers={"host": "rebind.evil.example"}).status_code
        == 400
    )


def test_the_revised_copy_carries_each_safe_fix_as_a_tracked_change(client: TestClient) -> None:
    name = "ideology-report-2024h1.docx"
    data = (SAMPLES / name).read_bytes()
    form = {"csrf": token(client)}
    revised = client.post("/download/revised", files={"file": (name, data)}, data=form)
    assert revised.status_code == 200
    findings = cli_json(name)["findings"]
    fixable = [f for f in findings if f.get("fix")]
    assert fixable, "the sample has safe fixes (its misspelt terms)"
    with zipfile.ZipFile(io.BytesIO(revised.content)) as package:
        body = package.read("word/document.xml").decode("utf-8")
    inserted = re.findall(r'<w:ins [^>]*w:author="complint".*?</w:ins>', body, flags=re.S)
    deleted = re.findall(r'<w:del [^>]*w:author="complint".*?</w:del>', body, flags=re.S)
    assert len(inserted) == len(deleted) == len(fixable)
    # Each change is the character difference: 领城 → 领域 deletes 城 and inserts 域.
    new_characters = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", "".join(inserted)))
    for finding in fixable:
        assert set(finding["fix"]["replacement"]) - set(finding["text"]) <= set(new_characters)
    comments = list(docx.Document(io.BytesIO(revised.content)).comments)
    assert len(comments) == len(findings) - len(fixable)
