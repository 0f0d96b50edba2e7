"""Sitemaps are untrusted input: gzip, indexes, malformed and oversized files (issue 17)."""

from __future__ import annotations

import gzip

import pytest

from auditor.static import sitemap
from auditor.static.sitemap import SitemapError, parse

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _urlset(*locs: str) -> bytes:
    body = "".join(f"<url><loc>{loc}</loc><lastmod>2026-01-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{body}</urlset>'.encode()


def test_a_urlset_lists_its_locs_in_order() -> None:
    got = parse(_urlset("https://b.example/", "https://b.example/complaints"))
    assert got.kind == "urlset"
    assert got.locs == ["https://b.example/", "https://b.example/complaints"]


def test_a_gzipped_sitemap_is_read_by_its_magic_bytes() -> None:
    got = parse(gzip.compress(_urlset("https://b.example/contact")))
    assert got.kind == "urlset" and got.locs == ["https://b.example/contact"]


def test_a_sitemap_index_names_child_sitemaps() -> None:
    body = f"<sitemapindex {NS}><sitemap><loc>https://b.example/s1.xml.gz</loc></sitemap>"
    body += "<sitemap><loc>https://b.example/s2.xml</loc></sitemap></sitemapindex>"
    got = parse(body.encode())
    assert got.kind == "index"
    assert got.locs == ["https://b.example/s1.xml.gz", "https://b.example/s2.xml"]


def test_a_plain_text_sitemap_is_one_url_a_line() -> None:
    got = parse(b"https://b.example/a\n\nhttps://b.example/b\n")
    assert got.kind == "text" and got.locs == ["https://b.example/a", "https://b.example/b"]


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<urlset><url><loc>https://b.example/</loc></url>", "malformed XML"),
        (b"<html><body>Not found</body></html>", "not a sitemap"),
        (b"Page not found, sorry", "malformed"),
        (b"\x1f\x8b\x08\x00garbage", "malformed gzip"),
    ],
)
def test_a_malformed_sitemap_is_a_clear_error(body: bytes, why: str) -> None:
    with pytest.raises(SitemapError, match=why):
        parse(body)


def test_an_oversized_sitemap_is_refused_before_parsing() -> None:
    with pytest.raises(SitemapError, match="oversized"):
        parse(b" " * (sitemap.MAX_BYTES + 1))


def test_a_gzip_bomb_stops_at_the_uncompressed_cap() -> None:
    bomb = gzip.compress(b"\0" * (sitemap.MAX_BYTES + 1000))
    assert len(bomb) < 100_000
    with pytest.raises(SitemapError, match=r"oversized: over \d+ bytes uncompressed"):
        parse(bomb)


def test_the_url_cap_truncates_a_huge_urlset() -> None:
    got = parse(_urlset(*(f"https://b.example/p{i}" for i in range(30))), max_urls=10)
    assert got.truncated and len(got.locs) == 10


def test_entities_are_never_expanded() -> None:
    """XXE: an external entity must not pull a local file into a <loc>."""
    body = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b"<urlset><url><loc>https://b.example/&x;</loc></url></urlset>"
    )
    try:
        got = parse(body)
    except SitemapError:
        return  # refusing the document is as safe
    assert all(loc.startswith("https://b.example/") and len(loc) < 40 for loc in got.locs)
