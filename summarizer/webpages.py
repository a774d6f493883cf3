"""Web pages in, article text out: trafilatura extracts the article body and its metadata.

Scripts, style sheets, navigation, cookie banners, related-story lists, newsletters and
footers are left behind; the page's title, outlet (site name, else the host), canonical
URL and date fill the :class:`~summarizer.documents.Document`, whose ``text`` is the
extracted article, so citation offsets index into it.

>>> html = '''<html><head><title>Rain in Leeds</title><meta property="og:site_name" content="Daily Planet">
... </head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article>
... <p>Rain fell on Leeds all day on Monday, flooding several streets near the river.</p>
... <p>The council said the roads would reopen on Tuesday once the water had gone down.</p>
... </article><footer>Copyright 2025 Daily Planet</footer></body></html>'''
>>> doc = document_from_html(html, id="leeds")
>>> doc.title, doc.source
('Rain in Leeds', 'Daily Planet')
>>> print(doc.text)
Rain fell on Leeds all day on Monday, flooding several streets near the river.
The council said the roads would reopen on Tuesday once the water had gone down.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from summarizer.documents import Document
from summarizer.errors import InputError, MissingDependencyError

logger = logging.getLogger(__name__)

#: Seconds to wait for a web server (connecting, and between bytes).
FETCH_TIMEOUT = 30.0
#: Pages larger than this many bytes are refused.
MAX_PAGE_BYTES = 20_000_000
_USER_AGENT = "Mozilla/5.0 (compatible; cited-summarizer)"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if host and host.startswith("www."):
        host = host[4:]
    return host or None


def document_from_html(html: str | bytes, *, id: str, url: str | None = None, origin: str | None = None) -> Document:
    """Extract the article of one web page as a :class:`Document` (id ``id``).

    ``url`` is where the page came from (used when the page names no canonical URL, and as
    the outlet's host); ``origin`` names the page in error messages. Raises
    :class:`~summarizer.errors.InputError` when the page has no article text.
    """
    try:
        from trafilatura import bare_extraction
    except ImportError:
        raise MissingDependencyError("trafilatura", "default", "Reading web pages") from None

    origin = origin or (f"<{url}>" if url else f"the page {id!r}")
    result = bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise InputError(
            f"No article text was found in {origin}; is it a news article page (not an index, login or error page)?"
        )
    page_url = result.url or url
    published = result.date or None
    return Document(
        text=text,
        id=id,
        title=result.title or None,
        source=result.sitename or _host(page_url),
        url=page_url,
        published=published,
    )


def fetch_html(url: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """Download ``url``; raises :class:`~summarizer.errors.InputError` with the reason when it fails."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_PAGE_BYTES + 1)
    except urllib.error.HTTPError as err:
        raise InputError(f"Could not fetch <{url}>: the server answered HTTP {err.code} {err.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise InputError(f"Could not fetch <{url}>: {reason}. Check the address and the network.") from None
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(
            f"<{url}> is larger than {MAX_PAGE_BYTES // 1_000_000} MB; save the article and give the file."
        )
    return data


def url_id(url: str) -> str:
    """A readable document id for a URL: host and path without the scheme.

    >>> url_id("https://www.example.com/world/mexico-29/?utm=x")
    'example.com/world/mexico-29'
    """
    parts = urlsplit(url)
    return f"{_host(url) or ''}{parts.path}".rstrip("/") or url


def read_url(url: str) -> Document:
    """Fetch ``url`` (``http://`` or ``https://``) and extract its article as a document."""
    logger.info("Fetching %s", url)
    return document_from_html(fetch_html(url), id=url_id(url), url=url, origin=f"<{url}>")
