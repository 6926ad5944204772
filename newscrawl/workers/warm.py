"""Imported by the forkserver: run the extraction once so every worker starts warm.

The first ``extract_article`` call in a process costs 0.2–1 s of one-time set-up
(lazy imports, date parsers' language data, compiled patterns) against tens of
milliseconds for later pages. Workers are forked from the forkserver, so paying
it there once, in the background while the crawl starts, spares each worker
(and each worker restarted after a crash) from paying it on its first page.
"""

from __future__ import annotations

from newscrawl.extraction import extract_article

SAMPLE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves new bridge over the river - Example News</title>
<meta property="og:title" content="Council approves new bridge over the river">
<meta property="article:published_time" content="2026-11-20T10:15:00+04:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council approves new bridge over the river",
"datePublished": "2026-11-20T10:15:00+04:00", "author": {"@type": "Person", "name": "Ann Lee"}}
</script></head><body><header><nav><a href="/">Home</a> <a href="/world/">World</a></nav></header>
<article><h1>Council approves new bridge over the river</h1>
<p class="date">20 November 2026, 10:15</p><p class="byline">By Ann Lee</p>
<p>Riverton, November 20 (Example News). The city council voted on Thursday to build a new
bridge over the river, ending a debate that has lasted for more than ten years.</p>
<p>The bridge will carry two lanes of traffic and a cycle path, and is due to open in 2029,
the mayor told reporters after the vote, adding that the cost would be shared.</p>
<p>Opponents said the money would be better spent on repairing existing roads and schools,
and promised to keep campaigning against the project in the months ahead.</p>
</article><footer><p>&copy; 2026 Example News. All rights reserved.</p></footer></body></html>
"""

extract_article(SAMPLE, url="https://www.example.org/news/2026/11/20/council-approves-bridge")
