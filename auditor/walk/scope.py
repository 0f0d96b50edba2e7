"""Which URLs belong to the brand's journey (crawl policy, apart from page handling)."""

from __future__ import annotations

import ipaddress
import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from auditor.domains import registrable_domain
from auditor.models import PageState
from auditor.observe import lexicon

# Help desks a brand commonly links to from its own site: the journey goes on there.
HELPDESK_SUFFIXES: tuple[str, ...] = (
    "zendesk.com",
    "freshdesk.com",
    "intercom.help",
    "helpscoutdocs.com",
    "my.site.com",
    "force.com",
    "kayako.com",
    "happyfox.com",
    "gorgias.help",
    "helpshift.com",
    "zohodesk.com",
    "desk.com",
)


# Query parameters that name a visitor or a campaign, not a page: a crawler that keeps
# them sees one page under a new URL on every visit (Scrapy users strip the same).
SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid"}
)
TRACKING_PARAMS = frozenset(
    {"gclid", "fbclid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl"}
)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#;]*", re.I)
SUPPORT_INTENTS = frozenset({"contact", "help", "complaint", "escalation", "cancel"})


def _drop_param(name: str) -> bool:
    low = name.lower()
    return low in SESSION_PARAMS or low in TRACKING_PARAMS or low.startswith("utm_")


def normalise_url(url: str) -> str:
    """One key per page: canonical form (w3lib: sorted query, percent-encoding), no
    fragment, no default port, no session ids or tracking parameters.

    A hash route (``#/help/billing``, ``#!/contact``) names a page of a single-page app,
    not a place on the page: it is kept.
    """
    clean, frag = urldefrag(url)
    route = frag if frag.startswith(("/", "!/")) and len(frag) > 1 else ""
    parts = urlsplit(clean)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return clean
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _drop_param(k)]
    )
    try:
        canonical = canonicalize_url(urlunsplit((scheme, parts.netloc, path, query, "")))
    except ValueError:
        return clean
    parts = urlsplit(canonical)
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (
        parts.scheme == "https" and netloc.endswith(":443")
    ):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, route))


_VARIABLE_SEGMENT = re.compile(
    r"^(?:\d+|\d{4}-\d{2}(?:-\d{2})?|[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f-]{27})$", re.I
)


def path_template(url: str) -> str:
    """The shape of a URL: numbers, dates and ids become ``{}``, query values go.

    ``/events/2026/01`` and ``/events/2026/02`` share ``/events/{}/{}``: a calendar or a
    pager is one template however many pages it can generate.
    """
    parts = urlsplit(url)
    segments = ["{}" if _VARIABLE_SEGMENT.match(s) else s for s in parts.path.split("/")]
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    query = "&".join(f"{k}={{}}" for k in keys)
    return f"{parts.netloc.lower()}{'/'.join(segments)}{'?' + query if query else ''}"


def acts(label: str, url: str = "") -> bool:
    """A link labelled like an action ("Confirm cancellation", "Pay now") is never followed:
    the GET behind it may be the action (DESIGN §8).  Same deny-list as the presses; and
    whatever its label, a link whose address acts (``acting_url``) is never followed."""
    if url and acting_url(url):
        return True
    return bool(label.strip()) and lexicon.is_acting_control(label.strip())


# Path segments that act when fetched: signing out, unsubscribing, closing an account.
# Whole segments only: an article "how-to-log-out" is a page about it, not the act.
_ACTING_SEGMENTS = frozenset(
    """logout log-out log_out signout sign-out sign_out logoff log-off signoff sign-off
    unsubscribe unsub opt-out optout abmelden ausloggen abbestellen deconnexion
    se-deconnecter desabonner desinscription cerrar-sesion desconectar disconnetti
    disiscriviti terminar-sessao delete-account close-account deactivate
    deactivate-account delete-my-account close-my-account""".split()
)
# Verbs that act when a path puts them after an account ("/account/close", "/konto/loeschen").
# Not "cancel": "/account/cancel" is the cancellation page the law asks to be reachable
# (§312k BGB); only its confirmation acts (``?confirm=1``, or the form it holds).
_ACCOUNT_SEGMENTS = frozenset("account accounts konto compte cuenta conto conta profile".split())
_ACCOUNT_VERBS = frozenset(
    "delete close remove deactivate terminate loeschen schliessen supprimer fermer "
    "eliminar cerrar elimina chiudi apagar encerrar".split()
)
_CONFIRM_KEYS = frozenset("confirm confirmed confirmation doit execute".split())
_ACTION_KEYS = frozenset("action do op cmd".split())
_ACTING_VALUES = frozenset(
    "delete remove cancel unsubscribe logout signout close confirm terminate".split()
)
_TRUE = frozenset({"1", "true", "yes", "y", "on", ""})


def acting_url_patterns() -> list[str]:
    """Wildcards for the browser's request interception: every address ``acting_url`` may
    call acting, so that an image, script or style it names is stopped too (the rest of
    those resource types goes uninspected, for speed)."""
    out = [f"*{s}*" for s in sorted(_ACTING_SEGMENTS)]
    out += [f"*/{a}/{v}*" for a in sorted(_ACCOUNT_SEGMENTS) for v in sorted(_ACCOUNT_VERBS)]
    out += [f"*{k}*" for k in sorted(_CONFIRM_KEYS)]
    return out


def acting_url(url: str) -> bool:
    """Does fetching this address act?  "/account/logout", "/newsletter/unsubscribe?t=…",
    "/account/close?now=1", "/account/cancel?confirm=1", "?action=delete": a GET that signs
    out, unsubscribes or closes an account is an act, never a page to observe (DESIGN §8)."""
    parts = urlsplit(url)
    segments = [s.lower() for s in parts.path.split("/") if s]
    if any(s in _ACTING_SEGMENTS or s.split(".")[0] in _ACTING_SEGMENTS for s in segments):
        return True
    for before, after in itertools.pairwise(segments):
        if before in _ACCOUNT_SEGMENTS and after.split(".")[0] in _ACCOUNT_VERBS:
            return True
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        k, v = key.lower(), value.lower()
        if k in _CONFIRM_KEYS and v in _TRUE:
            return True
        if k in _ACTION_KEYS and v in _ACTING_VALUES:
            return True
    return False


def site_key(host: str) -> str:
    """Registrable domain (or the bare IP / localhost) of a host."""
    return registrable_domain(host)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Scope:
    """Same registrable domain (same host:port for IPs) plus linked help-desk hosts."""

    start_url: str
    extra_hosts: set[str] = field(default_factory=set)
    per_template: int = 8
    skipped_by_template: list[str] = field(default_factory=list)
    _admitted: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.start_url)
        self._host = (parts.hostname or "").lower()
        self._netloc = parts.netloc.lower()
        self._key = site_key(self._host)
        # Bare IPs and localhost keep to host:port; a registrable domain ("brand.co.uk"
        # itself) covers its subdomains, so brand.co.uk → www.brand.co.uk stays on site.
        self._is_ip = self._host == "localhost" or _is_ip_literal(self._host)

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        if self._is_ip:
            return parts.netloc.lower() == self._netloc
        if site_key(host) == self._key or host in self.extra_hosts:
            return True
        return any(host == s or host.endswith("." + s) for s in HELPDESK_SUFFIXES)

    def admits(self, url: str, label: str) -> bool:
        """May the walk follow this link? In scope, not an acting label, and within the
        per-template budget (a support link is always admitted: traps are not journeys)."""
        if not self.contains(url) or acts(label, url):
            return False
        urls = self._admitted.setdefault(path_template(url), set())
        if url in urls:
            return True
        if len(urls) >= self.per_template and not lexicon.intents(label, url) & SUPPORT_INTENTS:
            if url not in self.skipped_by_template:
                self.skipped_by_template.append(url)
            return False
        urls.add(url)
        return True

    def mark_offsite(self, state: PageState) -> bool:
        """A page that landed outside the brand's site (an off-site redirect) is recorded
        as such and never observed as the brand's page; True when it did."""
        if self.contains(state.url):
            return False
        state.offsite = state.url
        return True
