"use strict";
// argmap serve: follow the map's saves. The server sends a "state" event
// after every save: the new drawing and page data when the map is good, its
// problems (path:line:col: message) when it is not. The drawing is swapped in
// place (no reload), keeping the view, the selected claim and the stakeholder
// filter; the view shifts so that claims that kept their place in the
// drawing keep their place on the screen.
//
// The swap uses window.argmapPage.replace(svgText, data) and
// window.argmapPage.panBy(dx, dy) when the page script provides them; otherwise
// it puts the new drawing and data in place and starts the page script again.
(function () {
  var live = JSON.parse(document.getElementById("argmap-live").textContent);
  var state = {
    instance: live.instance, seq: live.seq, version: live.version, since: live.since,
    updates: 0, swaps: 0, moved: null, shift: [0, 0], lastUpdate: 0
  };
  window.argmapLive = state;
  var pageScript = document.querySelector("script:not([type]):not([id])");
  var pageSource = pageScript ? pageScript.textContent : "";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  var style = el("style");
  style.textContent =
    "#live-errors { background: #fdecea; border-bottom: 2px solid #c62828; padding: 8px 16px;" +
    " max-height: 35vh; overflow: auto; }\n" +
    "#live-errors strong { display: block; margin-bottom: 4px; color: #8e1b1b; }\n" +
    "#live-errors .live-error { font-family: DejaVu Sans Mono, Menlo, Consolas, monospace;" +
    " font-size: 14px; white-space: pre-wrap; }\n" +
    "#live-status { font-size: 13px; color: #1b7f3b; }\n" +
    "#live-status.off { color: #c62828; }\n" +
    "body.live-broken #map svg { opacity: 0.55; }\n";
  document.head.appendChild(style);

  var banner = el("div");
  banner.id = "live-errors";
  banner.setAttribute("role", "alert");
  banner.hidden = true;
  var mainEl = document.querySelector("main");
  mainEl.parentNode.insertBefore(banner, mainEl);
  var status = el("span", "live", "");
  status.id = "live-status";
  document.querySelector("header").appendChild(status);

  function showErrors(list) {
    banner.replaceChildren();
    if (!list.length) {
      banner.hidden = true;
      document.body.classList.remove("live-broken");
      return;
    }
    var n = list.length === 1 ? "1 problem" : list.length + " problems";
    var last = state.version ? "; the drawing below is the last good one" : "";
    banner.appendChild(el("strong", n + " in " + live.path + last + ":"));
    list.forEach(function (line) { banner.appendChild(el("div", line, "live-error")); });
    banner.hidden = false;
    document.body.classList.add("live-broken");
  }

  function data() { return JSON.parse(document.getElementById("argmap-data").textContent); }

  // Claim id -> the centre of its box on the screen.
  function positions(claims) {
    var out = {};
    document.querySelectorAll("#map svg g.node").forEach(function (g) {
      var c = claims[g.id];
      if (!c) return;
      var r = g.getBoundingClientRect();
      out[c.id] = [r.left + r.width / 2, r.top + r.height / 2];
    });
    return out;
  }
  function median(xs) {
    var s = xs.slice().sort(function (a, b) { return a - b; });
    var m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  // How far the new drawing moved the claims both have: the selected claim's
  // shift when it is in both, else the median shift.
  function shiftOf(before, after, anchor) {
    if (anchor && before[anchor] && after[anchor]) {
      return [after[anchor][0] - before[anchor][0], after[anchor][1] - before[anchor][1]];
    }
    var dx = [], dy = [];
    Object.keys(before).forEach(function (k) {
      if (!after[k]) return;
      dx.push(after[k][0] - before[k][0]);
      dy.push(after[k][1] - before[k][1]);
    });
    return dx.length ? [median(dx), median(dy)] : [0, 0];
  }

  function parseSvg(text) {
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    var root = doc.documentElement;
    if (root && root.localName === "svg" && !doc.getElementsByTagName("parsererror").length) {
      return document.importNode(root, true);
    }
    var t = document.createElement("template");
    t.innerHTML = text;
    return t.content.querySelector("svg");
  }

  // Without the page's own hook: new drawing and data, fresh controls, and
  // the page script run again (it binds to the drawing when it starts).
  function replaceDrawing(svgText, newData) {
    var svg = parseSvg(svgText);
    if (!svg) throw new Error("the new drawing could not be read");
    var map = document.getElementById("map");
    var old = map.querySelector("svg");
    if (old) map.replaceChild(svg, old); else map.appendChild(svg);
    document.getElementById("argmap-data").textContent = JSON.stringify(newData);
    var who = document.getElementById("who");
    var fresh = who.cloneNode(false);
    if (who.options.length) fresh.appendChild(who.options[0].cloneNode(true));
    who.replaceWith(fresh);
    var info = document.getElementById("info");
    info.replaceChildren(el("p", "No claim selected.", "hint"));
    info.dataset.selected = "";
    document.getElementById("tip").hidden = true;
    var s = el("script");
    s.textContent = pageSource;
    document.body.appendChild(s);
    s.remove();
  }

  function panBy(dx, dy) {
    var hook = window.argmapPage;
    if (hook && typeof hook.panBy === "function") { hook.panBy(dx, dy); return; }
    var map = document.getElementById("map");
    map.scrollLeft += dx;
    map.scrollTop += dy;
  }

  function swap(p) {
    var oldData = data();
    var before = positions(oldData.claims);
    var info = document.getElementById("info");
    var selected = info.dataset.selected || "";
    var filter = document.getElementById("who").value;
    var hook = window.argmapPage;
    if (hook && typeof hook.replace === "function") hook.replace(p.svg, p.data);
    else replaceDrawing(p.svg, p.data);
    var after = positions(p.data.claims);
    var d = shiftOf(before, after, selected);
    state.shift = d;
    if (d[0] || d[1]) panBy(d[0], d[1]);
    if (!(hook && typeof hook.replace === "function")) {
      var again = Object.keys(p.data.claims).filter(function (k) {
        return p.data.claims[k].id === selected;
      })[0];
      var target = again && document.getElementById(again);
      if (target) {
        target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      } else if (filter) {
        var who = document.getElementById("who");
        who.value = filter;
        if (who.value === filter) who.dispatchEvent(new Event("change"));
      }
    }
    var title = p.title || "Argument map";
    var h1 = document.querySelector("header h1");
    if (h1) h1.textContent = title;
    document.title = title;
    state.swaps++;
  }

  function apply(p) {
    if (p.instance !== state.instance) { location.reload(); return; }
    if (p.seq <= state.seq) return;
    state.seq = p.seq;
    if (p.svg !== undefined && p.version !== state.version) {
      try {
        swap(p);
        state.version = p.version;
      } catch (err) {
        p.errors = (p.errors || []).concat(["the page could not show the new drawing: " + err]);
      }
    }
    state.moved = p.moved || null;
    showErrors(p.errors || []);
    state.updates++;
    state.lastUpdate = Date.now();
    document.dispatchEvent(new CustomEvent("argmap:live", { detail: { seq: p.seq, version: p.version } }));
  }

  showErrors(live.errors || []);
  if (typeof EventSource !== "function") return;
  var source = new EventSource("events?since=" + encodeURIComponent(live.since));
  source.addEventListener("state", function (ev) { apply(JSON.parse(ev.data)); });
  source.addEventListener("open", function () {
    status.textContent = "live";
    status.className = "";
  });
  source.addEventListener("error", function () {
    status.textContent = "not connected to argmap serve (retrying)";
    status.className = "off";
  });
})();
