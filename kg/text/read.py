"""Inputs to sources: expand files, folders and stdin, decode bytes to article text, refuse bad input.

Scraped articles arrive in every state: UTF-8 with or without BOM, UTF-16 without BOM, Windows-1256,
UTF-8 that went through a Latin-1 round trip ("Ø³Ù„Ø§Ù…"), a download cut in the middle of a
character, an HTML page saved as `.txt`, a PDF renamed `.txt`. Each is either decoded (and the
encoding recorded on the `Source`) or refused with one `InputError` that names the file and the problem.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from kg.errors import InputError
from kg.text.html import html_to_text

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".htm", ".html", ".xhtml"})
ACCEPTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
STDIN = "-"
STDIN_DISPLAY = "<stdin>"
DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class Source:
    """One input article: where it came from, its decoded text and how the bytes were decoded."""

    id: str  # file-name stem ("stdin" for -), unique within one build (see `assign_ids`)
    path: str  # as given ("<stdin>" for -)
    text: str  # decoded text; for HTML the visible text; newlines separate blocks
    sha256: str  # of the raw bytes
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "cp1256", "latin1-mojibake→utf-8", …
    media_type: str  # "text/plain" | "text/html"


# --------------------------------------------------------------------------------------------------
# Expanding inputs


def expand_inputs(inputs: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """Files to read, in a deterministic order, and an error for every input that cannot be one.

    Folders are walked recursively in name order, skipping hidden entries and files whose suffix is
    not an article's (silently: a folder may hold images); a file named explicitly with such a suffix
    is reported. Symbolic links are followed, but a link back to a folder being walked is reported
    instead of looping. A file reached twice (two links, or named twice) is listed once.
    """
    paths: list[str] = []
    errors: list[InputError] = []
    seen_files: set[str] = set()
    stdin_seen = False
    for given in inputs:
        if given == STDIN:
            if stdin_seen:
                errors.append(InputError(STDIN_DISPLAY, "stdin (-) given twice; it can be read only once"))
            else:
                stdin_seen = True
                paths.append(STDIN)
            continue
        if not os.path.lexists(given):
            errors.append(InputError(given, "no such file or directory"))
            continue
        if not os.path.exists(given):
            errors.append(InputError(given, f"broken symbolic link (its target {os.readlink(given)!r} "
                                            "does not exist)"))
            continue
        if os.path.isdir(given):
            _walk(given, (os.path.realpath(given),), paths, errors, seen_files)
            continue
        suffix = PurePath(given).suffix.lower()
        if suffix and suffix not in ACCEPTED_SUFFIXES:
            errors.append(InputError(given, f"unsupported file type {suffix!r} ({_ACCEPTED_DESCRIPTION})"))
            continue
        real = os.path.realpath(given)
        if real not in seen_files:
            seen_files.add(real)
            paths.append(given)
    return paths, errors


_ACCEPTED_DESCRIPTION = "kg reads .txt, .text, .htm, .html and .xhtml files and files without a suffix"


def _walk(folder: str, ancestors: tuple[str, ...], paths: list[str], errors: list[InputError],
          seen_files: set[str]) -> None:
    """Append the article files under `folder`; `ancestors` are the real paths of the folders above."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except PermissionError:
        errors.append(InputError(folder, "permission denied (cannot list the folder)"))
        return
    except OSError as exc:
        errors.append(InputError(folder, f"cannot list the folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()  # follows symbolic links
            is_file = entry.is_file()
        except OSError as exc:
            errors.append(InputError(path, f"cannot read: {exc.strerror or exc}"))
            continue
        if entry.is_symlink() and not is_dir and not is_file:
            if not os.path.exists(path):
                errors.append(InputError(path, f"broken symbolic link (its target {os.readlink(path)!r} "
                                               "does not exist)"))
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real in ancestors:
                errors.append(InputError(path, f"symbolic link loop: it points back to {real!r}, a folder "
                                               "being read; skipped"))
                continue
            _walk(path, (*ancestors, real), paths, errors, seen_files)
        elif is_file:
            suffix = PurePath(entry.name).suffix.lower()
            if suffix and suffix not in ACCEPTED_SUFFIXES:
                continue
            real = os.path.realpath(path)
            if real not in seen_files:
                seen_files.add(real)
                paths.append(path)
        # sockets, FIFOs and devices inside a folder are not articles: skipped silently


def assign_ids(paths: Sequence[str]) -> list[str]:
    """A unique id per path: the file-name stem, or for a later file with a taken stem its folders too.

    `a/x.txt, b/x.txt` → `x, b__x`; when even all folders collide a counter is added (`x__2`).
    """
    ids: list[str] = []
    taken: set[str] = set()
    for path in paths:
        if path == STDIN:
            candidates = ["stdin"]
        else:
            pure = PurePath(path)
            stem = pure.stem or pure.name or "article"
            parents = [p for p in reversed(pure.parent.parts) if p not in ("", ".", "..", "/", pure.anchor)]
            candidates = [stem] + ["__".join([*reversed(parents[: i + 1]), stem])
                                   for i in range(len(parents))]
        chosen = next((c for c in candidates if c not in taken), None)
        if chosen is None:
            number = 2
            while f"{candidates[0]}__{number}" in taken:
                number += 1
            chosen = f"{candidates[0]}__{number}"
        taken.add(chosen)
        ids.append(chosen)
    return ids


def read_sources(inputs: Sequence[str], stdin: BinaryIO | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Source], list[InputError]]:
    """Expand `inputs` and read every file: the sources that could be read and one error per other input."""
    paths, errors = expand_inputs(inputs)
    sources: list[Source] = []
    for path, source_id in zip(paths, assign_ids(paths), strict=True):
        try:
            sources.append(read_source(path, stdin, max_bytes, source_id=source_id))
        except InputError as exc:
            errors.append(exc)
    return sources, errors


# --------------------------------------------------------------------------------------------------
# Reading one source


def read_source(path: str, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES, *,
                source_id: str | None = None) -> Source:
    """Read and decode one file (or stdin for "-"); raise `InputError` naming the problem otherwise."""
    if path == STDIN:
        display = STDIN_DISPLAY
        raw = _read_stdin(stdin, max_bytes)
        default_id = "stdin"
        suffix = ""
    else:
        display = path
        raw = _read_file(path, max_bytes)
        default_id = PurePath(path).stem or "article"
        suffix = PurePath(path).suffix.lower()
    noun = "input" if path == STDIN else "file"
    if not raw:
        raise InputError(display, f"empty {noun}")
    binary = _binary_kind(raw)
    if binary:
        raise InputError(display, f"binary file ({binary}), not an article")
    text, encoding = _decode(raw, display)
    text = _NEWLINES.sub("\n", text)
    if not _visible(text):
        raise InputError(display, f"whitespace-only {noun}, no text")
    media_type = "text/plain"
    if _looks_like_html(text, suffix in HTML_SUFFIXES):
        media_type = "text/html"
        text = html_to_text(text)
        if not _visible(text):
            raise InputError(display, "HTML page with no visible text")
    return Source(
        id=source_id or default_id,
        path=display,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        media_type=media_type,
    )


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(STDIN_DISPLAY, f"cannot read: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:
        raise InputError(STDIN_DISPLAY, f"input is larger than the limit of {_size(max_bytes)} (--max-bytes)")
    return raw


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        problem = "no such file or directory"
        if os.path.islink(path):
            problem = f"broken symbolic link (its target {os.readlink(path)!r} does not exist)"
        raise InputError(path, problem) from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a file")
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(path, _too_large(info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)  # a device or a growing file has no trustworthy size
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise InputError(path, f"file is larger than the limit of {_size(max_bytes)} (--max-bytes)")
    return raw


def _too_large(size: int, limit: int) -> str:
    shown, limit_shown = _size(size), _size(limit)
    if shown == limit_shown:
        shown, limit_shown = f"{size:,} bytes", f"{limit:,} bytes"
    return f"file is {shown}; the limit is {limit_shown} (--max-bytes)"


def _size(n: int) -> str:
    """Human size in decimal units, as `ls -h --si` and download pages show them."""
    if n >= 10_000_000:
        return f"{n / 1_000_000:.0f} MB"
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 10_000:
        return f"{n / 1000:.0f} kB"
    return f"{n:,} bytes"


_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")
# anything but whitespace (str.isspace, as `\s` matches) and zero-width characters
_VISIBLE = re.compile("[^\\s\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")


def _visible(text: str) -> bool:
    """Whether `text` has anything but whitespace and zero-width characters (stops at the first)."""
    return _VISIBLE.search(text) is not None


# --------------------------------------------------------------------------------------------------
# Binary files

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"PK\x07\x08", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"{\\rtf", "RTF"),
)


def _binary_kind(raw: bytes) -> str | None:
    """The kind of binary file `raw` is, from its magic number, or None."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            if kind == "ZIP":
                head = raw[:4096]
                if b"word/" in head:
                    return "DOCX, a Word document"
                if b"[Content_Types].xml" in head:
                    return "an Office document, a ZIP archive"
                if b"mimetypeapplication/epub" in head:
                    return "EPUB, an e-book"
            return kind
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "WebP"
    if raw[4:8] == b"ftyp":
        return "MP4/QuickTime video"
    return None


# --------------------------------------------------------------------------------------------------
# Decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Characters Windows-1256 Persian or Arabic text decodes to besides letters: ZWNJ, ZWJ, LRM, RLM,
# no-break space and guillemets.
_ARABIC_COMPANIONS = re.compile(r"[\u200c-\u200f\u00a0\u00ab\u00bb]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_UNDECODABLE = "not UTF-8, UTF-16 or Windows-1256 text"


def _decode(raw: bytes, display: str) -> tuple[str, str]:
    """Decode `raw`, trying BOMs, UTF-16 by NUL pattern, UTF-8, Windows-1256, in that order."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            text, label = _decode_fixed(raw[len(bom):], name, display, label=name)
            if name == "utf-8-sig":
                text, label = _repair_mojibake(text, label)
            return _checked(text, label, display)
    utf16 = _sniff_utf16(raw)
    if utf16:
        try:
            text, label = _decode_fixed(raw, utf16, display, label=f"{utf16} (no BOM)")
        except InputError:
            pass  # not UTF-16 after all: judged below like any other bytes
        else:
            return _checked(text, label, display)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(display, f"binary file (NUL byte at offset {nul}), not an article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(raw) and exc.reason == "unexpected end of data":
            try:
                text = raw[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return _checked(*_repair_mojibake(text, "utf-8 (truncated tail dropped)"), display)
        return _checked(*_decode_legacy(raw, exc, display), display)
    return _checked(*_repair_mojibake(text, "utf-8"), display)


def _decode_fixed(raw: bytes, codec: str, display: str, label: str) -> tuple[str, str]:
    """Decode with a known codec; a code unit cut at the end is dropped and recorded, anything else fails."""
    unit = 4 if codec.startswith("utf-32") else 2 if codec.startswith("utf-16") else 1
    cut = len(raw) % unit
    if cut:
        raw = raw[: len(raw) - cut]
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw) - 3 and exc.reason in ("unexpected end of data", "truncated data"):
            try:
                text = raw[: exc.start].decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                return text, f"{label} (truncated tail dropped)"
        name = codec.upper().replace("-SIG", "").replace("-LE", " LE").replace("-BE", " BE")
        raise InputError(display, f"invalid {name} at byte {exc.start}") from None
    return text, (f"{label} (truncated tail dropped)" if cut else label)


def _checked(text: str, label: str, display: str) -> tuple[str, str]:
    """Refuse decoded text that is really binary data: many control characters (or NULs in UTF-16)."""
    controls = len(_CONTROL.findall(text, 0, 65536))
    sample = min(len(text), 65536)
    if "\x00" in text or (controls and controls > 0.01 * sample):
        raise InputError(display, "binary file (control characters), not an article")
    return text, label


def _sniff_utf16(raw: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the byte pattern is that of UTF-16 text without BOM.

    In UTF-16, every other byte is the high byte of a code unit: 0x00 for ASCII (spaces, digits,
    punctuation), 0x06 for Arabic-script letters, 0x20 for ZWNJ and typographic punctuation, 0xFB/0xFE
    for presentation forms. Binary data and 8-bit text have no such regularity.
    """
    sample = raw[:8192]
    n = len(sample) // 2 * 2
    if n < 4:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        typical = sum(high.count(b) for b in (0x00, 0x06, 0x20, 0xFB, 0xFE))
        if (
            typical >= 0.9 * len(high)
            and high.count(0x00) + high.count(0x06) >= 0.5 * len(high)
            and high.count(0x00) > 0
            and low.count(0x00) <= 0.05 * len(low)
        ):
            return codec
    return None


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Legacy encodings a page may declare for Persian or Arabic; Windows-1256 is also tried undeclared.
_ARABIC_CODECS = frozenset({"cp1256", "iso8859-6", "cp720", "cp864", "mac-arabic"})


def _decode_legacy(raw: bytes, error: UnicodeDecodeError, display: str) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: a declared Arabic codec, or Windows-1256 when it yields Arabic."""
    declared = _DECLARED_CHARSET.search(raw[:8192])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            codec = ""
        if codec in _ARABIC_CODECS and codec != "cp1256":
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                if _mostly_arabic(text):
                    return text, f"{codec} (declared)"
    # Mostly valid UTF-8 with a few bad bytes is corruption, not a legacy encoding.
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    good = len(_NON_ASCII.findall(lenient)) - bad
    if good >= 20 * max(bad, 1):
        raise InputError(display, f"invalid UTF-8 at byte {error.start} in otherwise UTF-8 text "
                                  f"({bad} corrupt byte sequence{'s' if bad != 1 else ''})")
    text = raw.decode("cp1256", errors="replace")
    if _mostly_arabic(text):
        return text, "cp1256"
    raise InputError(display, f"{_UNDECODABLE} (invalid UTF-8 at byte {error.start})")


def _mostly_arabic(text: str) -> bool:
    """Whether most non-ASCII characters of `text` are Arabic-script letters (or their companions)."""
    non_ascii = len(_NON_ASCII.findall(text))
    if not non_ascii:
        return False
    arabic = len(_ARABIC_SCRIPT.findall(text)) + len(_ARABIC_COMPANIONS.findall(text))
    return arabic >= 0.7 * non_ascii


# Latin-1 / Windows-1252 characters back to the byte they were decoded from. Windows-1252 leaves five
# bytes undefined; mojibake makers pass them through as U+0081 … (as Latin-1 does), so both are mapped.
_MOJIBAKE_BYTE: dict[str, int] = {chr(b): b for b in range(0x80, 0x100)}
for _b in range(0x80, 0xA0):
    try:
        _MOJIBAKE_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
_MOJIBAKE_RUN = re.compile("[" + "".join(sorted(_MOJIBAKE_BYTE)) + "]{2,}")
# UTF-8 lead bytes of U+0600–U+06FF seen as Latin-1: Ø Ù Ú Û.
_MOJIBAKE_LEADS = ("\u00d8", "\u00d9", "\u00da", "\u00db")


def _repair_mojibake(text: str, label: str) -> tuple[str, str]:
    """Undo a Latin-1/Windows-1252 round trip of UTF-8 Persian or Arabic ("Ø³Ù„Ø§Ù…" → "سلام")."""
    leads = sum(text.count(c, 0, 200_000) for c in _MOJIBAKE_LEADS)
    if leads < 2:
        return text, label
    repaired_runs = failed_runs = 0

    def repair(match: re.Match[str]) -> str:
        nonlocal repaired_runs, failed_runs
        run = match.group()
        try:
            fixed = bytes(_MOJIBAKE_BYTE[c] for c in run).decode("utf-8")
        except UnicodeDecodeError:
            if any(c in run for c in _MOJIBAKE_LEADS):
                failed_runs += 1
            return run
        if _ARABIC_SCRIPT.search(fixed):
            repaired_runs += 1
        return fixed

    fixed_text = _MOJIBAKE_RUN.sub(repair, text)
    if repaired_runs and repaired_runs >= 4 * failed_runs:
        base = "utf-8" if label.startswith("utf-8") else label
        suffix = label[len("utf-8"):] if label.startswith("utf-8") else ""
        return fixed_text, f"latin1-mojibake→{base}{suffix}"
    return text, label


# --------------------------------------------------------------------------------------------------
# HTML detection

_HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|li|ul|ol|h[1-6]|table|tr|td|img|strong|b|em|i|body|head|article|section|"
    r"script|style|meta|link|header|footer|nav|main|figure|figcaption|blockquote)\b[^<>]{0,2000}>",
    re.I,
)


def _looks_like_html(text: str, html_suffix: bool) -> bool:
    """HTML by content: a doctype or `<html>` near the start, or many HTML tags (or one, for .html)."""
    head = text[:4096]
    if _HTML_DOCUMENT.search(head):
        return True
    needed = 1 if html_suffix else 5
    count = 0
    for _ in _HTML_TAG.finditer(text, 0, 200_000):
        count += 1
        if count >= needed:
            return True
    return False
