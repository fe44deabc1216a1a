"""Bytes to text: detects BOMs, UTF-16 without BOM, UTF-8 and single-byte Cyrillic encodings."""

from __future__ import annotations

import codecs

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CYRILLIC_CODECS = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name).

    >>> decode_bytes("Закон".encode("cp1251"))
    ('Закон', 'cp1251')
    >>> decode_bytes("Закон".encode("utf-16"))[0]
    'Закон'
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        text = data.decode("utf-8")
        return _checked(text, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _single_byte(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 shows as NUL in every other byte of mostly-ASCII or Cyrillic text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if max(even_nul, odd_nul) < 0.2 and not _cyrillic_utf16(sample):
        return None
    name = "utf-16-le" if odd_nul >= even_nul else "utf-16-be"
    try:
        return _checked(data.decode(name), name), name
    except (UnicodeDecodeError, DecodeError):
        return None


def _cyrillic_utf16(sample: bytes) -> bool:
    """Cyrillic UTF-16-LE has 0x04 as every high byte."""
    high = sample[1::2]
    return len(high) > 8 and high.count(4) / len(high) > 0.5 and sample[0::2].count(4) / len(high) < 0.2


def _single_byte(data: bytes) -> tuple[str, str]:
    """Pick the Cyrillic code page whose decoding reads most like Russian."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CYRILLIC_CODECS)).best()
    if best is not None:
        return _checked(str(best), best.encoding), best.encoding
    raise DecodeError("not text: no UTF-8, UTF-16 or Cyrillic code page decodes it")


def _checked(text: str, encoding: str) -> str:
    """Reject decodings that are mostly control characters (binary junk)."""
    if not text:
        return text
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if bad / len(sample) > 0.05:
        raise DecodeError(f"looks binary ({bad} control characters in the first {len(sample)} as {encoding})")
    return text
