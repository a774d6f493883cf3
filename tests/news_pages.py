"""Ordinary news web pages written by the tests: article prose wrapped in the chrome real pages carry."""

from __future__ import annotations

import html
import json

#: Strings of page chrome; none may reach a summary or an extracted text.
CHROME = (
    "dataLayer",
    "font-family",
    "NewsArticle",
    "cookies",
    "Storm hits coast",
    "Markets fall on tariff fears",
    "newsletter",
    "All rights reserved",
    "Privacy",
    "Sport",
)


def news_page(
    paragraphs: list[str],
    *,
    title: str,
    site: str = "Daily Planet",
    url: str = "https://dailyplanet.example/world/story",
    date: str = "2025-02-28T10:00:00Z",
) -> str:
    """An HTML page with scripts, styles, JSON-LD, a cookie banner, navigation, related stories,
    a newsletter box and a footer around ``paragraphs``, with ``title``, ``site``, ``url``, ``date``
    in its metadata."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title})
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{ld}</script>
<style>body {{ font-family: Georgia, serif; }} .nav li {{ display: inline; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our site.
By continuing you accept all cookies.</p><button>Accept</button></div>
<nav class="nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><h1>{html.escape(title)}</h1></header>
<article>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Storm hits coast as thousands flee their homes overnight</a></li>
<li><a href="/b">Markets fall on tariff fears across Asia and Europe</a></li></ul></aside>
<div class="newsletter"><p>Sign up for our newsletter to get the top stories in your inbox every morning.</p></div>
<footer><p>© 2025 {html.escape(site)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script>console.log("loaded");</script>
</body></html>
"""
