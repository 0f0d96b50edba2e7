document.addEventListener('DOMContentLoaded', function () {
  var b = document.querySelector('.burger');
  if (!b) return;
  b.addEventListener('click', function () {
    var m = document.getElementById(b.getAttribute('aria-controls'));
    var open = m.classList.toggle('open');
    b.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
});
