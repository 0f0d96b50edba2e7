document.addEventListener('DOMContentLoaded', function () {
  var b = document.querySelector('.burger');
  b.addEventListener('click', function () {
    var m = document.getElementById('menu');
    var open = m.classList.toggle('open');
    b.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  var dlg = document.getElementById('contact-dialog');
  document.querySelector('.contact-btn').addEventListener('click', function () { dlg.showModal(); });
  dlg.querySelector('.close').addEventListener('click', function () { dlg.close(); });
  var tabs = document.querySelectorAll('[role=tab]');
  tabs.forEach(function (t) {
    t.addEventListener('click', function () {
      tabs.forEach(function (o) {
        o.setAttribute('aria-selected', o === t ? 'true' : 'false');
        o.tabIndex = o === t ? 0 : -1;
        document.getElementById(o.getAttribute('aria-controls')).hidden = o !== t;
      });
    });
  });
});
