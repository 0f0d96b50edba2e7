"""The egress policy on addresses alone: no network (DESIGN §8, issue 13 criterion 2)."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from auditor.walk import egress
from auditor.walk.egress import EgressDenied, EgressPolicy, allowed_addresses, classify


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("8.8.8.8", "public"),
        ("2606:4700:4700::1111", "public"),
        ("127.0.0.1", "loopback"),
        ("127.5.6.7", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),
        ("fd00::1", "private"),
        ("fc00::5", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("100.100.100.200", "metadata"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "metadata"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:8.8.8.8", "public"),
        ("2002:a00:1::", "private"),  # 6to4 wrapping 10.0.0.1
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 wrapping 127.0.0.1
        ("0.0.0.0", "reserved"),
        ("::", "reserved"),
        ("224.0.0.1", "reserved"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_every_address_gets_its_kind(address: str, kind: str) -> None:
    assert classify(ipaddress.ip_address(address)) == kind


def test_a_public_audit_connects_to_public_addresses_only() -> None:
    policy = EgressPolicy.for_start("https://www.brand.example/")
    assert policy.pinned is None
    assert policy.check(ipaddress.ip_address("93.184.216.34"), 443) is None
    for bad in ("127.0.0.1", "10.0.0.8", "169.254.169.254", "::1", "fd00::1", "::ffff:127.0.0.1"):
        reason = policy.check(ipaddress.ip_address(bad), 80)
        assert reason and "never connects" in reason, bad
    assert policy.check_url("http://169.254.169.254/latest/meta-data/")
    assert policy.check_url("http://[::1]:8080/")
    assert policy.check_url("http://localhost/")
    assert policy.check_url("http://brand.example/") is None  # needs the resolver


def test_a_loopback_audit_keeps_to_its_exact_address_and_port() -> None:
    policy = EgressPolicy.for_start("http://127.0.0.1:8000/")
    assert policy.pinned == (ipaddress.ip_address("127.0.0.1"), 8000)
    assert policy.check_url("http://127.0.0.1:8000/contact") is None
    assert policy.check_url("http://127.0.0.1:8001/")
    assert policy.check_url("http://127.0.0.2:8000/")
    assert policy.check_url("http://[::ffff:127.0.0.1]:8000/") is None
    assert policy.check_url("http://8.8.8.8:8000/")
    assert EgressPolicy.for_start("http://localhost:9000/").pinned == (
        ipaddress.ip_address("127.0.0.1"),
        9000,
    )
    assert EgressPolicy.for_start("http://10.0.0.5/").pinned == (
        ipaddress.ip_address("10.0.0.5"),
        80,
    )


def test_the_resolved_addresses_decide_and_a_mixed_answer_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = {
        "ok.example": ["93.184.216.34"],
        "inside.example": ["10.0.0.7"],
        "rebind.example": ["93.184.216.34", "127.0.0.1"],
        "meta.example": ["169.254.169.254"],
    }

    async def fake_resolve(host: str, port: int) -> list[egress.IPAddress]:
        return [ipaddress.ip_address(a) for a in answers[host]]

    monkeypatch.setattr(egress, "resolve", fake_resolve)
    policy = EgressPolicy()

    async def run(host: str) -> list[str]:
        return [str(a) for a in await allowed_addresses(policy, host, 443)]

    assert asyncio.run(run("ok.example")) == ["93.184.216.34"]
    for host in ("inside.example", "rebind.example", "meta.example"):
        with pytest.raises(EgressDenied):
            asyncio.run(run(host))
    with pytest.raises(EgressDenied):
        asyncio.run(allowed_addresses(policy, "localhost", 80))
