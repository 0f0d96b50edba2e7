"""Where an audit may connect (DESIGN §8): a pure policy over resolved IP addresses.

A public site can point the auditor at the machine it runs on (a redirect to
``http://169.254.169.254/``, an iframe on ``127.0.0.1:6379``, a name that resolves to
``10.0.0.5`` on the second lookup).  So the decision is made on the *resolved* address of
every connection, never on the URL alone:

- an audit of a public host may connect to public addresses only;
- an audit whose start URL is loopback or private keeps to that exact address and port
  (a fixture site on ``127.0.0.1:8000`` must not reach ``127.0.0.1:8001`` or ``127.0.0.2``).

Nothing here touches the network except :func:`resolve`, which only asks the resolver.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Addresses that are not "the public internet" although ``ipaddress`` may call some of
# them global: cloud metadata endpoints, NAT64 / 6to4 / Teredo wrappers (checked through
# what they embed), and the IETF's shared address space for carrier-grade NAT.
METADATA = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("fd00:ec2::254"),  # AWS IMDS over IPv6
    }
)
SHARED_NAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class EgressDenied(ConnectionError):
    """A connection the policy refuses; the message names the address and why."""


def parse_ip(text: str) -> IPAddress | None:
    """The IP address a host string spells (brackets and zone ids allowed), else None."""
    host = text.strip().strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def unwrap(ip: IPAddress) -> IPAddress:
    """The IPv4 address hidden in an IPv4-mapped, 6to4, Teredo or NAT64 IPv6 address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip.teredo is not None:
            return ip.teredo[1]
        if ip in NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def classify(ip: IPAddress) -> str:
    """One word for an address: metadata, loopback, link-local, private, reserved or public."""
    inner = unwrap(ip)
    for candidate in (ip, inner):
        if candidate in METADATA:
            return "metadata"
    if inner.is_loopback:
        return "loopback"
    if inner.is_link_local:
        return "link-local"
    if inner.is_unspecified or inner.is_multicast or inner.is_reserved:
        return "reserved"  # 0.0.0.0 reaches this machine on Linux: never "public"
    if inner in SHARED_NAT or inner.is_private:
        return "private"
    return "public" if inner.is_global else "reserved"


def is_local_name(host: str) -> bool:
    """Names that always mean this machine, whatever a resolver says."""
    host = host.lower().rstrip(".")
    return host in LOCAL_NAMES or host.endswith(".localhost")


@dataclass(frozen=True)
class EgressPolicy:
    """What one audit may connect to, fixed by its start URL.

    ``pinned`` is the (address, port) a loopback or private audit keeps to; ``None`` means
    a public audit, which may reach public addresses only.
    """

    pinned: tuple[IPAddress, int] | None = None

    @classmethod
    def for_start(cls, start_url: str) -> EgressPolicy:
        parts = urlsplit(start_url)
        host = (parts.hostname or "").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
        ip = parse_ip(host)
        if ip is None and is_local_name(host):
            ip = ipaddress.ip_address("127.0.0.1")
        if ip is not None and classify(ip) != "public":
            return cls(pinned=(ip, port))
        return cls()

    @property
    def local(self) -> bool:
        return self.pinned is not None

    def check(self, ip: IPAddress, port: int) -> str | None:
        """None when a connection to ``ip:port`` is allowed, else the reason it is not."""
        if self.pinned is not None:
            want_ip, want_port = self.pinned
            if unwrap(ip) == unwrap(want_ip) and port == want_port:
                return None
            return f"{ip}:{port} is not the audited address {want_ip}:{want_port}"
        kind = classify(ip)
        if kind != "public":
            return f"{ip} is a {kind} address; a public audit never connects there"
        return None

    def check_url(self, url: str) -> str | None:
        """The verdict for a URL whose host is an IP literal or a local name; None otherwise.

        Hostnames need :func:`resolve`; this is the part that needs no resolver.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss"):
            return None
        host = (parts.hostname or "").lower()
        try:
            port = parts.port or (443 if parts.scheme in ("https", "wss") else 80)
        except ValueError:
            return f"{url} has an impossible port"
        ip = parse_ip(host)
        if ip is None and is_local_name(host):
            ip = ipaddress.ip_address("127.0.0.1")
        if ip is None:
            return None
        return self.check(ip, port)

    def origin_allowed(self, url: str) -> bool:
        """For a pinned audit: is this URL on the audited address and port?"""
        return self.check_url(url) is None if self.pinned is not None else True


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the resolver gives for ``host`` (an IP literal resolves to itself)."""
    ip = parse_ip(host)
    if ip is not None:
        return [ip]
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IPAddress] = []
    for info in infos:
        addr = parse_ip(str(info[4][0]))
        if addr is not None and addr not in out:
            out.append(addr)
    return out


async def allowed_addresses(policy: EgressPolicy, host: str, port: int) -> list[IPAddress]:
    """Resolve once and keep only the addresses the policy allows; raise if none is.

    The caller connects to one of the returned addresses itself, so a second lookup (DNS
    rebinding) can never swap in an address that was not checked.
    """
    if is_local_name(host) and policy.pinned is None:
        raise EgressDenied(f"{host} is this machine; a public audit never connects there")
    try:
        addrs = await resolve(host, port)
    except OSError as exc:
        raise EgressDenied(f"{host} does not resolve: {exc}") from exc
    good = [a for a in addrs if policy.check(a, port) is None]
    if not good:
        reasons = "; ".join(filter(None, (policy.check(a, port) for a in addrs)))
        raise EgressDenied(reasons or f"{host} has no address")
    if policy.pinned is None and len(good) != len(addrs):
        # A name that resolves to public and private addresses at once is a rebinding
        # setup: refuse it whole rather than guess which one a later lookup returns.
        bad = [a for a in addrs if a not in good]
        raise EgressDenied(f"{host} also resolves to non-public {bad[0]}")
    return good
