"""File names as text: any bytes of a name in, text that can be stored, hashed, keyed and printed out.

On Linux a file name is bytes; Python hands back the ones that are not UTF-8 as lone surrogates, which
SQLite, JSON and `str.encode` refuse. Newlines, terminal escape codes and bidirectional overrides are valid
UTF-8, but printed raw they split or forge the one-line-per-failure report.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import PurePath

# Control, format (bidi overrides, zero-width), surrogate, private-use, unassigned, line/paragraph separators.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def name_text(path: PurePath | str) -> str:
    r"""A path as valid text: UTF-8 kept as it is, any other byte written as \xNN.

    >>> name_text(os.fsdecode(b"bad\xff\xfe.txt"))
    'bad\\xff\\xfe.txt'
    >>> name_text("Постановление № 5.txt")
    'Постановление № 5.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def escape(text: str, keep: str = "") -> str:
    r"""Text with every invisible or line-breaking character (but those in keep) written as an escape, so it
    prints as one line and no terminal escape code in data reaches the terminal.

    >>> escape("a\nb\x1b[31mred\u202etxt.txt")
    'a\\nb\\x1b[31mred\\u202etxt.txt'
    >>> escape("line\nnext\x07", keep="\n")
    'line\nnext\\x07'
    """
    return "".join(
        _escaped(c) if unicodedata.category(c) in HIDDEN_CATEGORIES and c not in keep else c for c in text
    )


def _escaped(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # an undecodable byte, as os.fsdecode hands it back
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def safe_id(stem: PurePath | str) -> str:
    r"""A document id from a file stem: storable text with nothing that breaks a line or a terminal.

    >>> safe_id(os.fsdecode(b"bad\xff\xfe"))
    'bad\\xff\\xfe'
    >>> safe_id("000_494cf898737f7a48")
    '000_494cf898737f7a48'
    """
    return escape(name_text(stem))
