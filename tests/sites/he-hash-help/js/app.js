// A small single-page app: views by route (history.pushState or hash routes), a
// "Was this helpful?" chain and a contact wizard of radio steps with a Continue button.
(function () {
  var SITE = window.SITE;
  var app = document.getElementById('app');
  var hash = SITE.mode === 'hash';
  function route() {
    if (hash) return (location.hash.replace(/^#/, '') || '/');
    return location.pathname === '/index.html' ? '/' : location.pathname;
  }
  function render() {
    var view = SITE.views[route()] || SITE.views['/'];
    app.innerHTML = view.html;
    document.title = view.title;
    window.scrollTo(0, 0);
  }
  function go(path) {
    if (hash) { location.hash = '#' + path; return; }
    history.pushState({}, '', path);
    render();
  }
  window.addEventListener(hash ? 'hashchange' : 'popstate', render);
  function show(el) { if (el) el.hidden = false; }
  function stepOf(el) { return el.closest('[data-step]'); }
  document.addEventListener('click', function (ev) {
    var t = ev.target.closest('[data-route], [data-answer], [data-reveal], .next, [data-act]');
    if (!t) return;
    if (t.hasAttribute('data-route')) { ev.preventDefault(); go(t.getAttribute('data-route')); return; }
    if (t.hasAttribute('data-answer')) {
      var box = t.closest('.helpful');
      box.querySelector('.thanks').hidden = t.getAttribute('data-answer') !== 'yes';
      if (t.getAttribute('data-answer') === 'no') show(box.querySelector('.after-no'));
      return;
    }
    if (t.hasAttribute('data-reveal')) {
      show(document.getElementById(t.getAttribute('data-reveal')));
      t.setAttribute('aria-expanded', 'true');
      return;
    }
    if (t.hasAttribute('data-act')) { location.href = t.getAttribute('data-act'); return; }
    // Continue: the checked option says which step comes next (default: the next one).
    var step = stepOf(t);
    var sel = step.querySelector('select');
    var picked = step.querySelector('input[type=radio]:checked') || (sel && sel.value ? sel.selectedOptions[0] : null);
    var err = step.querySelector('.error');
    if (!picked) { if (err) err.hidden = false; return; }
    var next = picked.getAttribute('data-next');
    var target = next ? document.querySelector('[data-step="' + next + '"]') : step.nextElementSibling;
    step.hidden = true;
    show(target);
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && ev.target.matches('[role=link][data-route]')) go(ev.target.getAttribute('data-route'));
  });
  var burger = document.querySelector('.burger');
  if (burger) burger.addEventListener('click', function () {
    var open = burger.getAttribute('aria-expanded') !== 'true';
    burger.setAttribute('aria-expanded', String(open));
    document.getElementById('menu').classList.toggle('open', open);
  });
  render();
})();
