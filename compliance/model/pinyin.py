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
