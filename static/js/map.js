/* The map page (/karta/): Leaflet (vendored, js_lib_leaflet) draws the
   locality outlines, walk places and measures from the page's GeoJSON. Works
   without tiles; with MAP_TILE_URL set, tiles are the background. Names come
   from users: every popup is built with textContent, never as HTML. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var labels = JSON.parse(document.getElementById("map-labels").textContent);
  var status = document.getElementById("map-status");
  var fallback = el.querySelector(".map-fallback");
  if (fallback) { fallback.remove(); }

  var STYLES = {
    locality: {color: "#1f5f8b", weight: 2, fillColor: "#5b9bd5", fillOpacity: 0.25},
    walk_place: {color: "#7a4a00", weight: 2, fillColor: "#f0a030", fillOpacity: 0.9, radius: 7},
    measure: {color: "#1e5e2f", weight: 2, fillColor: "#3fa35b", fillOpacity: 0.9, radius: 7}
  };
  // Sweden's southern inland, around Tranemo, until the data is loaded.
  var map = L.map(el, {scrollWheelZoom: false, zoomSnap: 0.25}).setView([57.5, 13.35], 10);
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, {
      attribution: el.dataset.tileAttribution || "", maxZoom: 18
    }).addTo(map);
  }

  function line(parent, tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  function popup(feature) {
    var p = feature.properties;
    var box = document.createElement("div");
    line(box, "strong", p.name);
    line(box, "div", labels[p.kind] + (p.locality && p.kind !== "locality" ? " · " + p.locality : ""));
    if (p.detail) { line(box, "div", p.detail); }
    if (p.reports !== undefined) { line(box, "div", labels.reports.replace("%s", p.reports)); }
    if (p.url) {
      var link = line(box, "a", labels.open);
      link.href = p.url;
    }
    return box;
  }

  function show(data) {
    var layer = L.geoJSON(data, {
      style: function (feature) { return STYLES[feature.properties.kind] || STYLES.locality; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, STYLES[feature.properties.kind] || STYLES.measure);
      },
      onEachFeature: function (feature, item) {
        var p = feature.properties;
        item.bindPopup(popup(feature));
        if (p.kind === "locality") {
          item.bindTooltip(p.name + " (" + p.reports + ")",
                           {permanent: true, direction: "top", className: "map-label"});
        }
      }
    }).addTo(map);
    if (data.features.length) {
      map.fitBounds(layer.getBounds(), {padding: [20, 20]});
    } else {
      status.textContent = labels.empty;
    }
  }

  fetch(el.dataset.url, {credentials: "same-origin", headers: {Accept: "application/geo+json"}})
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(show)
    .catch(function () { status.textContent = labels.failed; });
})();
