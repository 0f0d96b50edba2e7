// The bounded wait for late content after a load (DESIGN §4: scrolling and waiting are free).
// A page that listens for scrolling is scrolled through, a viewport at a time (at most
// `screens`), two frames per step so IntersectionObservers fire, then back to the top.  Then
// it waits until nothing is pending (timeouts due soon after the navigation, fetch/XHR,
// inserted scripts) and the DOM has been quiet for `quiet_ms` -- or `max_ms` passed.  A page
// without the init script (late_init.js) is only given the quiet wait.  `pending_only` (after
// a press) waits only when something is pending.
async (args) => {
  const t0 = performance.now();
  const st = window.__cfaLate || null;
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  // The page's own setTimeout is watched by the init script: wait with the original.
  const sleep = st ? st.sleep : (ms) => new Promise((r) => setTimeout(r, ms));
  let scrolled = 0;
  const html = document.documentElement;
  const height = () => Math.max(html.scrollHeight, document.body ? document.body.scrollHeight : 0);
  if (st && st.scrollWatch && height() > window.innerHeight + 2) {
    const x = window.scrollX;
    for (let i = 1; i <= args.screens; i++) {
      const y = Math.min(i * window.innerHeight, height() - window.innerHeight);
      if (y <= window.scrollY) break;
      window.scrollTo(x, y);
      scrolled = Math.max(scrolled, window.scrollY + window.innerHeight);
      await frame();
      if (performance.now() - t0 > args.max_ms / 2) break;
    }
    window.scrollTo(x, 0);
    await frame();
  }
  // After a press, a page with nothing pending (no timer, request or script the press
  // started) is done: the two frames before this already let its own changes render.
  const busy = () => st.timers.size > 0 || st.inflight > 0 || st.scripts > 0;
  if (args.pending_only && (!st || !busy())) return {scrolled: 0, waited: Math.round(performance.now() - t0)};
  for (;;) {
    const t = performance.now();
    if (t - t0 >= args.max_ms) break;
    if (!st) { await sleep(Math.min(args.quiet_ms, args.max_ms)); break; }
    const pending = busy();
    const quiet = t - st.last >= args.quiet_ms || t > st.horizon + args.quiet_ms;
    if (!pending && quiet) break;
    await sleep(40);
  }
  return {scrolled: Math.round(scrolled), waited: Math.round(performance.now() - t0)};
}
