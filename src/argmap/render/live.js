// argmap serve: follow the map's saves. ARGMAP_LIVE (set just above by the
// server) says where the page starts. The server sends a "state" event after
// every save: the new drawing and page data when the map is good, its
// problems (path:line:col: message) when it is not. A new drawing goes to the
// page's own window.argmap.update, which swaps it in place (no reload) and
// keeps the view, the selected claim, the stakeholder filter and the search.
(function () {
  "use strict";
  var live = ARGMAP_LIVE;
  var state = {
    instance: live.instance, seq: live.seq, version: live.version, since: live.since,
    updates: 0, swaps: 0, moved: null, lastUpdate: 0, painted: null
  };
  window.argmapLive = state;

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
    "#live-status { font-size: 13px; color: #1b7f3b; align-self: center; }\n" +
    "#live-status.off { color: #c62828; }\n" +
    "body.live-broken #map svg { opacity: 0.55; }\n";
  document.head.appendChild(style);

  var banner = el("div");
  banner.id = "live-errors";
  banner.setAttribute("role", "alert");
  banner.hidden = true;
  var mainEl = document.querySelector("main");
  mainEl.parentNode.insertBefore(banner, mainEl);
  var status = el("span", "connecting", "off");
  status.id = "live-status";
  (document.querySelector("header .tools") || document.querySelector("header")).appendChild(status);

  function showErrors(list) {
    banner.replaceChildren();
    if (!list.length) {
      banner.hidden = true;
      document.body.classList.remove("live-broken");
    } else {
      var n = list.length === 1 ? "1 problem" : list.length + " problems";
      var last = state.version ? "; the drawing below is the last good one" : "";
      banner.appendChild(el("strong", n + " in " + live.path + last + ":"));
      list.forEach(function (line) { banner.appendChild(el("div", line, "live-error")); });
      banner.hidden = false;
      document.body.classList.add("live-broken");
    }
    // The banner takes room from the drawing: let the page size itself again.
    window.dispatchEvent(new Event("resize"));
  }

  function apply(p) {
    if (p.instance !== state.instance) { location.reload(); return; }
    if (p.seq <= state.seq) return;
    state.seq = p.seq;
    if (p.svg !== undefined && p.version !== state.version) {
      try {
        window.argmap.update({ svg: p.svg, data: p.data });
        state.version = p.version;
        state.swaps++;
      } catch (err) {
        p.errors = (p.errors || []).concat(["the page could not show the new drawing: " + err]);
      }
    }
    state.moved = p.moved || null;
    showErrors(p.errors || []);
    state.updates++;
    state.lastUpdate = Date.now();
    var seq = p.seq;
    requestAnimationFrame(function () { state.painted = { seq: seq, at: Date.now() }; });
    document.dispatchEvent(new CustomEvent("argmap:live", { detail: { seq: p.seq, version: p.version } }));
  }

  showErrors(live.errors || []);
  if (typeof EventSource !== "function") return;
  var source = new EventSource("events?since=" + encodeURIComponent(live.since) +
    "&known=" + encodeURIComponent(live.version));
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
