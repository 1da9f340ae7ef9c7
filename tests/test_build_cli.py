"""`kg build`'s options: --max-bytes reaches the reader; the command line starts without kg.build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import ROOT, SEEDS, kg

GOOD = SEEDS / "001_fc04969042098be9.txt"


def test_start_up_imports_neither_the_build_nor_rdf_libraries() -> None:
    code = ("import sys, kg.cli; kg.cli.make_parser(); import json; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('kg', 'rdflib', 'hazm'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = set(json.loads(done.stdout))
    assert not loaded & {"kg.build", "kg.parallel", "kg.rdf.build", "kg.rdf.reason", "kg.extract.pipeline",
                         "kg.text.read", "rdflib", "hazm"}


def test_constants_spelled_out_for_start_up_agree_with_their_modules() -> None:
    from kg import build
    from kg.commands import build as command
    from kg.rdf.reason import ENGINES
    from kg.text.read import DEFAULT_MAX_BYTES

    assert command.REASONERS == ENGINES
    assert (command.NO_REASONING, command.DEFAULT_REASONER) == (build.NO_REASONING, build.DEFAULT_REASONER)
    assert command.DEFAULT_MAX_BYTES == DEFAULT_MAX_BYTES


@pytest.mark.parametrize(("text", "size"), [("1000", 1000), ("20MB", 20_000_000), ("500kB", 500_000),
                                            ("1.5G", 1_500_000_000), ("64k", 64_000)])
def test_max_bytes_sizes(text: str, size: int) -> None:
    from kg.commands.build import _size

    assert _size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-5", "0", "12 parsecs"])
def test_max_bytes_refuses_what_is_not_a_size(text: str) -> None:
    done = kg("build", str(GOOD), "-o", "/nonexistent/store", "--max-bytes", text)
    assert done.returncode == 2
    assert "--max-bytes" in done.stderr


def test_max_bytes_skips_larger_files_and_builds_the_others(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(GOOD.read_bytes())
    size = GOOD.stat().st_size
    (inputs / "big.txt").write_bytes(GOOD.read_bytes() * 3)
    store = tmp_path / "store"
    limit = size * 2
    done = kg("build", str(inputs), "-o", str(store), "--max-bytes", str(limit), "--reasoner", "none",
              "--no-export")
    assert done.returncode == 0, done.stderr
    assert f"kg: skipped {inputs / 'big.txt'}: file is " in done.stderr
    assert f"; the limit is {limit:,} bytes (--max-bytes)" in done.stderr
    assert "1 articles" in done.stdout

    stdin = kg("build", "-", "-o", str(tmp_path / "from-stdin"), "--max-bytes", "100", "--reasoner", "none",
               input=GOOD.read_text(encoding="utf-8"))
    assert stdin.returncode == 2
    assert "<stdin>: input is larger than the limit of 100 bytes (--max-bytes)" in stdin.stderr
