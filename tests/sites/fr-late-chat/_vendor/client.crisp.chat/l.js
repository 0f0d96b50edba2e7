// Stand-in for the vendor's widget script: a global, a launcher and its greeting bubble.
window.$crisp = window.$crisp || function () {};
(function () {
  var b = document.createElement('button');
  b.type = 'button';
  b.id = 'crisp-client';
  b.className = 'chat-launcher';
  b.textContent = 'Discuter';
  var g = document.createElement('div');
  g.className = 'chat-greeting';
  g.setAttribute('role', 'status');
  g.textContent = 'Une question sur votre installation ? Nos conseillers vous répondent de 9h à 18h.';
  document.body.appendChild(g);
  document.body.appendChild(b);
})();
