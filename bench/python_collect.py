"""The collection benchmark's peer: what a user would write with trafilatura
(its fetcher and extractor) to follow the same feeds: every feed read, then
every item's page fetched and extracted (text and metadata), one request at
a time per host with the same delay between requests, `WORKERS` requests at
once, one thread per feed waiting for its host's turn (as Beacon does),
extraction on the main thread.
trafilatura's own feed mode (`trafilatura --feed`) cannot be used: its URL
filter (courlan) refuses hosts that are IP addresses, and the benchmark's
sites are on loopback addresses. No analysis: extraction only.

usage: python_collect.py OPML WORKERS HOST_DELAY_S
prints one JSON line: feeds, pages, extracted, seconds, articles_per_s.
"""

import json
import queue
import re
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from configparser import ConfigParser

import trafilatura
from trafilatura.settings import DEFAULT_CONFIG

opml, workers, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
feeds = [o.get("xmlUrl") for o in ET.parse(opml).iter("outline") if o.get("xmlUrl")]
config = ConfigParser()
config.read_dict(DEFAULT_CONFIG)
config["DEFAULT"]["SSRF_PROTECTION"] = "off"  # the sites are on loopback
config["DEFAULT"]["SLEEP_TIME"] = str(delay)
slots = threading.BoundedSemaphore(workers)


def fetch(url):
    with slots:
        return trafilatura.fetch_url(url, config=config)


def follow(feed):
    xml = fetch(feed)
    base = re.match(r"https?://[^/]+", feed).group(0)
    links = [] if xml is None else re.findall(r"<link>([^<]+)</link>", xml)
    for link in links[1:]:  # the first is the channel's
        time.sleep(delay)
        url = link if link.startswith("http") else base + link
        pages.put(fetch(url))


# downloads on threads, extraction on this one (trafilatura's extractor is
# not safe to share between threads; its CLI extracts in worker processes)
pages = queue.Queue(maxsize=64)
started = time.monotonic()
pool = ThreadPoolExecutor(max_workers=len(feeds))
futures = [pool.submit(follow, f) for f in feeds]
count = extracted = 0
while True:
    try:
        html = pages.get(timeout=0.2)
    except queue.Empty:
        if all(f.done() for f in futures) and pages.empty():
            break
        continue
    count += 1
    if html and trafilatura.extract(html, with_metadata=True, output_format="json"):
        extracted += 1
pool.shutdown()
seconds = time.monotonic() - started
print(json.dumps({
    "tool": "trafilatura", "feeds": len(feeds), "pages": count,
    "extracted": extracted, "seconds": round(seconds, 2),
    "articles_per_s": round(extracted / seconds, 1),
}))
