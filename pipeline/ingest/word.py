"""The text of a .docx within limits: every part's size checked before it is unpacked, media never read.

A .docx is a zip archive, and zip sizes are declared by the archive itself: a 2 MB file can unpack to
gigabytes (a zip bomb), in any part, not only `word/document.xml`. So the XML parts are checked by their
declared sizes and ratios first, then unpacked through a counter that stops at the limit whatever the header
says; images and other binary parts are replaced by empty ones before python-docx sees the package.
"""

from __future__ import annotations

import io
import zipfile

from pipeline.errors import IngestError

MIB = 1024 * 1024
MAX_XML = 128 * MIB  # all XML parts of one .docx unpacked together (4 M characters of text need ~40 MiB)
MAX_RATIO = 200  # unpacked / packed size of one part; Word's XML packs 5-20 times, a zip bomb ~1000 times
RATIO_FLOOR = MIB  # parts smaller than this may pack as tightly as they like
XML_SUFFIXES = (".xml", ".rels")
CHUNK = 64 * 1024


def docx_text(source: str, data: bytes) -> str:
    """Paragraphs and table cells of a .docx, one per line (python-docx over the checked XML parts)."""
    import docx

    package = _checked_package(source, data)
    try:
        document = docx.Document(package)
    except Exception as exc:  # python-docx raises many types for a zip that is not a document
        raise IngestError(source, f"not a .docx: {type(exc).__name__}: {exc}", "bad_docx") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _checked_package(source: str, data: bytes) -> io.BytesIO:
    """A copy of the archive holding its XML parts, unpacked within the limits, and empty binary parts."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        archive.getinfo("word/document.xml")
    except zipfile.BadZipFile:
        raise IngestError(source, "not a .docx: the file is not a zip archive", "bad_docx") from None
    except KeyError:
        message = "not a .docx: a zip archive without word/document.xml"
        raise IngestError(source, message, "bad_docx") from None
    except Exception as exc:  # zipfile raises several types for a damaged archive
        raise IngestError(source, f"not a .docx: damaged zip archive ({exc})", "bad_docx") from None
    parts = [m for m in members if m.filename.lower().endswith(XML_SUFFIXES)]
    _check_declared(source, parts)
    out = io.BytesIO()
    budget = MAX_XML
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for member in members:
            if member.is_dir():
                continue
            if member in parts:
                body = _inflate(source, archive, member, budget)
                budget -= len(body)
            else:
                body = b""  # images, fonts, embedded files: nothing of the text, never unpacked
            copy.writestr(member.filename, body)
    out.seek(0)
    return out


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
    """One part unpacked in chunks, counting the bytes that really come out, not the declared ones."""
    pieces, size = [], 0
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
                pieces.append(chunk)
    except IngestError:
        raise
    except Exception as exc:  # a bad CRC, a truncated stream, an unknown compression method
        raise IngestError(source, f"not a .docx: damaged part {part.filename} ({exc})", "bad_docx") from None
    return b"".join(pieces)
