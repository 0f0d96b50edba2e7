/* Local stand-in for the Zendesk Web Widget snippet (ze-snippet), served from a path that
   names the vendor host so the auditor's fingerprinting sees static.zdassets.com. */
(function () {
  'use strict';
  var queue = [];
  window.zESettings = window.zESettings || { webWidget: { locale: 'de', launcher: { chatLabel: { '*': 'Live-Chat mit unseren Mitarbeitern' } } } };
  window.zE = window.zE || function () { queue.push(Array.prototype.slice.call(arguments)); };
  window.zE.version = 'local-fixture';

  function mount() {
    if (document.getElementById('launcher')) { return; }
    var style = document.createElement('style');
    style.textContent =
      '#launcher{position:fixed;right:16px;bottom:16px;z-index:999;background:#0d6b3f;color:#fff;border:0;' +
      'border-radius:999px;padding:12px 18px;font:600 15px/1.2 Verdana,Arial,sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}' +
      '#zd-chat-panel{position:fixed;right:16px;bottom:76px;z-index:999;width:320px;max-width:calc(100vw - 32px);background:#fff;' +
      'border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.25);padding:16px;font:14px/1.5 Verdana,Arial,sans-serif;color:#1d2430}' +
      '#zd-chat-panel[hidden]{display:none}#zd-chat-panel h2{font-size:16px;margin:0 0 8px}';
    document.head.appendChild(style);

    var button = document.createElement('button');
    button.type = 'button';
    button.id = 'launcher';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'zd-chat-panel');
    button.textContent = 'Live-Chat mit unseren Mitarbeitern';

    var panel = document.createElement('div');
    panel.id = 'zd-chat-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Live-Chat');
    panel.hidden = true;
    panel.innerHTML = '<h2>Live-Chat</h2>' +
      '<p>Hallo! Eine Mitarbeiterin oder ein Mitarbeiter aus unserem Kundenservice ist gleich für Sie da.</p>' +
      '<p>Servicezeiten: montags bis freitags von 8 bis 20 Uhr.</p>';

    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') === 'true';
      button.setAttribute('aria-expanded', String(!open));
      panel.hidden = open;
    });
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mount);
  } else {
    mount();
  }
})();
