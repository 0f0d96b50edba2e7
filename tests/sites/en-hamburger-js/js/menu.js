// The main navigation does not exist in the page: it is built on the first press of the
// menu button (desktop and mobile alike), then toggled.
document.addEventListener('DOMContentLoaded', function () {
  var btn = document.querySelector('.menu-toggle');
  var nav = document.getElementById('menu');
  var items = [
    ['Deals', '/deals.html'],
    ['Laptops', '/products/aero-14-laptop.html'],
    ['Headphones', '/products/quietwave-headphones.html'],
    ['Help', '/help.html'],
    ['Contact us', '/contact.html']
  ];
  btn.addEventListener('click', function () {
    if (!nav.firstChild) {
      var ul = document.createElement('ul');
      items.forEach(function (item) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.textContent = item[0];
        a.href = item[1];
        li.appendChild(a);
        ul.appendChild(li);
      });
      nav.appendChild(ul);
    }
    var open = btn.getAttribute('aria-expanded') !== 'true';
    btn.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
});
