"""A cheap language guess from letters: ru, ky, kk, en or und."""

from __future__ import annotations

KYRGYZ = set("ңөүҢӨҮ")
KAZAKH = set("әғқұһіӘҒҚҰҺІ")


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
    cyr = sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cyr + lat == 0:
        return "und"
    if lat > cyr:
        return "en"
    ky = sum(1 for ch in sample if ch in KYRGYZ)
    kk = sum(1 for ch in sample if ch in KAZAKH)
    if max(ky, kk) / cyr > 0.005:
        return "kk" if kk > ky else "ky"
    return "ru"
