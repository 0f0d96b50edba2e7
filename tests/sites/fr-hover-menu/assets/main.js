// Électro Exemple: menu toggle, "Aide" sub-menu toggle on small screens, current year.
(function () {
  'use strict';
  var small = window.matchMedia('(max-width: 700px)');
  document.addEventListener('DOMContentLoaded', function () {
    var toggle = document.querySelector('.menu-toggle');
    if (toggle) {
      var nav = document.getElementById(toggle.getAttribute('aria-controls'));
      toggle.addEventListener('click', function () {
        var open = toggle.getAttribute('aria-expanded') === 'true';
        toggle.setAttribute('aria-expanded', String(!open));
        nav.classList.toggle('is-open', !open);
      });
    }
    // On wide screens the sub-menu is a CSS :hover drop-down; the button only works on small screens.
    document.querySelectorAll('.sub-toggle').forEach(function (btn) {
      btn.addEventListener('click', function () {
        if (!small.matches) { return; }
        var open = btn.getAttribute('aria-expanded') === 'true';
        btn.setAttribute('aria-expanded', String(!open));
      });
    });
    var year = document.querySelector('[data-year]');
    if (year) { year.textContent = String(new Date().getFullYear()); }
  });
})();
