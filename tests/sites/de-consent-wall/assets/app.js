(function () {
  var KEY = 'nh_consent';
  function render() {
    var name = document.body.getAttribute('data-page');
    fetch('/inhalt/' + name + '.html').then(function (r) { return r.text(); }).then(function (html) {
      var app = document.getElementById('app');
      app.innerHTML = html;
      app.removeAttribute('aria-busy');
    });
  }
  document.addEventListener('click', function (ev) {
    var b = ev.target.closest('.menu-toggle');
    if (!b) return;
    var n = document.getElementById(b.getAttribute('aria-controls'));
    var o = b.getAttribute('aria-expanded') === 'true';
    b.setAttribute('aria-expanded', String(!o));
    n.classList.toggle('open', !o);
  });
  function showWall() {
    var f = document.createElement('iframe');
    f.id = 'consent-wall';
    f.title = 'Datenschutzeinstellungen';
    f.src = '/cmp/wall.html';
    document.body.appendChild(f);
    window.addEventListener('message', function (ev) {
      if (ev.origin !== location.origin || ev.data !== 'nh-consent-stored') return;
      if (!localStorage.getItem(KEY)) return;
      f.remove();
      render();
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (localStorage.getItem(KEY)) render(); else showWall();
  });
})();
