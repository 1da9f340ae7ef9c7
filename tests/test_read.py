"""Reading inputs: the bad-input catalogue (docs/bad-inputs.md), encodings, folders, stdin, ids."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.lexicons import Lexicons
from kg.text.furniture import kept_text, segment
from kg.text.language import detect_language
from kg.text.read import Source, assign_ids, expand_inputs, read_source, read_sources

PERSIAN = (
    "علی باقری سرپرست وزارت امور خارجه با اسماعیل هنیه در دوحه دیدار کرد.\n"
    "وی گفت: ضرورت دارد از همه ظرفیت‌ها برای توقف جنگ بهره برد.\n"
)
ARABIC = (
    "وصف وزير الخارجية الإيراني، اليوم الجمعة، أزمة قطاع غزة بأنها أحد المواضيع المهمة.\n"
    "وأكد هنية في اتصاله الهاتفي أن المقاومة ستستمر.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _latin1_mojibake(text: str) -> bytes:
    """UTF-8 bytes read as Latin-1 and saved again as UTF-8: "سلام" → "Ø³Ù„Ø§Ù…"."""
    return text.encode("utf-8").decode("latin-1").encode("utf-8")


def _cp1252_mojibake(text: str) -> bytes:
    """The same through Windows-1252, whose five undefined bytes pass through as Latin-1 does."""
    chars = []
    for b in text.encode("utf-8"):
        try:
            chars.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(b))
    return "".join(chars).encode("utf-8")


# --------------------------------------------------------------------------------------------------
# Bad inputs that are refused: one InputError naming the file and the problem

REFUSED = [
    pytest.param(b"", "empty file", id="empty file -> empty file"),
    pytest.param(
        b"  \n\t\r\n \xc2\xa0 \xe2\x80\x8c\n",
        "whitespace-only file",
        id="spaces, newlines, nbsp and ZWNJ only -> whitespace-only",
    ),
    pytest.param(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "binary file (PDF), not an article",
        id="PDF renamed .txt -> binary file (PDF)",
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        "binary file (PNG), not an article",
        id="PNG bytes -> binary file (PNG)",
    ),
    pytest.param(
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        "binary file (JPEG), not an article",
        id="JPEG bytes -> binary file (JPEG)",
    ),
    pytest.param(
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
        "binary file (GIF), not an article",
        id="GIF bytes -> binary file (GIF)",
    ),
    pytest.param(
        gzip.compress(PERSIAN.encode("utf-8")),
        "binary file (gzip), not an article",
        id="gzip of an article -> binary file (gzip)",
    ),
    pytest.param(
        "وزیر امور خارجه\x00 دیدار کرد".encode(),
        "binary file (NUL byte at offset 28), not an article",
        id="NUL byte inside UTF-8 text -> binary, with its offset",
    ),
    pytest.param(
        b"\x01\x02\x03\x04 header \x05\x06\x07\x08\x0e\x0f" * 20,
        "binary file (control characters)",
        id="control characters without NUL -> binary",
    ),
    pytest.param(
        "وزیر امور خارجه ایران ".encode() * 10 + b"\xff\xfe\xfa" + "با همتای روسی دیدار کرد".encode() * 10,
        "invalid UTF-8 at byte 400 in otherwise UTF-8 text (3 corrupt byte sequences)",
        id="garbage bytes in the middle of UTF-8 Persian -> invalid UTF-8 at byte N",
    ),
    pytest.param(
        "Le ministre a rencontré son homologue à Genève, où il a déclaré…".encode("latin-1", "replace") * 3,
        "not UTF-8, UTF-16 or Windows-1256 text",
        id="Latin-1 French text -> not UTF-8, UTF-16 or Windows-1256",
    ),
    pytest.param(
        b"\xff\xfe" + "وزیر".encode("utf-16-le") + b"\x00\xdc" + "دیدار".encode("utf-16-le"),
        "invalid UTF-16 LE at byte",
        id="UTF-16 with BOM but a lone surrogate -> invalid UTF-16 LE",
    ),
    pytest.param(
        b"<html><head><title>t</title><script>x()</script></head><body>  </body></html>",
        "HTML page with no visible text",
        id="HTML page with only a title and a script -> no visible text",
    ),
]


@pytest.mark.parametrize(("data", "problem"), REFUSED)
def test_read_source_refuses_bad_input(tmp_path: Path, data: bytes, problem: str) -> None:
    path = _write(tmp_path, "article.txt", data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.path == path
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        pytest.param(
            "word/document.xml",
            "binary file (DOCX, a Word document), not an article",
            id="DOCX (a ZIP with word/) -> binary file (DOCX)",
        ),
        pytest.param(
            "article.txt", "binary file (ZIP), not an article", id="ZIP archive -> binary file (ZIP)"
        ),
    ],
)
def test_read_source_refuses_zip_archives(tmp_path: Path, name: str, problem: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, PERSIAN)
    path = _write(tmp_path, "article.txt", buffer.getvalue())
    with pytest.raises(InputError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        read_source(path)


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        pytest.param(
            50 * 1024 * 1024,
            20_000_000,
            "file is 52 MB; the limit is 20 MB (--max-bytes)",
            id="50 MiB sparse file -> file is 52 MB; the limit is 20 MB",
        ),
        pytest.param(
            2_000,
            1_000,
            "file is 2,000 bytes; the limit is 1,000 bytes (--max-bytes)",
            id="2 kB file with a 1 kB limit -> sizes in bytes",
        ),
    ],
)
def test_read_source_refuses_files_over_the_limit(
    tmp_path: Path, size: int, limit: int, message: str
) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write("وزیر ".encode())
        handle.truncate(size)  # sparse: no disk space used
    with pytest.raises(InputError) as caught:
        read_source(str(path), max_bytes=limit)
    assert caught.value.problem == message


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("missing", id="path that does not exist -> no such file"),
        pytest.param("directory", id="directory given as a file -> is a directory"),
    ],
)
def test_read_source_refuses_paths_that_are_not_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "nowhere.txt"
    if kind == "directory":
        path.mkdir()
    with pytest.raises(InputError) as caught:
        read_source(str(path))
    expected = "no such file or directory" if kind == "missing" else "is a directory, not a file"
    assert caught.value.problem == expected
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("mode", [pytest.param(0o000, id="chmod 000 -> permission denied")])
def test_read_source_refuses_unreadable_file(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(PERSIAN, encoding="utf-8")
    path.chmod(mode)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        with pytest.raises(InputError) as caught:
            read_source(str(path))
        assert caught.value.problem == "permission denied"
        assert caught.value.path == str(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(
            PermissionError(13, "Permission denied"),
            id="open() denied (works as root too) -> permission denied",
        )
    ],
)
def test_read_source_reports_permission_error_from_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    path = _write(tmp_path, "secret.txt", PERSIAN.encode())

    def denied(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("kg.text.read.open", denied, raising=False)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert str(caught.value) == f"{path}: permission denied"


# --------------------------------------------------------------------------------------------------
# Inputs that are decoded: the text and the encoding recorded

DECODED = [
    pytest.param(PERSIAN.encode("utf-8"), PERSIAN, "utf-8", id="plain UTF-8 Persian -> utf-8"),
    pytest.param(
        b"\xef\xbb\xbf" + PERSIAN.encode("utf-8"),
        PERSIAN,
        "utf-8-sig",
        id="UTF-8 with BOM -> utf-8-sig, BOM removed",
    ),
    pytest.param(
        b"\xff\xfe" + PERSIAN.encode("utf-16-le"), PERSIAN, "utf-16-le", id="UTF-16 LE with BOM -> utf-16-le"
    ),
    pytest.param(
        b"\xfe\xff" + ARABIC.encode("utf-16-be"), ARABIC, "utf-16-be", id="UTF-16 BE with BOM -> utf-16-be"
    ),
    pytest.param(
        "وزیر امور خارجه".encode("utf-32"), "وزیر امور خارجه", "utf-32-le", id="UTF-32 with BOM -> utf-32-le"
    ),
    pytest.param(
        PERSIAN.encode("utf-16-le"),
        PERSIAN,
        "utf-16-le (no BOM)",
        id="UTF-16 LE without BOM -> found by its NUL pattern",
    ),
    pytest.param(
        ARABIC.encode("utf-16-be"),
        ARABIC,
        "utf-16-be (no BOM)",
        id="UTF-16 BE without BOM -> found by its NUL pattern",
    ),
    pytest.param(ARABIC.encode("cp1256"), ARABIC, "cp1256", id="Windows-1256 Arabic without BOM -> cp1256"),
    pytest.param(
        PERSIAN.replace("ی", "ي").encode("cp1256"),
        PERSIAN.replace("ی", "ي"),
        "cp1256",
        id="Windows-1256 Persian (پ چ ژ گ ک, ZWNJ) -> cp1256",
    ),
    pytest.param(
        _latin1_mojibake(PERSIAN),
        PERSIAN,
        "latin1-mojibake→utf-8",
        id="Latin-1 mojibake of Persian (Ø³Ù„Ø§Ù…) -> repaired",
    ),
    pytest.param(
        _cp1252_mojibake(ARABIC),
        ARABIC,
        "latin1-mojibake→utf-8",
        id="Windows-1252 mojibake of Arabic -> repaired",
    ),
    pytest.param(
        "با هنیه دیدار کرد".encode()[:-1],
        "با هنیه دیدار کر",
        "utf-8 (truncated tail dropped)",
        id="UTF-8 cut inside the last letter -> that letter dropped",
    ),
    pytest.param(
        "وزیر امور خارجه\r\nدیدار کرد\rو رفت".encode(),
        "وزیر امور خارجه\nدیدار کرد\nو رفت",
        "utf-8",
        id="CRLF and CR line ends -> newlines",
    ),
    pytest.param(
        "Smørrebrød in København, Øresund".encode(),
        "Smørrebrød in København, Øresund",
        "utf-8",
        id="real Ø in Danish text -> not taken for mojibake",
    ),
    pytest.param(
        b'<html><meta charset="iso-8859-6"><body><p>'
        + "وزير الخارجية".encode("iso8859-6")
        + b"</p></body></html>",
        "وزير الخارجية",
        "iso8859-6 (declared)",
        id="HTML declaring ISO-8859-6 -> decoded as declared",
    ),
]


@pytest.mark.parametrize(("data", "text", "encoding"), DECODED)
def test_read_source_decodes(tmp_path: Path, data: bytes, text: str, encoding: str) -> None:
    source = read_source(_write(tmp_path, "article.txt", data))
    assert source.text == text
    assert source.encoding == encoding
    assert source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("size", [pytest.param(1_000_000, id="one 1 MB line without newline -> read whole")])
def test_read_source_reads_a_very_long_line(tmp_path: Path, size: int) -> None:
    sentence = "وزیر امور خارجه ایران با همتای روسی خود دیدار کرد و "
    line = (sentence * (size // len(sentence.encode()) + 1)).strip()
    source = read_source(_write(tmp_path, "long.txt", line.encode()))
    assert source.text == line
    assert len(source.text.encode()) >= size
    assert detect_language(source.text)[0] == "fa"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(
            "وزیر امور خارجه ایران با همتای روسی خود دیدار کرد. The Iranian foreign minister met his "
            "Russian counterpart in Moscow today.",
            "mixed scripts",
            id="Persian and English halves -> mixed",
        ),
    ],
)
def test_read_source_reads_mixed_scripts_and_language_refuses_them(
    tmp_path: Path, text: str, reason: str
) -> None:
    source = read_source(_write(tmp_path, "mixed.txt", text.encode()))
    assert source.text == text
    language, why = detect_language(source.text)
    assert language is None and why.startswith(reason)


# --------------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html>
<html><head><title>خبرگزاری نمونه | صفحه اصلی</title>
<style>.x { color: red }</style><script>var ad = "<p>تبلیغ</p>";</script></head>
<body><header><a href="/">لوگو</a><nav><a>سیاسی</a><a>اقتصادی</a></nav></header>
<article><h1>دیدار باقری و هنیه</h1>
<p>۳۱ خرداد ۱۴۰۳</p>
<!-- <p>کامنت HTML</p> -->
<p>علی باقری سرپرست وزارت امور خارجه با اسماعیل&nbsp;هنیه در دوحه <b>دیدار</b> کرد.</p>
<p>وی گفت: ضرورت دارد از همه ظرفیت&zwnj;ها بهره برد.</p>
</article>
<section class="comments"><h3>نظرات</h3><p>نظر کاربر: عالی بود</p>
<form><input name="captcha"><textarea>نظر شما</textarea><button>ارسال</button></form></section>
<footer>© ۱۴۰۳ همه حقوق محفوظ است</footer></body></html>
"""


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("page.html", id="HTML named .html"),
        pytest.param("page.txt", id="HTML saved as .txt -> found by content"),
    ],
)
def test_read_source_html_gives_visible_text(tmp_path: Path, name: str) -> None:
    source = read_source(_write(tmp_path, name, PAGE.encode()))
    assert source.media_type == "text/html"
    assert source.text.splitlines() == [
        "دیدار باقری و هنیه",
        "۳۱ خرداد ۱۴۰۳",
        "علی باقری سرپرست وزارت امور خارجه با اسماعیل هنیه در دوحه دیدار کرد.",
        "وی گفت: ضرورت دارد از همه ظرفیت\u200cها بهره برد.",
        "نظرات",
        "نظر کاربر: عالی بود",
    ]
    # The comment section's heading and everything after it are furniture.
    kept = kept_text(source.text, segment(source.text, "fa", Lexicons()))
    assert kept.splitlines() == source.text.splitlines()[:4]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param(
            "note.txt", "قیمت‌ها با علامت <b> مشخص شده است.".encode(), id="text mentioning one tag -> plain"
        ),
        pytest.param("note.html", "فقط متن، بدون هیچ برچسبی".encode(), id=".html without any tag -> plain"),
    ],
)
def test_read_source_plain_text_is_not_taken_for_html(tmp_path: Path, name: str, data: bytes) -> None:
    source = read_source(_write(tmp_path, name, data))
    assert source.media_type == "text/plain"
    assert source.text == data.decode()


# --------------------------------------------------------------------------------------------------
# stdin


@pytest.mark.parametrize(
    ("data", "error"),
    [
        pytest.param(PERSIAN.encode(), None, id="article on stdin -> id stdin"),
        pytest.param(b"", "<stdin>: empty input", id="nothing on stdin -> empty input"),
        pytest.param(
            b"x" * 101,
            "<stdin>: input is larger than the limit of 100 bytes (--max-bytes)",
            id="stdin over the limit -> larger than the limit",
        ),
    ],
)
def test_read_source_stdin(data: bytes, error: str | None) -> None:
    if error:
        with pytest.raises(InputError, match=error.replace("(", r"\(").replace(")", r"\)")):
            read_source("-", stdin=io.BytesIO(data), max_bytes=100 if len(data) > 100 else 20_000_000)
        return
    source = read_source("-", stdin=io.BytesIO(data))
    assert (source.id, source.path, source.text) == ("stdin", "<stdin>", PERSIAN)


# --------------------------------------------------------------------------------------------------
# Expanding inputs


def _tree(root: Path) -> None:
    for rel in [
        "a/001.txt",
        "a/002.html",
        "a/notes",
        "a/photo.png",
        "a/scan.PDF",
        "a/data.json",
        "a/.hidden.txt",
        ".git/config.txt",
        "b/c/003.text",
        "b/001.txt",
    ]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PERSIAN, encoding="utf-8")


@pytest.mark.parametrize(
    "order", [pytest.param(("a", "b"), id="folders in given order, files sorted inside")]
)
def test_expand_inputs_walks_folders_sorted_skipping_hidden_and_other_types(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    _tree(tmp_path)
    paths, errors = expand_inputs([str(tmp_path / name) for name in order])
    assert [os.path.relpath(p, tmp_path) for p in paths] == [
        "a/001.txt",
        "a/002.html",
        "a/notes",
        "b/001.txt",
        "b/c/003.text",
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        pytest.param("a/photo.png", "unsupported file type '.png'", id="PNG named explicitly -> reported"),
        pytest.param(
            "a/scan.PDF", "unsupported file type '.pdf'", id="PDF named explicitly (any case) -> reported"
        ),
        pytest.param("a/missing.txt", "no such file or directory", id="path that does not exist -> reported"),
    ],
)
def test_expand_inputs_reports_explicit_bad_paths(tmp_path: Path, name: str, problem: str) -> None:
    _tree(tmp_path)
    good = str(tmp_path / "a/001.txt")
    paths, errors = expand_inputs([str(tmp_path / name), good])
    assert paths == [good]
    assert len(errors) == 1 and errors[0].path == str(tmp_path / name) and problem in errors[0].problem


@pytest.mark.parametrize(
    "target",
    [
        pytest.param("..", id="link to the parent folder -> loop reported"),
        pytest.param(".", id="link to its own folder -> loop reported"),
    ],
)
def test_expand_inputs_reports_symlink_loops(tmp_path: Path, target: str) -> None:
    _tree(tmp_path)
    os.symlink(target, tmp_path / "b/c/loop")
    paths, errors = expand_inputs([str(tmp_path / "b")])
    assert [os.path.relpath(p, tmp_path) for p in paths] == ["b/001.txt", "b/c/003.text"]
    assert len(errors) == 1
    assert errors[0].path == str(tmp_path / "b/c/loop")
    assert "symbolic link loop" in errors[0].problem


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("file", id="two links to one file -> listed once"),
        pytest.param("broken", id="broken link in a folder -> reported"),
    ],
)
def test_expand_inputs_links(tmp_path: Path, kind: str) -> None:
    _tree(tmp_path)
    if kind == "file":
        os.symlink(tmp_path / "a/001.txt", tmp_path / "b/same.txt")
        paths, errors = expand_inputs([str(tmp_path / "a/001.txt"), str(tmp_path / "b")])
        assert [os.path.relpath(p, tmp_path) for p in paths] == ["a/001.txt", "b/001.txt", "b/c/003.text"]
        assert errors == []
    else:
        os.symlink(tmp_path / "gone.txt", tmp_path / "b/dangling.txt")
        paths, errors = expand_inputs([str(tmp_path / "b")])
        assert len(paths) == 2
        assert [e.path for e in errors] == [str(tmp_path / "b/dangling.txt")]
        assert "broken symbolic link" in errors[0].problem


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        pytest.param(["-", "-"], ["-"], id="stdin twice -> read once, reported"),
    ],
)
def test_expand_inputs_stdin(inputs: list[str], expected: list[str]) -> None:
    paths, errors = expand_inputs(inputs)
    assert paths == expected
    assert [e.path for e in errors] == ["<stdin>"]


@pytest.mark.parametrize(
    ("paths", "ids"),
    [
        pytest.param(
            ["x/a.txt", "y/a.txt", "z/y/a.html"],
            ["a", "y__a", "z__y__a"],
            id="same stem in three folders -> parent folders prefixed",
        ),
        pytest.param(
            ["a.txt", "a.html", "-"], ["a", "a__2", "stdin"], id="same stem in one folder -> counter"
        ),
    ],
)
def test_assign_ids_unique_and_deterministic(paths: list[str], ids: list[str]) -> None:
    assert assign_ids(paths) == ids
    assert assign_ids(paths) == ids


@pytest.mark.parametrize(
    "inputs",
    [pytest.param(["a", "b", "a/photo.png", "nowhere"], id="folders, a bad file and a missing path")],
)
def test_read_sources_reads_what_it_can(tmp_path: Path, inputs: list[str]) -> None:
    _tree(tmp_path)
    (tmp_path / "a/notes").write_bytes(b"")
    sources, errors = read_sources([str(tmp_path / i) for i in inputs])
    assert all(isinstance(s, Source) for s in sources)
    assert [s.id for s in sources] == ["001", "002", "b__001", "003"]
    assert sorted(os.path.relpath(e.path, tmp_path) for e in errors) == ["a/notes", "a/photo.png", "nowhere"]
