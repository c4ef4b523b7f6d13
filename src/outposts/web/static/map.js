/* outposts map: events (clustered, coloured by event type), a time slider,
 * filters, a posture layer and an event/site panel.
 *
 * Report and comment text is hostile: every piece of data reaches the page
 * through textContent or element attributes set one by one; innerHTML is
 * never given data. All requests go to this server (CSP connect-src 'self').
 */
(function () {
  "use strict";

  var TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2471a3",
    "Riots": "#17a589",
    "Strategic developments": "#5d6d7e"
  };
  var PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
                 "#a6761d", "#1f78b4", "#b2182b", "#4d4d4d"];
  var PAGE = 1000, MAX_PAGES = 50;

  var state = { events: [], markers: [], first: null, last: null, posture: [] };
  var map, cluster, sitesLayer;

  // -- small DOM helpers (text only) -----------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "cls") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }
  function setStatus(text) { $("status").textContent = text || ""; }

  function getJSON(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error : ("HTTP " + r.status));
        return body;
      });
    });
  }

  // -- dates -------------------------------------------------------------------
  var DAY = 86400000;
  function toDay(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / DAY); }
  function fromDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }

  // -- colours -----------------------------------------------------------------
  function typeColour(t) { return TYPE_COLOURS[t] || "#34495e"; }
  function hashColour(name) {
    var h = 0;
    for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
    return PALETTE[h % PALETTE.length];
  }

  // -- the map -----------------------------------------------------------------
  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14, preferCanvas: false })
      .setView([34.5, 40.0], 5);
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Outlines: Natural Earth · Places: GeoNames (CC-BY 4.0)");
    map.createPane("outlines").style.zIndex = 250;
    cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
                                     disableClusteringAtZoom: 11, spiderfyOnMaxZoom: true,
                                     iconCreateFunction: clusterIcon });
    map.addLayer(cluster);
    sitesLayer = L.layerGroup();
    getJSON("/static/vendor/countries-50m-world-atlas-2.0.2.json").then(function (topo) {
      var shapes = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(shapes, { pane: "outlines", interactive: false,
        style: { color: "#9a968c", weight: 0.8, fillColor: "#f4f1e8", fillOpacity: 1 } }).addTo(map);
    }).catch(function (err) { setStatus("outlines: " + err.message); });
  }

  // A cluster takes the colour of its most frequent event type (DOM node, no markup).
  function clusterIcon(c) {
    var counts = {}, top = null;
    c.getAllChildMarkers().forEach(function (m) {
      counts[m.eventType] = (counts[m.eventType] || 0) + 1;
      if (top === null || counts[m.eventType] > counts[top]) top = m.eventType;
    });
    var n = c.getChildCount();
    var size = n < 10 ? 30 : n < 100 ? 36 : 44;
    var disc = el("div", {}, [el("span", { text: String(n) })]);
    disc.style.background = typeColour(top);
    return L.divIcon({ html: disc, className: "ev-cluster", iconSize: L.point(size, size) });
  }

  function legend() {
    var box = $("legend");
    clear(box);
    box.appendChild(el("strong", { text: "Event types" }));
    Object.keys(TYPE_COLOURS).forEach(function (t) {
      var swatch = el("span", { cls: "swatch" });
      swatch.style.background = TYPE_COLOURS[t];
      box.appendChild(el("div", { cls: "legend-row" }, [swatch, t]));
    });
    var site = el("span", { cls: "swatch site" });
    var contested = el("span", { cls: "swatch site contested" });
    box.appendChild(el("div", { cls: "legend-row" }, [site, "site (control layer)"]));
    box.appendChild(el("div", { cls: "legend-row" }, [contested, "contested site"]));
  }

  // -- filters & loading -------------------------------------------------------
  function filterQuery() {
    var form = $("filters"), params = new URLSearchParams();
    ["since", "until", "type", "actor", "patron", "source_kind", "near"].forEach(function (k) {
      var v = form.elements[k].value.trim();
      if (v) params.set(k, v);
    });
    if (params.has("near")) params.set("km", form.elements.km.value || "25");
    return params;
  }

  function loadEvents() {
    var params = filterQuery();
    $("map").setAttribute("data-state", "loading");
    setStatus("loading events…");
    var all = [];
    function page(after, n) {
      params.set("limit", String(PAGE));
      if (after) params.set("after", after); else params.delete("after");
      return getJSON("/api/events?" + params.toString()).then(function (body) {
        all = all.concat(body.events);
        if (body.more && body.next && n + 1 < MAX_PAGES) return page(body.next, n + 1);
        return body.more;
      });
    }
    return page(null, 0).then(function (truncated) {
      state.events = all;
      buildMarkers();
      fitToEvents();  // before the markers go in: no cluster animation to wait for
      setupSlider();
      applySlider();
      setStatus(truncated ? "showing the first " + all.length + " incidents: narrow the filters" : "");
      $("map").setAttribute("data-state", "ready");
    }).catch(function (err) {
      setStatus(err.message);
      $("map").setAttribute("data-state", "error");
    });
  }

  function buildMarkers() {
    state.markers = [];
    state.events.forEach(function (ev) {
      if (ev.latitude === null || ev.longitude === null) return;
      var m = L.circleMarker([ev.latitude, ev.longitude], {
        radius: 6 + Math.min(ev.source_count - 1, 4) * 1.5,
        color: "#222", weight: 1, fillColor: typeColour(ev.event_type), fillOpacity: 0.9,
        className: "ev-marker"
      });
      // Leaflet puts a string tooltip in with innerHTML: give it a text node instead.
      m.bindTooltip(tooltipNode(ev), { direction: "top" });
      m.on("click", function () { showEvent(ev.id); });
      m.eventDay = toDay(ev.event_date);
      m.eventType = ev.event_type;
      m.eventId = ev.id;
      state.markers.push(m);
    });
  }

  function tooltipNode(ev) {
    return el("span", {}, [ev.event_date + " · " + ev.sub_event_type + " · " + (ev.location || "")]);
  }

  function fitToEvents() {
    var pts = state.markers.map(function (m) { return m.getLatLng(); });
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.15), { maxZoom: 8, animate: false });
  }

  // -- the time slider ---------------------------------------------------------
  function setupSlider() {
    var days = state.markers.map(function (m) { return m.eventDay; });
    var since = $("since").value, until = $("until").value;
    var lo = since ? toDay(since) : (days.length ? Math.min.apply(null, days) : toDay(state.first || "2020-01-01"));
    var hi = until ? toDay(until) : (days.length ? Math.max.apply(null, days) : lo);
    var slider = $("slider");
    slider.min = String(lo);
    slider.max = String(hi);
    slider.value = String(hi);
  }

  function sliderDay() { return parseInt($("slider").value, 10); }

  function applySlider() {
    var upto = sliderDay();
    $("slider-date").textContent = fromDay(upto);
    var shown = state.markers.filter(function (m) { return m.eventDay <= upto; });
    cluster.clearLayers();
    cluster.addLayers(shown);
    var noCoords = state.events.length - state.markers.length;
    $("map").setAttribute("data-markers", String(shown.length));
    $("count").textContent = shown.length + " of " + state.markers.length + " incidents shown" +
      (noCoords ? " (" + noCoords + " without coordinates)" : "");
    if ($("posture").checked) loadPosture();
  }

  // -- the posture layer -------------------------------------------------------
  function loadPosture() {
    var at = fromDay(sliderDay());
    return getJSON("/api/posture?at=" + encodeURIComponent(at)).then(function (body) {
      state.posture = body.sites;
      drawSites();
    }).catch(function (err) { setStatus("posture: " + err.message); });
  }

  function drawSites() {
    sitesLayer.clearLayers();
    var by = $("colour-by").value;
    state.posture.forEach(function (s) {
      if (s.latitude === null || s.longitude === null) return;
      var key = by === "patron" ? (s.patrons.length ? s.patrons.join(", ") : "(no patron)") : s.holder;
      var contested = s.status === "contested";
      var m = L.circleMarker([s.latitude, s.longitude], {
        radius: 13, color: contested ? "#000" : hashColour(key), weight: contested ? 4 : 3,
        dashArray: contested ? "4 4" : null, fillColor: hashColour(key), fillOpacity: 0.25,
        className: "site-marker" + (contested ? " contested" : "")
      });
      m.bindTooltip(el("span", {}, [s.site + ": " + s.holder + (contested ? " (contested)" : "")]));
      m.on("click", function () { showSite(s); });
      sitesLayer.addLayer(m);
    });
    if (!map.hasLayer(sitesLayer)) sitesLayer.addTo(map);
  }

  // -- the panel -----------------------------------------------------------------
  function panel() { var body = $("panel-body"); clear(body); return body; }

  function field(dl, name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", { text: name }));
    dl.appendChild(el("dd", { text: Array.isArray(value) ? value.join(", ") : String(value) }));
  }

  function highlighted(context, start, end) {
    return el("p", { cls: "context" }, [
      context.slice(0, start),
      el("mark", { cls: "evidence", text: context.slice(start, end) }),
      context.slice(end)
    ]);
  }

  function commentList(title, comments, cls) {
    if (!comments.length) return null;
    var list = el("ul", { cls: "comments " + cls });
    comments.forEach(function (c) {
      var head = el("span", { cls: "chead" }, ["#" + c.index + (c.author ? " " + c.author : "")]);
      var labels = c.labels.map(function (l) { return el("span", { cls: "label label-" + l, text: l }); });
      var li = el("li", {}, [head].concat(labels));
      if (c.abusive) {
        var d = el("details", { cls: "collapsed" }, [el("summary", { text: "Abusive comment hidden: show" }),
                                                   el("p", { cls: "ctext", text: c.text })]);
        li.appendChild(d);
      } else {
        li.appendChild(el("p", { cls: "ctext", text: c.text }));
      }
      list.appendChild(li);
    });
    return el("div", {}, [el("h4", { text: title }), list]);
  }

  function showEvent(id) {
    var body = panel();
    body.appendChild(el("p", { cls: "hint", text: "loading…" }));
    return getJSON("/api/events/" + encodeURIComponent(id)).then(function (ev) {
      body = panel();
      var swatch = el("span", { cls: "swatch" });
      swatch.style.background = typeColour(ev.event_type);
      body.appendChild(el("h2", { id: "event-title" }, [swatch, ev.sub_event_type]));
      var dl = el("dl", { cls: "fields" });
      field(dl, "date", ev.event_date + (ev.time_precision > 1 ? " (precision " + ev.time_precision + ")" : ""));
      field(dl, "event type", ev.event_type);
      field(dl, "actor 1", ev.actor1);
      field(dl, "patrons", ev.patrons1);
      field(dl, "assoc. actor 1", ev.assoc_actor_1);
      field(dl, "actor 2", ev.actor2);
      field(dl, "patrons 2", ev.patrons2);
      field(dl, "assoc. actor 2", ev.assoc_actor_2);
      field(dl, "location", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", "));
      field(dl, "coordinates", ev.latitude === null ? null :
            ev.latitude.toFixed(4) + ", " + ev.longitude.toFixed(4) + " (geo precision " + ev.geo_precision + ")");
      var fat = ev.fatalities_max !== null && ev.fatalities_max !== ev.fatalities ?
        ev.fatalities + " (up to " + ev.fatalities_max + ")" : String(ev.fatalities);
      field(dl, "fatalities", fat);
      field(dl, "sources", ev.sources.length ? ev.sources : ev.source);
      field(dl, "reports", String(ev.source_count));
      field(dl, "confidence", ev.confidence.toFixed(2));
      field(dl, "event id", ev.id);
      body.appendChild(dl);
      ev.accounts.forEach(function (a) {
        var sec = el("section", { cls: "account" });
        var link = el("a", { href: "/reports/" + encodeURIComponent(a.report_id),
                             text: a.report_title || a.report_id });
        sec.appendChild(el("h3", {}, [link]));
        sec.appendChild(el("p", { cls: "meta", text: [a.outlet, a.published, a.source ? "source: " + a.source : null,
          a.source_kind === "comment" ? "from comment #" + a.comment_index : null].filter(Boolean).join(" · ") }));
        sec.appendChild(highlighted(a.context, a.evidence_start, a.evidence_end));
        var sup = commentList("Supported by", a.supported_by, "supporting");
        var dis = commentList("Disputed by", a.disputed_by, "disputing");
        if (sup) sec.appendChild(sup);
        if (dis) sec.appendChild(dis);
        body.appendChild(sec);
      });
      history.replaceState(null, "", "#event=" + encodeURIComponent(ev.id));
    }).catch(function (err) {
      body = panel();
      body.appendChild(el("p", { cls: "error", text: err.message }));
    });
  }

  function showSite(s) {
    var body = panel();
    body.appendChild(el("h2", { text: s.site }));
    var dl = el("dl", { cls: "fields" });
    field(dl, "status", s.status);
    field(dl, "holder", s.holder);
    field(dl, "patrons", s.patrons);
    field(dl, "with", s.associated);
    field(dl, "since", s.since || "?");
    field(dl, "sources", s.sources);
    s.claims.forEach(function (c) { field(dl, "claimed by", c.holder + (c.sources.length ? " (" + c.sources.join(", ") + ")" : "")); });
    s.previous.forEach(function (p) { field(dl, "previously", p.holder + " (" + (p.from || "?") + " to " + (p.to || "?") + ")"); });
    body.appendChild(dl);
    s.evidence.forEach(function (e) { body.appendChild(el("blockquote", { text: e.text })); });
    if (s.disputed_by.length) {
      body.appendChild(el("h4", { text: "Disputed by" }));
      var ul = el("ul", { cls: "comments disputing" });
      s.disputed_by.forEach(function (d) { ul.appendChild(el("li", {}, [el("span", { cls: "chead", text: "#" + d.comment }), el("p", { cls: "ctext", text: d.text })])); });
      body.appendChild(ul);
    }
    var tl = el("div", { cls: "timeline" }, [el("p", { cls: "hint", text: "loading the timeline…" })]);
    body.appendChild(el("h4", { text: "Timeline" }));
    body.appendChild(tl);
    getJSON("/api/sites/" + encodeURIComponent(s.site_id) + "/timeline").then(function (t) {
      clear(tl);
      var ol = el("ol", {});
      t.intervals.forEach(function (iv) {
        ol.appendChild(el("li", { text: (iv.valid_from || "?") + " to " + (iv.valid_to || "…") + ": " +
          iv.holder + (iv.patrons.length ? " [" + iv.patrons.join(", ") + "]" : "") + " · " + iv.status }));
      });
      tl.appendChild(ol);
    }).catch(function (err) { clear(tl); tl.appendChild(el("p", { cls: "error", text: err.message })); });
  }

  // -- wiring ----------------------------------------------------------------------
  function init() {
    initMap();
    legend();
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); loadEvents(); });
    $("reset").addEventListener("click", function () { setTimeout(loadEvents, 0); });
    $("slider").addEventListener("input", applySlider);
    $("posture").addEventListener("change", function () {
      if (this.checked) loadPosture(); else map.removeLayer(sitesLayer);
    });
    $("colour-by").addEventListener("change", function () { if ($("posture").checked) drawSites(); });
    getJSON("/api/meta").then(function (meta) {
      state.first = meta.first_date; state.last = meta.last_date;
      var select = $("type");
      Object.keys(meta.event_types).forEach(function (t) {
        var group = el("optgroup", { label: t });
        group.appendChild(el("option", { value: t, text: t + " (all)" }));
        meta.event_types[t].forEach(function (s) { group.appendChild(el("option", { value: s, text: s })); });
        select.appendChild(group);
      });
      ["since", "until"].forEach(function (k) {
        if (meta.first_date) $(k).min = meta.first_date;
        if (meta.last_date) $(k).max = meta.last_date;
      });
    }).catch(function (err) { setStatus(err.message); }).then(loadEvents).then(function () {
      var m = /^#event=(.+)$/.exec(location.hash);
      if (m) showEvent(decodeURIComponent(m[1]));
    });
  }

  window.outposts = { state: state, showEvent: showEvent, getMap: function () { return map; } };
  document.addEventListener("DOMContentLoaded", init);
})();
