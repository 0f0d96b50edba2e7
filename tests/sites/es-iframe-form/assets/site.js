
(function () {
  if (localStorage.getItem('cmp_consent')) return;
  var f = document.createElement('iframe');
  f.id = 'sp_message_iframe_771204';
  f.title = 'Mensaje de privacidad';
  f.src = '/cmp/message.html';
  f.style.cssText = 'position:fixed;left:0;right:0;bottom:0;width:100%;height:170px;border:0;z-index:1000;background:#fff;box-shadow:0 -2px 8px rgba(0,0,0,.2)';
  document.body.appendChild(f);
  window.addEventListener('message', function (e) {
    if (e.origin !== location.origin || !e.data || e.data.cmp !== 'done') return;
    localStorage.setItem('cmp_consent', '1');
    f.remove();
  });
})();

setTimeout(function () {
  var s = document.createElement('script');
  s.src = '/_vendor/static.ada.support/embed2.js';
  document.body.appendChild(s);
}, 2500);
