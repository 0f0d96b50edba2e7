// Installed before any page script runs (every frame): what the walk needs to know to wait
// for late content without waiting blindly, and the hosts of closed shadow roots.
// - timeouts due within HORIZON ms of the navigation (a chat launcher injected after 2.5 s),
//   fetch/XHR calls started in that window and scripts inserted after parsing are "pending";
// - the time of the last DOM change (childList, text, disclosure attributes; style changes of
//   JS animations are not content) once the document has loaded, shadow roots included;
// - whether the page listens for scrolling (scroll/wheel listeners, IntersectionObserver):
//   only such pages are scrolled through;
// - which elements listen for clicks themselves (cards wired by addEventListener);
// - a press (pointer, key, change: the walk's own input) opens the same window again for
//   PRESS_WINDOW ms, so what a press starts (a router that fetches before pushState, a
//   number revealed after a request) is waited for like late content after a load.
// Nothing here changes what a page does: wrappers call the originals with the same arguments.
(() => {
  if (window.__cfaLate) return;
  const HORIZON = 4000, PRESS_WINDOW = 1500;
  const st = {last: 0, timers: new Set(), inflight: 0, scripts: 0, scrollWatch: false, closed: [], horizon: HORIZON, clicky: []};
  const setT = window.setTimeout, clearT = window.clearTimeout;
  st.sleep = (ms) => new Promise((r) => setT.call(window, r, ms));
  Object.defineProperty(window, '__cfaLate', {value: st, enumerable: false});
  const now = () => performance.now();
  window.setTimeout = function (fn, ms, ...rest) {
    const delay = Number(ms) || 0;
    if (typeof fn !== 'function' || now() + delay > st.horizon) return setT.call(window, fn, ms, ...rest);
    let id = 0;
    id = setT.call(window, function (...a) { st.timers.delete(id); return fn.apply(this, a); }, ms, ...rest);
    st.timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) { st.timers.delete(id); return clearT.call(window, id); };
  const origFetch = window.fetch;
  if (origFetch) {
    window.fetch = function (...a) {
      if (now() > st.horizon) return origFetch.apply(this, a);
      st.inflight++;
      const done = () => { st.inflight--; st.last = now(); };
      const p = origFetch.apply(this, a);
      p.then(done, done);
      return p;
    };
  }
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...a) {
    if (now() <= st.horizon) {
      st.inflight++;
      this.addEventListener('loadend', () => { st.inflight--; st.last = now(); }, {once: true});
    }
    return send.apply(this, a);
  };
  // Elements given a click listener of their own: cards and tiles that are pressable
  // with no attribute saying so (extract.js keeps the small, connected ones).
  const CLICKS = new Set(['click', 'pointerup', 'mouseup']), MAX_CLICKY = 3000;
  // Elements that open something when the pointer enters them: menus wired in script
  // rather than by CSS :hover (extract.js keeps those whose hidden part holds links).
  const HOVERS = new Set(['mouseenter', 'mouseover', 'pointerenter', 'pointerover']), MAX_HOVERY = 500;
  st.hovery = [];
  const addL = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (type === 'scroll' || type === 'wheel') st.scrollWatch = true;
    else if (CLICKS.has(type) && this instanceof Element && st.clicky.length < MAX_CLICKY) st.clicky.push(this);
    else if (HOVERS.has(type) && this instanceof Element && st.hovery.length < MAX_HOVERY) st.hovery.push(this);
    return addL.call(this, type, ...rest);
  };
  if (window.IntersectionObserver) {
    const IO = window.IntersectionObserver;
    window.IntersectionObserver = class extends IO {
      constructor(...a) { super(...a); st.scrollWatch = true; }
    };
  }
  const pressed = () => { st.horizon = Math.max(st.horizon, now() + PRESS_WINDOW); st.last = now(); };
  for (const type of ['pointerdown', 'keydown', 'change']) addL.call(window, type, pressed, {capture: true, passive: true});
  const OPTIONS = {subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['class', 'hidden', 'open', 'aria-hidden', 'aria-expanded']};
  const watchScript = (n) => {
    if (n.nodeName !== 'SCRIPT' || !n.src) return;
    st.scripts++;
    const done = () => { st.scripts--; st.last = now(); };
    n.addEventListener('load', done, {once: true});
    n.addEventListener('error', done, {once: true});
  };
  // Changes while the document is still loading are its first render, not late content.
  const mo = new MutationObserver((records) => {
    if (document.readyState === 'complete') st.last = now();
    for (const r of records) for (const n of r.addedNodes) watchScript(n);
  });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (init && init.mode === 'closed') st.closed.push(this);
    try { mo.observe(root, OPTIONS); } catch (e) { /* not observable */ }
    return root;
  };
  const start = () => mo.observe(document, OPTIONS);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, {once: true});
  else start();
})();
