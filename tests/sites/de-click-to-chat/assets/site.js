document.addEventListener('DOMContentLoaded', function () {
  var b = document.querySelector('.burger');
  b.addEventListener('click', function () {
    var m = document.getElementById('menu');
    var open = m.classList.toggle('open');
    b.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  var k = document.getElementById('kontakt-link');
  if (k) k.addEventListener('click', function (e) {
    e.preventDefault();
    window.open('/kontakt.html', 'nordmark_kontakt', 'width=640,height=720');
  });
  var c = document.getElementById('chat-start');
  if (c) c.addEventListener('click', function () {
    if (window.LiveChatWidget) return;
    c.disabled = true;
    c.textContent = 'Chat wird geladen …';
    var s = document.createElement('script');
    s.src = '/_vendor/cdn.livechatinc.com/tracking.js';
    document.body.appendChild(s);
  });
});
