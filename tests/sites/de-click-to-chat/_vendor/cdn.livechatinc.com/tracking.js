// Stand-in for the vendor's widget script: a global and an opened chat window.
window.__lc = window.__lc || {license: 12345678};
window.LiveChatWidget = window.LiveChatWidget || {call: function () {}, on: function () {}};
(function () {
  var box = document.createElement('div');
  box.id = 'chat-widget-container';
  box.innerHTML = '<div class="lc-head">Nordmark Bank Service-Chat</div>' +
    '<div class="lc-body"><p>Ein Mitarbeiter ist gleich für Sie da.</p>' +
    '<textarea aria-label="Ihre Nachricht" placeholder="Ihre Nachricht …"></textarea>' +
    '<button type="button" class="lc-send">Senden</button></div>';
  document.body.appendChild(box);
  var b = document.getElementById('chat-start');
  if (b) b.textContent = 'Chat geöffnet';
})();
