"""Pages that move on by themselves after loading (a meta refresh, a script's redirect):
what the walk shows is the new address's page, filed once under that address, and the
page it moved on from is an alias of it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

HOME = """<!doctype html><html lang="pt"><head><meta charset="utf-8">
<title>Seguros Atlântico</title></head><body><header><nav>
<a href="/pt/contacto.html">Contacto</a> <a href="/pt/ajuda.html">Ajuda</a></nav></header>
<footer><a href="/pt/contactos.html">Os nossos contactos</a></footer>
<main><h1>Seguros para a sua casa</h1></main></body></html>"""
REFRESH = """<!doctype html><html lang="pt"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=/pt/contactos.html"><title>Contactos</title>
</head><body><p>A redirecionar…</p></body></html>"""
SCRIPTED = """<!doctype html><html lang="pt"><head><meta charset="utf-8"><title>Ajuda</title>
</head><body><p>Um momento…</p>
<script>setTimeout(function () { location.replace('/pt/apoio.html'); }, 300);</script>
</body></html>"""
CONTACTS = """<!doctype html><html lang="pt"><head><meta charset="utf-8">
<title>Contactos | Seguros Atlântico</title></head><body><main><h1>Contactos</h1>
<p>Linha de apoio: 213 456 789, dias úteis das 9h às 18h.</p>
<form method="post" action="/pt/api/contacto"><label>Mensagem <textarea name="m"></textarea>
</label><button type="submit">Enviar</button></form></main></body></html>"""
SUPPORT = """<!doctype html><html lang="pt"><head><meta charset="utf-8">
<title>Apoio ao cliente | Seguros Atlântico</title></head><body><main><h1>Apoio</h1>
<p>Escreva-nos para apoio@seguros-atlantico.example.</p></main></body></html>"""


def test_a_page_that_moves_on_is_filed_under_where_it_went(tmp_path: Path) -> None:
    from auditor.derive import derive
    from tests.support.audits import audit_files

    files = {
        "/index.html": HOME.encode(),
        "/pt/contacto.html": REFRESH.encode(),
        "/pt/ajuda.html": SCRIPTED.encode(),
        "/pt/contactos.html": CONTACTS.encode(),
        "/pt/apoio.html": SUPPORT.encode(),
    }
    obs, walk, _ = audit_files(files, tmp_path, region="PT", max_pages=8)
    pages = {urlsplit(p.url).path: p for p in walk.pages if p.title}
    assert "/pt/contacto.html" not in pages and "/pt/ajuda.html" not in pages, sorted(pages)
    # Linked directly too: the refreshing page is an alias of it (recorded first or not),
    # and the alias's empty record never stands for the page it points to.
    aliases = [p for p in walk.pages if urlsplit(p.requested_url).path == "/pt/contacto.html"]
    assert [urlsplit(p.url).path for p in aliases] == ["/pt/contactos.html"]
    assert [urlsplit(u).path for u in pages["/pt/apoio.html"].redirect_chain] == ["/pt/ajuda.html"]
    channels = derive(obs).channels
    forms = [c for c in channels if c.kind == "form"]
    assert len(forms) == 1 and urlsplit(forms[0].url or "").path == "/pt/contactos.html"
    phone = next(c for c in channels if c.value == "+351213456789")
    assert urlsplit(phone.url or "").path == "/pt/contactos.html" and phone.clicks == 1
    email = next(c for c in channels if c.value == "apoio@seguros-atlantico.example")
    assert email.clicks == 1
