"""A progress bar on stderr, for runs over many files at a terminal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

FEW = 5  # below this many files a bar would only flicker


@dataclass
class Bar:
    """A progress bar on a terminal."""

    stream: TextIO
    width: int = 30
    shown: bool = False

    def __call__(self, done: int, total: int) -> None:
        if total <= FEW:
            return
        filled = self.width * done // total
        bar = "█" * filled + "░" * (self.width - filled)
        self.stream.write(f"\r{bar} {done}/{total} files")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:  # erase the bar so the next line starts clean
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def wanted(stream: TextIO, quiet: bool) -> bool:
    isatty = getattr(stream, "isatty", None)
    return not quiet and bool(isatty and isatty())
