"""The one HTTP client of an audit (robots.txt, link checks), under the egress policy.

Every TCP connection resolves its host once, checks each address with
:class:`~auditor.walk.egress.EgressPolicy` and connects to a checked address itself, so
redirects (each hop is a new connection) and DNS rebinding (no second lookup) cannot
lead it to a private, loopback, link-local or metadata address.  Environment proxies are
ignored: a proxy would make the connection on the auditor's behalf, unchecked.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx
from httpcore import AsyncNetworkBackend, AsyncNetworkStream

from auditor.walk.egress import EgressDenied, EgressPolicy, allowed_addresses

# Per read, not per request: a server that trickles one byte a second never hits a
# whole-request timeout of 10 s per read, so every phase gets its own bound.
TIMEOUT = httpx.Timeout(connect=5.0, read=5.0, write=5.0, pool=5.0)


class GuardedBackend(AsyncNetworkBackend):
    """httpcore's network backend with the egress check before every connect."""

    def __init__(self, policy: EgressPolicy, inner: AsyncNetworkBackend | None = None) -> None:
        self.policy = policy
        self._inner: AsyncNetworkBackend = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> AsyncNetworkStream:
        try:
            addresses = await allowed_addresses(self.policy, host, port)
        except EgressDenied as exc:
            raise httpcore.ConnectError(f"egress denied: {exc}") from exc
        return await self._inner.connect_tcp(
            str(addresses[0]),
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> AsyncNetworkStream:
        raise httpcore.ConnectError("egress denied: unix sockets are never used")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(policy: EgressPolicy, *, http2: bool = False) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection passes the egress check.

    httpx has no public hook for the network backend, so the pool's backend is replaced
    after construction (httpcore's own attribute, stable since httpcore 0.17).  With
    ``http2`` (the ``h2`` package) a TLS server that offers HTTP/2 in ALPN gets one
    multiplexed connection; plain http:// stays HTTP/1.1.
    """
    transport = httpx.AsyncHTTPTransport(verify=True, retries=0, http2=http2)
    transport._pool._network_backend = GuardedBackend(policy)
    return transport


def audit_client(start_url: str, user_agent: str, *, http2: bool = False) -> httpx.AsyncClient:
    """The client robots.txt and link checks share: certificate checks on, no redirects
    followed automatically (each hop is judged), no environment proxies.  The static tier
    asks for ``http2``: its many small fetches of one host share a connection."""
    return httpx.AsyncClient(
        headers={"User-Agent": user_agent},
        follow_redirects=False,
        transport=guarded_transport(EgressPolicy.for_start(start_url), http2=http2),
        timeout=TIMEOUT,
        trust_env=False,
    )


def is_egress_denied(exc: BaseException) -> bool:
    return "egress denied" in str(exc)


def is_tls_error(exc: BaseException) -> bool:
    """A certificate or handshake failure, told apart from an ordinary network error."""
    seen: BaseException | None = exc
    while seen is not None:
        text = f"{type(seen).__name__} {seen}".lower()
        if "ssl" in text or "certificate" in text or "tls" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False
