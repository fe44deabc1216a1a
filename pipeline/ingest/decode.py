"""Bytes to text: detects BOMs, UTF-16 without BOM, UTF-8 and single-byte Cyrillic encodings."""

from __future__ import annotations

import codecs
import re

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CYRILLIC_CODECS = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")
# UTF-8 with a few broken bytes (a truncated copy, one bad character) stays UTF-8, with U+FFFD in their
# place, when well-formed multi-byte characters outnumber the broken ones this many times over; text in a
# single-byte code page read as UTF-8 has almost no well-formed multi-byte characters.
UTF8_GOOD_PER_BAD = 20
MAX_BAD_SHARE = 0.05  # control characters or U+FFFD in a decoding that make it binary, not text
BAD_CHARACTER = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")  # controls but \t\n\v\f\r, and U+FFFD


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name).

    >>> decode_bytes("Закон".encode("cp1251"))
    ('Закон', 'cp1251')
    >>> decode_bytes("Закон".encode("utf-16"))[0]
    'Закон'
    >>> decode_bytes("Закон о здравоохранении".encode()[:-1])
    ('Закон о здравоохранени\\ufffd', 'utf-8')
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), name), name
            except (UnicodeDecodeError, DecodeError):
                break  # BOM-like bytes that start something else («яю» in cp1251, binary junk)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    utf8 = _utf8(data)
    if utf8 is not None:
        return _checked(utf8, "utf-8"), "utf-8"
    return _single_byte(data)


def _utf8(data: bytes) -> str | None:
    """The UTF-8 reading, tolerating a few broken bytes; None when the bytes are another encoding."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    extra_bytes = len(data) - len(text)  # 1 or 2 per well-formed Cyrillic or other multi-byte character
    return text if extra_bytes >= UTF8_GOOD_PER_BAD * bad else None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 shows as NUL in every other byte of mostly-ASCII text, or 0x04 of Cyrillic text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if max(even_nul, odd_nul) >= 0.2:
        name = "utf-16-le" if odd_nul >= even_nul else "utf-16-be"
    elif _cyrillic_high(odd, even):
        name = "utf-16-le"
    elif _cyrillic_high(even, odd):
        name = "utf-16-be"
    else:
        return None
    try:
        return _checked(data.decode(name), name), name
    except (UnicodeDecodeError, DecodeError):
        return None


def _cyrillic_high(high: bytes, low: bytes) -> bool:
    """Cyrillic UTF-16 has 0x04 (or 0x00 for spaces and digits) as every high byte."""
    if len(high) <= 8:
        return False
    return (high.count(4) + high.count(0)) / len(high) > 0.8 and low.count(4) / len(low) < 0.2


def _single_byte(data: bytes) -> tuple[str, str]:
    """Pick the Cyrillic code page whose decoding reads most like Russian."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CYRILLIC_CODECS)).best()
    if best is not None:
        return _checked(str(best), best.encoding), best.encoding
    raise DecodeError("not text: no UTF-8, UTF-16 or Cyrillic code page decodes it")


def _checked(text: str, encoding: str) -> str:
    """Reject decodings that are mostly control characters or replacement characters (binary junk)."""
    if not text:
        return text
    sample = text[:20000]
    bad = len(BAD_CHARACTER.findall(sample))
    if bad / len(sample) > MAX_BAD_SHARE:
        raise DecodeError(f"looks binary ({bad} control characters in the first {len(sample)} as {encoding})")
    return text
