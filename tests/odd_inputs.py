"""Odd and bad input files, made on demand: ingest's own tests and whole-run tests use the same ones."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from tests.hostile_inputs import docx_bytes

RU = "РЕЗОЛЮЦИЯ\n1. Рекомендовать Министерству здравоохранения Кыргызской Республики разработать план.\n"
KY = "Кыргыз Республикасынын Саламаттык сактоо министрлиги өкмөттүн токтомун аткарууга милдеттүү.\n"
EN = "The Ministry of Health shall develop a national vaccination plan by 2025.\n"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "заметки")
    return buffer.getvalue()


# file → (bytes, language, encoding, a warning's words or None, a fragment of the cleaned text)
DOCUMENTS = {
    "cp1251.txt": (RU.encode("cp1251"), "ru", "cp1251", None, "Рекомендовать Министерству"),
    "utf16_bom.txt": (RU.encode("utf-16"), "ru", "utf-16", None, "Рекомендовать Министерству"),
    "utf16_le.txt": (RU.encode("utf-16-le"), "ru", "utf-16-le", None, "Рекомендовать Министерству"),
    "utf16_be.txt": (RU.encode("utf-16-be"), "ru", "utf-16-be", None, "Рекомендовать Министерству"),
    "broken_utf8.txt": (
        RU.encode()[:41] + b"\xff" + RU.encode()[41:],
        "ru",
        "utf-8",
        "U+FFFD",
        "разработать",
    ),
    "kyrgyz.txt": (KY.encode(), "ky", "utf-8", "language is ky, not Russian", "Саламаттык сактоо"),
    "english.txt": (EN.encode(), "en", "utf-8", "language is en, not Russian", "Ministry of Health"),
    "latin_m.txt": (
        "Mинистерство здравоохранения разработает план.".encode(),
        "ru",
        "utf-8",
        None,
        "Министерство здравоохранения",
    ),
    "invisible.txt": (
        "Министерство\u00a0здравоохранения\u200b\u2060 разработает\u202fплан.".encode(),
        "ru",
        "utf-8",
        None,
        "Министерство здравоохранения разработает план.",
    ),
    "soft_hyphen.txt": (
        "Про\u00adграмма здраво\u00adохранения.".encode(),
        "ru",
        "utf-8",
        None,
        "Программа здравоохранения.",
    ),
    "control.txt": (RU.replace(" ", " \x00", 2).encode(), "ru", "utf-8", None, "Рекомендовать Министерству"),
    "word.docx": (docx_bytes(RU), "ru", "docx", None, "1. Рекомендовать Министерству"),
}
# file → (bytes, the errors.kind it gets); `_make_special` makes those without bytes, and the last two
# need `locked_open` and `vanishing` patched in to fail.
FAILURES = {
    "empty.txt": (b"", "empty"),
    "blank.md": (" \n\t\r\n\u00a0\u200b \n".encode(), "empty"),
    "junk.txt": (random.Random(1).randbytes(4000), "encoding"),
    "fake.docx": (b"This is plain text with a .docx name.", "bad_docx"),
    "archive.docx": (_zip(), "bad_docx"),
    "scan.pdf": (b"%PDF-1.4 binary", "unsupported"),
    "huge.txt": (None, "too_large"),
    "loop.txt": (None, "bad_link"),
    "dangling.txt": (None, "bad_link"),
    "locked.txt": (RU.encode(), "permission"),
    "vanishing.txt": (RU.encode(), "missing"),
}


def _make_special(folder: Path, name: str) -> None:
    """The 50 MB text and the two broken symbolic links."""
    if name == "huge.txt":
        line = ("Рекомендовать Министерству здравоохранения разработать план. " * 20 + "\n").encode()
        with (folder / name).open("wb") as f:
            for _ in range(50 * 1024 * 1024 // len(line) + 1):
                f.write(line)
    elif name == "loop.txt":
        (folder / "loop.txt").symlink_to("loop.txt")
    elif name == "dangling.txt":
        (folder / "dangling.txt").symlink_to("nowhere.txt")


def make(folder: Path, name: str) -> Path:
    data = DOCUMENTS[name][0] if name in DOCUMENTS else FAILURES[name][0]
    if data is None:
        _make_special(folder, name)
    else:
        (folder / name).write_bytes(data)
    return folder / name


def locked_open(real):
    """Path.open refusing `locked.txt`: as root, chmod 000 does not stop a read."""

    def fake(self, mode="r", *args, **kwargs):
        if self.name == "locked.txt" and "r" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, mode, *args, **kwargs)

    return fake


def vanishing(real):
    """ingest_file that finds `vanishing.txt` deleted between discovery and reading."""

    def fake(path: Path, doc_id: str, source: str):
        if path.name == "vanishing.txt":
            path.unlink(missing_ok=True)
        return real(path, doc_id, source)

    return fake
