"""The HTML report: one self-contained file with the interactive network, a timeline and a section per actor.

    >>> from kg.report import write_report
    >>> write_report("build/store", "report.html")   # returns a summary: 'N actors, M interactions, …'

The network is drawn by a small hand-written script (report.js, inlined): no library is fetched, at
build time or when the page is opened, so the file works offline.
"""

from __future__ import annotations

from pathlib import Path

from kg.network.read import StoreLike
from kg.report.content import ReportContent, gather
from kg.report.render import render

__all__ = ["ReportContent", "gather", "render", "render_report", "write_report"]


def render_report(store: StoreLike, title: str = "Diplomatic contacts") -> tuple[str, str]:
    """The report's HTML and a one-line summary of what it shows."""
    from kg.report.render import Page

    content = gather(store)
    return render(content, title), Page(content).summary()


def write_report(store: StoreLike, path: Path | str, title: str = "Diplomatic contacts") -> str:
    """Write the report to `path` (atomically: a reader never sees half a file); returns its summary."""
    from kg.rdf.store import write_atomically

    html, summary = render_report(store, title)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, html.encode("utf-8"))
    return summary
