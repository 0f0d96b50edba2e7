// Site navigation and disclosures. Every disclosure works by click.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('.menu-toggle').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var menu = document.getElementById(btn.getAttribute('aria-controls'));
      var open = btn.getAttribute('aria-expanded') !== 'true';
      btn.setAttribute('aria-expanded', String(open));
      menu.classList.toggle('open', open);
    });
  });
  document.querySelectorAll('.accordion-trigger').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var panel = document.getElementById(btn.getAttribute('aria-controls'));
      var open = btn.getAttribute('aria-expanded') !== 'true';
      btn.setAttribute('aria-expanded', String(open));
      panel.hidden = !open;
    });
  });
});

// "Was this article helpful?": a No answer reveals the route to the contact page.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('.feedback').forEach(function (box) {
    box.querySelector('.feedback-yes').addEventListener('click', function () {
      box.querySelector('.feedback-thanks').hidden = false;
      box.querySelector('.feedback-more').hidden = true;
    });
    box.querySelector('.feedback-no').addEventListener('click', function () {
      box.querySelector('.feedback-more').hidden = false;
      box.querySelector('.feedback-thanks').hidden = true;
    });
  });
});
