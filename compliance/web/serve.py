"""`complint serve [--host H] [--port P] …`: run the web page with uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

import compliance
from compliance import Config
from compliance.api import ComplintError
from compliance.web import i18n
from compliance.web.app import MB, Settings, create_app

LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="complint serve",
        description="Serve a web page to check reports, and a JSON API (POST /api/check).",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only); an "
        "intranet address to serve a unit's network",
    )
    parser.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    settings = parser.add_mutually_exclusive_group()
    settings.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="complint.toml or pyproject.toml with the settings (default: found upward from "
        "the current folder, as the command does)",
    )
    settings.add_argument("--no-config", action="store_true", help="the bundled rules' defaults")
    parser.add_argument(
        "--max-size",
        type=int,
        default=20,
        metavar="MB",
        help="the largest file accepted, in megabytes (default: 20)",
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default="zh-CN",
        help="the page's language when a request does not ask (?lang=en); default zh-CN",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="on 127.0.0.1, also answer requests for this host name (a reverse proxy on this "
        "computer that passes its own Host header); repeatable",
    )
    parser.add_argument(
        "--workers", type=int, default=2, metavar="N", help="files checked at once (default: 2)"
    )
    return parser


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warnings_for(host: str) -> list[str]:
    """What to tell whoever starts a server reachable from other computers."""
    if host in ("0.0.0.0", "::", ""):
        return [
            f"complint: warning: --host {host or '0.0.0.0'} serves every network interface: "
            "anyone who can reach this computer can upload files to check. Prefer the "
            "intranet address, and a firewall that admits only your unit's network."
        ]
    if not is_loopback(host):
        return [f"complint: serving on {host}: reachable from other computers on that network"]
    return []


def _config(args: argparse.Namespace) -> Config:
    if args.no_config:
        return Config()
    if args.config is not None:
        return compliance.load_config(args.config)
    return compliance.discover_config()


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.max_size < 1:
        parser.error("--max-size must be 1 or more")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    # Host headers answered when only this computer can connect: a web page elsewhere
    # cannot reach the server through a DNS name it points at 127.0.0.1.
    hosts = (*LOOPBACK_HOSTS, *args.allow_host) if args.host in LOOPBACK_HOSTS else ("*",)
    try:
        settings = Settings(
            config=_config(args),
            max_bytes=args.max_size * MB,
            lang=args.lang,
            allowed_hosts=hosts,
            workers=args.workers,
        )
        app = create_app(settings)
    except (ComplintError, OSError) as err:
        print(f"complint: {err}", file=sys.stderr)
        return 2
    try:
        sock = listen(args.host, args.port)
    except OSError as err:
        print(
            f"complint: cannot listen on {args.host}:{args.port} ({err.strerror or err})",
            file=sys.stderr,
        )
        return 2
    for warning in warnings_for(args.host):
        print(warning, file=sys.stderr)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"complint: serving http://{shown}:{port}/ (Ctrl+C stops)", file=sys.stderr, flush=True)
    logging.basicConfig(level=logging.INFO, format="complint: %(message)s")
    # No access log: request lines are not needed, and counts are all that is logged.
    config = uvicorn.Config(
        app,
        access_log=False,
        log_level="warning",
        server_header=False,
        limit_concurrency=64,  # past that, 503 rather than an ever longer queue
    )
    with sock:
        uvicorn.Server(config).run(sockets=[sock])
    return 0


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (port 0: any free one), so a port in use is one line
    from us rather than a log from the server."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock
