// One in-page evaluation per page state: everything the observers need, as one JSON string.
// `opts.known` maps element ids already recorded to 1 (visible) or 0 (hidden) so that a
// state after a press returns only what changed.  Ids are stamped on the DOM
// (data-cfa-id) so they survive across evaluations of the same document.
// Open shadow roots are part of the page a customer sees (DESIGN §4): every query runs over
// the document and each open root, and every walk up the ancestors crosses from a root to
// its host (and from a slotted node to its slot).  In an iframe, `opts.frame` says where
// the frame's viewport sits in the top page (geometry is reported in top-page coordinates),
// whether the frame itself shows, and the id prefix that keeps its ids apart from the
// top page's.
(opts) => {
  const known = opts.known || {};
  const full = !!opts.full;
  const frame = opts.frame || null;
  const vw = window.innerWidth, vh = window.innerHeight;
  const docW = Math.max(document.documentElement.scrollWidth, vw);
  const sx = window.scrollX, sy = window.scrollY;
  // Page coordinates: this document's scroll, or (in a frame) the frame's place in the top page.
  const ox = frame ? frame.x : sx, oy = frame ? frame.y : sy;
  const topVh = frame ? frame.vh : vh;
  if (window.__cfaN === undefined) window.__cfaN = 0;
  if (window.__cfaPrefix === undefined) window.__cfaPrefix = frame ? frame.prefix : '';
  const prefix = window.__cfaPrefix;
  const idOf = (el) => {
    let id = el.getAttribute('data-cfa-id');
    if (!id) { id = prefix + 'e' + (window.__cfaN++); el.setAttribute('data-cfa-id', id); }
    return id;
  };
  // The flat-tree parent: a slotted node's slot, an element's parent, a shadow root's host.
  const up = (a) => a.assignedSlot || a.parentElement || (a.parentNode && a.parentNode.host) || null;
  const closestDeep = (el, sel) => {
    for (let a = el; a; a = up(a)) if (a.matches(sel)) return a;
    return null;
  };
  // The document and every open shadow root in it (nested ones included); closed roots are
  // known only to the init script (snapshot.LATE_INIT_JS), which counts their hosts.
  const roots = [document];
  for (let i = 0; i < roots.length && roots.length < 500; i++) {
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const all = (sel) => {
    if (roots.length === 1) return document.querySelectorAll(sel);
    const out = [];
    for (const r of roots) for (const el of r.querySelectorAll(sel)) out.push(el);
    return out;
  };
  const styleCache = new Map();
  const cs = (el) => {
    let s = styleCache.get(el);
    if (!s) { s = getComputedStyle(el); styleCache.set(el, s); }
    return s;
  };
  const rectCache = new Map();
  const rectOf = (el) => {
    let r = rectCache.get(el);
    if (!r) { r = el.getBoundingClientRect(); rectCache.set(el, r); }
    return r;
  };
  const html = document.documentElement, body = document.body;
  // Right-to-left documents scroll to the left: their page x runs from vw - docW to vw.
  const rtl = cs(body || html).direction === 'rtl';
  const minX = rtl ? vw - docW : 0, maxX = rtl ? vw : docW;
  // body's overflow applies to the viewport (not to body's box) while html's is visible.
  const bodyToViewport = !!body && cs(html).overflowX === 'visible' && cs(html).overflowY === 'visible';
  // A clip: rect(top, right, bottom, left) that leaves less than a pixel (sr-only patterns:
  // rect(0 0 0 0), WordPress's rect(1px, 1px, 1px, 1px)).
  const emptyClip = (el, clip) => {
    const m = clip.match(/rect\(([^)]*)\)/);
    if (!m) return false;
    const p = m[1].split(/[\s,]+/).filter(Boolean);
    if (p.length !== 4) return false;
    const r = rectOf(el);
    const n = (v, auto) => (v === 'auto' ? auto : parseFloat(v));
    return n(p[1], r.width) - n(p[3], 0) < 1 || n(p[2], r.height) - n(p[0], 0) < 1;
  };
  // One walk up the ancestors: is the box cut away by a clip, a clip-path or an ancestor
  // that clips overflow and contains it?  Absolutely positioned boxes escape overflow of
  // ancestors below their containing block, fixed ones escape all but transformed ones.
  // Scrolling is free (DESIGN §4), so a scroll container hides nothing it can scroll to.
  // Returns the reachable rect and whether it rides on the viewport, or null when clipped.
  const placement = (el, r) => {
    let left = r.left, top = r.top, right = r.right, bottom = r.bottom;
    let mode = 0; // 0 in flow, 1 absolute (looking for its containing block), 2 fixed
    for (let a = el; a && a !== html; a = up(a)) {
      const s = cs(a);
      if (s.clipPath && s.clipPath !== 'none' && /inset\(\s*(50%|100%)/.test(s.clipPath)) return null;
      if ((s.position === 'absolute' || s.position === 'fixed') && s.clip && s.clip !== 'auto' && emptyClip(a, s.clip)) return null;
      if (a !== el) {
        let contains = true;
        if (mode === 1) contains = s.position !== 'static' || s.transform !== 'none';
        else if (mode === 2) contains = s.transform !== 'none' || s.filter !== 'none' || s.perspective !== 'none' || /paint|layout|strict|content/.test(s.contain);
        if (contains) {
          mode = 0;
          if ((s.overflowX !== 'visible' || s.overflowY !== 'visible') && !(a === body && bodyToViewport)) {
            const ar = rectOf(a);
            if (s.overflowX !== 'visible') {
              if (/auto|scroll/.test(s.overflowX)) { if (ar.width < 1) return null; left = ar.left; right = ar.right; }
              else { left = Math.max(left, ar.left); right = Math.min(right, ar.right); if (right - left < 1) return null; }
            }
            if (s.overflowY !== 'visible') {
              if (/auto|scroll/.test(s.overflowY)) { if (ar.height < 1) return null; top = ar.top; bottom = ar.bottom; }
              else { top = Math.max(top, ar.top); bottom = Math.min(bottom, ar.bottom); if (bottom - top < 1) return null; }
            }
          }
        }
      }
      if (mode === 0) mode = s.position === 'absolute' ? 1 : (s.position === 'fixed' ? 2 : 0);
    }
    return {left, top, right, bottom, fixed: mode === 2};
  };
  const visCache = new Map();
  const visible = (el) => {
    if (visCache.has(el)) return visCache.get(el);
    let v = !(frame && !frame.visible);
    const s = cs(el);
    if (!v) { visCache.set(el, v); return v; }
    if (s.display === 'contents') {
      // No box of its own (SvelteKit wraps the whole body in one): it shows what it holds.
      v = false;
      if (s.visibility === 'visible' && (!up(el) || visible(up(el)))) {
        for (const c of (el.shadowRoot || el).childNodes) {
          if (c.nodeType === 1 ? visible(c) : (c.nodeType === 3 && c.nodeValue.trim())) { v = true; break; }
        }
      }
      visCache.set(el, v);
      return v;
    }
    const r = rectOf(el);
    if (r.width < 2 || r.height < 2) v = false;
    else if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) v = false;
    else {
      const p = placement(el, r);
      if (!p) v = false;
      // Fixed boxes do not move when the page scrolls: only the viewport counts.
      else if (p.fixed) v = p.right > 0 && p.bottom > 0 && p.left < vw && p.top < vh;
      else v = p.right + sx > minX && p.bottom + sy > 0 && p.left + sx < maxX;
    }
    visCache.set(el, v);
    return v;
  };
  const parseColor = (c) => {
    const m = c && c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const blend = (top, bottom) => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const bgOf = (el) => {
    const layers = [];
    for (let a = el; a; a = up(a)) {
      const c = parseColor(cs(a).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = blend(layers[i], bg);
    return bg;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const contrastOf = (el) => {
    const s = cs(el);
    const fg = parseColor(s.color);
    if (!fg) return null;
    const bg = bgOf(el);
    const f = fg[3] < 1 ? blend(fg, bg) : fg;
    const opacity = parseFloat(s.opacity);
    const fe = opacity < 1 ? blend([f[0], f[1], f[2], opacity], bg) : f;
    const l1 = lum(fe), l2 = lum(bg);
    return Math.round(((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)) * 100) / 100;
  };
  // HTML-AAM: a <header>/<footer> inside an article, aside or nav belongs to it (a post's
  // footer), not to the page.  <main> and <section> are left out on purpose: page builders
  // wrap the real site footer in them, and a footer-only contact link must stay "footer".
  const SCOPE = 'article, aside, nav, [role=article], [role=complementary], [role=navigation]';
  const pageLevel = (a) => !up(a) || !closestDeep(up(a), SCOPE);
  // The nearest landmark, except that a dialog (an overlay, wherever it sits in the DOM)
  // outranks everything and the page footer outranks everything else (a nav in it).
  const regionOf = (el) => {
    let closest = null, footer = false;
    for (let a = el; a; a = up(a)) {
      const t = a.tagName.toLowerCase();
      const role = (a.getAttribute('role') || '').toLowerCase();
      let r = null;
      if (t === 'dialog' || role === 'dialog' || role === 'alertdialog' || a.getAttribute('aria-modal') === 'true') return 'dialog';
      if (role === 'contentinfo' || (t === 'footer' && !role && pageLevel(a))) footer = true;
      else if (t === 'nav' || role === 'navigation') r = 'nav';
      else if (role === 'banner' || (t === 'header' && !role && pageLevel(a))) r = 'header';
      else if (t === 'aside' || role === 'complementary') r = 'aside';
      else if (t === 'main' || role === 'main') r = 'main';
      if (r && !closest) closest = r;
    }
    return footer ? 'footer' : (closest || 'other');
  };
  // Inside a shadow root the path starts at the root; the host's own path comes first,
  // joined by ' >> ' (each part is a CSS selector inside the previous match's shadow root).
  const selectorOf = (el) => {
    const root = el.getRootNode();
    const inner = selectorIn(el);
    return root && root.host ? selectorOf(root.host) + ' >> ' + inner : inner;
  };
  // An element's :nth-of-type index, remembered: counting back from a sibling whose index
  // is known keeps a 30,000-row table linear instead of quadratic.
  const nthCache = new Map();
  const nthOf = (a) => {
    const hit = nthCache.get(a);
    if (hit) return hit;
    let i = 1;
    for (let s = a.previousElementSibling; s; s = s.previousElementSibling) {
      if (s.tagName !== a.tagName) continue;
      const known = nthCache.get(s);
      if (known) { i += known; break; }
      i++;
    }
    nthCache.set(a, i);
    return i;
  };
  const selectorIn = (el) => {
    const parts = [];
    for (let a = el; a && a.nodeType === 1 && parts.length < 5; a = a.parentElement) {
      if (a.id && /^[A-Za-z][\w-]*$/.test(a.id)) { parts.unshift('#' + a.id); break; }
      const t = a.tagName.toLowerCase();
      if (t === 'html' || t === 'body') { parts.unshift(t); break; }
      parts.unshift(t + ':nth-of-type(' + nthOf(a) + ')');
    }
    return parts.join(' > ');
  };
  const clean = (s, n) => (s || '').replace(/\s+/g, ' ').trim().slice(0, n || 300);
  const nameOf = (el) => {
    const l = el.getAttribute('aria-label') || el.getAttribute('title') || (el.tagName === 'AREA' ? el.getAttribute('alt') : '');
    if (l) return clean(l);
    const lb = el.getAttribute('aria-labelledby');
    if (lb) { const t = lb.split(/\s+/).map((i) => { const n = el.getRootNode().getElementById(i); return n ? n.textContent : ''; }).join(' '); if (clean(t)) return clean(t); }
    const txt = clean(el.innerText || el.textContent);
    if (txt) return txt;
    const img = el.querySelector('img[alt], svg title');
    if (img) return clean(img.getAttribute('alt') || img.textContent);
    return clean(el.getAttribute('value') || '');
  };
  // The heading a control sits under ("How can we help?" over a grid of topic cards):
  // the nearest heading before it, among the previous siblings of it and of up to five
  // ancestors (a few siblings each, so long lists stay cheap).
  const HEADING = 'h1, h2, h3, h4, legend, [role=heading]';
  const headingOf = (el) => {
    let a = el;
    for (let depth = 0; a && depth < 6; depth++, a = up(a)) {
      let n = 0;
      for (let s = a.previousElementSibling; s && n < 8; s = s.previousElementSibling, n++) {
        const hs = s.matches(HEADING) ? [s] : s.querySelectorAll(HEADING);
        const h = hs.length ? hs[hs.length - 1] : null;
        if (h) return clean(h.innerText || h.textContent, 160);
      }
    }
    return '';
  };
  const boxOf = (r) => ({x: Math.round(r.left + ox), y: Math.round(r.top + oy), width: Math.round(r.width), height: Math.round(r.height)});
  // An image map's <area> has no box of its own: it is the part of its image its coords
  // name (CSS pixels from the image's corner), and shows when the image does.
  const mapImage = (area) => {
    const map = area.closest('map');
    const name = map && map.getAttribute('name');
    return name ? area.getRootNode().querySelector('img[usemap="#' + CSS.escape(name) + '"]') : null;
  };
  const areaRect = (area, img) => {
    const r = img.getBoundingClientRect();
    const c = (area.getAttribute('coords') || '').split(/[\s,]+/).map(Number).filter((n) => !Number.isNaN(n));
    const shape = (area.getAttribute('shape') || 'rect').toLowerCase();
    let x1 = 0, y1 = 0, x2 = r.width, y2 = r.height;
    if ((shape === 'circle' || shape === 'circ') && c.length >= 3) { x1 = c[0] - c[2]; y1 = c[1] - c[2]; x2 = c[0] + c[2]; y2 = c[1] + c[2]; }
    else if (shape.startsWith('poly') && c.length >= 6) { const xs = c.filter((_, i) => i % 2 === 0), ys = c.filter((_, i) => i % 2 === 1); x1 = Math.min(...xs); x2 = Math.max(...xs); y1 = Math.min(...ys); y2 = Math.max(...ys); }
    else if (shape !== 'default' && c.length >= 4) { x1 = Math.min(c[0], c[2]); x2 = Math.max(c[0], c[2]); y1 = Math.min(c[1], c[3]); y2 = Math.max(c[1], c[3]); }
    x1 = Math.max(0, x1); y1 = Math.max(0, y1); x2 = Math.min(r.width, x2); y2 = Math.min(r.height, y2);
    return {left: r.left + x1, top: r.top + y1, width: Math.max(0, x2 - x1), height: Math.max(0, y2 - y1)};
  };

  // ---- links and controls
  // Cards and tiles pressable with nothing in the markup saying so: a click listener of
  // their own (late_init.js saw it added), or a pointer cursor on a focusable or card-like
  // element whose parent has none (delegated handlers, as React wires them).  A wrapper
  // around a real control is not a card (the control is); nor is one around other cards.
  const INNER = 'a[href], button, input, select, textarea, [role=button], [role=link]';
  const cardLike = (el) => {
    if (!el.isConnected || el === body || el === html || el.matches('a[href], ' + CONTROL) || el.querySelector(INNER)) return false;
    const n = clean(el.innerText || el.textContent, 200).length;
    return n > 0 && n <= 160;
  };
  const cardsOf = () => {
    const found = new Set();
    const late = window.__cfaLate;
    for (const el of (late && late.clicky) || []) if (cardLike(el)) found.add(el);
    for (const el of all('[tabindex], [class*=card], [class*=tile], [class*=topic]')) {
      if (found.has(el) || cs(el).cursor !== 'pointer' || !cardLike(el)) continue;
      const parent = up(el);
      if (parent && parent.nodeType === 1 && cs(parent).cursor === 'pointer') continue;
      found.add(el);
    }
    // A listener around other cards delegates for them (a router's view): the cards count.
    const outer = new Set();
    for (const el of found) for (let a = up(el); a; a = up(a)) if (found.has(a)) outer.add(a);
    return [...found].filter((el) => !outer.has(el));
  };
  // What a drop-down offers now: a changed signature means it was filled or enabled.
  const optionsSig = (el) => (el.disabled ? 'off|' : '') + [...el.options].map((o) => o.value + '=' + o.textContent).join('|');
  const elements = [];
  const CONTROL = 'button, summary, [role=button], [role=tab], [role=menuitem][aria-haspopup], [aria-expanded], [aria-controls], input[type=submit], input[type=button]'
    // Presses that may navigate or walk a decision tree (issue 11): links without href,
    // clickable cards, radio choices.
    + ', [role=link], [role=radio], [role=option], input[type=radio], select, [onclick], [data-href], [data-route], [data-to]';
  const nodes = [...all('a[href], area[href], ' + CONTROL), ...cardsOf()];
  for (const el of nodes) {
    const id = idOf(el);
    const k = known[id];
    // A drop-down whose options changed (the second of two dependent ones, filled once the
    // first is chosen) is read again: what it offers now is a step revealed by that choice.
    const sig = el.tagName === 'SELECT' ? optionsSig(el) : null;
    const refreshed = k === 1 && sig !== null && el.__cfaSig !== undefined && el.__cfaSig !== sig;
    if (k === 1 && !refreshed) continue;
    const tag = el.tagName.toLowerCase();
    const img = tag === 'area' ? mapImage(el) : null;
    const vis = tag === 'area' ? !!img && visible(img) && areaRect(el, img).width > 0 : visible(el);
    if (k === 0 && !vis) continue;
    const linkTag = tag === 'a' || tag === 'area';
    const rawHref = linkTag ? el.getAttribute('href') : null;
    const isToggleLink = linkTag && (rawHref === null || rawHref === '#' || (rawHref || '').startsWith('javascript:') || el.hasAttribute('aria-expanded') || el.getAttribute('role') === 'button');
    const kind = linkTag && !isToggleLink ? 'link' : (tag === 'button' || tag === 'input' || tag === 'summary' ? 'button' : 'control');
    // A button's form owner may sit elsewhere in the page (form="id").
    const form = tag === 'button' || tag === 'input' ? el.form : closestDeep(el, 'form');
    const type = (el.getAttribute('type') || (tag === 'button' ? 'submit' : '')).toLowerCase();
    const submits = !!form && (tag === 'button' || tag === 'input') && type === 'submit';
    let r = img ? areaRect(el, img) : el.getBoundingClientRect();
    if (vis && cs(el).display === 'contents') { const range = document.createRange(); range.selectNodeContents(el); r = range.getBoundingClientRect(); }
    const rec = {
      id, tag, kind, text: clean(el.innerText || el.textContent, 200), name: nameOf(el),
      href: kind === 'link' ? el.href : null, visible: vis,
      expanded: el.hasAttribute('aria-expanded') ? el.getAttribute('aria-expanded') === 'true' : null,
      submits, region: regionOf(el),
    };
    if (frame) rec.frame = frame.url;
    if (vis) {
      const s = cs(el);
      rec.box = boxOf(r);
      rec.font_size = parseFloat(s.fontSize);
      rec.contrast = img ? null : contrastOf(el);  // an image link has no text colour
      rec.above_fold = r.top + oy < topVh;
    }
    rec.selector = selectorOf(el);
    if (kind === 'link' && /^(tel|mailto):/i.test(rawHref || '')) {
      // What its paragraph says before it ("… refer to ABTA, or write to us at …"): the
      // paragraph's own text block runs on past the link and would speak for it.
      const box = closestDeep(up(el) || el, 'p, li, dd, td, address, div, section');
      if (box && box !== el) {
        const range = document.createRange();
        range.setStart(box, 0);
        range.setEndBefore(el);
        rec.lead = clean(range.toString(), 2000).slice(-240);
      }
    }
    if (kind !== 'link') {
      rec.controls = el.getAttribute('aria-controls');
      rec.summary = tag === 'summary' && !!el.parentElement && el.parentElement.tagName === 'DETAILS' && !el.parentElement.open;
      rec.haspopup = el.getAttribute('aria-haspopup');
      rec.cls = clean(el.className && el.className.baseVal !== undefined ? el.className.baseVal : el.className, 120);
      // What surrounds the control, not the control itself: a card's own text is its label.
      const ctx = up(el) ? closestDeep(up(el), 'section, aside, div, form, li, p') : null;
      rec.context = ctx ? clean(ctx.innerText || ctx.textContent, 240) : '';
      rec.heading = headingOf(el);
      rec.role = el.getAttribute('role');
      // What the press planner needs to tell a choice from a step from an act (issue 11).
      rec.input = tag === 'input' ? type : (tag === 'button' ? type : '');
      rec.form_method = form ? (form.getAttribute('method') || 'get').toLowerCase() : '';
      const sc = el.closest('form, fieldset, [data-step], [role=dialog], section');
      rec.scope = sc ? idOf(sc.closest('form, [data-step], [role=dialog], section') || sc) : '';
      if (type === 'radio' || rec.role === 'radio' || rec.role === 'option') {
        if (tag === 'input' && el.labels && el.labels.length) rec.name = clean(el.labels[0].innerText || el.labels[0].textContent) || rec.name;
        rec.checked = tag === 'input' ? el.checked : el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-selected') === 'true';
        rec.group = tag === 'input' ? (el.getAttribute('name') || '') : '';
        const set = el.closest('fieldset, [role=radiogroup], [role=listbox]');
        const legend = set ? set.querySelector('legend, [role=heading], h2, h3, h4') : null;
        rec.question = legend ? clean(legend.innerText || legend.textContent, 160) : '';
        if (set) rec.context = clean(set.innerText || set.textContent, 240);
      }
      if (tag === 'select') {
        // A drop-down step: its options (a leading empty-valued one is a placeholder);
        // a disabled one offers none until it is enabled.
        rec.input = 'select';
        el.__cfaSig = sig;
        if (refreshed) rec.refreshed = true;
        rec.options = el.disabled ? [] : [...el.options].filter((o, i) => !(i === 0 && !o.value) && !o.disabled).map((o) => clean(o.textContent, 80)).slice(0, 30);
        rec.group = el.getAttribute('name') || '';
        const lab = el.labels && el.labels.length ? el.labels[0] : null;
        rec.name = lab ? clean(lab.innerText || lab.textContent) : rec.name;
        rec.question = rec.name;
      }
      if (tag === 'input' && (type === 'radio' || type === 'checkbox') && !vis && el.labels && el.labels.length && visible(el.labels[0])) {
        // Custom radios hide the input and show its label: the label is what is pressed.
        rec.visible = true;
        const lr = el.labels[0].getBoundingClientRect();
        rec.box = boxOf(lr); rec.font_size = parseFloat(cs(el.labels[0]).fontSize); rec.contrast = contrastOf(el.labels[0]); rec.above_fold = lr.top + sy < vh;
      }
    }
    elements.push(rec);
  }
  // ---- hover-only menus: a visible item whose list item holds a hidden submenu
  const hovers = [];
  if (opts.hover) {
    // List items of a menu (CSS :hover), and whatever a script opens on mouseenter: the
    // item holds a visible trigger and a hidden part with links, or is the trigger of the
    // hidden part beside it.
    const scripted = ((window.__cfaLate && window.__cfaLate.hovery) || []).filter((e) => e.isConnected);
    const seen = new Set();
    const offer = (trigger, sub) => {
      if (!trigger || !sub || trigger === sub || seen.has(trigger)) return;
      if (!visible(trigger) || visible(sub) || !sub.querySelector('a[href]')) return;
      seen.add(trigger);
      hovers.push({id: idOf(trigger), label: nameOf(trigger), selector: selectorOf(trigger), region: regionOf(trigger)});
    };
    for (const li of [...all('nav li, header li, [role=menubar] > *'), ...scripted]) {
      const trigger = li.querySelector(':scope > a, :scope > button, :scope > span, :scope > div');
      const sub = li.querySelector(':scope > ul, :scope > div, :scope > [role=menu]');
      offer(trigger, sub);
    }
    for (const el of scripted) offer(el, el.nextElementSibling);
  }
  // ---- text, grouped by its nearest block container
  const blocks = new Map();
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'OPTION']);
  const containerCache = new Map();
  const containerOf = (el) => {
    const hit = containerCache.get(el);
    if (hit) return hit;
    let c = el;
    while (up(c) && c !== document.body && /^(inline|contents)/.test(cs(c).display) && !/^(A|BUTTON|LABEL)$/.test(c.tagName)) c = up(c);
    containerCache.set(el, c);
    return c;
  };
  // Text is joined as it renders: whitespace-only nodes between inline elements and <br>
  // become one space (020 <b>7946</b> <b>0000</b> stays one number), and so does a block
  // child interrupting its parent's text.
  // Text a customer reads but the DOM does not hold in order, drawn that way to keep
  // scrapers off an address: letters reversed by `unicode-bidi: bidi-override` in a
  // right-to-left box ("moc.dnarb@pleh" shows as help@brand.com), and the "@" or the
  // whole address put in by CSS into an empty element (`.at::before {content: "@"}`,
  // `content: attr(data-user) "@" attr(data-domain)`).
  const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
  const drawnText = (p, t) => {
    const s = cs(p);
    if (s.direction !== 'rtl' || !/override/.test(s.unicodeBidi) || STRONG_RTL.test(t)) return t;
    return [...t].reverse().join('');
  };
  const pseudoPart = (el, which) => {
    const c = getComputedStyle(el, which).content;
    if (!c || c === 'none' || c === 'normal') return '';
    let out = '';
    for (const m of c.matchAll(/"((?:[^"\\]|\\.)*)"|attr\(\s*([\w-]+)\s*\)/g)) {
      out += m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (el.getAttribute(m[2]) || '');
    }
    return /[\ue000-\uf8ff]/.test(out) ? '' : out;  // an icon font's glyph is not text
  };
  const pseudo = new Map();
  let pseudoBudget = 400;
  for (const el of all('span:empty, i:empty, b:empty, em:empty, small:empty, strong:empty, a:empty, bdo:empty')) {
    if (--pseudoBudget < 0) break;
    const t = pseudoPart(el, '::before') + pseudoPart(el, '::after');
    if (t.trim()) pseudo.set(el, t);
  }
  let total = 0, last = null, gap = false;
  textLoop:
  for (const root of roots) {
  const shows = pseudo.size ? NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT : NodeFilter.SHOW_TEXT;
  const walker = document.createTreeWalker(root === document ? (document.body || document.documentElement) : root, shows);
  last = null;
  gap = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const drawn = n.nodeType === 1 ? pseudo.get(n) : undefined;
    if (n.nodeType === 1 && drawn === undefined) continue;
    const p = drawn === undefined ? n.parentElement : n;
    if (!p || SKIP.has(p.tagName) || p.closest('script,style,noscript,template')) continue;
    const t = drawn === undefined ? drawnText(p, n.nodeValue) : drawn;
    if (!t) continue;
    if (!t.trim()) { gap = true; continue; }
    const c = containerOf(p);
    const cid = idOf(c);
    const vis = visible(p) && visible(c);
    const key = cid + (vis ? '' : '~h');
    const k = known['t' + key];
    if (k === 1 || (k === 0 && !vis)) { last = null; continue; }
    let b = blocks.get(key);
    if (!b) {
      if (total > 400000) break textLoop;
      b = {id: 't' + key, text: '', visible: vis, region: regionOf(c), el: c};
      blocks.set(key, b);
    }
    const br = n.previousSibling && n.previousSibling.nodeName === 'BR';
    if (b.text && (gap || br || last !== b)) b.text += ' ';
    b.text += t;
    total += t.length;
    last = b;
    gap = false;
  }
  }
  const text_blocks = [];
  for (const b of blocks.values()) {
    const text = clean(b.text, 4000);
    if (!text) continue;
    const rec = {id: b.id, text, visible: b.visible, region: b.region, selector: selectorOf(b.el)};
    if (frame) rec.frame = frame.url;
    text_blocks.push(rec);
  }
  // ---- forms
  const forms = [];
  for (const f of all('form')) {
    const id = idOf(f);
    const k = known['f' + id];
    const vis = visible(f);
    if (k === 1 || (k === 0 && !vis)) continue;
    const fields = [];
    for (const i of f.querySelectorAll('input, textarea, select')) {
      const type = (i.tagName === 'INPUT' ? (i.getAttribute('type') || 'text') : i.tagName).toLowerCase();
      if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
      let label = i.getAttribute('aria-label') || '';
      if (!label && i.id) { const l = i.getRootNode().querySelector('label[for="' + CSS.escape(i.id) + '"]'); if (l) label = l.textContent; }
      if (!label) { const l = i.closest('label'); if (l) label = l.textContent; }
      if (!label) label = i.getAttribute('placeholder') || '';
      fields.push({name: i.getAttribute('name') || '', type, label: clean(label, 120),
        required: i.required || i.getAttribute('aria-required') === 'true', visible: visible(i)});
    }
    let captcha = null;
    if (f.querySelector('.g-recaptcha, iframe[src*="recaptcha"], [data-sitekey][class*="recaptcha"]')) captcha = 'recaptcha';
    else if (f.querySelector('.h-captcha, iframe[src*="hcaptcha"]')) captcha = 'hcaptcha';
    else if (f.querySelector('.cf-turnstile, iframe[src*="challenges.cloudflare.com"]')) captcha = 'turnstile';
    else if (f.querySelector('[data-sitekey], [class*="captcha" i], img[src*="captcha" i]')) captcha = 'other';
    forms.push({id: 'f' + id, action: f.action || '', method: (f.getAttribute('method') || 'get').toLowerCase(),
      fields, visible: vis, selector: selectorOf(f), captcha,
      has_file_upload: !!f.querySelector('input[type=file]'),
      has_password: !!f.querySelector('input[type=password]'),
      has_free_text: !!f.querySelector('textarea'), ...(frame ? {frame: frame.url} : {})});
  }
  const out = {elements, text_blocks, forms, hovers};
  if (full) {
    const html = document.documentElement;
    out.title = document.title || '';
    out.href = location.href;
    out.lang = html.getAttribute('lang');
    out.dir = html.getAttribute('dir') || cs(document.body || html).direction;
    out.scroll_height = Math.max(html.scrollHeight, document.body ? document.body.scrollHeight : 0);
    const scripts = new Set();
    for (const s of document.scripts) if (s.src) scripts.add(s.src);
    for (const e of performance.getEntriesByType('resource')) if (e.initiatorType === 'script') scripts.add(e.name);
    out.scripts = [...scripts].slice(0, 200);
    out.iframes = [...all('iframe[src]')].map((i) => i.src).slice(0, 50);
    out.globals = (opts.globals || []).filter((g) => { try { return typeof window[g] !== 'undefined'; } catch (e) { return false; } });
    out.jsonld = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent.slice(0, 20000)).slice(0, 20);
    const mr = document.querySelector('meta[name="robots" i]');
    out.meta_robots = mr ? (mr.getAttribute('content') || '') : '';
    // The HTTP status of the document shown (0 when the browser does not say): a press
    // that loaded a new document has no response of the walk's own to read it from.
    const nav = performance.getEntriesByType('navigation')[0];
    out.response_status = nav && nav.responseStatus ? nav.responseStatus : null;
    out.password_visible = [...all('input[type=password]')].some((i) => visible(i));
    // Closed shadow roots cannot be read: their hosts are recorded as unobservable.
    const closed = (window.__cfaLate && window.__cfaLate.closed) || [];
    out.closed_shadow = closed.filter((h) => h.isConnected).map((h) => selectorOf(h)).slice(0, 50);
  }
  return JSON.stringify(out);
}
