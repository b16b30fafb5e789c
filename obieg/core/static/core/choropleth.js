/* Choropleth: dependency-free SVG choropleth of NUTS regions (ES2019, no build step).
 *
 *   Choropleth.render(container, {geojsonUrl, values: {PL21: 3}, level: 2,
 *     countries: ["PL", "CZ"], label: (code) => name, href: (code) => url,
 *     legendTitle: "Organisations"})  -> Promise
 *
 * or declaratively, initialised on DOMContentLoaded and after every htmx:afterSwap:
 *   <div data-choropleth data-geojson="/static/.../nuts2024_l0_l2.geojson"
 *        data-values='{"PL21": 3}' data-level="2" data-countries="PL,CZ"
 *        data-href="/regions/{code}/" data-legend-title="Organisations"
 *        data-no-data-label="no data"></div>
 * Regions without a value are grey; the legend shows 5 quantile classes (fewer for few values)
 * and the GeoJSON's `attribution` member, which the boundary licence requires on every map.
 */
(function (global) {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  // ColorBrewer YlGnBu, 5 classes: sequential, colour-blind safe and legible in greyscale.
  const PALETTE = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
  const NO_DATA = "#e3e3e3";
  const WIDTH = 800;
  const PAD = 8;
  // Overseas regions (Réunion, Guyane, Canarias at the edge) would shrink Europe to a dot,
  // so only polygons centred in this frame [west, south, east, north] decide the zoom.
  const EUROPE = [-32, 27, 46, 72];
  const cache = new Map();

  function loadGeojson(url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error("GeoJSON " + url + ": HTTP " + response.status);
        return response.json();
      }));
    }
    return cache.get(url);
  }

  function polygonsOf(geometry) {
    return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  }

  // Spherical Mercator in radians; fine for Europe-sized extents.
  function mercator(lon, lat) {
    const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
    return [(lon * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + phi / 2))];
  }

  function ringBox(ring) {
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    ring.forEach(([lon, lat]) => {
      box[0] = Math.min(box[0], lon); box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon); box[3] = Math.max(box[3], lat);
    });
    return box;
  }

  function inEurope(box) {
    const lon = (box[0] + box[2]) / 2;
    const lat = (box[1] + box[3]) / 2;
    return lon >= EUROPE[0] && lat >= EUROPE[1] && lon <= EUROPE[2] && lat <= EUROPE[3];
  }

  function extentOf(features) {
    const boxes = [];
    features.forEach((f) => polygonsOf(f.geometry).forEach((p) => boxes.push(ringBox(p[0]))));
    const framed = boxes.filter(inEurope);
    return (framed.length ? framed : boxes).reduce((a, b) => [
      Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3]),
    ], [Infinity, Infinity, -Infinity, -Infinity]);
  }

  function fitProjection(extent) {
    const [x0, y0] = mercator(extent[0], extent[1]);
    const [x1, y1] = mercator(extent[2], extent[3]);
    const scale = (WIDTH - 2 * PAD) / Math.max(x1 - x0, 1e-6);
    const height = Math.min(Math.round((y1 - y0) * scale + 2 * PAD), 2 * WIDTH);
    const point = ([lon, lat]) => {
      const [x, y] = mercator(lon, lat);
      return ((x - x0) * scale + PAD).toFixed(1) + "," + ((y1 - y) * scale + PAD).toFixed(1);
    };
    return { height, point };
  }

  function pathData(geometry, point) {
    return polygonsOf(geometry)
      .map((polygon) => polygon.map((ring) => "M" + ring.map(point).join("L") + "Z").join(""))
      .join("");
  }

  // Quantile breaks, merged when values repeat, so every class is non-empty.
  function classBreaks(numbers) {
    const sorted = numbers.slice().sort((a, b) => a - b);
    const cuts = [];
    for (let k = 1; k < PALETTE.length; k += 1) {
      const cut = sorted[Math.floor((k * sorted.length) / PALETTE.length)];
      if (cut > sorted[0] && cut !== cuts[cuts.length - 1]) cuts.push(cut);
    }
    return { min: sorted[0], max: sorted[sorted.length - 1], cuts };
  }

  function classOf(value, breaks) {
    return breaks.cuts.filter((cut) => value >= cut).length;
  }

  function colourOf(index, classCount) {
    const step = classCount > 1 ? (PALETTE.length - 1) / (classCount - 1) : 0;
    return PALETTE[Math.round(index * step)];
  }

  function svgElement(name, attributes) {
    const node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach((key) => node.setAttribute(key, attributes[key]));
    return node;
  }

  function regionNode(d, fill, text, url) {
    const path = svgElement("path", { d, fill, class: "choropleth-region" });
    const title = svgElement("title", {});
    title.textContent = text;
    path.appendChild(title);
    if (!url) return path;
    const link = svgElement("a", { href: url, "aria-label": text, class: "choropleth-link" });
    link.appendChild(path);
    return link;
  }

  function legendItem(fill, text) {
    const item = document.createElement("li");
    const swatch = svgElement("svg", { width: "14", height: "14", "aria-hidden": "true" });
    swatch.appendChild(svgElement("rect", { width: "14", height: "14", fill }));
    item.append(swatch, " " + text);
    return item;
  }

  // Class i holds [bounds[i], bounds[i + 1]), the last one also its upper bound; counts read
  // better as "3–4" than "3 – < 5".
  function classLabels(breaks, format) {
    const bounds = [breaks.min].concat(breaks.cuts, [breaks.max]);
    const integers = bounds.every(Number.isInteger);
    return bounds.slice(0, -1).map((low, i) => {
      const last = i === bounds.length - 2;
      const high = last ? bounds[i + 1] : integers ? bounds[i + 1] - 1 : bounds[i + 1];
      if (low === high) return format(low);
      return format(low) + " – " + (last || integers ? "" : "< ") + format(high);
    });
  }

  function legend(options, breaks, format, attribution) {
    const caption = document.createElement("figcaption");
    caption.className = "choropleth-legend";
    const heading = document.createElement("strong");
    heading.textContent = options.legendTitle || "";
    const list = document.createElement("ul");
    const labels = Number.isFinite(breaks.min) ? classLabels(breaks, format) : [];
    labels.forEach((text, i) => list.appendChild(legendItem(colourOf(i, labels.length), text)));
    list.appendChild(legendItem(NO_DATA, options.noDataLabel || "no data"));
    const credit = document.createElement("small");
    credit.textContent = attribution || "";
    caption.append(heading, list, credit);
    return caption;
  }

  // Values may arrive as strings from JSON APIs; anything non-numeric counts as "no data".
  function valueOf(values, code) {
    const raw = values[code];
    return raw === null || raw === undefined || raw === "" ? NaN : Number(raw);
  }

  // Country outlines over regional maps, so national borders stay readable.
  function borders(geojson, countries, point) {
    const group = svgElement("g", { class: "choropleth-borders", "aria-hidden": "true" });
    geojson.features
      .filter((f) => f.properties.level === 0 && countries.has(f.properties.country))
      .forEach((f) => group.appendChild(svgElement("path", { d: pathData(f.geometry, point) })));
    return group;
  }

  function draw(container, geojson, options) {
    const level = options.level === undefined ? 2 : Number(options.level);
    const values = options.values || {};
    const countries = options.countries && options.countries.length ? options.countries : null;
    const shown = geojson.features.filter((f) => f.properties.level === level
      && (!countries || countries.includes(f.properties.country)));
    const valued = shown.filter((f) => Number.isFinite(valueOf(values, f.properties.code)));
    const { height, point } = fitProjection(extentOf(countries ? shown : valued.length ? valued : shown));
    const breaks = classBreaks(valued.map((f) => valueOf(values, f.properties.code)));
    const format = new Intl.NumberFormat(document.documentElement.lang || undefined,
      { maximumFractionDigits: 2 }).format;
    const svg = svgElement("svg", {
      viewBox: "0 0 " + WIDTH + " " + height, class: "choropleth-map", role: "group",
      "aria-label": options.legendTitle || "",
    });
    shown.forEach((f) => {
      const code = f.properties.code;
      const name = options.label ? options.label(code) : f.properties.name;
      const value = valueOf(values, code);
      const known = Number.isFinite(value);
      const fill = known ? colourOf(classOf(value, breaks), breaks.cuts.length + 1) : NO_DATA;
      const text = name + ": " + (known ? format(value) : "–");
      const url = options.href ? options.href(code) : null;
      svg.appendChild(regionNode(pathData(f.geometry, point), fill, text, url));
    });
    if (level > 0) svg.appendChild(borders(geojson, new Set(shown.map((f) => f.properties.country)), point));
    const figure = document.createElement("figure");
    figure.className = "choropleth";
    figure.append(svg, legend(options, breaks, format, geojson.attribution));
    container.replaceChildren(figure);
    return figure;
  }

  function render(container, options) {
    return loadGeojson(options.geojsonUrl)
      .then((geojson) => draw(container, geojson, options))
      .catch((error) => {
        container.textContent = options.errorText || "Map unavailable.";
        console.error(error);
      });
  }

  function optionsFromData(element) {
    const data = element.dataset;
    const template = data.href;
    return {
      geojsonUrl: data.geojson,
      values: data.values ? JSON.parse(data.values) : {},
      level: data.level === undefined ? 2 : Number(data.level),
      countries: data.countries ? data.countries.split(",").map((c) => c.trim()) : null,
      href: template ? (code) => template.replace("{code}", encodeURIComponent(code)) : null,
      legendTitle: data.legendTitle || "",
      noDataLabel: data.noDataLabel,
      errorText: data.errorText,
    };
  }

  function initAll(root) {
    const scope = root && root.querySelectorAll ? root : document;
    const found = Array.from(scope.querySelectorAll("[data-choropleth]"));
    if (scope.matches && scope.matches("[data-choropleth]")) found.push(scope);
    return Promise.all(found.filter((el) => !el.dataset.choroplethReady).map((el) => {
      el.dataset.choroplethReady = "1";
      // A malformed data-values attribute must not stop the other maps on the page.
      return Promise.resolve().then(() => render(el, optionsFromData(el))).catch(console.error);
    }));
  }

  global.Choropleth = { render, initAll, classBreaks, classOf };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => initAll(document));
  } else {
    initAll(document);
  }
  document.addEventListener("htmx:afterSwap", (event) => initAll(event.target));
})(window);
