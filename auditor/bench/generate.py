"""A large, deterministic brand site for the benchmark, with planted ground truth.

~320 pages of 30-80 KB: header navigation, a footer, a help centre tree, products and a
blog.  The first human channel sits 4 clicks deep (home → Help → category → article →
contact page).  Planted traps check that speed did not cost truth: a hidden shortcut link
that must not count, a link added by script after load at a known position and size, and
a tiny footer link whose font size is known.
"""

from __future__ import annotations

import hashlib
import html
import random
from dataclasses import dataclass, field

WORDS = """
energy tariff account bill meter reading smart payment direct debit refund credit usage
supply switch plan fixed variable price cap standing charge unit rate renewable solar
battery heat pump boiler service engineer visit appointment outage network postcode
address moving home welcome pack statement annual summary discount loyalty reward greener
future customers community support warm home scheme vulnerable priority register
emergency safety gas electricity carbon footprint insulation efficiency
""".split()

CATEGORIES = (
    "Billing and payments",
    "Meters and readings",
    "Moving home",
    "Tariffs and prices",
    "Smart meters",
    "Outages and safety",
    "Your account",
    "Contact and complaints",
)
CONTACT_CATEGORY = 7
PHONE_TEXT = "020 7946 0000"
PHONE_E164 = "+442079460000"
EMAIL = "help@bench-energy.example"
HIDDEN_HREF = "/shortcut-contact.html"
SCRIPT_LINK = {"href": "/store-finder.html", "text": "Find a store", "x": 40, "y": 220, "font": 13}
TINY_FOOTER = {"href": "/legal.html", "text": "Legal notice", "font": 10}


@dataclass
class BenchSite:
    files: dict[str, bytes] = field(default_factory=dict)
    truth: dict[str, object] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return sum(1 for k in self.files if k.endswith(".html"))


def _filler(seed: str, size: int) -> str:
    rnd = random.Random(hashlib.sha256(seed.encode()).digest())
    parts: list[str] = []
    total = 0
    while total < size:
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(40, 90)))
        para = f"<p>{html.escape(words.capitalize())}.</p>\n"
        parts.append(para)
        total += len(para)
    return "".join(parts)


CSS = """
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b}
header{background:#0b3d91;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}.brand{font-size:20px}
#menu-toggle{display:none}nav ul{list-style:none;display:flex;gap:18px;margin:0;padding:0}
main{max-width:960px;margin:0 auto;padding:24px;position:relative}
footer{background:#f2f2f2;padding:24px;font-size:14px}footer a{color:#333;margin-right:12px}
footer .tiny{font-size:10px;color:#777}.grid a{display:inline-block;margin:4px 8px}
#script-link{position:absolute;left:40px;top:220px;font-size:13px;background:#fff}
@media (max-width:700px){#menu-toggle{display:block}nav{display:none}nav.open{display:block}
nav ul{flex-direction:column}header{flex-wrap:wrap}}
"""

MENU_JS = """
document.addEventListener('DOMContentLoaded',function(){
 var b=document.getElementById('menu-toggle'),n=document.getElementById('site-nav');
 if(b){b.addEventListener('click',function(){n.classList.toggle('open');
  b.setAttribute('aria-expanded',n.classList.contains('open')?'true':'false');});}
});
"""

SCRIPT_LINK_JS = f"""
document.addEventListener('DOMContentLoaded',function(){{
 var a=document.createElement('a');a.id='script-link';a.href='{SCRIPT_LINK["href"]}';
 a.textContent='{SCRIPT_LINK["text"]}';document.body.appendChild(a);
}});
"""


def _page(title: str, body: str, seed: str, size: int, extra_head: str = "") -> bytes:
    header = (
        '<header><a class="brand" href="/">Bench Energy</a>'
        '<button id="menu-toggle" type="button" aria-expanded="false" aria-controls="site-nav">'
        "Menu</button>"
        '<nav id="site-nav" aria-label="Main"><ul>'
        '<li><a href="/products/">Products</a></li><li><a href="/help/">Help</a></li>'
        '<li><a href="/blog/">News</a></li><li><a href="/about.html">About us</a></li>'
        "</ul></nav></header>"
    )
    footer = (
        '<footer><a href="/privacy.html">Privacy</a><a href="/terms.html">Terms</a>'
        '<a href="/careers.html">Careers</a>'
        f'<a class="tiny" href="{TINY_FOOTER["href"]}">{TINY_FOOTER["text"]}</a>'
        "<p>© 2026 Bench Energy Ltd.</p></footer>"
    )
    doc = (
        f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)} | Bench Energy</title>"
        '<link rel="stylesheet" href="/site.css"><script src="/menu.js"></script>'
        f"{extra_head}</head>"
        f"<body>{header}<main><h1>{html.escape(title)}</h1>{body}"
        f"{_filler(seed, size)}</main>{footer}</body></html>"
    )
    return doc.encode()


def _size(seed: str) -> int:
    return 30_000 + int(hashlib.md5(seed.encode()).hexdigest()[:6], 16) % 48_000


def generate(products: int = 150, posts: int = 80, articles_per_category: int = 10) -> BenchSite:
    site = BenchSite()
    f = site.files
    f["/site.css"] = CSS.encode()
    f["/menu.js"] = MENU_JS.encode()
    f["/script-link.js"] = SCRIPT_LINK_JS.encode()
    product_links = "".join(f'<a href="/products/p{i}.html">Plan {i}</a>' for i in range(1, 25))
    home_body = (
        f'<a href="{HIDDEN_HREF}" style="display:none">Contact us</a>'
        "<p>Welcome to Bench Energy.</p>"
        f'<div class="grid">{product_links}</div>'
    )
    f["/index.html"] = _page(
        "Home", home_body, "home", _size("home"), '<script src="/script-link.js"></script>'
    )
    f[HIDDEN_HREF] = _page("Shortcut", f"<p>Call {PHONE_TEXT}</p>", "short", 30_000)
    f[SCRIPT_LINK["href"]] = _page("Store finder", "<p>Our stores.</p>", "stores", 30_000)  # type: ignore[index]
    for i in range(1, products + 1):
        nxt = f'<a href="/products/p{i % products + 1}.html">Next plan</a>'
        f[f"/products/p{i}.html"] = _page(f"Plan {i}", nxt, f"p{i}", _size(f"p{i}"))
    f["/products/index.html"] = _page(
        "Products",
        '<div class="grid">'
        + "".join(f'<a href="/products/p{i}.html">Plan {i}</a>' for i in range(1, products + 1))
        + "</div>",
        "products",
        30_000,
    )
    for i in range(1, posts + 1):
        f[f"/blog/post{i}.html"] = _page(f"News {i}", "", f"b{i}", _size(f"b{i}"))
    f["/blog/index.html"] = _page(
        "News",
        "".join(f'<a href="/blog/post{i}.html">Story {i}</a> ' for i in range(1, posts + 1)),
        "blog",
        30_000,
    )
    cats = "".join(
        f'<li><a href="/help/c{c}/">{html.escape(name)}</a></li>'
        for c, name in enumerate(CATEGORIES)
    )
    f["/help/index.html"] = _page("Help centre", f"<ul>{cats}</ul>", "help", 30_000)
    for c, name in enumerate(CATEGORIES):
        links = []
        for k in range(articles_per_category):
            title = "How to reach us" if (c == CONTACT_CATEGORY and k == 0) else f"Guide {c}.{k}"
            links.append(f'<li><a href="/help/c{c}/a{k}.html">{html.escape(title)}</a></li>')
            body = f'<p><a href="/help/c{c}/">Back to {html.escape(name)}</a></p>'
            if c == CONTACT_CATEGORY and k == 0:
                body += '<p>Still stuck? <a href="/contact.html">Contact us</a>.</p>'
            f[f"/help/c{c}/a{k}.html"] = _page(title, body, f"a{c}{k}", _size(f"a{c}{k}"))
        f[f"/help/c{c}/index.html"] = _page(name, f"<ul>{''.join(links)}</ul>", f"c{c}", 30_000)
    f["/contact.html"] = _page(
        "Contact us",
        f'<p>Call us on <a href="tel:{PHONE_E164}">{PHONE_TEXT}</a> or write to '
        f'<a href="mailto:{EMAIL}">{EMAIL}</a>.</p>',
        "contact",
        30_000,
    )
    for path, title in (
        ("/privacy.html", "Privacy"),
        ("/terms.html", "Terms"),
        ("/careers.html", "Careers"),
        ("/about.html", "About us"),
        ("/legal.html", "Legal notice"),
    ):
        f[path] = _page(title, "", path, 30_000)
    site.truth = {
        "contact_clicks": 4,
        "contact_url": "/contact.html",
        "channels": {("phone", PHONE_E164): 4, ("email", EMAIL): 4},
        "hidden_href": HIDDEN_HREF,
        "script_link": SCRIPT_LINK,
        "tiny_footer": TINY_FOOTER,
    }
    return site


TOPICS = (
    "Billing",
    "Meters",
    "Moving",
    "Tariffs",
    "Smart homes",
    "Outages",
    "Payments",
    "Refunds",
    "Solar",
    "Batteries",
    "Heat pumps",
    "Boilers",
    "Engineers",
    "Appointments",
    "Networks",
    "Postcodes",
    "Addresses",
    "Welcome packs",
    "Statements",
    "Discounts",
    "Loyalty",
    "Rewards",
    "Community",
    "Warm homes",
    "Priority register",
    "Safety",
    "Gas",
    "Electricity",
    "Carbon",
    "Insulation",
    "Efficiency",
    "Readings",
    "Direct debit",
    "Credit",
    "Usage",
    "Paperwork",
    "Switching",
    "Price cap",
    "Standing charges",
    "Unit rates",
)
HELP_CONTACT_TOPIC = 35  # "Paperwork": the 36th of 40 neutral topics
HELP_CONTACT_URL = f"/help/t{HELP_CONTACT_TOPIC}/contact-us.html"


def generate_help_centre(pages: int = 2000) -> BenchSite:
    """A 2,000-page site whose human channel sits in one of 40 neutrally named help topics.

    home → Help → "Paperwork" → "Contact us" (3 clicks): nothing on the first two
    pages says which topic holds the contact page, so a walk ranking links by their labels
    opens topic after topic; the sitemap lists every page, so the static tier can read the
    contact page and its topic listing first.  Pages are small (~3 KB): the case measures
    page loads to the milestone, not parsing.
    """
    site = BenchSite()
    f = site.files
    f["/site.css"] = CSS.encode()
    f["/menu.js"] = MENU_JS.encode()
    per_topic = max(1, (pages - 60) // len(TOPICS))
    topics = "".join(
        f'<li><a href="/help/t{t}/">{html.escape(name)}</a></li>' for t, name in enumerate(TOPICS)
    )
    f["/index.html"] = _page("Home", "<p>Welcome to Bench Energy.</p>", "home", 2_000)
    f["/help/index.html"] = _page("Help centre", f"<ul>{topics}</ul>", "help", 1_000)
    for t, name in enumerate(TOPICS):
        links = [
            f'<li><a href="/help/t{t}/a{k}.html">{html.escape(name)} guide {k}</a></li>'
            for k in range(per_topic)
        ]
        if t == HELP_CONTACT_TOPIC:
            links.append(f'<li><a href="{HELP_CONTACT_URL}">Contact us</a></li>')
        for k in range(per_topic):
            back = f'<p><a href="/help/t{t}/">Back to {html.escape(name)}</a></p>'
            f[f"/help/t{t}/a{k}.html"] = _page(f"{name} guide {k}", back, f"h{t}.{k}", 1_500)
        f[f"/help/t{t}/index.html"] = _page(name, f"<ul>{''.join(links)}</ul>", f"t{t}", 1_000)
    f[HELP_CONTACT_URL] = _page(
        "Contact us",
        f'<p>Call us on <a href="tel:{PHONE_E164}">{PHONE_TEXT}</a> or write to '
        f'<a href="mailto:{EMAIL}">{EMAIL}</a>.</p>',
        "contact",
        1_500,
    )
    for path, title in (
        ("/products/index.html", "Products"),
        ("/blog/index.html", "News"),
        ("/privacy.html", "Privacy"),
        ("/terms.html", "Terms"),
        ("/careers.html", "Careers"),
        ("/about.html", "About us"),
        ("/legal.html", "Legal notice"),
    ):
        f[path] = _page(title, "", path, 1_500)
    stories = range(pages - site.pages)  # news stories make up the count exactly
    for n in stories:
        f[f"/blog/story{n}.html"] = _page(f"Story {n}", "", f"s{n}", 1_500)
    news = "".join(f'<a href="/blog/story{n}.html">Story {n}</a> ' for n in stories)
    f["/blog/index.html"] = _page("News", news, "blog", 1_500)
    locs = sorted(
        "/" if k == "/index.html" else k.removesuffix("index.html")
        for k in f
        if k.endswith(".html")
    )
    site.files["/sitemap.xml"] = _sitemap(locs)
    site.files["/robots.txt"] = b"User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n"
    site.truth = {"contact_clicks": 3, "contact_url": HELP_CONTACT_URL}
    return site


def _sitemap(paths: list[str]) -> bytes:
    """Relative <loc>s are resolved against the sitemap's own URL (the server's port is
    not known when the site is generated)."""
    body = "".join(f"<url><loc>{html.escape(p)}</loc></url>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    ).encode()
