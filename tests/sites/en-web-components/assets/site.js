
customElements.define('site-footer', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>footer{padding:24px;background:#1d2430;color:#eee;font-size:14px}'
      + 'a{color:#fff;margin-inline-end:14px}p{margin:8px 0}</style>'
      + '<footer><nav aria-label="footer"><a href="/contact.html">Contact us</a><a href="/complaints.html">Complaints</a><a href="/privacy.html">Privacy</a></nav><p>Customer hotline (free): <a href="tel:+448000461234">0800 046 1234</a></p><p>&copy; 2026 Northlight Energy Ltd</p></footer>';
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
      + '<div class="ov" role="dialog" aria-modal="true" aria-label="Privacy settings"><div class="box">'
      + '<p>We use cookies to run this website and, with your consent, to measure how it is used.</p><button type="button" id="uc-more">Settings</button>'
      + '<button type="button" id="uc-accept">Accept all</button></div></div>';
    root.getElementById('uc-accept').addEventListener('click', function () {
      localStorage.setItem('uc_consent', '1');
      root.innerHTML = '';
    });
  }, 400);
})();

setTimeout(function () {
  var s = document.createElement('script');
  s.src = '/_vendor/widget.intercom.io/widget.js';
  document.body.appendChild(s);
}, 2500);
