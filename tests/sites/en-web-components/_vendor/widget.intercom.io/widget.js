// Stand-in for the vendor's widget script: a global, a launcher and its greeting bubble.
window.Intercom = window.Intercom || function () {};
(function () {
  var b = document.createElement('button');
  b.type = 'button';
  b.id = 'intercom-launcher';
  b.className = 'chat-launcher';
  b.textContent = 'Chat';
  var g = document.createElement('div');
  g.className = 'chat-greeting';
  g.setAttribute('role', 'status');
  g.textContent = 'Questions about your bill? Our agents answer 9–18, Monday to Friday.';
  document.body.appendChild(g);
  document.body.appendChild(b);
})();
