"""The safety net of DESIGN §8: nothing the browser does can act, leave the audit's
addresses, or be credited to the brand when it came from elsewhere.

One interceptor per browser, in the Fetch domain of the *browser* target: it sees every
request of every page, popup (``window.open``, ``target=_blank``) and frame (out-of-process
iframes included) before it is sent, with no race against a page that was just created.
It pauses only the resource types that can carry a non-GET request or a navigation
(documents, XHR/fetch, beacons, other); stylesheets, scripts and images never stop there,
so they keep the HTTP cache and cost no round trip.  There it

- answers every non-GET request locally with 204 and records it;
- answers a document from an address the egress policy refuses, or a top-level
  navigation off the brand's site (an off-site redirect), with an empty local page;
- stops a document over the size cap before its body is read.

WebSockets are routed per context and never connected: the page believes the socket is
open, every frame it sends is recorded and dropped.  That route replaces ``WebSocket``
only in the pages' own script worlds; a web worker (dedicated, module, blob:, data:,
shared, nested), ``WebSocketStream`` or a constructor taken from a fresh frame would still
connect.  Patching workers through the debugger would race: Playwright resumes every new
worker itself.  So Chromium refuses those sockets: every document and every worker script
gets a Content-Security-Policy whose ``connect-src`` is ``http: https: data: blob:`` (a
scheme source never matches ``ws:``/``wss:``), enforced in the renderer before any packet
and fixed when the worker is created, before its first statement.  A worker script gets
it as a response header (its responses, type "Other", are the only extra pause, and
rare); a blob: or data: worker inherits its creator's.  A document gets it as a ``<meta>``
that an init script inserts before the first script runs: Chromium ignores a header that
``Fetch.continueResponse`` adds to a navigation, and fulfilling each document instead
would cost its streaming and its certificate details.  The refused sockets are recorded
(a worker is told the socket failed, so it sends no frames): a worker script's policy
reports to an address the interceptor answers locally, and the refusals in a page's
documents and its blob:/data: workers are read from their consoles.

Certificate problems Chromium sees (it is told to go on regardless, so the audit can
still be made) are recorded per page.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import re
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, CDPSession, Page, WebSocketRoute
from playwright.async_api import Error as PlaywrightError

from auditor.models import BlockedRequest, PageState
from auditor.walk.egress import EgressDenied, EgressPolicy, allowed_addresses
from auditor.walk.pace import Pace, retry_after_seconds
from auditor.walk.scope import Scope, acting_url, acting_url_patterns, normalise_url

GUARDED_TYPES = ("Document", "XHR", "Fetch", "Ping", "Other", "EventSource", "CSPViolationReport")
BLOCKED_TYPES = ("Media",)
TRACKER_PATTERNS = (
    "*google-analytics.com/*",
    "*googletagmanager.com/*",
    "*doubleclick.net/*",
    "*connect.facebook.net/*",
    "*hotjar.com/*",
    "*segment.io/*",
    "*scorecardresearch.com/*",
    "*clarity.ms/*",
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_WS_RECORDS = 20
STOPPED_HEADER = "X-CFA-Stopped"
STUB_PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title></title></head>'
    "<body><!-- not loaded by the auditor: {why} --></body></html>"
)
READ_CHUNK = 1 << 20
# Where a worker's policy reports a refused WebSocket: a name that can never resolve, and
# the interceptor answers it locally before anything is sent.
REPORT_URL = "https://csp-report.cfa.invalid/websocket"
CONNECT_SRC = "connect-src http: https: data: blob:"
WORKER_POLICY = f"{CONNECT_SRC}; report-uri {REPORT_URL}"
# Installed before any page script runs, in every frame: the parser creates <head> before
# it meets a script, and the observer's callback runs before that script (a microtask
# checkpoint precedes every parser-inserted script).  A removed <meta> keeps its policy.
DOCUMENT_POLICY_SCRIPT = (
    "(() => {"
    " const put = (head) => { const m = document.createElement('meta');"
    " m.httpEquiv = 'Content-Security-Policy';"
    f" m.content = '{CONNECT_SRC}'; head.append(m); }};"
    " if (document.head) { put(document.head); return; }"
    " const watch = new MutationObserver(() => {"
    " if (document.head) { watch.disconnect(); put(document.head); } });"
    " watch.observe(document, {childList: true, subtree: true});"
    "})();"
)
REFUSED_SOCKET = re.compile(
    r"Connecting to '(wss?://[^']*)' violates the following Content Security"
)


@dataclass
class Protection:
    """What one audit's browser keeps to: fixed once, at launch, by :func:`protect`."""

    policy: EgressPolicy | None = None
    scope: Scope | None = None
    max_bytes: int = 5_000_000
    pace: Pace = field(default_factory=Pace)


_PROTECTION: weakref.WeakKeyDictionary[Browser, Protection] = weakref.WeakKeyDictionary()
_SHARED: weakref.WeakKeyDictionary[Browser, _BrowserGuard] = weakref.WeakKeyDictionary()


def protect(browser: Browser, start_url: str, *, max_bytes: int) -> Protection:
    """Bind an audit's egress policy, scope and size cap to its browser (call at launch);
    the returned protection's ``pace`` learns each host's response times."""
    protection = Protection(EgressPolicy.for_start(start_url), Scope(start_url), max_bytes)
    _PROTECTION[browser] = protection
    return protection


class Guard:
    """One walk's share of the browser-wide guard: what was stopped on its pages."""

    def __init__(self) -> None:
        self.blocked: list[BlockedRequest] = []
        self.tls: dict[str, str] = {}
        self.stopped: dict[str, str] = {}
        self._ws_routes: dict[int, asyncio.Future[None]] = {}
        self._ws_records: dict[str, int] = {}
        self._shared: _BrowserGuard | None = None
        self._allowed: list[tuple[str, str]] = []
        self._attaching: set[asyncio.Future[None]] = set()
        self.permitted: list[str] = []

    def allow_once(self, method: str, url: str) -> None:
        """Let exactly one ``method`` request to exactly ``url`` through (DESIGN §8: the
        authorised journey's login submission, and nothing else)."""
        self._allowed.append((method.upper(), normalise_url(url)))

    def revoke(self) -> None:
        """Withdraw an allowance that was not used."""
        self._allowed.clear()

    def take_allowance(self, method: str, url: str) -> bool:
        """Consume the allowance for this request, if it is the one allowed (it is listed in
        ``permitted`` once the egress and scope checks let it go)."""
        key = (method.upper(), normalise_url(url))
        if key not in self._allowed:
            return False
        self._allowed.remove(key)
        return True

    async def attach(self, context: BrowserContext, page: Page) -> None:
        """Put ``page`` (and so its whole context: popups, frames) under the guard."""
        browser = context.browser
        if browser is not None:
            if browser not in _SHARED:
                _SHARED[browser] = _BrowserGuard(browser, _PROTECTION.get(browser, Protection()))
            self._shared = _SHARED[browser]
            await self._shared.start()
        if id(context) not in self._ws_routes:
            self._ws_routes[id(context)] = asyncio.ensure_future(self._route_websockets(context))
        # Every page of the context waits until its WebSockets are routed, not only the first.
        await asyncio.shield(self._ws_routes[id(context)])
        cdp = await context.new_cdp_session(page)
        info = await cdp.send("Target.getTargetInfo")
        if self._shared is not None:
            self._shared.register(str(info["targetInfo"].get("browserContextId", "")), self)
        cdp.on("Network.responseReceived", self._on_response)
        cdp.on("Log.entryAdded", self._on_log)
        cdp.on("Target.attachedToTarget", lambda event: self._on_attached(cdp, event))
        cdp.on("Target.receivedMessageFromTarget", self._on_worker_message)
        # Not flattened: the workers' messages come back through this session.  Nothing
        # waits for the debugger: the policy, not this session, is what refuses sockets,
        # so a Chromium without these calls loses records, never the block.
        auto_attach = {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False}
        await asyncio.gather(
            cdp.send("Network.enable"),
            _quietly(cdp.send("Log.enable")),
            _quietly(cdp.send("Target.setAutoAttach", auto_attach)),
        )

    async def _route_websockets(self, context: BrowserContext) -> None:
        """Put the document policy into the context and route its WebSockets; retried,
        because Playwright installs both in every open page and a page another walker
        closes meanwhile fails the call."""
        await _retried(lambda: context.add_init_script(script=DOCUMENT_POLICY_SCRIPT))
        await _retried(lambda: context.route_web_socket(re.compile(r".*"), self._on_websocket))

    def annotate(self, state: PageState) -> bool:
        """Note on a loaded page what the guard did to it; True when it must not be
        observed (off-site, refused by the egress policy, over the size cap)."""
        why = self.stopped.get(state.url) or self.stopped.get(state.requested_url)
        tls = self.tls.get(state.url) or self.tls.get(state.requested_url)
        if tls:
            state.tls_error = tls
        scope = self._shared.protection.scope if self._shared is not None else None
        if scope is not None and scope.mark_offsite(state):
            return True
        if why == "size":
            state.size_capped = True
            return True
        if why == "egress":
            state.error = "egress denied: the address is outside what this audit may reach"
            return True
        if why == "acting":
            state.error = "acting address: fetching it would act (sign out, unsubscribe…)"
            return True
        return why is not None

    def record(self, blocked: BlockedRequest) -> None:
        self.blocked.append(blocked)
        if blocked.reason in ("egress", "off-site", "size", "acting"):
            self.stopped.setdefault(normalise_url(blocked.url), blocked.reason)

    def _on_websocket(self, ws: WebSocketRoute) -> None:
        """Never connect: record the socket and each frame the page tries to send."""
        self._record_ws("WEBSOCKET", ws.url)
        ws.on_message(lambda _message: self._record_ws("WS-SEND", ws.url))

    def _record_ws(self, method: str, url: str, page: str = "") -> None:
        key = f"{method} {url}"
        count = self._ws_records.get(key, 0)
        self._ws_records[key] = count + 1
        if count < MAX_WS_RECORDS:
            self.blocked.append(
                BlockedRequest(
                    method=method, url=url, resource_type="WebSocket", page=page, reason="websocket"
                )
            )

    def record_report(self, body: str) -> None:
        """A worker's policy refused a socket (its violation report, answered locally)."""
        try:
            report = json.loads(body).get("csp-report", {})
        except (ValueError, AttributeError):
            return
        url = str(report.get("blocked-uri", ""))
        if url.startswith(("ws:", "wss:")):
            self._record_ws("WEBSOCKET", url, str(report.get("document-uri", "")))

    def _on_log(self, event: dict[str, Any]) -> None:
        """A document (or a blob:/data: worker) was refused a socket by the policy."""
        entry = event.get("entry") or {}
        if entry.get("source") != "security":
            return
        refused = REFUSED_SOCKET.search(str(entry.get("text", "")))
        if refused:
            self._record_ws("WEBSOCKET", refused.group(1), str(entry.get("url", "")))

    def _on_attached(self, cdp: CDPSession, event: dict[str, Any]) -> None:
        """A worker of the page: read the console of one whose policy cannot report (a
        blob: or data: worker inherits its creator's; a worker script's reports)."""
        info = event.get("targetInfo") or {}
        if info.get("type") != "worker" or str(info.get("url", "")).startswith("http"):
            return
        message = json.dumps({"id": 1, "method": "Log.enable"})
        params = {"sessionId": event.get("sessionId"), "message": message}
        task = asyncio.ensure_future(_quietly(cdp.send("Target.sendMessageToTarget", params)))
        self._attaching.add(task)
        task.add_done_callback(self._attaching.discard)

    def _on_worker_message(self, event: dict[str, Any]) -> None:
        try:
            message = json.loads(str(event.get("message", "")))
        except ValueError:
            return
        if isinstance(message, dict) and message.get("method") == "Log.entryAdded":
            self._on_log(message.get("params") or {})

    def _on_response(self, event: dict[str, Any]) -> None:
        if event.get("type") != "Document":
            return
        response = event.get("response", {})
        url = str(response.get("url", ""))
        if not url.startswith("https:") or response.get("securityState") != "insecure":
            return
        details = response.get("securityDetails") or {}
        self.tls[normalise_url(url)] = describe_certificate(details)


def describe_certificate(details: dict[str, Any]) -> str:
    """Why Chromium distrusts a certificate, in words a report can show."""
    issuer = str(details.get("issuer") or "?")
    subject = str(details.get("subjectName") or "?")
    parts = [f"certificate for {subject} issued by {issuer} is not trusted"]
    valid_to = details.get("validTo")
    valid_from = details.get("validFrom")
    now = time.time()
    if isinstance(valid_to, int | float) and valid_to < now:
        parts.append("expired " + time.strftime("%Y-%m-%d", time.gmtime(valid_to)))
    if isinstance(valid_from, int | float) and valid_from > now:
        parts.append("not valid before " + time.strftime("%Y-%m-%d", time.gmtime(valid_from)))
    if issuer == subject:
        parts.append("self-signed")
    return "; ".join(parts)


@dataclass
class _BrowserGuard:
    """The browser-target Fetch interceptor, shared by every walk of one browser."""

    browser: Browser
    protection: Protection
    _cdp: CDPSession | None = None
    _starting: asyncio.Lock = field(default_factory=asyncio.Lock)
    _guards: dict[str, Guard] = field(default_factory=dict)
    _page_targets: dict[str, str] = field(default_factory=dict)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _resolved: dict[tuple[str, int], str | None] = field(default_factory=dict)
    _started: dict[str, float] = field(default_factory=dict)

    async def start(self) -> None:
        async with self._starting:
            if self._cdp is not None:
                return
            cdp = await self.browser.new_browser_cdp_session()
            cdp.on("Target.targetCreated", self._on_target)
            cdp.on("Target.targetInfoChanged", self._on_target)
            cdp.on("Fetch.requestPaused", self._spawn)
            await cdp.send("Target.setDiscoverTargets", {"discover": True})
            patterns: list[dict[str, Any]] = [
                {"urlPattern": "*", "resourceType": t, "requestStage": "Request"}
                for t in GUARDED_TYPES + BLOCKED_TYPES
            ]
            patterns += [{"urlPattern": p, "requestStage": "Request"} for p in TRACKER_PATTERNS]
            patterns += [
                {"urlPattern": p, "requestStage": "Request"} for p in acting_url_patterns()
            ]
            patterns += [
                {"urlPattern": "*", "resourceType": t, "requestStage": "Response"}
                for t in ("Document", "Other")  # worker scripts are "Other"
            ]
            await cdp.send("Fetch.enable", {"patterns": patterns})
            self._cdp = cdp

    def register(self, context_id: str, guard: Guard) -> None:
        self._guards.pop(context_id, None)
        self._guards[context_id] = guard

    def _on_target(self, event: dict[str, Any]) -> None:
        info = event.get("targetInfo", {})
        if info.get("type") == "page":
            self._page_targets[str(info.get("targetId"))] = str(info.get("browserContextId", ""))

    def _owner(self, frame_id: str) -> Guard | None:
        context_id = self._page_targets.get(frame_id)
        if context_id is not None and context_id in self._guards:
            return self._guards[context_id]
        # A child frame: its context is not a target of its own; the walk that attached
        # last is the one running (walks of one browser run one after another).
        return next(reversed(self._guards.values()), None)

    def _spawn(self, event: dict[str, Any]) -> None:
        task = asyncio.ensure_future(self._decide(event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _decide(self, event: dict[str, Any]) -> None:
        cdp = self._cdp
        if cdp is None:
            return
        rid = event["requestId"]
        try:
            if "responseStatusCode" in event or "responseErrorReason" in event:
                await self._decide_response(cdp, event)
                return
            verdict = await self._verdict(event)
            if verdict is None:
                await cdp.send("Fetch.continueRequest", {"requestId": rid})
            elif verdict == "fail":
                await cdp.send(
                    "Fetch.failRequest", {"requestId": rid, "errorReason": "BlockedByClient"}
                )
            elif verdict == "method":
                await cdp.send(
                    "Fetch.fulfillRequest",
                    {"requestId": rid, "responseCode": 204, "responseHeaders": []},
                )
            else:
                await _fulfill_stub(cdp, rid, verdict)
        except Exception:  # the page or target may be gone: nothing left to answer
            return

    async def _verdict(self, event: dict[str, Any]) -> str | None:
        """None to let the request go, else why it is stopped (and recorded)."""
        request = event["request"]
        rtype = str(event.get("resourceType", "Other"))
        url = str(request["url"])
        method = str(request.get("method", "GET")).upper()
        frame = str(event.get("frameId", ""))
        owner = self._owner(frame)
        referer = str((request.get("headers") or {}).get("Referer", ""))

        def stop(reason: str) -> str:
            if owner is not None:
                owner.record(
                    BlockedRequest(
                        method=method, url=url, resource_type=rtype, page=referer, reason=reason
                    )
                )
            return reason

        if url == REPORT_URL:
            if owner is not None:
                owner.record_report(str(request.get("postData", "")))
            return "method"
        authorised = method not in SAFE_METHODS
        if authorised and (owner is None or not owner.take_allowance(method, url)):
            return stop("method")  # (the one authorised login goes on to the egress checks)
        if url.startswith(("http:", "https:")) and acting_url(url):
            # A GET that signs out, unsubscribes or closes an account is an act, whoever
            # asks for it: a link, a press, a redirect or a tracking pixel (DESIGN §8).
            stop("acting")
            return "acting" if rtype == "Document" else "fail"
        denied = await self._egress_denied(url)
        if denied:
            stop("egress")
            return "egress" if rtype == "Document" else "fail"
        scope = self.protection.scope
        top_level = rtype == "Document" and frame in self._page_targets
        web = url.startswith(("http:", "https:"))
        if top_level and web and scope is not None and not scope.contains(url):
            return stop("off-site")
        if rtype in BLOCKED_TYPES or _is_tracker(url):
            return "fail"
        if rtype == "Document":
            self._started[str(event["requestId"])] = time.monotonic()
        if authorised and owner is not None:
            owner.permitted.append(f"{method} {url}")
        return None

    async def _egress_denied(self, url: str) -> bool:
        policy = self.protection.policy
        parts = urlsplit(url)
        if policy is None or parts.scheme not in ("http", "https"):
            return False
        if policy.pinned is not None:
            return not policy.origin_allowed(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return True
        key = ((parts.hostname or "").lower(), port)
        if key not in self._resolved:
            try:
                await allowed_addresses(policy, *key)
                self._resolved[key] = None
            except EgressDenied as exc:
                self._resolved[key] = str(exc)
        return self._resolved[key] is not None

    async def _decide_response(self, cdp: CDPSession, event: dict[str, Any]) -> None:
        """A document's headers are in: let it through unless it is over the size cap.  A
        worker script (or another "Other" response) goes on with the worker policy."""
        rid = event["requestId"]
        if event.get("resourceType") != "Document":
            await _continue_with_policy(cdp, event)
            return
        started = self._started.pop(str(rid), None)
        if started is not None:
            self.protection.pace.observe(str(event["request"]["url"]), time.monotonic() - started)
        cap = self.protection.max_bytes
        headers = {h["name"].lower(): h["value"] for h in event.get("responseHeaders") or []}
        if event.get("responseStatusCode") in (429, 503) and "retry-after" in headers:
            # "Slow down": the next page load on this host waits as long as it asks (bounded).
            wait = retry_after_seconds(headers["retry-after"])
            self.protection.pace.hold(str(event["request"]["url"]), wait)
        length = headers.get("content-length", "")
        if "responseErrorReason" in event or (length.isdigit() and int(length) <= cap):
            await cdp.send("Fetch.continueRequest", {"requestId": rid})
            return
        url = str(event["request"]["url"])
        owner = self._owner(str(event.get("frameId", "")))
        if not length.isdigit():
            body = await _read_capped(cdp, rid, cap)
            if body is not None:
                await cdp.send(
                    "Fetch.fulfillRequest",
                    {
                        "requestId": rid,
                        "responseCode": int(event.get("responseStatusCode", 200)),
                        "responseHeaders": event.get("responseHeaders") or [],
                        "body": base64.b64encode(body).decode(),
                    },
                )
                return
        if owner is not None:
            owner.record(
                BlockedRequest(
                    method="GET", url=url, resource_type="Document", page="", reason="size"
                )
            )
        await _fulfill_stub(cdp, rid, "size")


async def _continue_with_policy(cdp: CDPSession, event: dict[str, Any]) -> None:
    """Let a response through with the worker policy added (any policy of its own stays:
    each is enforced).  Only a worker's script takes a policy from its response."""
    rid = event["requestId"]
    status = event.get("responseStatusCode")
    if "responseErrorReason" in event or not isinstance(status, int) or not 200 <= status < 300:
        await cdp.send("Fetch.continueRequest", {"requestId": rid})
        return
    headers = list(event.get("responseHeaders") or [])
    headers.append({"name": "Content-Security-Policy", "value": WORKER_POLICY})
    await cdp.send(
        "Fetch.continueResponse",
        {"requestId": rid, "responseCode": status, "responseHeaders": headers},
    )


async def _retried(install: Callable[[], Awaitable[object]]) -> None:
    for attempt in range(5):
        try:
            await install()
            return
        except PlaywrightError:
            if attempt == 4:
                raise
            await asyncio.sleep(0.05 * (attempt + 1))


async def _quietly(call: Awaitable[Any]) -> None:
    with contextlib.suppress(Exception):  # the worker may be gone already
        await call


async def _fulfill_stub(cdp: CDPSession, rid: str, why: str) -> None:
    body = base64.b64encode(STUB_PAGE.format(why=why).encode()).decode()
    await cdp.send(
        "Fetch.fulfillRequest",
        {
            "requestId": rid,
            "responseCode": 200,
            "responseHeaders": [
                {"name": "Content-Type", "value": "text/html; charset=utf-8"},
                {"name": STOPPED_HEADER, "value": why},
            ],
            "body": body,
        },
    )


async def _read_capped(cdp: CDPSession, rid: str, cap: int) -> bytes | None:
    """The body when it ends within ``cap`` bytes, else None (reading stops at the cap)."""
    stream = await cdp.send("Fetch.takeResponseBodyAsStream", {"requestId": rid})
    handle = stream["stream"]
    data = bytearray()
    try:
        while True:
            chunk = await cdp.send("IO.read", {"handle": handle, "size": READ_CHUNK})
            piece = chunk.get("data", "")
            data += base64.b64decode(piece) if chunk.get("base64Encoded") else piece.encode()
            if len(data) > cap:
                return None
            if chunk.get("eof"):
                return bytes(data)
    finally:
        await cdp.send("IO.close", {"handle": handle})


def _is_tracker(url: str) -> bool:
    host = url.split("/")[2] if "://" in url else ""
    return any(p.strip("*/").split("/")[0] in host for p in TRACKER_PATTERNS)
