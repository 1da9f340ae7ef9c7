"""The bad-input catalogue (docs/bad-inputs.md) end to end: `kg build` run as a child process.

One build reads every catalogue case next to one good article: each bad input must get one line
`kg: skipped PATH: problem` after the build's progress, the others must be built, and the exit code
is 0. Then: `--strict` stops at the first problem and leaves the store as it was; exit code 2 only
when nothing could be built.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
from store_helpers import KG, ROOT, SEEDS, kg

from kg.rdf import store as kgstore

GOOD = SEEDS / "001_fc04969042098be9.txt"  # Persian, Mehr: Bagheri Kani meets Haniyeh in Doha
BASE = "https://example.org/kg/"
PERSIAN_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)}


@dataclass(frozen=True)
class Case:
    file: str  # path inside the catalogue folder, or outside it for "missing"
    problem: str | None  # the problem in `kg: skipped PATH: problem`; None: the file is built


CASES: dict[str, Case] = {
    "empty file": Case("empty.txt", "empty file"),
    "whitespace-only file (spaces, tabs, nbsp, ZWNJ)": Case("blank.txt", "whitespace-only file, no text"),
    "PDF renamed .txt": Case("scan.txt", "binary file (PDF), not an article"),
    "PNG renamed .txt": Case("image.txt", "binary file (PNG), not an article"),
    "ZIP archive renamed .txt": Case("archive.txt", "binary file (ZIP), not an article"),
    "UTF-8 cut inside the last character": Case("truncated.txt", None),
    "Windows-1256 without BOM": Case("cp1256.txt", None),
    "UTF-16 LE without BOM": Case("utf16.txt", None),
    "UTF-8 Persian through Latin-1 (mojibake)": Case("mojibake.txt", None),
    "mixed scripts, half Persian half English": Case("mixed.txt", "not Persian or Arabic (mixed scripts"),
    "HTML with script, style and comment sections": Case("page.html", None),
    "HTML cut off inside a comment that holds a script": Case("cut.html", None),
    "50 MB file": Case("huge.txt", "file is 52 MB; the limit is 20 MB"),
    "NUL bytes in UTF-8 text": Case("nul.txt", "binary file (NUL byte at offset 200), not an article"),
    "one 1 MB line": Case("oneline.txt", None),
    "English article": Case("english.txt", "not Persian or Arabic (Latin script"),
    "Urdu article": Case("urdu.txt", "not Persian or Arabic (Urdu)"),
    "folder with a symbolic link loop": Case("loop/sub/up", "symbolic link loop: it points back to"),
    "file inside the looping folder": Case("loop/sub/inner.txt", None),
    "unreadable file (mode 000)": Case("secret.txt", "permission denied"),
    "path that does not exist": Case("../missing.txt", "no such file or directory"),
}
HTML_HIDDEN = ("color:crimson", "hiddenScript", "commentedOut", "hiddenTracker", "hiddenCut")


def _zip(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", text)
    return buffer.getvalue()


def _cut_inside_last_character(raw: bytes) -> bytes:
    end = len(raw) - 1
    while raw[end] < 0x80:  # back to the last byte of a multi-byte (Persian) character
        end -= 1
    return raw[:end]


def _html(text: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return ("<!doctype html><html><head><title>خبر</title><style>p { color:crimson }</style>"
            "<script>var hiddenScript = 'دیدار با هنیه';</script></head><body>\n"
            "<!-- commentedOut: دیدار وزیر خارجه با رئیس جمهور -->\n<nav>خانه | سیاسی</nav>\n"
            f"<article>{paragraphs}</article><script>hiddenTracker('دیدار');</script></body></html>")


def write_catalogue(folder: Path) -> None:
    """Every catalogue case as a file (or folder) in `folder`, plus `good.txt`."""
    text = GOOD.read_text(encoding="utf-8")
    raw = text.encode("utf-8")
    files: dict[str, bytes] = {
        "good.txt": raw,
        "empty.txt": b"",
        "blank.txt": " \n\t\r\n \u00a0 \u200c\n".encode(),
        "scan.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02",
        "archive.txt": _zip(text),
        "truncated.txt": _cut_inside_last_character(raw),
        # Windows-1256 has Arabic yeh but no Persian yeh or Persian digits: typed as such pages are
        "cp1256.txt": text.translate(str.maketrans({"ی": "ي", **PERSIAN_DIGITS})).encode("cp1256"),
        "utf16.txt": text.encode("utf-16-le"),
        "mojibake.txt": raw.decode("latin-1").encode("utf-8"),
        "mixed.txt": (text[:900] + "\n" + "The minister said the talks were constructive and that both sides "
                      "agreed to meet again soon in the capital. " * 9).encode(),
        "page.html": _html(text).encode(),
        "cut.html": (_html(text).replace("</body></html>", "") + "<!-- <script>hiddenCut()</script>").encode(),
        "nul.txt": raw[:200] + b"\x00" + raw[200:],
        "oneline.txt": ((" ".join(text.split()) + " ") * (1_000_000 // len(raw) + 1)).encode(),
        "english.txt": b"Iran's foreign minister met his Turkish counterpart in Ankara on Monday. " * 20,
        "urdu.txt": ("پاکستان کے وزیر خارجہ نے ایران کے وزیر خارجہ سے ملاقات کی۔ دونوں رہنماؤں نے علاقائی "
                     "صورتحال پر تبادلہ خیال کیا اور تعلقات کو مضبوط بنانے پر زور دیا۔ " * 6).encode(),
        "loop/sub/inner.txt": raw,
        "secret.txt": raw,
    }
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on no disk
    os.symlink("..", folder / "loop" / "sub" / "up")
    os.chmod(folder / "secret.txt", 0)


def _unprivileged() -> list[str]:
    """A prefix that stops root from reading mode-000 files (drops the capabilities that let it)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a mode-000 file stays readable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory):
    """The catalogue built once: (folder, store, completed process)."""
    root = tmp_path_factory.mktemp("catalogue")
    folder = root / "inputs"
    folder.mkdir()
    write_catalogue(folder)
    store = root / "store"
    done = subprocess.run([*_unprivileged(), *KG, "build", str(folder), str(folder / "../missing.txt"),
                           "-o", str(store)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    return folder, store, done


def _path(folder: Path, case: Case) -> str:
    return str(folder / case.file)


def _skipped_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("kg: skipped ")]


def _article_actors(store: Path, article_id: str) -> set[str]:
    """The participants of the interactions an article's graph states."""
    db = kgstore.open_store(store)
    graph = f"{BASE}graph/article/{article_id}"
    participant = f"{BASE}ontology#participant"
    rows = db.query(f"SELECT DISTINCT ?a WHERE {{ GRAPH <{graph}> {{ ?i <{participant}> ?a }} }}")
    return {row["a"].value for row in rows}


def test_catalogue_build_succeeds_with_the_good_inputs(catalogue) -> None:
    folder, store, done = catalogue
    assert done.returncode == 0, done.stderr
    refused = sum(1 for c in CASES.values() if c.problem)
    assert done.stdout.startswith(f"built {store}: ")
    assert done.stdout.rstrip().endswith(f"; {refused} input(s) skipped")
    assert len(_skipped_lines(done.stderr)) == refused
    assert _article_actors(store, "good"), "the good article must give interactions"


def test_problems_are_reported_at_the_end(catalogue) -> None:
    _, _, done = catalogue
    lines = done.stderr.splitlines()
    first_problem = min(i for i, line in enumerate(lines) if line.startswith("kg: skipped "))
    progress = [i for i, line in enumerate(lines) if "extracted" in line or "reasoning" in line]
    assert progress and max(progress) < first_problem


@pytest.mark.parametrize("case", [c for c in CASES.values() if c.problem],
                         ids=[name for name, c in CASES.items() if c.problem])
def test_refused_input_gets_one_line_naming_file_and_problem(catalogue, case: Case) -> None:
    folder, _, done = catalogue
    prefix = f"kg: skipped {_path(folder, case)}: "
    mine = [line for line in _skipped_lines(done.stderr) if line.startswith(prefix)]
    assert len(mine) == 1, done.stderr
    assert case.problem in mine[0]


@pytest.mark.parametrize("case", [c for c in CASES.values() if not c.problem],
                         ids=[name for name, c in CASES.items() if not c.problem])
def test_readable_input_is_built(catalogue, case: Case) -> None:
    folder, store, done = catalogue
    article_id = Path(case.file).stem
    articles = kgstore.read_manifest(store)["articles"]
    assert article_id in articles
    assert _path(folder, case) not in done.stderr
    assert _article_actors(store, article_id) == _article_actors(store, "good")


@pytest.mark.parametrize("article_id", ["page", "cut"])
def test_html_scripts_styles_and_comments_stay_out_of_the_graph(catalogue, article_id: str) -> None:
    _, store, _ = catalogue
    db = kgstore.open_store(store)
    graph = pyoxigraph.NamedNode(f"{BASE}graph/article/{article_id}")
    literals = [q.object.value for q in db.quads_for_pattern(None, None, None, graph)
                if isinstance(q.object, pyoxigraph.Literal)]
    assert literals
    for hidden in HTML_HIDDEN:
        assert not [v for v in literals if hidden in v], hidden


# ------------------------------------------------------------------------------------------------
# --strict and exit codes


@pytest.mark.parametrize("bad", ["empty.txt", "english.txt", "../missing.txt"],
                         ids=["read problem (empty file)", "language problem (English)", "missing path"])
def test_strict_stops_at_the_first_problem_and_keeps_the_store(catalogue, tmp_path: Path, bad: str) -> None:
    folder, _, _ = catalogue
    store = tmp_path / "store"
    first = kg("build", str(folder / "good.txt"), "-o", str(store), "-q")
    assert first.returncode == 0, first.stderr
    manifest = kgstore.read_manifest(store)
    done = kg("build", str(folder / "truncated.txt"), str(folder / bad), "-o", str(store), "--strict", "-q")
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"{folder / bad}: " in done.stderr and "--strict" in done.stderr
    assert kgstore.read_manifest(store) == manifest


def test_nothing_built_is_exit_2_with_every_problem_named(catalogue, tmp_path: Path) -> None:
    folder, _, _ = catalogue
    bad = [str(folder / n) for n in ("empty.txt", "scan.txt", "english.txt")]
    store = tmp_path / "store"
    done = kg("build", *bad, "-o", str(store), "-q")
    assert done.returncode == 2
    assert done.stdout == ""
    for path in bad:
        assert len([line for line in done.stderr.splitlines() if f"{path}: " in line]) == 1
    assert "nothing could be built" in done.stderr
    assert not store.exists(), "a build that built nothing leaves no store behind"


def test_nothing_built_keeps_an_existing_store(catalogue, tmp_path: Path) -> None:
    folder, _, _ = catalogue
    store = tmp_path / "store"
    assert kg("build", str(folder / "good.txt"), "-o", str(store), "-q").returncode == 0
    manifest = kgstore.read_manifest(store)
    done = kg("build", str(folder / "empty.txt"), "-o", str(store), "-q")
    assert done.returncode == 2
    assert kgstore.read_manifest(store) == manifest


def test_output_that_is_a_file_is_a_one_line_error(catalogue, tmp_path: Path) -> None:
    folder, _, _ = catalogue
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    done = kg("build", str(folder / "good.txt"), "-o", str(target), "-q")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(target) in done.stderr
    assert target.read_text() == "x"


def test_manifest_records_only_built_articles(catalogue) -> None:
    _, store, _ = catalogue
    articles = json.loads((kgstore.live_generation(store) / kgstore.MANIFEST).read_text())["articles"]
    assert set(articles) == {Path(c.file).stem for c in CASES.values() if not c.problem} | {"good"}
