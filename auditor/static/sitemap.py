"""Reading sitemaps (sitemaps.org): urlsets, indexes, gzip and plain-text lists, capped.

A sitemap is the site's own word on what it publishes, so it is read as untrusted input:
at most ``MAX_BYTES`` after decompression (a gzip bomb stops there), at most
``MAX_URLS`` entries, no DTDs, entities or network access in the XML parser.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from lxml import etree

MAX_BYTES = 10_000_000  # the protocol's own limit for one uncompressed file (50 MB) is too big
MAX_URLS = 50_000
MAX_INDEX_DEPTH = 2
GZIP_MAGIC = b"\x1f\x8b"


class SitemapError(ValueError):
    """A sitemap that cannot be read: oversized, malformed or not a sitemap."""


@dataclass
class ParsedSitemap:
    kind: str  # "urlset" | "index" | "text"
    locs: list[str] = field(default_factory=list)
    truncated: bool = False


def decompress(body: bytes, limit: int = MAX_BYTES) -> bytes:
    """Gunzip when the body is gzip (by its magic bytes, whatever the headers say)."""
    if not body.startswith(GZIP_MAGIC):
        if len(body) > limit:
            raise SitemapError(f"oversized: over {limit} bytes")
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise SitemapError(f"malformed gzip: {exc}") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise SitemapError(f"oversized: over {limit} bytes uncompressed")
    if not inflater.eof:
        raise SitemapError("malformed gzip: truncated")
    return out


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse(body: bytes, max_urls: int = MAX_URLS) -> ParsedSitemap:
    """A urlset, a sitemap index or a plain-text list of URLs (one per line)."""
    data = decompress(body)
    head = data.lstrip()[:1]
    if head != b"<":
        return _parse_text(data, max_urls)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"malformed XML: {str(exc)[:120]}") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap: root element <{kind or '?'}>")
    out = ParsedSitemap("index" if kind == "sitemapindex" else "urlset")
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        for child in entry:
            if _local(child.tag) == "loc" and child.text and child.text.strip():
                if len(out.locs) >= max_urls:
                    out.truncated = True
                    return out
                out.locs.append(child.text.strip())
                break
    return out


def _parse_text(data: bytes, max_urls: int) -> ParsedSitemap:
    out = ParsedSitemap("text")
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line.startswith(("http://", "https://")):
            if line:
                raise SitemapError("malformed: neither XML nor a list of URLs")
            continue
        if len(out.locs) >= max_urls:
            out.truncated = True
            break
        out.locs.append(line)
    return out
