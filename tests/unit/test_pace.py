"""Retry-After parsing, slow-host back-off and the certificate wording (no network)."""

from __future__ import annotations

import asyncio
import time
from email.utils import formatdate

from auditor.walk.guard import describe_certificate
from auditor.walk.pace import MAX_BACKOFF_S, MAX_RETRY_AFTER_S, Pace, retry_after_seconds


def test_retry_after_reads_seconds_and_dates_and_is_bounded() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("86400") == MAX_RETRY_AFTER_S
    assert retry_after_seconds(None) == 1.0 and retry_after_seconds("soon") == 1.0
    in_five = formatdate(time.time() + 5, usegmt=True)
    assert 3.0 <= retry_after_seconds(in_five) <= 5.0
    assert retry_after_seconds(formatdate(time.time() - 60, usegmt=True)) == 0.0


def test_a_slow_host_is_backed_off_and_a_held_host_waits() -> None:
    pace = Pace()
    url = "https://slow.example/page"
    pace.observe(url, 0.2)
    assert pace.backoff(url) == 0.0, "a fast host is not slowed"
    for _ in range(10):
        pace.observe(url, 4.0)
    assert 3.0 < pace.backoff(url) <= 4.0
    pace.observe("https://slower.example/", 60.0)
    assert pace.backoff("https://slower.example/x") == MAX_BACKOFF_S
    pace.hold(url, 2.0)
    assert 1.5 < pace.held_for("https://slow.example/other") <= 2.0
    assert pace.held_for("https://fast.example/") == 0.0


def test_the_polite_rate_waits_for_crawl_delay_and_holds() -> None:
    from auditor.walk.politeness import PoliteRate

    class NoRobots:
        def crawl_delay(self, url: str) -> float | None:
            return 0.3

    pace = Pace()
    rate = PoliteRate(100.0, NoRobots(), pace)  # type: ignore[arg-type]

    async def three() -> float:
        began = time.monotonic()
        for _ in range(3):
            await rate.wait("http://127.0.0.1:1/x")
        return time.monotonic() - began

    assert 0.55 <= asyncio.run(three()) < 1.5


def test_certificate_problems_are_worded_for_a_report() -> None:
    text = describe_certificate(
        {"issuer": "127.0.0.1", "subjectName": "127.0.0.1", "validTo": time.time() - 86400}
    )
    assert "not trusted" in text and "self-signed" in text and "expired" in text
