"use strict";
// The interactive page of an argument map. Map text only ever reaches the
// document through textContent and attribute values, never as markup.
// window.argmap is the page's API (docs/render.md, "The interactive page").
(function () {
  var SVGNS = "http://www.w3.org/2000/svg";
  var READABLE = 0.5;   // px per drawing unit below which claim text is too small to read
  var COMFORT = 1.0;    // px per unit the first view and search zoom to at most
  var MIN_SCALE = 0.02, MAX_SCALE = 8;

  var mapBox = document.getElementById("map");
  var mainEl = document.querySelector("main");
  var info = document.getElementById("info");
  var tip = document.getElementById("tip");
  var who = document.getElementById("who");
  var search = document.getElementById("search");
  var found = document.getElementById("found");
  var zoomLevel = document.getElementById("zoom-level");
  var outlineBody = document.getElementById("outline-body");

  var data, claims, relations, byMapId, order;
  var svg, base, natural, boxes;
  var view = { x: 0, y: 0, s: 1 };
  var selected = null;     // SVG id of the selected claim
  var matches = [], matchAt = -1;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function claimName(c) { return c.label ? c.label + ": " + c.text : c.text; }

  // ---- data -------------------------------------------------------------
  function useData(next) {
    data = next;
    claims = data.claims || {};
    relations = data.relations || {};
    byMapId = {};
    Object.keys(claims).forEach(function (k) { byMapId[claims[k].id] = k; });
    order = [];
    var seen = {};
    (function walk(list) {
      list.forEach(function (entry) {
        if (!entry.see && !seen[entry.claim]) { seen[entry.claim] = true; order.push(entry.claim); }
        (entry.reasons || []).forEach(function (r) {
          walk(r.claims);
          r.undercuts.forEach(function (u) { walk(u.claims); });
        });
      });
    })(data.outline || []);
    Object.keys(claims).forEach(function (k) { if (!seen[k]) order.push(k); });
    var keep = who.value;
    while (who.options.length > 1) who.remove(1);
    (data.stakeholders || []).forEach(function (h) {
      var o = el("option", h.name);
      o.value = h.id;
      who.appendChild(o);
    });
    who.value = keep;
    if (who.value !== keep) who.value = "";
    buildOutline();
  }

  // ---- the drawing and its coordinates ----------------------------------
  function nodes() { return svg.querySelectorAll("g.node"); }
  var nodeOf = {};
  function node(id) { return Object.prototype.hasOwnProperty.call(nodeOf, id) ? nodeOf[id] : null; }

  function useSvg(next) {
    svg = next;
    var vb = (svg.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number);
    if (vb.length !== 4 || vb.some(isNaN)) {
      var r = svg.getBBox();
      vb = [r.x, r.y, r.width || 1, r.height || 1];
    }
    base = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    var width = svg.getAttribute("width") || "";
    var px = parseFloat(width);
    natural = px > 0 ? px * (/pt$/.test(width) ? 4 / 3 : 1) / base.w : 1;
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", "Drawing of the argument (the outline below has it as text)");
    boxes = {};
    ctms = new Map();
    nodeOf = {};
    nodes().forEach(function (g) { if (g.id in claims) nodeOf[g.id] = g; });
    // Claims in reading order (the outline's), so Tab goes main claim, its reasons, ...
    var parent = null;
    order.forEach(function (id) {
      var g = node(id);
      if (!g) return;
      parent = parent || g.parentNode;
      if (g.parentNode === parent) parent.appendChild(g);
    });
    nodes().forEach(function (g) {
      if (!(g.id in claims)) return;
      var c = claims[g.id];
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", (c.kind || "claim") + ": " + claimName(c));
    });
    // Graphviz's titles are ids ("c:top->c:why"): the page's own tips say more.
    svg.querySelectorAll("title").forEach(function (t) { t.remove(); });
  }

  // From an element's own coordinates to the drawing's (the viewBox's); nodes
  // without a transform of their own share their parent's, computed once.
  var ctms = null;
  function toDrawing(g) {
    var own = g.transform && g.transform.baseVal.numberOfItems;
    var key = own ? g : g.parentNode;
    var m = ctms.get(key);
    if (!m) {
      m = svg.getScreenCTM().inverse().multiply(key.getScreenCTM());
      ctms.set(key, m);
    }
    return m;
  }
  function boxOf(id) {
    if (boxes[id]) return boxes[id];
    var g = node(id);
    if (!g) return null;
    var b = g.getBBox();
    var m = toDrawing(g);
    var xs = [], ys = [];
    [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .forEach(function (p) {
        var q = svg.createSVGPoint();
        q.x = p[0]; q.y = p[1];
        q = q.matrixTransform(m);
        xs.push(q.x); ys.push(q.y);
      });
    var x0 = Math.min.apply(null, xs), y0 = Math.min.apply(null, ys);
    boxes[id] = { x: x0, y: y0, w: Math.max.apply(null, xs) - x0, h: Math.max.apply(null, ys) - y0 };
    return boxes[id];
  }
  function union(list) {
    var b = null;
    list.forEach(function (r) {
      if (!r) return;
      if (!b) { b = { x: r.x, y: r.y, w: r.w, h: r.h }; return; }
      var x1 = Math.max(b.x + b.w, r.x + r.w), y1 = Math.max(b.y + b.h, r.y + r.h);
      b.x = Math.min(b.x, r.x); b.y = Math.min(b.y, r.y);
      b.w = x1 - b.x; b.h = y1 - b.y;
    });
    return b;
  }

  // ---- zoom and pan: the viewBox is the view -----------------------------
  function size() { return { w: mapBox.clientWidth || 1, h: mapBox.clientHeight || 1 }; }
  function clampScale(s) { return Math.min(MAX_SCALE, Math.max(Math.min(MIN_SCALE, fitScale()), s)); }
  function fitScale() {
    var z = size();
    return Math.min(z.w / base.w, z.h / base.h) * 0.97;
  }
  function apply() {
    var z = size();
    var w = z.w / view.s, h = z.h / view.s;
    // Keep some of the drawing in view: its centre may not leave the window.
    var cx = Math.min(base.x + base.w, Math.max(base.x, view.x + w / 2));
    var cy = Math.min(base.y + base.h, Math.max(base.y, view.y + h / 2));
    view.x = cx - w / 2; view.y = cy - h / 2;
    svg.setAttribute("viewBox", [view.x, view.y, w, h].map(function (v) { return v.toFixed(3); }).join(" "));
    zoomLevel.textContent = Math.round(view.s / natural * 100) + "%";
    mapBox.dataset.scale = view.s.toFixed(4);
  }
  function setView(x, y, s) { view.x = x; view.y = y; view.s = clampScale(s); apply(); }
  function centreOn(b, s) {
    var z = size();
    s = clampScale(s);
    setView(b.x + b.w / 2 - z.w / s / 2, b.y + b.h / 2 - z.h / s / 2, s);
  }
  // Slide the view so it shows as much of the drawing as it can (no empty margins).
  function clampToDrawing() {
    var z = size(), w = z.w / view.s, h = z.h / view.s;
    if (w < base.w) view.x = Math.min(base.x + base.w - w, Math.max(base.x, view.x));
    else view.x = base.x + base.w / 2 - w / 2;
    if (h < base.h) view.y = Math.min(base.y + base.h - h, Math.max(base.y, view.y));
    else view.y = base.y + base.h / 2 - h / 2;
    apply();
  }
  function fit() { centreOn(base, fitScale()); }
  function zoomAt(factor, px, py) {
    var z = size();
    if (px === undefined) { px = z.w / 2; py = z.h / 2; }
    var ux = view.x + px / view.s, uy = view.y + py / view.s;
    var s = clampScale(view.s * factor);
    setView(ux - px / s, uy - py / s, s);
  }
  function mainBox() {
    var ids = (data.main || []).filter(function (id) { return node(id); });
    if (!ids.length) ids = (data.outline || []).map(function (e) { return e.claim; }).filter(function (id) { return node(id); });
    return union(ids.map(boxOf));
  }
  // The first view: the whole drawing when its text is readable so; otherwise
  // as close as the main claims allow (at most COMFORT), all of them in view
  // near the top, with what lies below them filling the rest of the window.
  function home() {
    var all = fitScale(), mb = mainBox();
    if (all >= READABLE || !mb) { fit(); return; }
    var z = size();
    var s = clampScale(Math.max(all, Math.min(COMFORT, Math.min(z.w / mb.w, z.h / mb.h) * 0.95)));
    // The main claims centred across and near the top: their reasons follow below.
    var top = Math.min((z.h / s - mb.h) / 2, 24 / s);
    setView(mb.x + mb.w / 2 - z.w / s / 2, mb.y - top, s);
    clampToDrawing();
  }
  function ensureVisible(id) {
    var b = boxOf(id);
    if (!b) return;
    var z = size(), w = z.w / view.s, h = z.h / view.s, pad = 20 / view.s;
    if (b.w + 2 * pad > w || b.h + 2 * pad > h || view.s < READABLE) {
      centreOn(b, Math.max(view.s, Math.min(COMFORT, Math.min(z.w / b.w, z.h / b.h) * 0.5)));
      return;
    }
    var x = view.x, y = view.y;
    if (b.x - pad < x) x = b.x - pad; else if (b.x + b.w + pad > x + w) x = b.x + b.w + pad - w;
    if (b.y - pad < y) y = b.y - pad; else if (b.y + b.h + pad > y + h) y = b.y + b.h + pad - h;
    setView(x, y, view.s);
  }
  function focusClaim(id) {
    var g = node(id);
    if (!g) return;
    ensureVisible(id);
    g.focus({ preventScroll: true });
  }

  mapBox.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = mapBox.getBoundingClientRect();
    var dy = ev.deltaY * (ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1);
    zoomAt(Math.exp(-dy * (ev.ctrlKey ? 0.01 : 0.0015)), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  mapBox.addEventListener("scroll", function () { mapBox.scrollLeft = 0; mapBox.scrollTop = 0; });

  // Drag pans; two fingers pinch. A drag is not a click.
  var pointers = {}, dragged = false, start = null;
  function pinchState() {
    var ps = Object.keys(pointers).map(function (k) { return pointers[k]; });
    var r = mapBox.getBoundingClientRect();
    return {
      d: Math.hypot(ps[0].x - ps[1].x, ps[0].y - ps[1].y) || 1,
      x: (ps[0].x + ps[1].x) / 2 - r.left, y: (ps[0].y + ps[1].y) / 2 - r.top
    };
  }
  mapBox.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    pointers[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
    dragged = false;
    start = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, id: ev.pointerId };
    if (Object.keys(pointers).length === 2) start.pinch = pinchState();
  });
  mapBox.addEventListener("pointermove", function (ev) {
    if (!(ev.pointerId in pointers) || !start) return;
    pointers[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
    if (start.pinch && Object.keys(pointers).length === 2) {
      var now = pinchState();
      zoomAt(now.d / start.pinch.d, now.x, now.y);
      start.pinch = now;
      dragged = true;
      return;
    }
    if (ev.pointerId !== start.id) return;
    var dx = ev.clientX - start.x, dy = ev.clientY - start.y;
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    if (!dragged) {
      dragged = true;
      mapBox.classList.add("dragging");
      try { mapBox.setPointerCapture(ev.pointerId); } catch (e) { /* not capturable */ }
    }
    setView(start.vx - dx / view.s, start.vy - dy / view.s, view.s);
  });
  function pointerUp(ev) {
    delete pointers[ev.pointerId];
    mapBox.classList.remove("dragging");
    if (!Object.keys(pointers).length) start = null;
  }
  mapBox.addEventListener("pointerup", pointerUp);
  mapBox.addEventListener("pointercancel", pointerUp);
  mapBox.addEventListener("click", function (ev) {
    if (dragged) { ev.stopImmediatePropagation(); ev.preventDefault(); dragged = false; }
  }, true);

  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(0.8); });
  document.getElementById("fit").addEventListener("click", fit);

  // ---- selecting a claim ------------------------------------------------
  function clearMarks() {
    svg.querySelectorAll("g.node, g.edge").forEach(function (g) {
      g.classList.remove("dim", "sel", "pro", "con", "both", "hl",
        "held-asserts", "held-endorses", "held-rejects");
    });
  }

  // Everything that bears on a claim: sign +1 supports it, -1 opposes it.
  function chain(startId) {
    var sign = {}, edges = {}, queue = [[startId, 1]];
    sign[startId] = 1;
    while (queue.length) {
      var item = queue.shift(), id = item[0], s = item[1];
      (claims[id].reasons || []).forEach(function (r) {
        r.via.forEach(function (e) { edges[e] = true; });
        var t = s * r.sign;
        if (!(r.claim in sign)) { sign[r.claim] = t; queue.push([r.claim, t]); }
        else if (sign[r.claim] !== t && r.claim !== startId) { sign[r.claim] = 0; }
      });
    }
    return { sign: sign, edges: edges };
  }

  function claimButton(id, prefix) {
    var c = claims[id];
    var b = el("button", (prefix || "") + claimName(c), "link");
    b.type = "button";
    b.dataset.claim = id;
    return b;
  }

  function paragraphView(q, who) {
    var src = (data.sources || {})[q.sid];
    var fig = el("figure", null, "source");
    if (who) fig.appendChild(el("p", who, "who"));
    if (src && q.at) {
      var first = q.at[0], last = q.at[2];
      for (var p = first; p <= last; p++) {
        var text = src.paragraphs[p], para = el("p");
        var a = p === first ? q.at[1] : 0, b = p === last ? q.at[3] : text.length;
        para.appendChild(document.createTextNode(text.slice(0, a)));
        para.appendChild(el("mark", text.slice(a, b)));
        para.appendChild(document.createTextNode(text.slice(b)));
        fig.appendChild(para);
      }
      fig.appendChild(el("figcaption", "\u2014 " + q.source + ", paragraph " + (first + 1) +
        (last > first ? "\u2013" + (last + 1) : "")));
    } else {
      fig.appendChild(el("blockquote", "\u201c" + q.quote + "\u201d"));
      fig.appendChild(el("figcaption", "\u2014 " + q.source +
        (src ? " (not found in its text)" : "")));
    }
    return fig;
  }

  function select(id, how) {
    if (!(id in claims)) return;
    clearMarks();
    who.value = "";
    selected = id;
    var fnd = chain(id);
    nodes().forEach(function (g) {
      if (g.id === id) { g.classList.add("sel"); return; }
      var s = fnd.sign[g.id];
      if (s === undefined) { g.classList.add("dim"); }
      else { g.classList.add(s > 0 ? "pro" : s < 0 ? "con" : "both"); }
    });
    svg.querySelectorAll("g.edge").forEach(function (g) {
      g.classList.add(fnd.edges[g.id] ? "hl" : "dim");
    });
    var c = claims[id];
    info.replaceChildren();
    info.appendChild(el("p", c.kind.toUpperCase(), "kind"));
    info.appendChild(el("h2", c.label || c.id));
    info.appendChild(el("p", c.text));
    if (c.verdict) {
      info.appendChild(el("p", "Verdict (grounded semantics): " + c.verdict.label, "verdict"));
      var rests = c.verdict.fragile.map(function (r) { return r.text + " (held only by " + r.held_by + ")"; });
      if (rests.length) info.appendChild(el("p", "Fragile: it rests on " + rests.join("; ") + ", which nothing in the map answers.", "fragile"));
    }
    var qs = c.quotes.map(function (q) { return [q, ""]; });
    c.holders.forEach(function (h) {
      (h.quotes || []).forEach(function (q) { qs.push([q, h.name + " " + h.stance + " it:"]); });
    });
    if (qs.length) {
      info.appendChild(el("h3", "In the source"));
      qs.forEach(function (q) { info.appendChild(paragraphView(q[0], q[1])); });
    }
    var pro = 0, con = 0;
    Object.keys(fnd.sign).forEach(function (k) {
      if (k === id) return;
      if (fnd.sign[k] > 0) pro++; else if (fnd.sign[k] < 0) con++;
    });
    info.appendChild(el("p", pro + " claim(s) support it, " + con + " oppose it (down the chain)."));
    var fors = c.reasons.filter(function (r) { return r.sign > 0; });
    var against = c.reasons.filter(function (r) { return r.sign < 0; });
    [["Reasons for it", fors, "pro-text"], ["Objections", against, "con-text"]].forEach(function (part) {
      if (!part[1].length) return;
      info.appendChild(el("h3", part[0]));
      var ul = el("ul", null, part[2]);
      part[1].forEach(function (r) {
        if (!(r.claim in claims)) return;
        var li = el("li");
        li.appendChild(claimButton(r.claim));
        ul.appendChild(li);
      });
      info.appendChild(ul);
    });
    info.appendChild(el("h3", "Who holds it"));
    var ul = el("ul");
    if (!c.holders.length) ul.appendChild(el("li", "no stakeholder takes a stance"));
    c.holders.forEach(function (h) {
      ul.appendChild(el("li", h.name + ": " + h.stance, h.stance === "rejects" ? "con-text" : "pro-text"));
    });
    info.appendChild(ul);
    info.dataset.selected = c.id;
    if (how === "keyboard" || how === "outline" || how === "search") ensureVisible(id);
    if (how === "outline") focusClaim(id);
  }

  function clear() {
    clearMarks();
    selected = null;
    info.replaceChildren(el("p", "No claim selected.", "hint"));
    info.dataset.selected = "";
  }

  function filter(stakeholder) {
    clear();
    if (!stakeholder) return;
    var held = {};
    Object.keys(claims).forEach(function (k) {
      claims[k].holders.forEach(function (h) { if (h.who === stakeholder) held[k] = h.stance; });
    });
    nodes().forEach(function (g) {
      if (!(g.id in claims)) return;
      if (held[g.id]) g.classList.add("held-" + held[g.id]); else g.classList.add("dim");
    });
    svg.querySelectorAll("g.edge").forEach(function (g) { g.classList.add("dim"); });
  }
  who.addEventListener("change", function () { filter(who.value); });

  info.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-claim]");
    if (b) { select(b.dataset.claim, "keyboard"); focusClaim(b.dataset.claim); }
  });

  // ---- keyboard ---------------------------------------------------------
  function nearest(id, key) {
    var from = boxOf(id);
    if (!from) return null;
    var fx = from.x + from.w / 2, fy = from.y + from.h / 2, best = null, bestScore = Infinity;
    Object.keys(claims).forEach(function (k) {
      if (k === id) return;
      var b = boxOf(k);
      if (!b) return;
      var dx = b.x + b.w / 2 - fx, dy = b.y + b.h / 2 - fy;
      var along = key === "ArrowRight" ? dx : key === "ArrowLeft" ? -dx : key === "ArrowDown" ? dy : -dy;
      var across = key === "ArrowRight" || key === "ArrowLeft" ? Math.abs(dy) : Math.abs(dx);
      if (along <= 1) return;
      var score = along + 2 * across;
      if (score < bestScore) { bestScore = score; best = k; }
    });
    return best;
  }
  mapBox.addEventListener("keydown", function (ev) {
    var g = ev.target.closest && ev.target.closest("g.node");
    if (!g || !(g.id in claims)) return;
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      select(g.id, "keyboard");
    } else if (/^Arrow/.test(ev.key)) {
      ev.preventDefault();
      var next = nearest(g.id, ev.key);
      if (next) focusClaim(next);
    }
  });
  mapBox.addEventListener("focusin", function (ev) {
    var g = ev.target.closest && ev.target.closest("g.node");
    if (g && g.id in claims) ensureVisible(g.id);
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target, typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (ev.key === "Escape") {
      if (t === search && search.value) { search.value = ""; runSearch(); return; }
      clear();
      who.value = "";
      return;
    }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "+" || ev.key === "=") { zoomAt(1.25); ev.preventDefault(); }
    else if (ev.key === "-" || ev.key === "_") { zoomAt(0.8); ev.preventDefault(); }
    else if (ev.key === "0") { fit(); ev.preventDefault(); }
  });

  // ---- search -----------------------------------------------------------
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function runSearch() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    nodes().forEach(function (g) { g.classList.remove("match", "current"); });
    matches = [];
    matchAt = -1;
    if (!words.length) { found.textContent = ""; return; }
    order.forEach(function (id) {
      var c = claims[id], hay = fold([c.label, c.text, c.id].join(" "));
      if (words.every(function (w) { return hay.indexOf(w) >= 0; })) matches.push(id);
    });
    matches.forEach(function (id) { var g = node(id); if (g) g.classList.add("match"); });
    found.textContent = matches.length ? matches.length + " found (Enter: next)" : "none found";
    if (matches.length) { showMatch(0, false); }
  }
  function showMatch(k, choose) {
    matchAt = k;
    var id = matches[k];
    nodes().forEach(function (g) { g.classList.remove("current"); });
    var g = node(id);
    if (g) g.classList.add("current");
    if (choose) select(id, "search");
    var b = boxOf(id);
    if (b) centreOn(b, Math.max(view.s, Math.min(COMFORT, fitScale() * 4)));
    if (matches.length) found.textContent = (k + 1) + " of " + matches.length + " (Enter: next)";
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !matches.length) return;
    ev.preventDefault();
    var n = matches.length;
    var k = matchAt < 0 ? 0 : (matches[matchAt] === selected ? (matchAt + (ev.shiftKey ? n - 1 : 1)) % n : matchAt);
    showMatch(k, true);
  });

  // ---- the outline ------------------------------------------------------
  var VERDICT = { "in": "stands", "out": "defeated", "undecided": "undecided" };
  var KIND = { supports: "For", rebuts: "Against", undermines: "Against (undermines)", undercuts: "Against (undercuts)" };
  function outlineEntry(entry) {
    var li = el("li", null, "claim");
    var c = claims[entry.claim];
    if (!c) return li;
    var line = el("span", null, "line");
    if (c.label) line.appendChild(el("strong", c.label + ": "));
    line.appendChild(document.createTextNode(c.text));
    li.appendChild(line);
    if (entry.see) {
      li.appendChild(el("span", " (see above)", "hint"));
      li.dataset.see = entry.claim;
      return li;
    }
    li.dataset.claim = entry.claim;
    if (c.verdict) {
      var v = VERDICT[c.verdict.label] || c.verdict.label;
      li.appendChild(el("span", " [" + v + (c.verdict.fragile.length ? ", fragile" : "") + "]", "verdict"));
    }
    var b = el("button", "show on map", "onmap");
    b.type = "button";
    b.dataset.claim = entry.claim;
    b.setAttribute("aria-label", "show on the map: " + (c.label || c.text));
    li.appendChild(b);
    var ul = reasonList(entry.reasons || []);
    if (ul) li.appendChild(ul);
    return li;
  }
  function reasonList(reasons) {
    if (!reasons.length) return null;
    var ul = el("ul");
    reasons.forEach(function (r) {
      var linked = r.claims.length > 1;
      var li = el("li", null, (r.sign > 0 ? "for" : "against") + (linked ? "" : " single"));
      li.appendChild(el("span", (r.sign > 0 ? "+ " : "\u2212 ") + (KIND[r.kind] || r.kind) +
        (linked ? ", together:" : ":"), "rel"));
      var inner = el("ul");
      r.claims.forEach(function (e) { inner.appendChild(outlineEntry(e)); });
      li.appendChild(inner);
      var under = reasonList(r.undercuts);
      if (under) { under.classList.add("undercuts"); li.appendChild(under); }
      ul.appendChild(li);
    });
    return ul;
  }
  function buildOutline() {
    var ol = el("ol", null, "tree");
    (data.outline || []).forEach(function (e) { ol.appendChild(outlineEntry(e)); });
    outlineBody.replaceChildren(ol);
  }
  outlineBody.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-claim]");
    if (!b) return;
    mainEl.scrollIntoView({ block: "start" });
    select(b.dataset.claim, "outline");
  });

  // ---- hovering ---------------------------------------------------------
  function hedged(item) {
    var words = item.hedge ? item.hedge + (item.hedge_words ? ": \u201c" + item.hedge_words + "\u201d" : "") : "";
    if (words) tip.appendChild(el("div", "hedge " + words, "hint"));
    if (item.inferred) tip.appendChild(el("div", "inferred: " + item.inferred, "hint"));
  }
  function quoted(list, prefix) {
    list.forEach(function (q) {
      var b = el("blockquote", (prefix || "") + "\u201c" + q.quote + "\u201d");
      b.appendChild(el("div", "\u2014 " + q.source));
      tip.appendChild(b);
    });
  }
  function fillTip(g) {
    if (g.classList.contains("node") && g.id in claims) {
      var c = claims[g.id];
      tip.appendChild(el("strong", c.kind.toUpperCase() + (c.label ? ": " + c.label : "")));
      tip.appendChild(el("p", c.text));
      hedged(c);
      quoted(c.quotes);
      c.holders.forEach(function (h) { quoted(h.quotes || [], h.who + " " + h.stance + ": "); });
      return true;
    }
    if (g.id in relations) {
      var r = relations[g.id];
      tip.appendChild(el("strong", r.from.join(" + ") + " " + r.kind + " " + r.to));
      hedged(r);
      quoted(r.quotes);
      return true;
    }
    return false;
  }
  mapBox.addEventListener("mouseenter", function (ev) {
    var g = ev.target;
    if (!g.classList || !(g.classList.contains("node") || g.classList.contains("edge"))) return;
    tip.replaceChildren();
    if (fillTip(g)) tip.hidden = false;
  }, true);
  mapBox.addEventListener("mouseleave", function (ev) {
    var g = ev.target;
    if (g.classList && (g.classList.contains("node") || g.classList.contains("edge"))) tip.hidden = true;
  }, true);
  mapBox.addEventListener("mousemove", function (ev) {
    if (tip.hidden) return;
    tip.style.left = Math.max(0, Math.min(ev.clientX + 14, window.innerWidth - 440)) + "px";
    tip.style.top = (ev.clientY + 14) + "px";
  });

  mapBox.addEventListener("click", function (ev) {
    var g = ev.target.closest && ev.target.closest("g.node");
    if (g && g.id in claims) { select(g.id, "click"); return; }
    if (ev.target.closest && ev.target.closest("svg")) { clear(); who.value = ""; }
  });

  // ---- layout of the page -----------------------------------------------
  function sizeMain() {
    var top = mainEl.getBoundingClientRect().top + window.scrollY;
    mainEl.style.height = Math.max(240, Math.floor(document.documentElement.clientHeight - top)) + "px";
  }
  function resized() {
    var z = size(), cx = view.x + z.w / view.s / 2, cy = view.y + z.h / view.s / 2;
    sizeMain();
    z = size();
    setView(cx - z.w / view.s / 2, cy - z.h / view.s / 2, view.s);
  }
  window.addEventListener("resize", resized);
  if (window.ResizeObserver) new ResizeObserver(function () { if (svg) resized(); }).observe(document.querySelector("header"));

  // ---- live update ------------------------------------------------------
  function clean(root) {
    root.querySelectorAll("script, foreignObject, iframe, object, embed").forEach(function (e) { e.remove(); });
    [root].concat(Array.prototype.slice.call(root.querySelectorAll("*"))).forEach(function (e) {
      Array.prototype.slice.call(e.attributes).forEach(function (a) {
        var n = a.name.toLowerCase();
        if (n.indexOf("on") === 0) e.removeAttribute(a.name);
        else if ((n === "href" || n === "xlink:href") && !/^(#|data:image\/)/i.test(a.value.trim())) e.removeAttribute(a.name);
      });
    });
    return root;
  }
  function parseSvg(text) {
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    var root = doc.documentElement;
    if (!root || root.namespaceURI !== SVGNS || root.localName !== "svg") throw new Error("argmap.update: not an SVG drawing");
    return root;
  }
  function update(next) {
    if (next && typeof next.html === "string") {
      var doc = new DOMParser().parseFromString(next.html, "text/html");
      var s = doc.querySelector("#map svg"), d = doc.getElementById("argmap-data");
      if (!s || !d) throw new Error("argmap.update: not an argmap page");
      next = { svg: s, data: JSON.parse(d.textContent) };
    }
    var z = size(), anchor = null;
    var keep = selected ? claims[selected].id : null;
    var anchorId = selected || (function () {
      var cx = view.x + z.w / view.s / 2, cy = view.y + z.h / view.s / 2, best = null, bd = Infinity;
      Object.keys(claims).forEach(function (k) {
        var b = boxOf(k);
        if (!b) return;
        var d2 = Math.hypot(b.x + b.w / 2 - cx, b.y + b.h / 2 - cy);
        if (d2 < bd) { bd = d2; best = k; }
      });
      return best;
    })();
    if (anchorId && boxOf(anchorId)) {
      var ab = boxOf(anchorId);
      anchor = { id: claims[anchorId].id, px: (ab.x + ab.w / 2 - view.x) * view.s, py: (ab.y + ab.h / 2 - view.y) * view.s };
    }
    var s0 = view.s, x0 = view.x, y0 = view.y, stakeholder = who.value, query = search.value;
    var fresh = typeof next.svg === "string" ? parseSvg(next.svg) : next.svg;
    fresh = clean(document.importNode(fresh, true));
    useData(next.data);
    svg.replaceWith(fresh);
    useSvg(fresh);
    var nb = anchor && byMapId[anchor.id] ? boxOf(byMapId[anchor.id]) : null;
    if (nb) setView(nb.x + nb.w / 2 - anchor.px / s0, nb.y + nb.h / 2 - anchor.py / s0, s0);
    else setView(x0, y0, s0);
    if (keep && byMapId[keep]) select(byMapId[keep], "update"); else clear();
    if (stakeholder && !keep) { who.value = stakeholder; filter(who.value); }
    if (query) runSearch();
    document.title = data.title || document.title;
    document.getElementById("title").textContent = data.title || "";
  }

  // ---- start ------------------------------------------------------------
  useData(JSON.parse(document.getElementById("argmap-data").textContent));
  zoomLevel.textContent = "100%";
  sizeMain();
  useSvg(document.querySelector("#map svg"));
  home();

  window.argmap = Object.freeze({
    version: 1,
    update: update,
    select: function (mapId) { if (byMapId[mapId]) select(byMapId[mapId], "keyboard"); },
    selected: function () { return selected ? claims[selected].id : null; },
    clear: clear,
    fit: fit,
    home: home,
    zoom: function (factor) { zoomAt(factor); },
    view: function () { return { x: view.x, y: view.y, scale: view.s }; },
    setView: function (v) { setView(v.x, v.y, v.scale); },
    search: function (q) { search.value = q; runSearch(); return matches.map(function (id) { return claims[id].id; }); },
    data: function () { return JSON.parse(JSON.stringify(data)); }
  });
})();
