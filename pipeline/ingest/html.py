"""HTML to text for ingest: the visible text of a saved web page, one block element per line."""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from pipeline.data.lexicon import rows

BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "header",
    "footer",
    "dt",
    "dd",
}
# Never shown: code, styles, controls. A <form> is not here: ASP.NET pages put the whole body inside one.
HIDDEN = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "title",
    "nav",
    "button",
    "select",
    "textarea",
    "iframe",
    "aside",
}
# What may stand in <head>; any other tag, or text, starts the body even when </head> never comes.
HEAD_ONLY = {"head", "title", "meta", "link", "style", "script", "base", "noscript", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CLASS_PARTS = re.compile(r"[\s_-]+")


@lru_cache(maxsize=1)
def _chrome_classes() -> frozenset[str]:
    """Class and id parts that mark page chrome (pipeline/data/chrome_classes.txt)."""
    return frozenset(r[0] for r in rows("chrome_classes.txt"))


def _is_chrome(attrs) -> bool:
    """An element whose class or id names page chrome («share-buttons», «breadcrumbs», «related-news»)."""
    names = " ".join(value or "" for key, value in attrs if key in ("class", "id")).lower()
    return bool(names) and not _chrome_classes().isdisjoint(CLASS_PARTS.split(names))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.chrome: str | None = None  # the tag of the chrome element being skipped
        self.chrome_depth = 0
        self.in_head = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "head":
            self.in_head = True
        elif tag not in HEAD_ONLY:
            self.in_head = False
        if tag == self.chrome:
            self.chrome_depth += 1
        elif self.chrome is None and tag not in VOID and _is_chrome(attrs):
            self.chrome, self.chrome_depth = tag, 1
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag == "td":
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.chrome:
            self.chrome_depth -= 1
            if not self.chrome_depth:
                self.chrome = None
        if tag == "head":
            self.in_head = False
        elif tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden or self.chrome is not None:
            return
        if self.in_head and data.strip():  # text cannot stand in <head>: the body has begun
            self.in_head = False
        if not self.in_head:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page; scripts, styles, navigation and elements classed as chrome dropped.

    >>> html_to_text("<head><title>x</title></head><body><nav>Меню</nav><p>1. Утвердить <b>план</b>.</p>"
    ...              "<p>2. Поручить&nbsp;Минздраву</p><script>var a=1;</script></body>")
    '1. Утвердить план.\\n2. Поручить\\xa0Минздраву'
    >>> html_to_text('<div class="share-box"><div>Поделиться</div></div><div class="doc">1. Принять.</div>')
    '1. Принять.'
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split(" ")).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
