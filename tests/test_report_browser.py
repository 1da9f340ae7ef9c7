"""The report in a real browser (headless Chromium): it runs without errors or network, draws every actor,
filters like kg.network does, shows an actor's details on a click, lays Persian names out right to left.

Slow-ish (a browser start, about 5 s). Skipped with a message where no Chromium is installed;
`make test` installs Debian's chromium first. KG_DOCS_IMAGES=1 also writes docs/img/report.png.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from fixtures_network import ROOT, browser, interactions_by_sparql, seed_store  # noqa: F401  (fixtures)

from kg.network import actor_graph
from kg.report import write_report

HANIYEH = "https://example.org/kg/person/ismail_haniyeh"


def _node_centre(page, iri: str) -> tuple[float, float]:
    """Where the actor's circle is on screen (page coordinates of its centre)."""
    circle = f"document.querySelector('#network .node[data-iri={json.dumps(iri)}] circle')"
    return tuple(page.evaluate(f"(() => {{ const r = {circle}.getBoundingClientRect();"
                               " return [r.x + r.width / 2, r.y + r.height / 2]; })()"))


def _visible_nodes(page) -> int:
    return page.evaluate("document.querySelectorAll('#network .node:not(.hidden)').length")


def test_report_in_chromium(browser, seed_store, tmp_path):  # noqa: F811
    report = tmp_path / "report.html"
    write_report(seed_store, report)
    browser.open(report.as_uri())

    graph = actor_graph(seed_store)
    assert browser.evaluate("document.querySelectorAll('#network .node').length") == graph.number_of_nodes()
    assert _visible_nodes(browser) == graph.number_of_nodes()
    assert browser.evaluate("window.kgReport.interactions") == len(interactions_by_sparql(seed_store))

    # A real click on Ismail Haniyeh's node fills the details panel with his section.
    x, y = _node_centre(browser, HANIYEH)
    assert 0 < y < 1000, "the network should be on screen without scrolling"
    browser.click(x, y)
    details = browser.evaluate("document.getElementById('details').innerText")
    for expected in ("Ismail Haniyeh", "اسماعیل هنیه", "head of political bureau", "Interactions (3)",
                     "Claims (12)", "001_fc04969042098be9.txt"):
        assert expected in details
    node = f"document.querySelector('#network .node[data-iri={json.dumps(HANIYEH)}]')"
    assert browser.evaluate(f"{node}.classList.contains('selected')")

    screenshot = tmp_path / "report.png"
    browser.screenshot(screenshot)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("KG_DOCS_IMAGES"):
        shutil.copyfile(screenshot, ROOT / "docs" / "img" / "report.png")

    assert browser.console_errors() == []
    outside = [u for u in browser.requests() if not u.startswith(("file:", "data:", "about:"))]
    assert outside == [], "the report must not reach the network"


@pytest.mark.parametrize(("since", "undated", "kinds", "python_filter"), [
    ("2024-01-01", False, None, {"since": "2024-01-01"}),
    ("", True, ["PhoneCall"], {"kinds": ["PhoneCall"]}),
    ("2023-12-08", False, ["PhoneCall", "Meeting"],
     {"since": "2023-12-08", "kinds": ["PhoneCall", "Meeting"]}),
], ids=["since-2024", "phone-calls", "meetings-and-calls-since-2023-12-08"])
def test_report_filters_agree_with_kg_network(browser, seed_store, tmp_path, since, undated, kinds,  # noqa: F811
                                              python_filter):
    report = tmp_path / "report.html"
    write_report(seed_store, report)
    browser.open(report.as_uri())
    browser.evaluate(f"""(() => {{
        const set = (el, value, key) => {{ el[key] = value; el.dispatchEvent(new Event('change')); }};
        set(document.getElementById('since'), {json.dumps(since)}, 'value');
        set(document.getElementById('undated'), {json.dumps(undated)}, 'checked');
        const kinds = {json.dumps(kinds)};
        document.querySelectorAll('#filters input[name=kind]').forEach(
            box => set(box, kinds === null || kinds.includes(box.value), 'checked'));
    }})()""")
    expected = actor_graph(seed_store, **python_filter)
    assert _visible_nodes(browser) == expected.number_of_nodes()
    shown = browser.evaluate("[...document.querySelectorAll('#interactions tbody tr:not(.hidden)')].length")
    assert shown == len({k for *_, k in expected.edges(keys=True)})
    assert browser.console_errors() == []


def test_report_names_in_persian_run_right_to_left(browser, seed_store, tmp_path):  # noqa: F811
    report = tmp_path / "report.html"
    write_report(seed_store, report)
    browser.open(report.as_uri())
    browser.evaluate("(() => { const s = document.getElementById('label-language'); s.value = 'fa';"
                     " s.dispatchEvent(new Event('change')); })()")
    text = f"document.querySelector('#network .node[data-iri={json.dumps(HANIYEH)}] text')"
    label = browser.evaluate(f"(() => {{ const t = {text};"
                             " return [t.textContent, getComputedStyle(t).direction]; })()")
    assert label == ["اسماعیل هنیه", "rtl"]
    claim_direction = browser.evaluate(
        "getComputedStyle(document.querySelector('blockquote.claim[lang=ar]')).direction")
    assert claim_direction == "rtl"
    assert browser.console_errors() == []


def test_docs_images_exist():
    """The pictures docs/network.md shows are there (KG_DOCS_IMAGES=1 make test remakes them)."""
    for name in ("report.png", "network.png"):
        path = Path(ROOT / "docs" / "img" / name)
        assert path.exists() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"docs/img/{name} is missing"
