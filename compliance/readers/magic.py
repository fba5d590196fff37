"""File signatures the readers check before trusting a file's suffix."""

from __future__ import annotations

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .doc, .wps, encrypted OOXML
ZIP = b"PK\x03\x04"
RTF = b"{\\rtf"
# Enterprise document-security software wraps files in its own encrypted container.
ENCRYPTION_WRAPPER = b"%TSD-Header"
WRAPPED = (
    "encrypted by document-security software (%TSD-Header); "
    "decrypt or export it on the computer that protects it"
)
WORD_2003_XML = b"schemas.microsoft.com/office/word/2003/wordml"


def is_text(head: bytes) -> bool:
    """Whether a file's first bytes read as UTF-8 text (a character cut at the end is fine)."""
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start > len(head) - 4
    return True
