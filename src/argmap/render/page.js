"use strict";
(function () {
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var claims = data.claims;
  var svg = document.querySelector("#map svg");
  var info = document.getElementById("info");
  var tip = document.getElementById("tip");
  var who = document.getElementById("who");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function groups(cls) { return svg.querySelectorAll("g." + cls); }
  function clear() {
    ["node", "edge"].forEach(function (k) {
      groups(k).forEach(function (g) {
        g.classList.remove("dim", "sel", "pro", "con", "both", "hl",
          "held-asserts", "held-endorses", "held-rejects");
      });
    });
  }

  // Everything that bears on a claim: sign +1 supports it, -1 opposes it.
  function chain(start) {
    var sign = {}, edges = {}, queue = [[start, 1]];
    sign[start] = 1;
    while (queue.length) {
      var item = queue.shift(), id = item[0], s = item[1];
      (claims[id].reasons || []).forEach(function (r) {
        r.via.forEach(function (e) { edges[e] = true; });
        var t = s * r.sign;
        if (!(r.claim in sign)) { sign[r.claim] = t; queue.push([r.claim, t]); }
        else if (sign[r.claim] !== t && r.claim !== start) { sign[r.claim] = 0; }
      });
    }
    return { sign: sign, edges: edges };
  }

  function select(id) {
    clear();
    who.value = "";
    var found = chain(id);
    groups("node").forEach(function (g) {
      if (g.id === id) { g.classList.add("sel"); return; }
      var s = found.sign[g.id];
      if (s === undefined) { g.classList.add("dim"); }
      else { g.classList.add(s > 0 ? "pro" : s < 0 ? "con" : "both"); }
    });
    groups("edge").forEach(function (g) {
      g.classList.add(found.edges[g.id] ? "hl" : "dim");
    });
    var c = claims[id];
    info.replaceChildren();
    info.appendChild(el("h2", c.label || c.id));
    info.appendChild(el("p", c.text));
    var pro = 0, con = 0;
    Object.keys(found.sign).forEach(function (k) {
      if (k === id) return;
      if (found.sign[k] > 0) pro++; else if (found.sign[k] < 0) con++;
    });
    info.appendChild(el("p", pro + " claim(s) support it, " + con + " oppose it (down the chain)."));
    info.appendChild(el("h2", "Who holds it"));
    var ul = el("ul");
    if (!c.holders.length) ul.appendChild(el("li", "no stakeholder takes a stance"));
    c.holders.forEach(function (h) {
      ul.appendChild(el("li", h.name + ": " + h.stance, h.stance === "rejects" ? "con-text" : "pro-text"));
    });
    info.appendChild(ul);
    info.dataset.selected = c.id;
  }

  function filter(stakeholder) {
    clear();
    info.dataset.selected = "";
    if (!stakeholder) return;
    var held = {};
    Object.keys(claims).forEach(function (k) {
      claims[k].holders.forEach(function (h) { if (h.who === stakeholder) held[k] = h.stance; });
    });
    groups("node").forEach(function (g) {
      if (!(g.id in claims)) return;
      if (held[g.id]) g.classList.add("held-" + held[g.id]); else g.classList.add("dim");
    });
    groups("edge").forEach(function (g) { g.classList.add("dim"); });
  }

  data.stakeholders.forEach(function (h) {
    var o = el("option", h.name);
    o.value = h.id;
    who.appendChild(o);
  });
  who.addEventListener("change", function () { filter(who.value); });

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
  function hover(g, fill) {
    g.addEventListener("mouseenter", function () {
      tip.replaceChildren();
      fill();
      tip.hidden = false;
    });
    g.addEventListener("mousemove", function (ev) {
      tip.style.left = Math.min(ev.clientX + 14, window.innerWidth - 440) + "px";
      tip.style.top = (ev.clientY + 14) + "px";
    });
    g.addEventListener("mouseleave", function () { tip.hidden = true; });
  }
  var relations = data.relations || {};

  groups("node").forEach(function (g) {
    if (!(g.id in claims)) return;
    g.addEventListener("click", function (ev) { ev.stopPropagation(); select(g.id); });
    hover(g, function () {
      var c = claims[g.id];
      tip.appendChild(el("strong", c.kind.toUpperCase() + (c.label ? ": " + c.label : "")));
      tip.appendChild(el("p", c.text));
      hedged(c);
      quoted(c.quotes);
      c.holders.forEach(function (h) { quoted(h.quotes || [], h.who + " " + h.stance + ": "); });
    });
  });
  [groups("node"), groups("edge")].forEach(function (list) {
    list.forEach(function (g) {
      if (!(g.id in relations)) return;
      hover(g, function () {
        var r = relations[g.id];
        tip.appendChild(el("strong", r.from.join(" + ") + " " + r.kind + " " + r.to));
        hedged(r);
        quoted(r.quotes);
      });
    });
  });
  svg.addEventListener("click", function () { clear(); info.dataset.selected = ""; });
})();
