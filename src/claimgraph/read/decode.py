"""Bytes → text, refusing what is not text.

Every reader funnels raw bytes through :func:`decode_bytes`, so the rules are the same for a
file, standard input, an upload and a downloaded page:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32), and the text must then decode cleanly;
2. known binary formats (PDF, ZIP/Office, images, executables, archives, …) are refused by
   their magic number, with a message that names what the input looks like;
3. NUL bytes mean binary;
4. strict UTF-8 is tried first (it almost never decodes anything that is not UTF-8), then a
   charset the source declared (HTTP header or ``<meta charset>``);
5. only if the bytes are *plausibly text* (mostly printable ASCII, as every legacy-encoded
   English article is) is a legacy charset tried: Windows-1252 first, then a guess by
   charset-normalizer; otherwise refuse. Guessing on arbitrary bytes would turn garbage
   into "text" and analyse it.

Finally the decoded text must not be full of control characters.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3\x02", "an MP3 audio file"),
    (b"ID3\x03", "an MP3 audio file"),
    (b"ID3\x04", "an MP3 audio file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska or WebM video"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
_BZIP2 = re.compile(rb"^BZh[1-9]1AY&SY")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
MAX_CONTROL_RATIO = 0.05
MIN_ASCII_RATIO = 0.7


def decode_bytes(
    data: bytes, *, declared_charset: str | None = None, what: str = "the input"
) -> str:
    """Decode untrusted bytes to text or raise :class:`InputError` saying why not.

    ``declared_charset`` is what the source claimed (HTTP ``Content-Type``); a
    ``<meta charset>`` in the first bytes is used when nothing was declared.
    """
    if not data:
        raise InputError(f"{what} is empty: there is no text to analyse")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            name = encoding.replace("-sig", "").upper()
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{what} starts with a {name} byte-order mark but is not valid {name} text "
                    f"(bad bytes at offset {exc.start})"
                ) from None
            text = text.lstrip("\ufeff")
            _refuse_control_heavy(text, what)
            if encoding != "utf-8-sig":
                _refuse_unassigned(text, name, what)
            return text
    kind = binary_kind(data)
    if kind:
        raise InputError(f"{what} looks like {kind}, not an article text")
    if b"\x00" in data:
        raise InputError(f"{what} looks binary (it contains NUL bytes), not an article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_legacy(data, declared_charset, what, exc)
    _refuse_control_heavy(text, what)
    return text


def binary_kind(data: bytes) -> str | None:
    """What a known binary format ``data`` starts with looks like, in words, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4, MOV or HEIC media file"
    if _BZIP2.match(data[:10]):
        return "a bzip2-compressed file"
    return None


def format_size(n: int) -> str:
    """``209715200`` → ``"200.0 MiB (209,715,200 bytes)"``: readable and exact."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit} ({n:,} bytes)"
    return f"{n:,} bytes"


def _decode_legacy(
    data: bytes, declared: str | None, what: str, utf8_error: UnicodeDecodeError
) -> str:
    refusal = (
        f"{what} is not valid UTF-8 text (invalid byte 0x{data[utf8_error.start]:02x} at offset "
        f"{utf8_error.start}) and its encoding could not be recognised"
    )
    for charset in (declared, _meta_charset(data)):
        encoding = _known_encoding(charset)
        if not encoding or encoding in ("utf-8", "utf-16", "utf-32"):
            continue
        # As browsers do: a page labelled Latin-1 or ASCII is really Windows-1252.
        for candidate in (
            ("cp1252", encoding) if encoding in ("iso8859-1", "ascii") else (encoding,)
        ):
            try:
                return data.decode(candidate)
            except UnicodeDecodeError:
                continue
    if not _plausibly_text(data):
        raise InputError(refusal)
    # Mostly-ASCII prose with a few high bytes is, for English news, overwhelmingly
    # Windows-1252 (curly quotes, accented names). Statistical guessing on a handful of
    # high bytes picks Baltic or Cyrillic code pages just as readily, so try 1252 first.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # lazy: only for non-UTF-8 input

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding in ("utf_8", "utf_16", "utf_32"):
        raise InputError(refusal)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(refusal) from None


def _plausibly_text(data: bytes, sample: int = 1 << 16) -> bool:
    """Legacy-encoded prose is mostly printable ASCII with a few accented letters."""
    head = data[:sample]
    printable = sum(1 for b in head if 32 <= b < 127 or b in (9, 10, 13))
    return printable / len(head) >= MIN_ASCII_RATIO


def _refuse_control_heavy(text: str, what: str, sample: int = 1 << 16) -> None:
    head = text[:sample]
    if not head:
        return
    controls = sum(
        1 for ch in head if (ch < " " and ch not in _ALLOWED_CONTROLS) or "\x7f" <= ch <= "\x9f"
    )
    if controls / len(head) > MAX_CONTROL_RATIO:
        raise InputError(
            f"{what} looks binary ({controls / len(head):.0%} control characters), "
            "not an article text"
        )


def _refuse_unassigned(text: str, name: str, what: str, sample: int = 1 << 16) -> None:
    """Random bytes after a UTF-16/32 byte-order mark still decode, to unassigned and
    private-use characters that no real article contains."""
    import unicodedata

    head = text[:sample]
    odd = sum(1 for ch in head if unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    if head and odd / len(head) > 0.02:
        raise InputError(
            f"{what} starts with a {name} byte-order mark but does not decode to text "
            f"({odd / len(head):.0%} unassigned characters)"
        )


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _known_encoding(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None
