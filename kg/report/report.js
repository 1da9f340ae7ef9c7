/* kg report: draws the network and the timeline from the embedded data, filters them, shows an actor's
   section when their node is clicked. Plain browser JavaScript, no library, no network access. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var svg = document.getElementById("network");
  var details = document.getElementById("details");
  var ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
  // The drawing is as tall as the layout needs for the width it gets (within limits), and one unit of
  // the view box is one pixel as first shown, so text keeps its CSS size.
  var spanX = Math.max.apply(null, data.nodes.map(function (n) { return n.x; }).concat([0])) -
    Math.min.apply(null, data.nodes.map(function (n) { return n.x; }).concat([0]));
  var spanY = Math.max.apply(null, data.nodes.map(function (n) { return n.y; }).concat([0])) -
    Math.min.apply(null, data.nodes.map(function (n) { return n.y; }).concat([0]));
  var width = svg.getBoundingClientRect().width || 1000;
  svg.style.height = Math.round(Math.min(640, Math.max(360, 120 + (width - 120) * spanY / Math.max(spanX, 1e-6)))) + "px";
  var box = svg.getBoundingClientRect();
  var W = Math.round(box.width) || 1000, H = Math.round(box.height) || 640, MARGIN = 60;

  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // --- layout: fit the precomputed positions (kg.network.layout) into the view box ---------------
  var xs = data.nodes.map(function (n) { return n.x; }), ys = data.nodes.map(function (n) { return n.y; });
  var minX = Math.min.apply(null, xs.concat([0])), maxX = Math.max.apply(null, xs.concat([1]));
  var minY = Math.min.apply(null, ys.concat([0])), maxY = Math.max.apply(null, ys.concat([0]));
  var scale = Math.min((W - 2 * MARGIN) / Math.max(maxX - minX, 1e-6), (H - 2 * MARGIN) / Math.max(maxY - minY, 1e-6));
  var offsetX = (W - (maxX - minX) * scale) / 2, offsetY = (H - (maxY - minY) * scale) / 2;
  var view = { x: 0, y: 0, w: W, h: H };
  function setView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  setView();

  var byId = {};
  data.nodes.forEach(function (n) {
    n.px = offsetX + (n.x - minX) * scale;
    n.py = offsetY + (n.y - minY) * scale;
    n.interactions = [];
    byId[n.id] = n;
  });
  var byAnchor = {};
  data.interactions.forEach(function (i) {
    byAnchor[i.anchor] = i.id;
    i.actors.forEach(function (a) { if (byId[a]) { byId[a].interactions.push(i.id); } });
  });

  // --- edges: one line per pair, as thick as its visible interactions are many ------------------
  var pairs = {}, pairList = [];
  data.edges.forEach(function (e) {
    var key = e.source + "\u0000" + e.target;
    if (!pairs[key]) {
      pairs[key] = { source: byId[e.source], target: byId[e.target], edges: [] };
      pairList.push(pairs[key]);
    }
    pairs[key].edges.push(e);
  });
  var edgeLayer = el("g", { "class": "edges" }, svg);
  var nodeLayer = el("g", { "class": "nodes" }, svg);
  pairList.forEach(function (p) {
    p.line = el("line", { "class": "edge", x1: p.source.px, y1: p.source.py, x2: p.target.px, y2: p.target.py },
                edgeLayer);
    p.title = el("title", {}, p.line);
  });

  // --- nodes --------------------------------------------------------------------------------------
  var language = "en";
  function labelOf(n) { return n.labels[language] || n.label; }
  // On a big graph only the best-connected actors are named on the drawing (the rest on hover and click).
  var MAX_LABELS = 40;
  data.nodes.slice().sort(function (a, b) { return b.degree - a.degree || (a.id < b.id ? -1 : 1); })
    .forEach(function (n, rank) { n.named = data.nodes.length <= 2.5 * MAX_LABELS || rank < MAX_LABELS; });
  data.nodes.forEach(function (n) {
    var r = 6 + 2 * Math.sqrt(Math.min(n.degree, 36));  // n.degree: distinct contacts
    n.g = el("g", { "class": "node", "data-iri": n.id, transform: "translate(" + n.px + "," + n.py + ")",
                    tabindex: "0", role: "button" }, nodeLayer);
    el("circle", { r: r, "class": "type-" + n.type }, n.g);
    n.text = el("text", { y: r + 15, "text-anchor": "middle" }, n.g);
    n.tooltip = el("title", {}, n.g);
    n.g.addEventListener("click", function (event) { event.stopPropagation(); if (!dragged) { select(n.id); } });
    n.g.addEventListener("keydown", function (event) { if (event.key === "Enter") { select(n.id); } });
  });
  function drawLabels() {
    data.nodes.forEach(function (n) {
      var text = labelOf(n);
      n.text.textContent = n.named || n.id === selected ? text : "";
      // Arabic-script names are laid out right to left; the anchor stays the middle of the name.
      n.text.setAttribute("direction", ARABIC_SCRIPT.test(text) ? "rtl" : "ltr");
      n.tooltip.textContent = [n.labels.en, n.labels.fa, n.labels.ar].filter(Boolean).join(" · ") || n.label;
    });
  }
  drawLabels();

  // --- selection: the details panel shows a copy of the actor's section ---------------------------
  var selected = null;
  function select(id) {
    var n = byId[id];
    if (!n) { return; }
    selected = id;
    drawLabels();
    var section = document.getElementById(n.anchor);
    var copy = section.cloneNode(true);
    copy.removeAttribute("id");
    copy.classList.add("in-panel");
    details.innerHTML = "";
    details.appendChild(copy);
    var link = document.createElement("p");
    link.innerHTML = '<a href="#' + n.anchor + '">go to this actor\u2019s section</a>';
    details.appendChild(link);
    var neighbours = {};
    neighbours[id] = true;
    pairList.forEach(function (p) {
      if (p.visible && (p.source.id === id || p.target.id === id)) {
        neighbours[p.source.id] = neighbours[p.target.id] = true;
      }
    });
    data.nodes.forEach(function (m) {
      m.g.classList.toggle("selected", m.id === id);
      m.g.classList.toggle("dim", !neighbours[m.id]);
    });
    pairList.forEach(function (p) { p.line.classList.toggle("dim", p.source.id !== id && p.target.id !== id); });
    applyFilters();
  }
  function clearSelection() {
    selected = null;
    drawLabels();
    data.nodes.forEach(function (m) { m.g.classList.remove("selected", "dim"); });
    pairList.forEach(function (p) { p.line.classList.remove("dim"); });
  }
  details.addEventListener("click", function (event) {
    var a = event.target.closest ? event.target.closest("a[data-actor]") : null;
    if (a && byId[a.getAttribute("data-actor")]) {
      event.preventDefault();
      select(a.getAttribute("data-actor"));
    }
  });

  // --- filters --------------------------------------------------------------------------------------
  var since = document.getElementById("since"), until = document.getElementById("until");
  var undated = document.getElementById("undated");
  var dates = data.interactions.map(function (i) { return i.date; }).filter(function (d) { return d.length === 10; })
    .sort();
  function resetFilters() {
    since.value = dates.length ? dates[0] : "";
    until.value = dates.length ? dates[dates.length - 1] : "";
    undated.checked = true;
    document.querySelectorAll('#filters input[name="kind"]').forEach(function (box) { box.checked = true; });
    clearSelection();
    applyFilters();
  }
  function visibleInteractions() {
    var kinds = {};
    document.querySelectorAll('#filters input[name="kind"]').forEach(function (box) { kinds[box.value] = box.checked; });
    var shown = {};
    data.interactions.forEach(function (i) {
      if (!kinds[i.kind]) { return; }
      if (!i.date) { if (undated.checked) { shown[i.id] = true; } return; }
      // A month or a year is kept when its period overlaps the range.
      if (since.value && i.date + "~" < since.value) { return; }
      if (until.value && i.date > until.value) { return; }
      shown[i.id] = true;
    });
    return shown;
  }
  function applyFilters() {
    var shown = visibleInteractions();
    var count = Object.keys(shown).length, actors = 0;
    pairList.forEach(function (p) {
      var edges = p.edges.filter(function (e) { return shown[e.interaction]; });
      p.visible = edges.length > 0;
      p.line.classList.toggle("hidden", !p.visible);
      p.line.classList.toggle("present", p.visible && edges.every(function (e) { return e.capacity === "present"; }));
      p.line.setAttribute("stroke-width", 1.5 + 1.5 * (edges.length - 1));
      p.title.textContent = labelOf(p.source) + " \u2013 " + labelOf(p.target) + ": " + edges.map(function (e) {
        return (data.kindNames[e.kind] || e.kind) + " " + (e.date || "undated");
      }).join(", ");
    });
    data.nodes.forEach(function (n) {
      var visible = n.interactions.some(function (i) { return shown[i]; });
      n.g.classList.toggle("hidden", !visible);
      if (visible) { actors += 1; }
    });
    document.querySelectorAll("#interactions tbody tr, .actor li[data-interaction]").forEach(function (row) {
      var id = row.getAttribute("data-interaction") || byAnchor[row.id];
      row.classList.toggle("hidden", !shown[id]);
    });
    marks.forEach(function (m) { m.node.style.display = shown[m.id] ? "" : "none"; });
    document.getElementById("shown").textContent = "Showing " + actors + " of " + data.nodes.length +
      " actors and " + count + " of " + data.interactions.length + " interactions.";
  }
  [since, until, undated].forEach(function (input) { input.addEventListener("change", applyFilters); });
  document.querySelectorAll('#filters input[name="kind"]').forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  document.getElementById("reset").addEventListener("click", resetFilters);
  document.getElementById("label-language").addEventListener("change", function (event) {
    language = event.target.value;
    drawLabels();
    applyFilters();
  });

  // --- zoom (wheel) and pan (drag the background) ---------------------------------------------------
  var dragged = false, start = null;
  function toView(event) {
    var box = svg.getBoundingClientRect();
    return { x: view.x + (event.clientX - box.left) / box.width * view.w,
             y: view.y + (event.clientY - box.top) / box.height * view.h };
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var at = toView(event), factor = event.deltaY > 0 ? 1.15 : 1 / 1.15;
    view.x = at.x - (at.x - view.x) * factor;
    view.y = at.y - (at.y - view.y) * factor;
    view.w *= factor;
    view.h *= factor;
    setView();
  }, { passive: false });
  svg.addEventListener("pointerdown", function (event) {
    dragged = false;
    start = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y } };
  });
  svg.addEventListener("pointermove", function (event) {
    if (!start) { return; }
    var box = svg.getBoundingClientRect();
    var dx = event.clientX - start.x, dy = event.clientY - start.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) { dragged = true; }
    if (dragged) {
      view.x = start.view.x - dx / box.width * view.w;
      view.y = start.view.y - dy / box.height * view.h;
      setView();
    }
  });
  window.addEventListener("pointerup", function () { start = null; setTimeout(function () { dragged = false; }, 0); });
  svg.addEventListener("click", function () { if (!dragged) { clearSelection(); } });

  // --- timeline: dated interactions on a time axis, one lane per kind --------------------------------
  var marks = [];
  (function drawTimeline() {
    var timeline = document.getElementById("timeline");
    var TW = 1000, TH = 150, left = 130, right = 20;
    timeline.setAttribute("viewBox", "0 0 " + TW + " " + TH);
    var dated = data.interactions.filter(function (i) { return i.date; });
    if (!dated.length) {
      var none = el("text", { x: 10, y: 30 }, timeline);
      none.textContent = "No interaction in these articles has a date.";
      return;
    }
    function day(d) { return Date.parse(d.length === 4 ? d + "-07-01" : d.length === 7 ? d + "-15" : d); }
    var times = dated.map(function (i) { return day(i.date); });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    if (t1 - t0 < 864e5 * 30) { t0 -= 864e5 * 15; t1 += 864e5 * 15; }
    function x(t) { return left + (t - t0) / (t1 - t0) * (TW - left - right); }
    var lanes = data.kinds, laneHeight = (TH - 30) / Math.max(lanes.length, 1);
    lanes.forEach(function (kind, n) {
      var y = 10 + laneHeight * (n + 0.5);
      el("line", { "class": "axis", x1: left, x2: TW - right, y1: y, y2: y, "stroke-dasharray": "2 4" }, timeline);
      el("text", { x: 5, y: y + 4 }, timeline).textContent = data.kindNames[kind] || kind;
    });
    var axisY = TH - 18;
    el("line", { "class": "axis", x1: left, x2: TW - right, y1: axisY, y2: axisY }, timeline);
    var first = new Date(t0), last = new Date(t1);
    for (var year = first.getUTCFullYear(), month = first.getUTCMonth() + 1; ; month += 1) {
      if (month > 12) { month = 1; year += 1; }
      var tick = Date.UTC(year, month - 1, 1);
      if (tick > last.getTime()) { break; }
      var span = (t1 - t0) / 864e5;
      if (span > 400 && month !== 1 && month !== 7) { continue; }
      el("line", { "class": "axis", x1: x(tick), x2: x(tick), y1: axisY, y2: axisY + 4 }, timeline);
      el("text", { x: x(tick), y: TH - 3, "text-anchor": "middle" }, timeline).textContent =
        year + "-" + (month < 10 ? "0" : "") + month;
    }
    dated.forEach(function (i) {
      var lane = lanes.indexOf(i.kind);
      var mark = el("circle", { "class": "mark", cx: x(day(i.date)), cy: 10 + laneHeight * (lane + 0.5), r: 6,
                               fill: "var(--" + i.kind + ")", stroke: "#fff" }, timeline);
      var names = i.actors.map(function (a) { return byId[a] ? labelOf(byId[a]) : a; }).join(", ");
      el("title", {}, mark).textContent = i.date + " " + (data.kindNames[i.kind] || i.kind) + ": " + names;
      mark.addEventListener("click", function () {
        var row = document.getElementById(i.anchor);
        if (row) { row.scrollIntoView({ block: "center" }); }
      });
      marks.push({ id: i.id, node: mark });
    });
  })();

  resetFilters();
  // For scripted checks (the browser test) and the curious: what was drawn, and a way to pick an actor.
  window.kgReport = { nodes: data.nodes.length, interactions: data.interactions.length, select: select };
})();
