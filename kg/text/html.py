"""Visible text of an HTML page: one line per block, page chrome, scripts and comments left out.

Built on the standard library's tolerant `html.parser`, so it works on the broken markup scraped
pages are made of: unclosed elements are closed by their parent's end tag, stray end tags are ignored,
and nothing here raises.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Never visible: their text is dropped as it comes.
_INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset", "object",
    "embed", "canvas", "audio", "video", "head", "title", "button", "select", "option", "optgroup",
    "datalist", "textarea", "map",
})
# Page chrome: visible, but not the article. Their text is held back and dropped when they close; one
# left open by broken markup gives its text back at the end of the page rather than swallow the article.
_CHROME = frozenset({"nav", "footer", "aside", "form", "menu", "dialog"})
# ARIA roles that mark the same page chrome on a generic element (<div role="navigation">).
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "form",
                           "dialog", "alertdialog", "menu", "menubar", "toolbar"})
_BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "br", "caption", "center", "dd", "details", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "tfoot", "thead", "tr", "ul",
})
_CELLS = frozenset({"td", "th"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
                   "param", "source", "track", "wbr"})
# Elements that a new <p>, <li>… implicitly closes (HTML's "p in button scope" in miniature).
_IMPLICIT_CLOSE = {
    "p": frozenset({"p"}),
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "tr": frozenset({"tr", "td", "th", "p"}),
    "td": frozenset({"td", "th", "p"}),
    "th": frozenset({"td", "th", "p"}),
    "option": frozenset({"option"}),
}
_ARTICLE_CONTAINERS = frozenset({"article", "main"})
_SPACES = re.compile(r"[^\S\n]+")


class _Element:
    __slots__ = ("tag", "invisible", "buffer", "marks")

    def __init__(self, tag: str, invisible: bool, buffer: list[str] | None = None,
                 marks: dict[str, bool] | None = None) -> None:
        self.tag = tag
        self.invisible = invisible
        self.buffer = buffer  # chrome and <header>: text held until the element closes
        self.marks = marks  # <header>: holds an h1/h2? a nav? inside an article?


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[_Element] = []
        self.open_tags: dict[str, int] = {}  # how many of each tag are open: O(1) end-tag matching
        self.sinks: list[list[str]] = [self.out]  # where text goes: the innermost buffer, else `out`
        self.headers: list[dict[str, bool]] = []  # marks of the open <header>s
        self.invisible_depth = 0
        self.pre_depth = 0

    def _sink(self) -> list[str]:
        return self.sinks[-1]

    def _inside(self, tags: frozenset[str]) -> bool:
        return any(self.open_tags.get(tag) for tag in tags)

    def _pop(self, closed: bool = True) -> None:
        """Close the innermost element; `closed` is False when the page ended with it still open."""
        element = self.stack.pop()
        self.open_tags[element.tag] -= 1
        if element.invisible:
            self.invisible_depth -= 1
        if element.tag == "pre":
            self.pre_depth -= 1
        if element.buffer is not None:
            self.sinks.pop()
        if element.tag in _CELLS:
            self._sink().append(" ")
        elif element.tag in _BLOCKS or element.buffer is not None:
            self._sink().append("\n")
        if element.buffer is not None:
            keep = not closed
            if element.marks is not None:  # a <header>: the article's own, or the site's?
                self.headers.pop()
                site_header = element.marks["nav"] or not element.marks["heading"]
                keep = keep or element.marks["in_article"] or not site_header
            if keep:
                self._sink().extend(element.buffer)
                self._sink().append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        closes = _IMPLICIT_CLOSE.get(tag)
        if closes:
            while self.stack and self.stack[-1].tag in closes:
                self._pop()
        if tag == "body":
            while self.stack and self.stack[-1].tag in ("head", "title"):
                self._pop()  # a <head> left open
        if tag in ("h1", "h2", "nav") and self.headers:
            self.headers[-1]["nav" if tag == "nav" else "heading"] = True
        if tag in _VOID:
            if tag in _BLOCKS and not self.invisible_depth:
                self._sink().append("\n")
            return
        if tag in _BLOCKS and not self.invisible_depth:
            self._sink().append("\n")
        invisible = tag in _INVISIBLE or _invisible_by_attributes(attrs)
        buffer: list[str] | None = None
        marks: dict[str, bool] | None = None
        if not invisible and (tag in _CHROME or _chrome_by_role(attrs)):
            buffer = []
        elif tag == "header" and not invisible:
            buffer = []
            marks = {"heading": False, "nav": False, "in_article": self._inside(_ARTICLE_CONTAINERS)}
        self.stack.append(_Element(tag, invisible, buffer, marks))
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if buffer is not None:
            self.sinks.append(buffer)
        if marks is not None:
            self.headers.append(marks)
        if invisible:
            self.invisible_depth += 1
        if tag == "pre":
            self.pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self.invisible_depth:
            self._sink().append("\n")  # <br/>, <hr/>, or a self-closed <div/>

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            if tag == "br" and not self.invisible_depth:
                self._sink().append("\n")  # </br> is read as <br> by browsers
            return
        if not self.open_tags.get(tag):
            if tag == "p" and not self.invisible_depth:
                self._sink().append("\n")  # </p> without <p> is an empty paragraph
            return
        while self.stack:
            top = self.stack[-1].tag
            self._pop()
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.invisible_depth or not data:
            return
        if not self.pre_depth:
            data = data.replace("\n", " ").replace("\r", " ")
        self._sink().append(data)

    def close_all(self) -> None:
        while self.stack:
            self._pop(closed=False)


def _invisible_by_attributes(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if value is None:
            continue
        lowered = value.lower()
        if name == "aria-hidden" and lowered.strip() == "true":
            return True
        if name == "style" and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", lowered):
            return True
    return False


def _chrome_by_role(attrs: list[tuple[str, str | None]]) -> bool:
    return any(name == "role" and value and value.strip().lower() in _CHROME_ROLES for name, value in attrs)


_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.I | re.S)
_UNFINISHED_MARKUP = re.compile(r"<[!?/A-Za-z]")


def html_to_text(html: str) -> str:
    """The visible text of `html`, one line per block element, whitespace collapsed inside lines."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        if _UNFINISHED_MARKUP.match(parser.rawdata):
            # Markup cut off by the end of the page (a comment, doctype or tag never closed): browsers
            # drop it; html.parser before Python 3.13 gives it back as text, a script inside it too.
            parser.rawdata = ""
        parser.close()
        parser.close_all()
        raw = "".join(parser.out)
    except Exception:  # html.parser has raised on pathological input in some Python versions
        from html import unescape

        raw = unescape(_TAG.sub("\n", html))
    lines = (_SPACES.sub(" ", line).strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)
