"""A local forward proxy that makes the browser's every connection pass the egress policy.

For a public audit Chromium sends everything (documents, images, scripts, fonts,
workers; loopback URLs too, through ``<-loopback>``) to this proxy on 127.0.0.1.  The
proxy, not the browser, resolves each host once, checks every address with
:class:`~auditor.walk.egress.EgressPolicy` and connects to a checked address itself, so
a redirect or a DNS rebinding can never take the browser to a private, loopback,
link-local or metadata address.  HTTPS is tunnelled (``CONNECT``), so certificates are
still verified by Chromium end to end; plain HTTP is forwarded one request per
connection.  A refused destination gets ``403`` and not a single packet.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from auditor.walk.egress import EgressDenied, EgressPolicy, allowed_addresses

HEADER_LIMIT = 64 * 1024
CONNECT_TIMEOUT_S = 10.0
IDLE_TIMEOUT_S = 30.0
HOP_HEADERS = frozenset({"proxy-connection", "proxy-authorization", "connection", "keep-alive"})


class EgressProxy:
    """``async with EgressProxy(policy) as proxy: proxy.url`` (http://127.0.0.1:PORT)."""

    def __init__(self, policy: EgressPolicy) -> None:
        self.policy = policy
        self.denied: list[str] = []
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> EgressProxy:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IDLE_TIMEOUT_S)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, OSError):
            writer.close()
            return
        try:
            lines = head.decode("latin-1").split("\r\n")
            method, target, version = lines[0].split(" ", 2)
            if method.upper() == "CONNECT":
                await self._tunnel(target, reader, writer)
            else:
                await self._forward(method, target, version, lines[1:], reader, writer)
        except (ValueError, OSError, TimeoutError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _open(
        self, host: str, port: int
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        addresses = await allowed_addresses(self.policy, host, port)
        return await asyncio.wait_for(
            asyncio.open_connection(str(addresses[0]), port), CONNECT_TIMEOUT_S
        )

    async def _refuse(self, writer: asyncio.StreamWriter, where: str, why: str) -> None:
        self.denied.append(f"{where}: {why}")
        body = f"egress denied: {why}".encode()
        writer.write(
            b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()

    async def _tunnel(
        self, target: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        host, _, port_text = target.rpartition(":")
        host = host.strip("[]")
        try:
            up_reader, up_writer = await self._open(host, int(port_text))
        except (EgressDenied, ValueError) as exc:
            await self._refuse(writer, target, str(exc))
            return
        writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        await writer.drain()
        await _pipe_both(reader, writer, up_reader, up_writer)

    async def _forward(
        self,
        method: str,
        target: str,
        version: str,
        headers: list[str],
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        parts = urlsplit(target)
        if parts.scheme != "http" or not parts.hostname:
            await self._refuse(writer, target, "only absolute http:// URLs are forwarded")
            return
        port = parts.port or 80
        try:
            up_reader, up_writer = await self._open(parts.hostname, port)
        except EgressDenied as exc:
            await self._refuse(writer, target, str(exc))
            return
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        kept = [h for h in headers if h and h.split(":", 1)[0].strip().lower() not in HOP_HEADERS]
        request = "\r\n".join([f"{method} {path} {version}", *kept, "Connection: close", "", ""])
        up_writer.write(request.encode("latin-1"))
        await up_writer.drain()
        await _pipe_both(reader, writer, up_reader, up_writer)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            data = await asyncio.wait_for(reader.read(65536), IDLE_TIMEOUT_S)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (OSError, TimeoutError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def _pipe_both(
    client_r: asyncio.StreamReader,
    client_w: asyncio.StreamWriter,
    up_r: asyncio.StreamReader,
    up_w: asyncio.StreamWriter,
) -> None:
    up = asyncio.ensure_future(_pipe(client_r, up_w))
    down = asyncio.ensure_future(_pipe(up_r, client_w))
    await asyncio.wait({up, down}, return_when=asyncio.FIRST_COMPLETED)
    for task in (up, down):
        task.cancel()
    for task in (up, down):
        with contextlib.suppress(BaseException):
            await task


@contextlib.asynccontextmanager
async def browser_egress(start_url: str) -> AsyncIterator[str | None]:
    """The proxy a browser must use for this audit: None for a loopback or private audit
    (pinned by launch flags alone), else a running :class:`EgressProxy`'s URL."""
    policy = EgressPolicy.for_start(start_url)
    if policy.pinned is not None:
        yield None
        return
    async with EgressProxy(policy) as proxy:
        yield proxy.url
