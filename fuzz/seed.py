#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets into fuzz/corpus/<target>/ (git-ignored).

Usage: python3 fuzz/seed.py
Uses the repository's examples/ and, when present, the extraction benchmark's
pages in ../shared/data/extraction/scrapinghub/html/*.html.gz (never committed).
"""
import gzip
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
SHARED = ROOT.parent / "shared" / "data" / "extraction" / "scrapinghub" / "html"
if not SHARED.is_dir():
    SHARED = pathlib.Path("/work/shared/data/extraction/scrapinghub/html")


def put(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


HTML = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Border talks</title>"
    "<meta property='article:published_time' content='2015-10-28'>"
    "<script type='application/ld+json'>{\"datePublished\":\"2015-10-28\"}</script></head>"
    "<body><nav><a href=/>Home</a> <a href=/world>World</a></nav><article><h1>Border talks</h1>"
    "<p class=byline>By A. Writer</p><p>The ministry said on Tuesday that talks on the border would "
    "continue next week in the capital.</p><ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
    "<blockquote>We need calm.</blockquote><pre>  code  </pre></article>"
    "<div id=comments><p>29th October 2015 - A reader said this.</p></div>"
    "<footer>Copyright 2015</footer></body></html>"
)


def warc_record(kind, block, url="https://example.org/a"):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2015-10-28T10:00:00Z\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http(status, ctype, body, extra=""):
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\n{extra}\r\n").encode() + body


def warcs():
    recs = [
        warc_record("warcinfo", b"software: seed\r\n"),
        warc_record("request", b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n"),
        warc_record("response", http(200, "text/html; charset=utf-8", HTML.encode())),
        warc_record("response", http(404, "text/html", b"<p>not found</p>")),
        warc_record("response", http(200, "image/png", b"\x89PNG\r\n\x1a\n\0\0")),
        warc_record("response", http(200, "text/plain; charset=windows-1251",
                                     "Новости дня. Граница закрыта.".encode("cp1251"))),
        warc_record("response", http(200, "text/html", b"5\r\n<p>hi\r\n3\r\n</p>\r\n0\r\n\r\n",
                                     "Transfer-Encoding: chunked\r\n")),
        warc_record("response", http(200, "text/html", gzip.compress(HTML.encode()),
                                     "Content-Encoding: gzip\r\n")),
        warc_record("metadata", b"via: x\r\n"),
    ]
    plain = b"".join(recs)
    gz = b"".join(gzip.compress(r) for r in recs)
    return plain, gz


def main():
    plain, gz = warcs()
    example = (ROOT / "examples" / "khaama-2015-taliban-central-asia.txt").read_bytes()
    put("extract_html", "seed.html", HTML)
    put("extract_html", "deep.html", "<div>" * 2000 + "text" + "</div>" * 10)
    put("extract_html", "entities.html", "<p>&amp;&lt;&#x41;&#65;&nbsp;&bogus; &#xFFFFFF;</p><!-- c --><![CDATA[x]]>")
    n = 0
    if SHARED.is_dir():
        for p in sorted(SHARED.glob("*.html.gz"))[:40]:
            put("extract_html", p.name[:-3], gzip.decompress(p.read_bytes()))
            n += 1
    put("scrape", "khaama.txt", example)
    put("dates", "seed.html", HTML)
    put("dates", "khaama.txt", example)
    put("dates", "timex.txt",
        "June 13, 2005\nOn Wednesday, October 16 the council said that two days ago, in late 2006 and "
        "last week, for nearly five months, every year since the 1990s, at 12:00 UTC today, "
        "۶ آبان ۱۳۹۴ and 2015年10月28日, the vote would follow next month.")
    DATES = ROOT.parent / "shared" / "data" / "dates" / "htmldate" / "eval"
    if DATES.is_dir():
        for p in sorted(DATES.glob("*.html.gz"))[:30]:
            put("dates", p.name[:-3], gzip.decompress(p.read_bytes()))
    put("scrape", "lines.txt", "Monday, June 17, 2024\n\nTitle\n\nAdvertisement\n\nBody text here.\n\nLeave a Reply\nName*\n")
    put("warc", "plain.warc", plain)
    put("warc", "gz.warc.gz", gz)
    put("warc", "cut.warc.gz", gz[: len(gz) * 2 // 3])
    put("ingest_any", "plain.warc", plain)
    put("ingest_any", "gz.warc.gz", gz)
    put("ingest_any", "page.html", HTML)
    put("ingest_any", "page.html.gz", gzip.compress(HTML.encode()))
    put("ingest_any", "khaama.txt", example)
    put("ingest_any", "lines.jsonl",
        '{"url":"https://a.org/1","html":"<p>Hello world.</p>","title":"T","published":"2015-10-28"}\n'
        '{"url":"https://a.org/2","scrape":"Title\\n\\nBody."}\n'
        '{"url":"https://a.org/3","text":"Given text.\\n\\nMore.","fetched_at":"2015-10-28T10:00:00Z"}\n'
        'not json\n{"url":"x"}\n')
    put("ingest_any", "rss.xml",
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        '<channel><title>Feed</title><item><title>One</title><link>https://a.org/1</link>'
        '<pubDate>Wed, 28 Oct 2015 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>Body one.</p>]]></content:encoded>'
        '</item><item><title>Two</title><link>https://a.org/2</link><description>Summary two.</description></item></channel></rss>')
    put("ingest_any", "atom.xml",
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        '<entry><title>E</title><link href="https://a.org/e"/><updated>2015-10-28T10:00:00Z</updated>'
        '<content type="html">&lt;p&gt;Entry body.&lt;/p&gt;</content></entry></feed>')
    put("ingest_any", "cp1251.html",
        '<meta charset="windows-1251"><p>Новости дня. Граница закрыта.</p>'.encode("cp1251"))
    print(f"seeds written to {CORPUS} ({n} benchmark pages)")


if __name__ == "__main__":
    main()
