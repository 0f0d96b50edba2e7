// Stand-in for the vendor's widget script: a global, a launcher and its greeting bubble.
window.tidioChatApi = window.tidioChatApi || function () {};
(function () {
  var b = document.createElement('button');
  b.type = 'button';
  b.id = 'tidio-chat';
  b.className = 'chat-launcher';
  b.textContent = 'צ\'אט';
  var g = document.createElement('div');
  g.className = 'chat-greeting';
  g.setAttribute('role', 'status');
  g.textContent = 'שלום, אני נועה, עוזר וירטואלי. במה אפשר לעזור?';
  document.body.appendChild(g);
  document.body.appendChild(b);
})();
