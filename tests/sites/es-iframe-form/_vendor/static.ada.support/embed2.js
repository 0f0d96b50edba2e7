// Stand-in for the vendor's widget script: a global, a launcher and its greeting bubble.
window.adaEmbed = window.adaEmbed || function () {};
(function () {
  var b = document.createElement('button');
  b.type = 'button';
  b.id = 'ada-button-frame';
  b.className = 'chat-launcher';
  b.textContent = 'Chat';
  var g = document.createElement('div');
  g.className = 'chat-greeting';
  g.setAttribute('role', 'status');
  g.textContent = 'Hola, soy Lía, tu asistente virtual. ¿En qué te ayudo?';
  document.body.appendChild(g);
  document.body.appendChild(b);
})();
