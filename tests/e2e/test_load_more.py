"""A "load more" pager is pressed again while it shows more (one click per press): the
contact link at the end of a help list is reached; a toggle is not pressed twice."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HOME = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Kiteline Mobile</title></head><body><header><nav><a href="/help.html">Help</a></nav>
</header><main><h1>Mobile plans</h1></main></body></html>"""
HELP = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Help | Kiteline Mobile</title></head><body><main><h1>Help articles</h1>
<ul id="list"><li>Topping up</li><li>Roaming</li></ul>
<button type="button" id="more" data-next="/articles-2.json">Load more articles</button>
<button type="button" id="faq" aria-expanded="false">Show more about billing</button>
<div id="faq-body" hidden><p>Bills are issued monthly.</p></div>
</main><script>
document.getElementById('faq').onclick = function () {
  var open = this.getAttribute('aria-expanded') === 'true';
  this.setAttribute('aria-expanded', String(!open));
  document.getElementById('faq-body').hidden = open;
};
document.getElementById('more').onclick = function () {
  var button = this;
  fetch(button.getAttribute('data-next')).then(function (r) { return r.json(); })
    .then(function (page) {
      page.items.forEach(function (t) {
        var li = document.createElement('li'); li.textContent = t;
        document.getElementById('list').appendChild(li);
      });
      if (page.next) { button.setAttribute('data-next', page.next); return; }
      button.remove();
      var p = document.createElement('p');
      p.innerHTML = 'Still stuck? <a href="/contact.html">Contact our team</a>';
      document.querySelector('main').appendChild(p);
    });
};
</script></body></html>"""
CONTACT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Contact | Kiteline Mobile</title></head><body><main><h1>Contact us</h1>
<p>Call us on 0161 496 0321.</p></main></body></html>"""
PAGE_2 = b'{"items": ["Porting your number", "Lost phone"], "next": "/articles-3.json"}'
PAGE_3 = b'{"items": ["Cancelling a contract"], "next": null}'


def test_a_pager_is_pressed_until_the_list_ends(tmp_path: Path) -> None:
    from auditor.derive import derive
    from tests.support.audits import audit_files

    files = {
        "/index.html": HOME.encode(),
        "/help.html": HELP.encode(),
        "/contact.html": CONTACT.encode(),
        "/articles-2.json": PAGE_2,
        "/articles-3.json": PAGE_3,
    }
    obs, walk, seen = audit_files(files, tmp_path, region="GB", max_pages=5)
    assert {"/articles-2.json", "/articles-3.json"} <= {r.path for r in seen}
    phone = next(c for c in derive(obs).channels if c.value == "+441614960321")
    steps = [(s.action, s.label) for s in phone.path]
    assert phone.clicks == 4, steps
    assert steps[-3:] == [
        ("press", "Load more articles"),
        ("press", "Load more articles"),
        ("follow", "Contact our team"),
    ]
    help_page = next(p for p in walk.pages if p.url.endswith("/help.html"))
    toggles = [p for p in help_page.presses if p.label.startswith("Show more about billing")]
    assert len(toggles) == 1, "a toggle is no pager"
