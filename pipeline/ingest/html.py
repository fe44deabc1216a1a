"""HTML to text for ingest: the visible text of a saved web page, one block element per line."""

from __future__ import annotations

from html.parser import HTMLParser

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
HIDDEN = {"script", "style", "noscript", "template", "svg", "head", "nav", "form", "button", "iframe"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag == "td":
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page; scripts, styles and navigation dropped.

    >>> html_to_text("<head><title>x</title></head><body><nav>Меню</nav><p>1. Утвердить <b>план</b>.</p>"
    ...              "<p>2. Поручить&nbsp;Минздраву</p><script>var a=1;</script></body>")
    '1. Утвердить план.\\n2. Поручить\\xa0Минздраву'
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split(" ")).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
