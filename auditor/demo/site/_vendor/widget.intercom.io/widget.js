// Local stand-in for a third-party chat widget (no network traffic).
(function () {
  window.intercomSettings = window.intercomSettings || {app_id: 'fx1a2b3c'};
  window.Intercom = function () {};
  function mount() {
    var btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'intercom-launcher';
    btn.setAttribute('aria-expanded', 'false');
    btn.textContent = "Chat with our virtual assistant";
    btn.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:50;background:#222;color:#fff;border:0;border-radius:22px;padding:10px 16px;font:600 14px system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)';
    var panel = document.createElement('div');
    panel.className = 'intercom-launcher-panel';
    panel.hidden = true;
    panel.style.cssText = 'position:fixed;right:16px;bottom:70px;z-index:50;width:280px;max-width:80vw;background:#fff;color:#222;border:1px solid #ccc;border-radius:12px;padding:14px;font:14px system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.2)';
    panel.textContent = "Hi, I'm Nova, Northwind's virtual assistant. I can help with meter readings, bills and moving home.";
    btn.addEventListener('click', function () {
      panel.hidden = !panel.hidden;
      btn.setAttribute('aria-expanded', String(!panel.hidden));
    });
    document.body.appendChild(panel);
    document.body.appendChild(btn);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount); else mount();
})();
