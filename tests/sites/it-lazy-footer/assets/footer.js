document.addEventListener('DOMContentLoaded', function () {
  var sentinel = document.getElementById('footer-sentinel');
  var slot = document.getElementById('footer-slot');
  var io = new IntersectionObserver(function (entries) {
    if (!entries.some(function (e) { return e.isIntersecting; })) return;
    io.disconnect();
    slot.outerHTML = '<footer class="site-footer"><div class="footer-inner">' +
      '<ul><li><a href="/contatti.html">Contatti</a></li><li><a href="/reclami.html">Reclami</a></li>' +
      '<li><a href="/note-legali.html">Note legali</a></li><li><a href="/note-legali.html#privacy">Privacy</a></li></ul>' +
      '<p>&copy; 2026 Adriagas Energia S.p.A. &ndash; Luce e gas per la casa e le imprese</p></div></footer>';
  }, { rootMargin: '0px 0px 200px 0px' });
  io.observe(sentinel);
});
