
customElements.define('site-footer', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>footer{padding:24px;background:#1d2430;color:#eee;font-size:14px}'
      + 'a{color:#fff;margin-inline-end:14px}p{margin:8px 0}</style>'
      + '<footer><nav aria-label="Fußzeile"><a href="/kontakt.html">Kontakt</a><a href="/beschwerde.html">Beschwerde</a><a href="/impressum.html">Impressum</a><a href="/datenschutz.html">Datenschutz</a></nav><p>&copy; 2026 Kranich Versicherung AG</p></footer>';
  }
});

(function () {
  if (localStorage.getItem('uc_consent')) return;
  var host = document.createElement('div');
  host.id = 'usercentrics-root';
  document.body.appendChild(host);
  setTimeout(function () {
    var root = host.attachShadow({mode: 'open'});
    root.innerHTML = '<style>.ov{position:fixed;inset:0;background:rgba(0,0,0,.55);z-index:1000}'
      + '.box{background:#fff;color:#111;max-width:460px;margin:90px auto;padding:22px;border-radius:8px;font:15px system-ui}'
      + 'button{margin:6px;padding:10px 16px;font-size:15px}</style>'
      + '<div class="ov" role="dialog" aria-modal="true" aria-label="Datenschutzeinstellungen"><div class="box">'
      + '<p>Wir verwenden Cookies, um diese Website zu betreiben und – mit Ihrer Einwilligung – die Nutzung zu analysieren.</p><button type="button" id="uc-more">Einstellungen</button>'
      + '<button type="button" id="uc-accept">Alle akzeptieren</button></div></div>';
    root.getElementById('uc-accept').addEventListener('click', function () {
      localStorage.setItem('uc_consent', '1');
      root.innerHTML = '';
    });
  }, 400);
})();

(function () {
  var target = document.getElementById('late-help');
  var sentinel = document.getElementById('late-sentinel');
  if (!target || !sentinel) return;
  var io = new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) {
      target.hidden = false;
      io.disconnect();
    }
  });
  io.observe(sentinel);
})();
