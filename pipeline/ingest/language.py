"""A cheap language guess from letters: ru, ky, kk, en or und."""

from __future__ import annotations

KYRGYZ = set("ңөүҢӨҮ")
KAZAKH = set("әғқұһіӘҒҚҰҺІ")
# Letters counted in the UTF-8 bytes, where C loops count them: U+0400–U+04FF are the two-byte characters
# whose lead byte is D0–D3 (a lead byte is never part of another character), ASCII letters single bytes.
CYRILLIC_LEAD_BYTES = bytes(range(0xD0, 0xD4))
NOT_ASCII_LETTER = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's main language.

    >>> guess_language("Министерство здравоохранения")
    'ru'
    >>> guess_language("Саламаттык сактоо министрлиги өкмөттүн токтому")
    'ky'
    >>> guess_language("Ministry of Health")
    'en'
    """
    sample = text[:50000]
    data = sample.encode("utf-8", "surrogatepass")
    cyr = sum(map(data.count, CYRILLIC_LEAD_BYTES))
    lat = len(data.translate(None, NOT_ASCII_LETTER))
    if cyr + lat == 0:
        return "und"
    if lat > cyr:
        return "en"
    ky = sum(map(sample.count, KYRGYZ))
    kk = sum(map(sample.count, KAZAKH))
    if max(ky, kk) / cyr > 0.005:
        return "kk" if kk > ky else "ky"
    return "ru"
