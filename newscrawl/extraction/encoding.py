"""Decode a page's bytes the way a careful reader would, not the way its labels say.

Order of evidence:

1. a byte-order mark;
2. bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever the
   HTTP header or ``<meta>`` claims (the common lie is ``latin-1``);
3. the encodings the HTTP header and the ``<meta>`` tag declare: one is
   taken as it is; when they disagree, charset_normalizer picks the one that
   yields the least garbled text;
4. with no declaration, charset_normalizer's best guess;
5. UTF-8 with replacement characters, so that nothing ever fails.

``latin-1``/``iso-8859-1``/``ascii`` labels mean windows-1252, as browsers
read them (WHATWG Encoding standard).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_WINDOWS_1252 = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii"}
_SNIFF_BYTES = 4096


def decode_html(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """The page's text and the encoding it was read with."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    if not body.isascii():
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = list(dict.fromkeys(c for c in (_codec(declared), _codec(meta_charset(body))) if c))
    chosen = candidates[0] if len(candidates) == 1 else _least_garbled(body, candidates)
    if chosen:
        return body.decode(chosen, errors="replace"), chosen
    return body.decode("utf-8", errors="replace"), "utf-8"


def meta_charset(body: bytes) -> str | None:
    """The charset a ``<meta>`` tag near the top of the page declares."""
    m = _META.search(body[:_SNIFF_BYTES])
    return m.group(1).decode("ascii", "ignore") if m else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for an encoding label, or None when it is not one."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _least_garbled(body: bytes, candidates: list[str]) -> str | None:
    """Of the declared encodings (or any, when none is declared), the most plausible."""
    matches = from_bytes(body, cp_isolation=candidates or None)
    best = matches.best()
    if best is not None:
        return best.encoding
    return candidates[0] if candidates else None
