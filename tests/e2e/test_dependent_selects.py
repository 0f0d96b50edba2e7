"""Two dependent drop-downs: the second is filled only once the first is chosen (issue 11,
criterion 2).  What the second offers then is a step revealed by the first choice: it is
read again, chosen, and each choice is one click on the path."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Settings
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

HOME = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Aguas del Tajo</title>
</head><body><header><nav><a href="/">Inicio</a> <a href="/contacto">Contacto</a></nav></header>
<main><h1>Aguas del Tajo</h1><p>Tu compañía de agua.</p></main></body></html>"""

CONTACT = """<!doctype html><html lang="es"><head><meta charset="utf-8">
<title>Contacto – Aguas del Tajo</title></head><body><header><nav><a href="/">Inicio</a>
<a href="/contacto">Contacto</a></nav></header><main><h1>Contacto</h1>
<form method="post" action="/enviar">
<label for="tema">Tema</label><select id="tema" name="tema">
<option value="">Elige un tema</option><option value="fac">Facturación</option>
<option value="rec">Reclamaciones y quejas</option></select>
<label for="motivo">Motivo</label><select id="motivo" name="motivo" disabled>
<option value="">Elige un motivo</option></select>
<div id="ayuda"></div>
<button type="submit">Enviar</button></form></main>
<script>
const motivos = {fac: ['Cambiar datos bancarios', 'Duplicado de factura'],
  rec: ['Cobro indebido', 'Mala atención']};
const tema = document.getElementById('tema'), motivo = document.getElementById('motivo');
tema.addEventListener('change', () => {
  motivo.innerHTML = '<option value="">Elige un motivo</option>'
    + (motivos[tema.value] || []).map((m) => '<option value="' + m + '">' + m + '</option>')
      .join('');
  motivo.disabled = !tema.value;
  document.getElementById('ayuda').innerHTML = '';
});
motivo.addEventListener('change', () => {
  if (tema.value === 'rec' && motivo.value) {
    document.getElementById('ayuda').innerHTML = '<p>Para reclamaciones llámanos gratis al '
      + '<a href="tel:+34900123456">900 123 456</a>.</p>';
  }
});
</script></body></html>"""


def test_the_second_drop_down_is_read_again_once_the_first_is_chosen(tmp_path: Path) -> None:
    files = {"/index.html": HOME.encode(), "/contacto.html": CONTACT.encode()}
    settings = Settings(viewports=["desktop"], screenshots=False, time_limit_s=90, max_pages=6)
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
        assert server.non_get_requests() == []
        assert not any(r.path.startswith("/enviar") for r in server.logged())
    view = derive(obs)
    phone = next((c for c in view.channels if c.kind == "phone"), None)
    assert phone is not None, [(c.kind, c.value) for c in view.channels]
    assert phone.value == "+34900123456"
    # "Contacto" (1), the topic (1), then the reason the topic filled in (1).
    assert phone.clicks == 3
    labels = [s.label for s in phone.path if s.label]
    assert labels[-3:] == ["Contacto", "choose: Reclamaciones y quejas", "choose: Cobro indebido"]


def test_drop_downs_inside_an_iframe_are_chosen_in_their_frame(tmp_path: Path) -> None:
    framed = CONTACT.replace(
        "<title>Contacto – Aguas del Tajo</title>", "<title>Formulario</title>"
    )
    page = HOME.replace(
        "<main><h1>Aguas del Tajo</h1><p>Tu compañía de agua.</p></main>",
        '<main><h1>Contacto</h1><iframe src="/formulario" title="Formulario" width="600"'
        ' height="400"></iframe></main>',
    )
    files = {
        "/index.html": HOME.encode(),
        "/contacto.html": page.encode(),
        "/formulario.html": framed.encode(),
    }
    settings = Settings(viewports=["desktop"], screenshots=False, time_limit_s=90, max_pages=6)
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
        assert server.non_get_requests() == []
    view = derive(obs)
    phone = next((c for c in view.channels if c.kind == "phone"), None)
    assert phone is not None, [(c.kind, c.value) for c in view.channels]
    assert phone.value == "+34900123456"
    assert phone.url == server.url + "/contacto"
    assert phone.clicks == 3
    labels = [s.label for s in phone.path if s.label]
    assert labels[-3:] == ["Contacto", "choose: Reclamaciones y quejas", "choose: Cobro indebido"]
