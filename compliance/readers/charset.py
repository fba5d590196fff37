"""Whether text decoded as GB18030 really was GB18030.

GB18030 accepts almost any byte sequence, so Big5 (Taiwan, Hong Kong) and Shift-JIS
files decode without an error into gibberish, which the rules then flag by the dozen.
Real mainland text, GBK or GB18030, stays almost entirely within GB2312's 7,445
characters (6,763 hanzi); Big5 bytes land outside it about four times in ten and
Shift-JIS nearly always. A file whose non-ASCII characters leave GB2312 that often is
refused, with charset-normalizer's guess at what it is.
"""

from __future__ import annotations

from compliance.errors import ReadError

SAMPLE = 200_000  # characters looked at: enough to decide, cheap on a 30 MB file
MIN_CHARACTERS = 20  # fewer non-ASCII characters than this decide nothing
MAX_RARE_SHARE = 0.2


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def rare_share(text: str) -> float | None:
    """The share of non-ASCII characters outside GB2312, or None for too few of them."""
    counts: dict[str, int] = {}
    for character in text[:SAMPLE]:
        if character > "\x7f":
            counts[character] = counts.get(character, 0) + 1
    total = sum(counts.values())
    if total < MIN_CHARACTERS:
        return None
    rare = sum(n for character, n in counts.items() if not _in_gb2312(character))
    return rare / total


def check_gb18030(data: bytes, text: str, shown: str) -> None:
    """Raise a ReadError when `text`, decoded from `data` as GB18030, is likely mojibake."""
    share = rare_share(text)
    if share is None or share <= MAX_RARE_SHARE:
        return
    guess = _guess(data)
    what = f"it looks like {guess}" if guess else "it is not GB18030 either"
    raise ReadError(
        shown,
        f"cannot decode text: not UTF-8, and read as GB18030 {share:.0%} of its characters "
        f"are rare or unassigned ({what}); save it as UTF-8",
    )


_NAMES = {
    "big5": "Big5 (traditional Chinese)",
    "cp950": "Big5 (traditional Chinese)",
    "big5hkscs": "Big5-HKSCS (traditional Chinese)",
    "shift_jis": "Shift-JIS (Japanese)",
    "cp932": "Shift-JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "euc_kr": "EUC-KR (Korean)",
    "cp949": "EUC-KR (Korean)",
}


def _guess(data: bytes) -> str | None:
    # Imported here: only a file that is neither UTF-8 nor plausible GB18030 pays for it.
    from charset_normalizer import from_bytes

    best = from_bytes(data[: SAMPLE * 2]).best()
    if best is None:
        return None
    encoding = str(best.encoding)
    if encoding.startswith("gb"):
        return None  # no better idea than the decoding already refused
    return _NAMES.get(encoding, encoding)
