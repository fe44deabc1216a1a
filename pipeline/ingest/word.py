"""The text of a .docx within limits: every part's size checked before it is unpacked, media never read.

A .docx is a zip archive, and zip sizes are declared by the archive itself: a 2 MB file can unpack to
gigabytes (a zip bomb), in any part, not only `word/document.xml`. So the XML parts are checked by their
declared sizes and ratios first, then unpacked through a counter that stops at the limit whatever the header
says; images and other binary parts are replaced by empty ones before python-docx sees the package. The main
document part is read as a stream, a top-level paragraph or table at a time, so memory does not grow with it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from pipeline.errors import IngestError

MIB = 1024 * 1024
MAX_XML = 128 * MIB  # all XML parts of one .docx unpacked together (4 M characters of text need ~40 MiB)
MAX_RATIO = 200  # unpacked / packed size of one part; Word's XML packs 5-20 times, a zip bomb ~1000 times
RATIO_FLOOR = MIB  # parts smaller than this may pack as tightly as they like
XML_SUFFIXES = (".xml", ".rels")
CHUNK = 64 * 1024
MAIN = "word/document.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY, PARAGRAPH, TABLE = f"{W}body", f"{W}p", f"{W}tbl"
EMPTY_BODY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
)


def docx_text(source: str, data: bytes) -> str:
    """Paragraphs and table cells of a .docx, one per line, as python-docx reads them; the main document part
    is parsed as a stream, one top-level paragraph or table at a time (python-docx's tree of a 100 MiB part
    would take over a gigabyte, issue 13)."""
    import docx

    archive, main = _archive(source, data)
    package, budget = _checked_package(source, archive, main)
    try:
        document = docx.Document(package)
    except Exception as exc:  # python-docx raises many types for a zip that is not a document
        raise IngestError(source, f"not a .docx: {type(exc).__name__}: {exc}", "bad_docx") from None
    if document.part.partname != f"/{MAIN}":  # the main part has another name: it was copied whole
        return "\n".join(_body_lines(document.paragraphs, document.tables))
    return _streamed_text(source, archive, main, budget)


def _archive(source: str, data: bytes) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    """The archive and its main document part, or the reason it is no .docx."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        return archive, archive.getinfo(MAIN)
    except zipfile.BadZipFile:
        raise IngestError(source, "not a .docx: the file is not a zip archive", "bad_docx") from None
    except KeyError:
        message = f"not a .docx: a zip archive without {MAIN}"
        raise IngestError(source, message, "bad_docx") from None
    except Exception as exc:  # zipfile raises several types for a damaged archive
        raise IngestError(source, f"not a .docx: damaged zip archive ({exc})", "bad_docx") from None


def _body_lines(paragraphs, tables) -> list[str]:
    """Each paragraph's text, then each table row's cells joined by tabs."""
    lines = [p.text for p in paragraphs]
    for table in tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return lines


def _checked_package(source: str, archive: zipfile.ZipFile, main: zipfile.ZipInfo) -> tuple[io.BytesIO, int]:
    """A copy of the archive holding its XML parts, unpacked within the limits, an empty body in place of the
    main document part (read later as a stream) and empty binary parts; and what is left of the budget."""
    members = archive.infolist()
    parts = [m for m in members if m.filename.lower().endswith(XML_SUFFIXES)]
    _check_declared(source, parts)
    out = io.BytesIO()
    budget = MAX_XML
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for member in members:
            if member.is_dir():
                continue
            if member.filename == main.filename:
                body = EMPTY_BODY
            elif member in parts:
                body = _inflate(source, archive, member, budget)
                budget -= len(body)
            else:
                body = b""  # images, fonts, embedded files: nothing of the text, never unpacked
            copy.writestr(member.filename, body)
    out.seek(0)
    return out, budget


def _streamed_text(source: str, archive: zipfile.ZipFile, main: zipfile.ZipInfo, budget: int) -> str:
    """The main part unpacked through the counter into python-docx's own parser, each top-level paragraph
    and table read (with python-docx's element classes) and dropped as soon as it is complete."""
    from docx.oxml.parser import element_class_lookup
    from docx.table import Table
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("end",), tag=(PARAGRAPH, TABLE), remove_blank_text=True, resolve_entities=False
    )
    parser.set_element_class_lookup(element_class_lookup)
    paragraphs: list[str] = []
    tables: list[str] = []
    try:
        for chunk in _chunks(source, archive, main, budget):
            parser.feed(chunk)
            for _, element in parser.read_events():
                parent = element.getparent()
                if parent is None or parent.tag != BODY:
                    continue
                if element.tag == PARAGRAPH:
                    paragraphs.append(element.text)
                elif element.tag == TABLE:
                    tables += _body_lines([], [Table(element, None)])
                parent.remove(element)  # what has been read is dropped: memory stays one block deep
        parser.close()
    except etree.XMLSyntaxError as exc:
        raise IngestError(source, f"not a .docx: damaged part {main.filename} ({exc})", "bad_docx") from None
    return "\n".join(paragraphs + tables)


def _chunks(source: str, archive: zipfile.ZipFile, part: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """A part's bytes as they are unpacked, counting the bytes that really come out, not the declared ones."""
    size = 0
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > budget:
                    raise IngestError(
                        source,
                        f"too large: {part.filename} unpacks past the {MAX_XML // MIB} MiB limit for the "
                        "XML parts (pipeline.ingest.word.MAX_XML), more than its header declares",
                        "too_large",
                    )
                yield chunk
    except IngestError:
        raise
    except Exception as exc:  # a bad CRC, a truncated stream, an unknown compression method
        raise IngestError(source, f"not a .docx: damaged part {part.filename} ({exc})", "bad_docx") from None


def _check_declared(source: str, parts: list[zipfile.ZipInfo]) -> None:
    """Refuse before unpacking anything when the declared sizes already break a limit."""
    total = sum(p.file_size for p in parts)
    if total > MAX_XML:
        raise IngestError(
            source,
            f"too large: the .docx's XML parts unpack to {total / MIB:,.0f} MiB, over the "
            f"{MAX_XML // MIB} MiB limit (pipeline.ingest.word.MAX_XML)",
            "too_large",
        )
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            ratio = part.file_size / max(part.compress_size, 1)
            raise IngestError(
                source,
                f"too large: {part.filename} unpacks to {ratio:,.0f} times its packed size, over the "
                f"limit of {MAX_RATIO} (pipeline.ingest.word.MAX_RATIO): a zip bomb",
                "too_large",
            )


def _inflate(source: str, archive: zipfile.ZipFile, part: zipfile.ZipInfo, budget: int) -> bytes:
    """One part unpacked whole through the counter."""
    return b"".join(_chunks(source, archive, part, budget))
