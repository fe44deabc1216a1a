"""Hostile input files, made on demand (issue 13): zip bombs and file names of any bytes."""

from __future__ import annotations

import io
import os
import sqlite3
import struct
import zipfile
from pathlib import Path

MIB = 1024 * 1024
GIB = 1024 * MIB
TEXT = "ПОСТАНОВЛЕНИЕ\n1. Рекомендовать Министерству здравоохранения разработать план.\n"
RABIES = "1. Рекомендовать Министерству здравоохранения закупить вакцину против бешенства.\n"
MARKUP_TITLE = "План [/i] [link=http://evil.example]клик[/link]"
STYLES = "word/styles.xml"


def docx_bytes(text: str = TEXT) -> bytes:
    """A small, valid .docx with one paragraph per line."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_member(data: bytes, name: str, size: int, chunk: bytes = b"\0") -> bytes:
    """A copy of a .docx whose member `name` is `size` bytes of `chunk` repeated, deflated as a bomb is."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            if member.filename != name:
                archive.writestr(member, source.read(member.filename))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        block = chunk * (MIB // len(chunk))
        with archive.open(info, "w", force_zip64=size > 2**31) as stream:
            for start in range(0, size, len(block)):
                stream.write(block[: size - start])
    return out.getvalue()


def lying(data: bytes, name: str, declared: int) -> bytes:
    """A copy of a zip whose local and central headers both declare `declared` bytes for member `name`."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    out = bytearray(data)
    struct.pack_into("<I", out, info.header_offset + 22, declared)  # local header: uncompressed size
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + length] == name.encode():
            struct.pack_into("<I", out, central + 24, declared)  # central directory: uncompressed size
            break
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


RAW_NAMES = {  # file name bytes → content; the names hold what a hostile or careless user may put there
    b"bad\xff\xfe.txt": b"",
    b"new\nline.txt": b"",
    b"esc\x1b[31mred.txt": TEXT.encode(),
    b'"><img src=x onerror=alert(1)>.txt': TEXT.encode(),
    b"[bold][link=evil.example]name.txt": RABIES.encode(),
    b"markup.txt": f"{MARKUP_TITLE}\n{RABIES}".encode(),
    b"aspnet.html": (
        '<html><head><title>x</title></head><body><form method="post" action="./page.aspx">'
        "<div><p>ПОСТАНОВЛЕНИЕ</p><p>1. Поручить Министерству здравоохранения разработать план.</p></div>"
        '<input type="hidden" value="dDwtMTA4"></form></body></html>'
    ).encode(),
    b"unclosed_head.html": (
        "<html><head><meta charset=utf-8><title>Приказ</title>"
        "<p>1. Утвердить план мероприятий по вакцинации.</p><p>2. Контроль оставляю за собой.</p>"
    ).encode(),
}


def write_named(folder: Path, name: bytes, data: bytes) -> None:
    """A file whose name is any bytes (Path would have to decode them)."""
    with open(os.path.join(os.fsencode(folder), name), "wb") as f:
        f.write(data)


def rows(out: Path, sql: str) -> list[tuple]:
    """Rows of one query on the dataset in out."""
    con = sqlite3.connect(out / "dataset.sqlite")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
