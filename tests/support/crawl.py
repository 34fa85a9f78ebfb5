"""A bounded, same-origin crawler over Django's test client, and the text a
user sees on each page (what the interface checks in tests/support/ui_text.py
read).

URLs are deduplicated by *pattern*: every run of digits in the path becomes
`#`, and query strings keep only their parameter names, so 500 cases give one
visit to /arenden/#/ rather than 500. Each pattern is visited a few times
(`per_pattern`) so one list row and one detail page of each kind are seen."""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/api/", "/accounts/logout/", "/health/",
                 "/bench/", "/__")
# Links whose GET changes state or only downloads (never an HTML page to read).
SKIP_WORDS = ("logout", "logga-ut", "ladda-ner", "download", "/pdf/", "/foto/", ".csv", ".xlsx",
              ".pdf", ".ics", ".json", ".png", ".jpg", ".svg", ".zip")
HIDDEN_TAGS = {"script", "style", "template", "noscript"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")


def pattern(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"\d+", "#", parts.path)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(names) if names else "")


class PageText(HTMLParser):
    """Visible text (scripts and styles left out), attribute texts, option
    texts, links and form targets of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        if tag == "a" and values.get("href") and "download" not in values:
            self.links.append(values["href"])
        if tag == "form" and (values.get("method") or "get").lower() == "get":
            self.links.append(values.get("action") or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.attributes.append(values["value"])
        self.attributes.extend(values[name] for name in ATTRIBUTES if values.get(name))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN_TAGS:
            self._hidden -= 1

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


@dataclass
class Page:
    url: str
    status: int
    texts: list[str] = field(default_factory=list)  # visible text, then attribute texts


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (url, what)


def _follow(base: str, href: str) -> str | None:
    href = href.strip()
    if href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    url, _ = urldefrag(urljoin("http://testserver" + base, href))
    parts = urlsplit(url)
    if parts.netloc != "testserver":
        return None
    local = parts.path + ("?" + parts.query if parts.query else "")
    if local.startswith(SKIP_PREFIXES) or any(word in local.lower() for word in SKIP_WORDS):
        return None
    return local


def crawl(client, start: str = "/", *, limit: int = 400, per_pattern: int = 3) -> Crawl:
    """Visit what `client`'s user can reach from `start`. A view that raises
    gives a 500 recorded with its URL (the traceback is in the captured log)."""
    raising, client.raise_request_exception = client.raise_request_exception, False
    try:
        return _crawl(client, start, limit, per_pattern)
    finally:
        client.raise_request_exception = raising


def _crawl(client, start: str, limit: int, per_pattern: int) -> Crawl:
    result = Crawl()
    seen: set[str] = set()
    visits: dict[str, int] = {}
    queue = deque([start])
    while queue and len(result.pages) < limit:
        url = queue.popleft()
        key = pattern(url)
        if url in seen or visits.get(key, 0) >= per_pattern:
            continue
        seen.add(url)
        visits[key] = visits.get(key, 0) + 1
        response = client.get(url)
        if response.status_code >= 500:
            result.errors.append((url, f"status {response.status_code}"))
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = _follow(url, response["Location"])
            if target:
                queue.append(target)
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or "text/html" not in content_type or response.streaming:
            continue
        parser = PageText()
        parser.feed(response.content.decode())
        result.pages.append(Page(url, response.status_code, parser.text + parser.attributes))
        for href in parser.links:
            target = _follow(url, href)
            if target and target not in seen:
                queue.append(target)
    return result
