"""Pinyin annotations a copied page prints after characters (意識(shí)形態(tài), 產（chǎn）品).

Two readings, shared by the outline and the rule kinds that read past them:
`TONED` is an annotation carrying a tone mark — what tells an annotated copy from a
bracket; `ANNOTATION` is any syllable in brackets right after a Chinese character, toned
or not (的（de）), for taking them out of a copy once it is known to be annotated.
"""

from __future__ import annotations

from compliance.lazyre import lazy

TONED = lazy(r"[（(][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# Led by the bracket, so the scan skips to brackets (a lookbehind first tried every
# position: 8 require rules scanned each report's text this way).
ANNOTATION = lazy(r"[(（](?<=[\u4e00-\u9fff][(（])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň]{1,7}[)）]")


# A copy annotated throughout is read without its annotations (TX306: 國（guó）國（guó） is
# the doubled 国 it is; TX302: 習（xí）近平 is 习近平, not 近平 short of 习). A tone mark says the
# block is annotated; then a toneless syllable (的（de）) is an annotation too.
def without_annotations(text: str) -> tuple[str, list[int]] | None:
    """`text` without its pinyin annotations, and for every character left (and the end)
    its offset in `text`; None when the text carries no annotation."""
    if ("(" not in text and "（" not in text) or not TONED().search(text):
        return None
    kept: list[int] = []
    at = 0
    for m in ANNOTATION().finditer(text):
        kept.extend(range(at, m.start()))
        at = m.end()
    kept.extend(range(at, len(text)))
    if len(kept) == len(text):
        return None
    return "".join(text[i] for i in kept), [*kept, len(text)]
