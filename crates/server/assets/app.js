/*
 * Beacon dashboard: vanilla ES2020, no framework, no third-party code.
 *
 * SECURITY: everything that comes from the API (article text, titles,
 * evidence sentences, actor and place names, sources, alert explanations,
 * watchlist names...) is hostile: it may contain "<script>" or "onerror=".
 * This file never passes data to innerHTML, outerHTML, insertAdjacentHTML or
 * document.write. The DOM is built with createElement / createElementNS and
 * text goes in through textContent (or text nodes) only. Attributes are set
 * with setAttribute, and only inert ones (ids, classes, titles, numbers);
 * `el()` refuses event-handler and style attributes given as strings, and
 * accepts an href only if it is an internal "#/..." route or an http(s) URL
 * (see safeUrl); any other URL is shown as plain text.
 */
'use strict';

(() => {
  // ---------------------------------------------------------------- constants

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const EVENT_TYPES = [
    'AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT',
    'INVESTIGATE', 'DEMAND', 'DISAPPROVE', 'REJECT', 'THREATEN', 'PROTEST',
    'MOBILIZE', 'SANCTION', 'COERCE', 'ASSAULT', 'FIGHT', 'CRIME', 'HAZARD',
  ];
  const MODALITIES = ['occurred', 'claimed', 'anticipated', 'denied', 'hypothetical'];
  const PANELS = ['map', 'timeline', 'events', 'alerts', 'watchlists', 'sources', 'partners', 'search', 'article'];
  const FILTERED_PANELS = new Set(['map', 'events', 'search']);
  const EVENTS_PAGE = 50;
  const SEARCH_PAGE = 20;
  const MAP_EVENT_LIMIT = 1000;
  const CLUSTER_PX = 24; // size of a clustering grid cell, in screen pixels
  const ANALYST_KEY = 'beacon.analyst';

  // Fields of each watchlist rule kind, with their default values.
  const RULE_FIELDS = {
    match: [],
    threshold: ['count', 'window_days'],
    spike: ['window_days', 'baseline_days', 'min_count', 'p_value'],
    first_seen: [],
  };
  const RULE_DEFAULTS = { count: 3, window_days: 7, baseline_days: 28, min_count: 3, p_value: 0.01 };

  // ------------------------------------------------------------- DOM helpers

  const $ = (id) => document.getElementById(id);

  /** An http: or https: URL, normalised; null for anything else (javascript:, data:, relative...). */
  function safeUrl(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return null;
    try {
      const url = new URL(raw.trim());
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  /** Sets properties on a new node: `text` (textContent), function `on*` listeners, inert attributes. */
  function applyProps(node, props) {
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') {
        node.textContent = String(value);
      } else if (key.startsWith('on')) {
        if (typeof value !== 'function') throw new Error(`refusing non-function handler ${key}`);
        node.addEventListener(key.slice(2), value);
      } else if (key === 'style' || key === 'src') {
        throw new Error(`refusing attribute ${key}`);
      } else if (key === 'href') {
        const href = String(value);
        if (!href.startsWith('#/') && safeUrl(href) === null) throw new Error('refusing unsafe href');
        node.setAttribute('href', href);
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }

  /** Appends children: nodes as they are, anything else as a text node; null/undefined/false skipped. */
  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    applyProps(node, props);
    return append(node, children);
  }

  function svgEl(tag, props, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    applyProps(node, props);
    return append(node, children);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /** A link to an external page if `url` is http(s), else the label as plain text. */
  function externalLink(url, label) {
    const text = label || url || '';
    const href = safeUrl(url);
    if (!href) return el('span', { class: 'unlinked', text });
    return el('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'external', text });
  }

  const articleHref = (id) => '#/article/' + encodeURIComponent(String(id));

  function articleLink(id, label) {
    return el('a', { href: articleHref(id), class: 'article-link', text: label || String(id) });
  }

  /** A class-name token made from data (a mention kind, a status): letters, digits, _ and - only. */
  function token(value) {
    return String(value || '').toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'other';
  }

  // ----------------------------------------------------------------- the API

  class ApiError extends Error {
    constructor(message, status, code) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /**
   * fetch() a JSON endpoint. `options.body`, when given, is sent as JSON.
   * Throws an ApiError carrying the server's `error.message` on a 4xx/5xx.
   */
  let csrf = null;
  async function api(path, options = {}) {
    const init = { method: options.method || 'GET', headers: { Accept: 'application/json' } };
    if (init.method !== 'GET') {
      // a change made on a signed-in session carries its CSRF token
      if (csrf === null) {
        const session = await (await fetch('/api/session', { headers: { Accept: 'application/json' } })).json();
        csrf = (session && session.csrf) || '';
      }
      if (csrf) init.headers['X-CSRF-Token'] = csrf;
    }
    if (options.body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (err) {
      throw new ApiError(`Network error: ${err.message}`, 0, 'network');
    }
    const raw = await response.text();
    let data = null;
    if (raw) {
      try {
        data = JSON.parse(raw);
      } catch (_) {
        if (response.ok) throw new ApiError(`The server sent invalid JSON for ${path}`, response.status, 'bad_json');
      }
    }
    if (!response.ok) {
      const error = data && data.error;
      const message = error && typeof error.message === 'string'
        ? error.message
        : `${response.status} ${response.statusText || 'error'} (${path})`;
      throw new ApiError(message, response.status, error && error.code);
    }
    return data;
  }

  /** "?a=1&b=2" from an object, skipping empty values. */
  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    }
    const text = search.toString();
    return text ? '?' + text : '';
  }

  const itemsOf = (data) => (data && Array.isArray(data.items) ? data.items : Array.isArray(data) ? data : []);

  /**
   * Requests can overlap (a filter applied twice, a fast click on "next"):
   * ticket(key) returns a function that tells whether this request is still
   * the latest of its kind, so a stale answer never overwrites a fresh one.
   */
  const tickets = {};
  function ticket(key) {
    const mine = (tickets[key] = (tickets[key] || 0) + 1);
    return () => tickets[key] === mine;
  }

  function showError(err) {
    console.error(err);
    const banner = $('error-banner');
    banner.textContent = err && err.message ? err.message : String(err);
    banner.hidden = false;
  }

  function clearError() {
    const banner = $('error-banner');
    banner.hidden = true;
    banner.textContent = '';
  }

  /** Wraps an async function so that any error it throws lands in the banner. */
  const guard = (fn) => async (...args) => {
    try {
      return await fn(...args);
    } catch (err) {
      showError(err);
      return undefined;
    }
  };

  // -------------------------------------------------------------- formatting

  function fmtCount(count) {
    if (!count || typeof count !== 'object' || count.min === undefined || count.min === null) return '';
    if (count.max === null || count.max === undefined) return `≥${count.min}`;
    return count.max === count.min ? String(count.min) : `${count.min}–${count.max}`;
  }

  /** A date given as a string or as {value}. */
  const fmtDate = (d) => (d && typeof d === 'object' ? d.value || '' : d || '');

  /** A timestamp, shortened for reading ("2015-10-28 14:03 UTC"). */
  function fmtTime(value) {
    if (!value) return '';
    return String(value).replace('T', ' ').replace(/(\d\d:\d\d):\d\d(\.\d+)?/, '$1').replace(/Z$|\+00:00$/, ' UTC');
  }

  /** A place given as a string or as an EventLocation. */
  function fmtPlace(loc) {
    if (!loc) return '';
    if (typeof loc !== 'object') return String(loc);
    const parts = [loc.name, loc.admin1 && loc.admin1 !== loc.name ? loc.admin1 : null, loc.country];
    return parts.filter(Boolean).join(', ');
  }

  const actorNames = (list) => (Array.isArray(list) ? list.map((a) => (a && (a.name || a.text)) || '?').join(', ') : '');

  /** Any value as display text: numbers rounded, objects as JSON (still only ever text). */
  function fmtValue(value) {
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
    if (value && typeof value === 'object') return JSON.stringify(value);
    return value === null || value === undefined ? '' : String(value);
  }

  function describeRule(rule) {
    if (!rule || typeof rule !== 'object') return '';
    switch (rule.kind) {
      case 'match': return 'match: every matching event';
      case 'threshold': return `threshold: ≥ ${fmtValue(rule.count)} events in ${fmtValue(rule.window_days)} days`;
      case 'spike':
        return `spike: ${fmtValue(rule.window_days)} days against ${fmtValue(rule.baseline_days)} days of baseline, ` +
          `at least ${fmtValue(rule.min_count)}, p < ${fmtValue(rule.p_value)}`;
      case 'first_seen': return 'first_seen: the first event of its kind';
      default: return fmtValue(rule.kind);
    }
  }

  function setStatus(text, title) {
    const status = $('status');
    status.textContent = text;
    if (title) status.setAttribute('title', title); else status.removeAttribute('title');
  }

  function fillSelect(select, values, keepFirst = true) {
    while (select.options.length > (keepFirst ? 1 : 0)) select.remove(select.options.length - 1);
    for (const v of values) {
      const [value, label] = Array.isArray(v) ? v : [v, v];
      select.appendChild(el('option', { value, text: label }));
    }
  }

  // -------------------------------------------------------- zones and filters

  let zonesPromise = null;

  /** The zones, fetched once. They fill the zone selects and are drawn on the map. */
  function loadZones() {
    if (!zonesPromise) {
      zonesPromise = api('/api/zones').then(itemsOf).then((zones) => {
        const options = zones.map((z) => [z.id, z.name ? `${z.name} (${z.id})` : z.id]);
        const filterZone = $('filter-zone');
        const chosen = filterZone.value;
        fillSelect(filterZone, options);
        filterZone.value = chosen;
        fillSelect($('timeline-zone'), options, false);
        const datalist = clear($('zone-ids'));
        for (const z of zones) datalist.appendChild(el('option', { value: z.id, text: z.name || z.id }));
        return zones;
      }).catch((err) => {
        zonesPromise = null; // try again next time
        throw err;
      });
    }
    return zonesPromise;
  }

  // Each change of the filters bumps the version; a panel reloads when the
  // data it shows were fetched under an older version.
  let filtersVersion = 0;

  /** The filter bar's values as query parameters of /api/events and /api/search. */
  function filterParams() {
    const value = (id) => $(id).value.trim();
    return {
      since: value('filter-since'),
      until: value('filter-until'),
      country: value('filter-country').toUpperCase(),
      zone: value('filter-zone'),
      actor: value('filter-actor'),
      type: value('filter-type'),
      modality: value('filter-modality'),
      historical: value('filter-historical'),
    };
  }

  function setupFilters() {
    fillSelect($('filter-type'), EVENT_TYPES);
    fillSelect($('filter-modality'), MODALITIES);
    const form = $('filters');
    const apply = () => {
      filtersVersion += 1;
      route();
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      apply();
    });
    // A "reset" event fires before the fields are reset: apply afterwards.
    form.addEventListener('reset', () => setTimeout(apply, 0));
    for (const id of ['filter-zone', 'filter-type', 'filter-modality', 'filter-historical']) {
      $(id).addEventListener('change', apply);
    }
  }

  // ---------------------------------------------------------------- the map

  const map = {
    svg: null,
    home: null, // the viewBox that fits the data
    vb: null, // the current viewBox {x, y, w, h}
    placed: [], // [{x, y, story}] events with coordinates, projected
    countries: null, // Promise of the drawn outlines
    zonesDrawn: false,
    version: -1, // filtersVersion of the events shown
    drag: null,
    suppressClick: false,
    frame: 0,
  };

  /** Equirectangular: x = longitude, y = -latitude (clipped to ±85°), in degrees. */
  function project(lon, lat) {
    return [lon, -Math.max(-85, Math.min(85, lat))];
  }

  const isCoord = (p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  const num = (v) => (Math.round(v * 1000) / 1000).toString();

  /** The outer rings and holes of a Polygon or MultiPolygon, as arrays of [lon, lat]. */
  function polygonRings(geometry) {
    if (!geometry || !Array.isArray(geometry.coordinates)) return [];
    if (geometry.type === 'Polygon') return geometry.coordinates;
    if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat(1);
    return [];
  }

  /**
   * Projects a line or ring. Where two consecutive points are more than
   * 180° of longitude apart the line crosses the antimeridian: the rest is
   * shifted by 360° so that it continues past the edge (Fiji, Chukotka)
   * instead of drawing a stroke across the whole world.
   */
  function projectLine(coords) {
    const out = [];
    let shift = 0;
    let prev = null;
    for (const point of coords) {
      if (!isCoord(point)) continue;
      let lon = point[0] + shift;
      if (prev !== null && lon - prev > 180) { shift -= 360; lon -= 360; }
      if (prev !== null && lon - prev < -180) { shift += 360; lon += 360; }
      prev = lon;
      out.push(project(lon, point[1]));
    }
    return out;
  }

  function ringPath(ring, bounds) {
    let d = '';
    for (const [x, y] of projectLine(ring)) {
      bounds.minX = Math.min(bounds.minX, x);
      bounds.maxX = Math.max(bounds.maxX, x);
      bounds.minY = Math.min(bounds.minY, y);
      bounds.maxY = Math.max(bounds.maxY, y);
      d += (d ? 'L' : 'M') + num(x) + ' ' + num(y);
    }
    return d ? d + 'Z' : '';
  }

  async function drawCountries() {
    const data = await api('/api/map/countries');
    const layer = clear($('map-countries'));
    const bounds = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    for (const feature of (data && Array.isArray(data.features) ? data.features : [])) {
      const d = polygonRings(feature && feature.geometry).map((ring) => ringPath(ring, bounds)).join('');
      if (!d) continue;
      const props = feature.properties || {};
      layer.appendChild(svgEl('path', { class: 'country', d, 'data-iso2': props.iso2 },
        svgEl('title', { text: props.name || props.iso2 || '' })));
    }
    if (!Number.isFinite(bounds.minX)) Object.assign(bounds, { minX: -180, maxX: 180, minY: -85, maxY: 85 });
    const pad = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY) * 0.02;
    map.home = {
      x: bounds.minX - pad,
      y: bounds.minY - pad,
      w: bounds.maxX - bounds.minX + 2 * pad,
      h: bounds.maxY - bounds.minY + 2 * pad,
    };
    map.vb = { ...map.home };
    setViewBox();
  }

  function drawZones(zones) {
    const layer = clear($('map-zones'));
    const points = (coords) => projectLine(coords).map((p) => p.map(num).join(',')).join(' ');
    for (const zone of zones) {
      const g = zone && zone.geometry;
      if (!g || !Array.isArray(g.coordinates)) continue;
      let lines = [];
      let areas = [];
      if (g.type === 'LineString') lines = [g.coordinates];
      else if (g.type === 'MultiLineString') lines = g.coordinates;
      else if (g.type === 'Polygon') areas = [g.coordinates[0]];
      else if (g.type === 'MultiPolygon') areas = g.coordinates.map((polygon) => polygon[0]);
      const label = () => svgEl('title', { text: zone.name ? `${zone.name} (${zone.id})` : zone.id });
      for (const line of lines.filter(Array.isArray)) {
        layer.appendChild(svgEl('polyline', { class: 'zone zone-line', points: points(line), 'data-zone': zone.id }, label()));
      }
      for (const area of areas.filter(Array.isArray)) {
        layer.appendChild(svgEl('polygon', { class: 'zone zone-area', points: points(area), 'data-zone': zone.id }, label()));
      }
    }
    map.zonesDrawn = true;
  }

  function setViewBox() {
    const { x, y, w, h } = map.vb;
    map.svg.setAttribute('viewBox', `${num(x)} ${num(y)} ${num(w)} ${num(h)}`);
  }

  /** Screen pixels per viewBox unit (the SVG keeps its aspect ratio: "meet"). */
  function pxPerUnit() {
    const rect = map.svg.getBoundingClientRect();
    const width = rect.width || 1000; // hidden: any sensible size
    const height = rect.height || 600;
    return Math.min(width / map.vb.w, height / map.vb.h);
  }

  /** A point on the screen in viewBox units. */
  function clientToMap(clientX, clientY) {
    const ctm = map.svg.getScreenCTM();
    if (!ctm) return { x: map.vb.x + map.vb.w / 2, y: map.vb.y + map.vb.h / 2 };
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return { x: p.x, y: p.y };
  }

  /** Zooms by `factor` (< 1 zooms in) keeping the point `at` where it is. */
  function zoomAt(at, factor) {
    const vb = map.vb;
    const width = Math.max(map.home.w / 512, Math.min(map.home.w * 2, vb.w * factor));
    const f = width / vb.w;
    map.vb = { x: at.x - (at.x - vb.x) * f, y: at.y - (at.y - vb.y) * f, w: vb.w * f, h: vb.h * f };
    setViewBox();
    scheduleRecluster();
  }

  const mapCentre = () => ({ x: map.vb.x + map.vb.w / 2, y: map.vb.y + map.vb.h / 2 });

  function scheduleRecluster() {
    if (map.frame) return;
    map.frame = requestAnimationFrame(() => {
      map.frame = 0;
      drawEventMarkers();
    });
  }

  /**
   * Draws the events, clustered: events whose screen positions fall in the
   * same CLUSTER_PX grid cell become one circle with a count. The grid is
   * anchored to the map, not the window, so panning keeps the clusters and
   * only zooming changes them. Sizes are divided by the scale so that they
   * stay the same on the screen at any zoom.
   */
  function drawEventMarkers() {
    const layer = clear($('map-events'));
    if (!map.vb) return;
    const k = pxPerUnit();
    const cells = new Map();
    for (const p of map.placed) {
      const key = Math.floor((p.x * k) / CLUSTER_PX) + ':' + Math.floor((p.y * k) / CLUSTER_PX);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(p);
    }
    for (const members of cells.values()) {
      if (members.length === 1) {
        const { x, y, story } = members[0];
        const ev = story.event || {};
        layer.appendChild(svgEl('circle', {
          class: `event-point modality-${token(ev.modality)}`,
          cx: num(x), cy: num(y), r: num(5 / k),
          'data-id': ev.id,
          onclick: () => { if (!map.suppressClick) openEventCard(story); },
        }, svgEl('title', { text: [ev.type, fmtDate(ev.date), fmtPlace(ev.location)].filter(Boolean).join(' · ') })));
        continue;
      }
      const cx = members.reduce((s, p) => s + p.x, 0) / members.length;
      const cy = members.reduce((s, p) => s + p.y, 0) / members.length;
      const radius = (9 + Math.min(9, 2 * Math.log2(members.length))) / k;
      layer.appendChild(svgEl('g', { class: 'cluster-group' },
        svgEl('circle', {
          class: 'event-cluster', cx: num(cx), cy: num(cy), r: num(radius),
          'data-count': members.length,
          onclick: () => { if (!map.suppressClick) zoomToCluster(members); },
        }, svgEl('title', { text: `${members.length} events: click to zoom in` })),
        svgEl('text', {
          class: 'event-cluster-label', x: num(cx), y: num(cy), 'font-size': num(11 / k),
          'text-anchor': 'middle', 'dominant-baseline': 'central',
          text: members.length,
        })));
    }
  }

  /** Zooms in on a cluster; at the deepest zoom, or for events at one spot, lists them instead. */
  function zoomToCluster(members) {
    const xs = members.map((p) => p.x);
    const ys = members.map((p) => p.y);
    const spread = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    if (spread < 1e-6 || map.vb.w <= map.home.w / 512 + 1e-9) {
      openEventList(members.map((p) => p.story));
      return;
    }
    const centre = { x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2 };
    // Show the cluster's extent three times over: zoom in at least 3x, at most 16x.
    const width = Math.min(map.vb.w / 3, Math.max(spread * 3, map.vb.w / 16, map.home.w / 512));
    const f = width / map.vb.w;
    map.vb = { x: centre.x - (map.vb.w * f) / 2, y: centre.y - (map.vb.h * f) / 2, w: map.vb.w * f, h: map.vb.h * f };
    setViewBox();
    scheduleRecluster();
  }

  function setupMap() {
    map.svg = $('map');
    const svg = map.svg;
    svg.addEventListener('wheel', (e) => {
      if (!map.vb) return;
      e.preventDefault();
      const lines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      zoomAt(clientToMap(e.clientX, e.clientY), Math.exp(e.deltaY * lines * 0.0015));
    }, { passive: false });

    // Dragging pans. The pointer is captured only once it has moved, so that
    // a plain click still reaches the point or cluster under it.
    svg.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || !map.vb) return;
      map.drag = { id: e.pointerId, x: e.clientX, y: e.clientY, vb: { ...map.vb }, moved: false };
    });
    svg.addEventListener('pointermove', (e) => {
      const drag = map.drag;
      if (!drag || drag.id !== e.pointerId) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved) {
        if (Math.hypot(dx, dy) < 4) return;
        drag.moved = true;
        try {
          svg.setPointerCapture(e.pointerId);
        } catch (_) { /* the pointer is gone: panning still works without capture */ }
        svg.classList.add('dragging');
      }
      const k = pxPerUnit();
      map.vb = { ...drag.vb, x: drag.vb.x - dx / k, y: drag.vb.y - dy / k };
      setViewBox();
    });
    const endDrag = (e) => {
      const drag = map.drag;
      if (!drag || drag.id !== e.pointerId) return;
      map.drag = null;
      svg.classList.remove('dragging');
      if (drag.moved) {
        // The click that follows a drag must not open or zoom anything.
        map.suppressClick = true;
        setTimeout(() => { map.suppressClick = false; }, 0);
      }
    };
    svg.addEventListener('pointerup', endDrag);
    svg.addEventListener('pointercancel', endDrag);

    $('map-zoom-in').addEventListener('click', () => map.vb && zoomAt(mapCentre(), 1 / 1.5));
    $('map-zoom-out').addEventListener('click', () => map.vb && zoomAt(mapCentre(), 1.5));
    $('map-reset').addEventListener('click', () => {
      if (!map.home) return;
      map.vb = { ...map.home };
      setViewBox();
      scheduleRecluster();
    });
    window.addEventListener('resize', () => { if (!$('panel-map').hidden) scheduleRecluster(); });
  }

  async function loadMapEvents() {
    const version = filtersVersion;
    const isLatest = ticket('map-events');
    const data = await api('/api/events' + query({ ...filterParams(), limit: MAP_EVENT_LIMIT }));
    if (!isLatest()) return;
    const items = itemsOf(data);
    map.placed = [];
    for (const story of items) {
      const loc = story && story.event && story.event.location;
      if (!loc || !Number.isFinite(loc.lat) || !Number.isFinite(loc.lon)) continue;
      const [x, y] = project(loc.lon, loc.lat);
      map.placed.push({ x, y, story });
    }
    map.version = version;
    drawEventMarkers();
    const total = data && Number.isFinite(data.total) ? data.total : items.length;
    setStatus(`${map.placed.length} events`,
      `${items.length} of ${total} matching events loaded; ${items.length - map.placed.length} without coordinates`);
  }

  /** Map panel: outlines once, zones once, events whenever the filters changed. */
  async function showMap() {
    if (!map.countries) {
      map.countries = drawCountries().catch((err) => {
        map.countries = null;
        throw err;
      });
    }
    try {
      await map.countries;
    } catch (err) {
      // Without outlines the events can still be drawn, on a world-sized view.
      showError(err);
      if (!map.home) {
        map.home = { x: -180, y: -85, w: 360, h: 170 };
        map.vb = { ...map.home };
        setViewBox();
      }
    }
    if (!map.zonesDrawn) {
      try {
        drawZones(await loadZones());
      } catch (err) {
        showError(err);
      }
    }
    if (map.version !== filtersVersion) await loadMapEvents();
    else drawEventMarkers(); // the panel may have been hidden when last drawn
  }

  // ----------------------------------------------------------- the event card

  function fact(dl, label, value, field) {
    if (value === '' || value === null || value === undefined) return;
    dl.appendChild(el('dt', { text: label }));
    dl.appendChild(el('dd', { class: `fact-${field}` }, value));
  }

  function openCard(...children) {
    const body = clear($('event-card-body'));
    append(body, children);
    $('event-card').hidden = false;
    $('event-card').scrollTop = 0;
  }

  function closeCard() {
    $('event-card').hidden = true;
  }

  /** The list of a story event's reports, each linking to its article view. */
  function sourcesList(story) {
    const ev = story.event || {};
    const reports = Array.isArray(story.reports) ? story.reports : [];
    const list = el('ul', { class: 'sources' });
    for (const report of reports) {
      if (!report) continue;
      const tolls = [
        report.fatalities ? `${fmtCount(report.fatalities)} killed` : '',
        report.injured ? `${fmtCount(report.injured)} injured` : '',
      ].filter(Boolean).join(', ');
      list.appendChild(el('li', { class: 'source' },
        articleLink(report.article_id, report.source || report.article_id),
        report.published ? el('span', { class: 'muted', text: ` · ${fmtDate(report.published)}` }) : null,
        tolls ? el('span', { class: 'muted', text: ` · ${tolls}` }) : null));
    }
    if (!reports.length && ev.article_id) {
      const names = Array.isArray(story.sources) && story.sources.length ? story.sources.join(', ') : ev.article_id;
      list.appendChild(el('li', { class: 'source' }, articleLink(ev.article_id, names)));
    }
    return list;
  }

  // ------------------------------------------------------------ event review

  // Who the dashboard speaks for (/api/session), asked once.
  let sessionInfo = null;
  async function whoAmI() {
    if (sessionInfo === null) sessionInfo = (await api('/api/session')) || {};
    return sessionInfo;
  }

  /** The card's review: where the event stands, and (for a token or session that may write) confirm, reject, note. */
  function reviewSection(story) {
    const ev = story.event || {};
    const review = story.review && typeof story.review === 'object' ? story.review : null;
    const status = review && review.status ? String(review.status) : 'unreviewed';
    const fields = review && Array.isArray(review.fields) ? review.fields.join(', ') : '';
    const note = el('textarea', { class: 'review-note', rows: '2', placeholder: 'A note (optional)', 'aria-label': 'Review note' });
    const act = (action) => guard(async () => {
      const body = { action };
      const text = note.value.trim();
      if (text) body.note = text;
      if (action === 'note' && !text) throw new Error('Write the note first.');
      // a user is who its session says; the operator names the analyst
      if ((await whoAmI()).viewer !== 'user') body.by = analystName();
      const result = await api(`/api/events/${encodeURIComponent(ev.id)}/review`, { method: 'POST', body });
      if (result && result.event) openEventCard(result.event);
    });
    const actions = el('div', { class: 'review-actions' },
      el('button', { type: 'button', class: 'review-confirm', text: 'Confirm', onclick: act('confirm') }),
      el('button', { type: 'button', class: 'review-reject', text: 'Reject', onclick: act('reject') }),
      el('button', { type: 'button', class: 'review-add-note', text: 'Add note', onclick: act('note') }));
    whoAmI().then((who) => {
      if (who.scope === 'read') {
        note.hidden = true;
        actions.hidden = true;
      }
    }).catch(() => {});
    return el('section', { class: 'review' },
      el('h3', { text: 'Review' }),
      el('p', {},
        el('span', { class: `badge review-${token(status)}`, text: status }),
        fields ? el('span', { class: 'muted', text: ` · set or confirmed by a person: ${fields}` }) : null,
        review && review.org ? el('span', { class: 'muted', text: ` · ${review.org}` }) : null),
      note,
      actions);
  }

  /** Shows a story event ({event, sources, reports}) in the aside card. */
  function openEventCard(story) {
    const ev = (story && story.event) || {};
    const dl = el('dl', { class: 'facts' });
    fact(dl, 'Type', [ev.type, ev.sub_type, ev.category].filter(Boolean).join(' · '), 'type');
    fact(dl, 'Mode', ev.mode, 'mode');
    fact(dl, 'Context', ev.context, 'context');
    fact(dl, 'Modality', ev.modality ? el('span', { class: `badge modality-${token(ev.modality)}`, text: ev.modality }) : '', 'modality');
    fact(dl, 'Historical', ev.historical === undefined ? '' : ev.historical ? 'yes' : 'no', 'historical');
    fact(dl, 'Date', ev.date ? `${fmtDate(ev.date)}${ev.date.precision ? ` (${ev.date.precision})` : ''}` : '', 'date');
    fact(dl, 'Place', fmtPlace(ev.location), 'place');
    fact(dl, 'Actors → targets', `${actorNames(ev.actor) || '?'} → ${actorNames(ev.target) || '?'}`, 'actors');
    fact(dl, 'Fatalities', fmtCount(ev.fatalities), 'fatalities');
    fact(dl, 'Injured', fmtCount(ev.injured), 'injured');
    fact(dl, 'Claimed by', ev.source_of_claim ? actorNames([ev.source_of_claim]) : '', 'claim');
    fact(dl, 'Confidence', Number.isFinite(ev.confidence) ? ev.confidence.toFixed(2) : '', 'confidence');
    openCard(
      el('h2', { id: 'event-card-title', text: ev.type || 'Event' }),
      dl,
      el('h3', { text: 'Evidence' }),
      el('blockquote', { class: 'evidence', text: (ev.evidence && ev.evidence.text) || '' }),
      el('h3', { text: 'Sources' }),
      sourcesList(story || {}),
      ev.id ? reviewSection(story) : null,
    );
    $('event-card').setAttribute('data-id', ev.id || '');
  }

  /** Several events at one spot: a list to choose from. */
  function openEventList(stories) {
    const list = el('ul', { class: 'event-choices' });
    for (const story of stories) {
      const ev = story.event || {};
      list.appendChild(el('li', {},
        el('button', {
          type: 'button', class: 'link-button',
          text: [ev.type, fmtDate(ev.date), fmtPlace(ev.location)].filter(Boolean).join(' · '),
          onclick: () => openEventCard(story),
        })));
    }
    openCard(el('h2', { id: 'event-card-title', text: `${stories.length} events here` }), list);
  }

  // ------------------------------------------------------------ events table

  const eventsState = { offset: 0, total: 0, version: -1 };

  async function loadEventsPage() {
    const isLatest = ticket('events');
    const version = filtersVersion;
    const data = await api('/api/events' + query({ ...filterParams(), limit: EVENTS_PAGE, offset: eventsState.offset }));
    if (!isLatest()) return;
    const items = itemsOf(data);
    eventsState.total = data && Number.isFinite(data.total) ? data.total : items.length;
    eventsState.version = version;

    const body = clear($('events-body'));
    for (const story of items) {
      const ev = (story && story.event) || {};
      const loc = ev.location || {};
      const row = el('tr', {
        class: 'event-row', tabindex: 0, 'data-id': ev.id,
        onclick: () => openEventCard(story),
        onkeydown: (e) => { if (e.key === 'Enter') openEventCard(story); },
      },
      el('td', { class: 'nowrap', text: fmtDate(ev.date) }),
      el('td', { text: ev.type || '' }),
      el('td', {}, el('span', { class: `badge modality-${token(ev.modality)}`, text: ev.modality || '' })),
      el('td', { text: loc.name || '' }),
      el('td', { text: loc.country || '' }),
      el('td', { text: actorNames(ev.actor) }),
      el('td', { text: actorNames(ev.target) }),
      el('td', { class: 'num', text: fmtCount(ev.fatalities) }),
      el('td', { class: 'num', text: Array.isArray(story.sources) ? story.sources.length : 0 }));
      body.appendChild(row);
    }
    if (!items.length) body.appendChild(el('tr', {}, el('td', { colspan: 9, class: 'empty', text: 'No events match the filters.' })));

    const first = items.length ? eventsState.offset + 1 : 0;
    $('events-page-info').textContent = `${first}–${eventsState.offset + items.length} of ${eventsState.total}`;
    $('events-prev').disabled = eventsState.offset === 0;
    $('events-next').disabled = eventsState.offset + items.length >= eventsState.total;
  }

  async function showEvents() {
    if (eventsState.version !== filtersVersion) eventsState.offset = 0;
    await loadEventsPage();
  }

  function setupEvents() {
    $('events-prev').addEventListener('click', guard(async () => {
      eventsState.offset = Math.max(0, eventsState.offset - EVENTS_PAGE);
      await loadEventsPage();
    }));
    $('events-next').addEventListener('click', guard(async () => {
      eventsState.offset += EVENTS_PAGE;
      await loadEventsPage();
    }));
  }

  // ---------------------------------------------------------------- timeline

  function drawTimeline(data) {
    const svg = clear($('timeline-chart'));
    const W = 960;
    const H = 280;
    const M = { left: 44, right: 12, top: 14, bottom: 34 };
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    const days = (data && Array.isArray(data.days) ? data.days : []).filter((d) => d && typeof d.date === 'string');
    const alerts = data && Array.isArray(data.alerts) ? data.alerts : [];
    const counts = days.map((d) => (Number.isFinite(d.count) ? d.count : 0));
    const max = Math.max(1, ...counts);
    const plotW = W - M.left - M.right;
    const plotH = H - M.top - M.bottom;
    const step = plotW / Math.max(1, days.length);
    const yOf = (v) => M.top + plotH - (v / max) * plotH;

    // Horizontal grid lines with their values.
    const ticks = [...new Set([0, Math.round(max / 2), max])];
    for (const t of ticks) {
      svg.appendChild(svgEl('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: num(yOf(t)), y2: num(yOf(t)) }));
      svg.appendChild(svgEl('text', { class: 'axis-label', x: M.left - 6, y: num(yOf(t)), 'text-anchor': 'end', 'dominant-baseline': 'central', text: t }));
    }
    // One bar per day, and a date label every few days.
    const labelEvery = Math.max(1, Math.ceil(days.length / 8));
    days.forEach((day, i) => {
      const x = M.left + i * step;
      const c = counts[i];
      svg.appendChild(svgEl('rect', {
        class: 'timeline-bar', x: num(x + step * 0.1), width: num(Math.max(1, step * 0.8)),
        y: num(yOf(c)), height: num(M.top + plotH - yOf(c)), 'data-date': day.date, 'data-count': c,
      }, svgEl('title', { text: `${day.date}: ${c} event${c === 1 ? '' : 's'}` })));
      if (i % labelEvery === 0) {
        svg.appendChild(svgEl('text', { class: 'axis-label', x: num(x + step / 2), y: H - M.bottom + 16, 'text-anchor': 'middle', text: day.date }));
      }
    });
    svg.appendChild(svgEl('line', { class: 'axis', x1: M.left, x2: W - M.right, y1: M.top + plotH, y2: M.top + plotH }));

    // Alerts: a marker on the day of the alert's latest event (`date`), else
    // on the day it was raised; those outside the range are only listed.
    const index = new Map(days.map((d, i) => [d.date.slice(0, 10), i]));
    const list = clear($('timeline-alerts'));
    for (const alert of alerts) {
      if (!alert) continue;
      const dayOf = (v) => String(v || '').slice(0, 10);
      const i = index.has(dayOf(alert.date)) ? index.get(dayOf(alert.date)) : index.get(dayOf(alert.created_at));
      if (i !== undefined) {
        const x = M.left + (i + 0.5) * step;
        svg.appendChild(svgEl('g', { class: 'alert-marker', 'data-id': alert.id },
          svgEl('title', { text: alert.title || `Alert ${alert.id}` }),
          svgEl('line', { x1: num(x), x2: num(x), y1: M.top, y2: M.top + plotH }),
          svgEl('path', { d: `M${num(x - 5)} ${M.top - 2}L${num(x + 5)} ${M.top - 2}L${num(x)} ${M.top + 7}Z` })));
      }
      list.appendChild(el('li', { class: 'timeline-alert', 'data-id': alert.id },
        el('span', { class: 'muted', text: `${alert.date || fmtTime(alert.created_at)} · ` }),
        alert.title || `Alert ${alert.id}`,
        alert.status ? el('span', { class: `badge alert-status status-${token(alert.status)}`, text: alert.status }) : null));
    }
    if (!alerts.length) list.appendChild(el('li', { class: 'muted', text: 'No alerts.' }));
    const total = counts.reduce((s, c) => s + c, 0);
    $('timeline-summary').textContent = `${total} events over ${days.length} days`;
  }

  async function loadTimeline() {
    const zone = $('timeline-zone').value;
    if (!zone) return;
    const isLatest = ticket('timeline');
    const days = $('timeline-days').value || 90;
    const data = await api('/api/timeline' + query({ zone, days }));
    if (isLatest()) drawTimeline(data);
  }

  async function showTimeline(params) {
    const zones = await loadZones();
    const select = $('timeline-zone');
    const wanted = params.get('zone');
    if (wanted && zones.some((z) => z.id === wanted)) select.value = wanted;
    if (!select.value && zones.length) select.value = zones[0].id;
    if (!zones.length) {
      $('timeline-summary').textContent = 'No zones are defined.';
      return;
    }
    await loadTimeline();
  }

  function setupTimeline() {
    $('timeline-zone').addEventListener('change', guard(loadTimeline));
    $('timeline-days').addEventListener('change', guard(loadTimeline));
  }

  // ------------------------------------------------------------------ alerts

  // Alerts acted on since the panel was opened stay in view (with their new
  // status) even when they no longer match the status shown.
  const acted = new Map();

  function analystName() {
    return $('analyst-name').value.trim() || 'analyst';
  }

  /** An explanation event: strings or objects, shown defensively. */
  function explanationEvent(ev) {
    const evidence = ev.evidence && typeof ev.evidence === 'object' ? ev.evidence.text : ev.evidence;
    const sources = el('ul', { class: 'sources' });
    for (const s of Array.isArray(ev.sources) ? ev.sources : []) {
      if (s && typeof s === 'object') {
        const label = s.source || s.name || s.article_id || s.url || '';
        sources.appendChild(el('li', { class: 'source' }, s.article_id ? articleLink(s.article_id, label) : s.url ? externalLink(s.url, label) : label));
      } else {
        sources.appendChild(el('li', { class: 'source', text: fmtValue(s) }));
      }
    }
    const articles = (Array.isArray(ev.article_ids) ? ev.article_ids : [ev.article_id]).filter(Boolean);
    return el('li', { class: 'alert-event', 'data-id': ev.id },
      el('div', { class: 'alert-event-head' },
        el('strong', { text: ev.type || 'Event' }),
        [ev.modality, fmtDate(ev.date), fmtPlace(ev.place)].filter(Boolean).map((t) => ` · ${t}`).join('')),
      ev.why ? el('div', { class: 'alert-event-why muted', text: ev.why }) : null,
      evidence ? el('blockquote', { class: 'evidence', text: evidence }) : null,
      sources.childNodes.length ? sources : null,
      articles.length
        ? el('div', { class: 'alert-event-articles' }, 'Articles: ', articles.map((id, i) => [i ? ', ' : '', articleLink(id, String(i + 1))]))
        : null);
  }

  function renderAlert(alert, recent) {
    const status = alert.status || 'new';
    const explanation = alert.explanation || {};
    const figures = explanation.figures && typeof explanation.figures === 'object' ? Object.entries(explanation.figures) : [];
    const events = Array.isArray(explanation.events) ? explanation.events : [];
    const ruleKind = alert.rule && typeof alert.rule === 'object' ? alert.rule.kind : alert.rule;
    const watchlist = alert.watchlist && typeof alert.watchlist === 'object' ? alert.watchlist.name || alert.watchlist.id : alert.watchlist;
    const watchlistName = fmtValue(watchlist || alert.watchlist_id || '?');

    const ackButton = el('button', {
      type: 'button', class: 'ack-button', text: 'Acknowledge', disabled: status !== 'new',
      onclick: guard(() => alertAction(alert, 'acknowledge')),
    });
    const closeButton = el('button', {
      type: 'button', class: 'close-button secondary', text: 'Close', disabled: status === 'closed',
      onclick: guard(() => alertAction(alert, 'close')),
    });

    return el('article', {
      class: `alert-item status-${token(status)}${recent ? ' alert-item-recent' : ''}`,
      'data-id': alert.id, 'data-status': status,
    },
    el('header', { class: 'alert-head' },
      el('h3', { class: 'alert-title', text: alert.title || `Alert ${alert.id}` }),
      el('span', { class: `badge alert-status status-${token(status)}`, text: status })),
    el('p', { class: 'alert-meta muted' },
      el('span', { class: 'alert-watchlist', text: `Watchlist: ${watchlistName}` }), ' · ',
      el('span', { class: 'alert-rule', title: describeRule(alert.rule), text: `Rule: ${ruleKind || '?'}` }), ' · ',
      el('span', { class: 'alert-created', text: `Raised ${fmtTime(alert.created_at)}` })),
    alert.acknowledged_by || alert.acknowledged_at
      ? el('p', { class: 'alert-ack', text: `Acknowledged by ${alert.acknowledged_by || '?'} at ${fmtTime(alert.acknowledged_at) || '?'}` })
      : null,
    alert.closed_by || alert.closed_at
      ? el('p', { class: 'alert-closed', text: `Closed by ${alert.closed_by || '?'} at ${fmtTime(alert.closed_at) || '?'}` })
      : null,
    el('div', { class: 'alert-explanation' },
      explanation.summary ? el('p', { class: 'alert-summary', text: explanation.summary }) : null,
      figures.length
        ? el('dl', { class: 'alert-figures' }, figures.map(([key, value]) => [el('dt', { text: key }), el('dd', { text: fmtValue(value) })]))
        : null,
      events.length ? el('ol', { class: 'alert-events' }, events.filter(Boolean).map(explanationEvent)) : null),
    el('div', { class: 'alert-actions' }, ackButton, closeButton));
  }

  async function loadAlerts() {
    const isLatest = ticket('alerts');
    const status = $('alert-status').value || 'new';
    const data = await api('/api/alerts' + query({ status }));
    if (!isLatest()) return;
    const items = itemsOf(data);
    const shown = new Set(items.map((a) => String(a.id)));
    const kept = [...acted.values()].filter((a) => !shown.has(String(a.id)));

    const list = clear($('alerts-list'));
    for (const alert of kept) list.appendChild(renderAlert(alert, true));
    for (const alert of items) list.appendChild(renderAlert(alert, acted.has(String(alert.id))));
    if (!items.length && !kept.length) list.appendChild(el('p', { class: 'empty', text: `No ${status === 'all' ? '' : status + ' '}alerts.` }));
    const total = data && Number.isFinite(data.total) ? data.total : items.length;
    $('alerts-count').textContent = `${total} alert${total === 1 ? '' : 's'}`;
  }

  /** POSTs acknowledge/close, remembers the updated alert, refreshes the list. */
  async function alertAction(alert, action) {
    const by = analystName();
    const result = await api(`/api/alerts/${encodeURIComponent(alert.id)}/${action}`, { method: 'POST', body: { by } });
    // Use the alert the server sends back, if it sends one; else update ours.
    const returned = result && typeof result === 'object' ? (result.alert || result) : null;
    let updated;
    if (returned && String(returned.id) === String(alert.id) && returned.status) {
      updated = returned;
    } else {
      const now = new Date().toISOString();
      updated = action === 'acknowledge'
        ? { ...alert, status: 'acknowledged', acknowledged_by: by, acknowledged_at: now }
        : { ...alert, status: 'closed', closed_by: by, closed_at: now };
    }
    acted.set(String(alert.id), updated);
    await loadAlerts();
  }

  async function showAlerts() {
    acted.clear();
    await loadAlerts();
  }

  function setupAlerts() {
    const name = $('analyst-name');
    try {
      name.value = localStorage.getItem(ANALYST_KEY) || 'analyst';
    } catch (_) { /* storage disabled: keep the default */ }
    name.addEventListener('input', () => {
      try {
        localStorage.setItem(ANALYST_KEY, analystName());
      } catch (_) { /* ignore */ }
    });
    $('alert-status').addEventListener('change', guard(() => {
      acted.clear();
      return loadAlerts();
    }));
    $('alerts-refresh').addEventListener('click', guard(loadAlerts));
  }

  // -------------------------------------------------------------- watchlists

  const splitList = (text) => text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);

  function addRuleRow(rule) {
    const r = rule && typeof rule === 'object' ? rule : { kind: 'match' };
    const kind = el('select', { class: 'rule-kind', 'aria-label': 'Rule kind' },
      Object.keys(RULE_FIELDS).map((k) => el('option', { value: k, text: k })));
    kind.value = RULE_FIELDS[r.kind] ? r.kind : 'match';
    const labels = {};
    const inputs = {};
    for (const field of Object.keys(RULE_DEFAULTS)) {
      const value = Number.isFinite(r[field]) ? r[field] : RULE_DEFAULTS[field];
      inputs[field] = el('input', {
        type: 'number', class: `rule-${field.replace(/_/g, '-')}`, 'data-field': field,
        min: 0, step: field === 'p_value' ? 'any' : 1, value,
      });
      labels[field] = el('label', { class: 'rule-field' }, field.replace(/_/g, ' '), inputs[field]);
    }
    const row = el('div', { class: 'rule-row' }, kind, Object.values(labels),
      el('button', { type: 'button', class: 'rule-remove secondary', text: 'Remove', onclick: () => row.remove() }));
    const showFields = () => {
      for (const [field, label] of Object.entries(labels)) label.hidden = !RULE_FIELDS[kind.value].includes(field);
    };
    kind.addEventListener('change', showFields);
    showFields();
    $('watchlist-rules').appendChild(row);
  }

  function readRule(row) {
    const kind = row.querySelector('.rule-kind').value;
    const rule = { kind };
    for (const field of RULE_FIELDS[kind] || []) {
      const raw = row.querySelector(`[data-field="${field}"]`).value;
      const value = field === 'p_value' ? parseFloat(raw) : parseInt(raw, 10);
      if (!Number.isFinite(value)) throw new Error(`Rule ${kind}: ${field.replace(/_/g, ' ')} must be a number`);
      rule[field] = value;
    }
    return rule;
  }

  // The watchlist being edited, so that a PUT keeps the fields the form
  // does not show (notify, ...).
  let editing = null;

  function fillWatchlistForm(w) {
    editing = w || null;
    const list = (v) => (Array.isArray(v) ? v.join(', ') : '');
    $('watchlist-id').value = w && w.id !== undefined ? String(w.id) : '';
    $('watchlist-name').value = (w && w.name) || '';
    $('watchlist-zones').value = list(w && w.zones);
    $('watchlist-countries').value = list(w && w.countries);
    $('watchlist-actors').value = list(w && w.actors);
    $('watchlist-types').value = list(w && w.types);
    $('watchlist-modalities').value = list(w && w.modalities);
    $('watchlist-historical').checked = Boolean(w && w.include_historical);
    $('watchlist-border-km').value = w && Number.isFinite(w.border_km) ? w.border_km : 50;
    clear($('watchlist-rules'));
    const rules = w && Array.isArray(w.rules) && w.rules.length ? w.rules : w ? [] : [{ kind: 'match' }];
    rules.forEach(addRuleRow);
    $('watchlist-form-title').textContent = w ? `Edit watchlist: ${w.name || w.id}` : 'New watchlist';
    $('watchlist-delete').hidden = !w;
  }

  function readWatchlistForm() {
    const name = $('watchlist-name').value.trim();
    if (!name) throw new Error('A watchlist needs a name.');
    const borderKm = parseFloat($('watchlist-border-km').value);
    return {
      ...(editing || {}),
      name,
      include_historical: $('watchlist-historical').checked,
      border_km: Number.isFinite(borderKm) ? borderKm : 50,
      zones: splitList($('watchlist-zones').value),
      countries: splitList($('watchlist-countries').value).map((c) => c.toUpperCase()),
      actors: splitList($('watchlist-actors').value),
      types: splitList($('watchlist-types').value).map((t) => t.toUpperCase()),
      modalities: splitList($('watchlist-modalities').value).map((m) => m.toLowerCase()),
      rules: [...$('watchlist-rules').querySelectorAll('.rule-row')].map(readRule),
    };
  }

  function renderWatchlist(w) {
    const criteria = [['Zones', w.zones], ['Countries', w.countries], ['Actors', w.actors], ['Types', w.types], ['Modalities', w.modalities]]
      .filter(([, v]) => Array.isArray(v) && v.length)
      .map(([label, v]) => `${label}: ${v.join(', ')}`);
    if (w.include_historical) criteria.push('with historical events');
    return el('li', { class: 'watchlist-item', 'data-id': w.id },
      el('div', { class: 'watchlist-head' },
        el('strong', { class: 'watchlist-name', text: w.name || w.id }),
        el('span', { class: 'watchlist-buttons' },
          el('button', { type: 'button', class: 'edit-watchlist secondary', text: 'Edit', onclick: () => fillWatchlistForm(w) }),
          el('button', { type: 'button', class: 'delete-watchlist danger', text: 'Delete', onclick: guard(() => deleteWatchlist(w.id)) }))),
      el('p', { class: 'watchlist-criteria muted', text: criteria.length ? criteria.join(' · ') : 'Every event' }),
      el('ul', { class: 'watchlist-rules' },
        (Array.isArray(w.rules) ? w.rules : []).map((r) => el('li', { class: 'watchlist-rule', text: describeRule(r) }))));
  }

  async function loadWatchlists() {
    const isLatest = ticket('watchlists');
    const data = await api('/api/watchlists');
    if (!isLatest()) return;
    const items = itemsOf(data);
    const list = clear($('watchlist-list'));
    for (const w of items) if (w) list.appendChild(renderWatchlist(w));
    if (!items.length) list.appendChild(el('li', { class: 'empty', text: 'No watchlists yet.' }));
  }

  async function deleteWatchlist(id) {
    await api(`/api/watchlists/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if ($('watchlist-id').value === String(id)) fillWatchlistForm(null);
    $('watchlist-message').textContent = 'Deleted.';
    await loadWatchlists();
  }

  async function saveWatchlist() {
    const body = readWatchlistForm();
    const id = $('watchlist-id').value;
    // POST without an id: the server makes one from the name.
    const result = id
      ? await api(`/api/watchlists/${encodeURIComponent(id)}`, { method: 'PUT', body: { ...body, id } })
      : await api('/api/watchlists', { method: 'POST', body });
    const saved = (result && result.watchlist) || result || body;
    const fresh = result && Number.isFinite(result.new_alerts) ? ` ${result.new_alerts} new alert(s).` : '';
    $('watchlist-message').textContent = `Saved ${saved.name || body.name}.${fresh}`;
    fillWatchlistForm(null);
    await loadWatchlists();
  }

  async function showWatchlists() {
    loadZones().catch(() => {}); // only for the zone suggestions
    await loadWatchlists();
  }

  function setupWatchlists() {
    $('watchlist-form').addEventListener('submit', (e) => {
      e.preventDefault();
      $('watchlist-message').textContent = '';
      guard(saveWatchlist)();
    });
    $('add-rule').addEventListener('click', () => addRuleRow({ kind: 'match' }));
    $('watchlist-new').addEventListener('click', () => {
      $('watchlist-message').textContent = '';
      fillWatchlistForm(null);
    });
    $('watchlist-delete').addEventListener('click', guard(() => deleteWatchlist($('watchlist-id').value)));
    fillWatchlistForm(null);
  }

  // ------------------------------------------------------------------ search

  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8');

  /**
   * The snippet with its highlights in <mark>s. `ranges` are BYTE offsets
   * into the snippet's UTF-8: we slice the encoded bytes and decode each
   * piece. An offset that falls inside a multi-byte character is moved to
   * the character's edge; overlapping ranges keep the first.
   */
  function highlightBytes(text, ranges) {
    const frag = document.createDocumentFragment();
    const bytes = encoder.encode(String(text || ''));
    const n = bytes.length;
    // UTF-8 continuation bytes look like 10xxxxxx.
    const snap = (i, forward) => {
      let j = Math.max(0, Math.min(n, Math.trunc(i)));
      while (j > 0 && j < n && (bytes[j] & 0xc0) === 0x80) j += forward ? 1 : -1;
      return j;
    };
    const spans = (Array.isArray(ranges) ? ranges : [])
      .filter((r) => Array.isArray(r) && Number.isFinite(r[0]) && Number.isFinite(r[1]))
      .map(([s, e]) => [snap(s, false), snap(e, true)])
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let pos = 0;
    for (const [s, e] of spans) {
      if (s < pos) continue;
      if (s > pos) frag.appendChild(document.createTextNode(decoder.decode(bytes.subarray(pos, s))));
      frag.appendChild(el('mark', { text: decoder.decode(bytes.subarray(s, e)) }));
      pos = e;
    }
    if (pos < n) frag.appendChild(document.createTextNode(decoder.decode(bytes.subarray(pos))));
    return frag;
  }

  function renderHit(hit) {
    const isArticle = hit.kind === 'article';
    const title = hit.title || (isArticle ? hit.id : hit.event_type) || hit.id;
    const meta = [
      hit.date,
      hit.event_type,
      Number.isFinite(hit.score) && hit.score > 0 ? `score ${hit.score.toFixed(2)}` : '',
      hit.story_id ? `story ${hit.story_id}` : '',
    ].filter(Boolean).join(' · ');
    return el('li', { class: `search-hit hit-${token(hit.kind)}`, 'data-kind': hit.kind, 'data-id': hit.id },
      el('div', { class: 'hit-head' },
        el('span', { class: 'badge hit-kind', text: hit.kind || '?' }),
        isArticle ? articleLink(hit.id, title) : el('strong', { class: 'hit-title', text: title })),
      el('p', { class: 'hit-meta muted' }, meta, hit.url ? [meta ? ' · ' : '', externalLink(hit.url, 'original')] : null),
      el('p', { class: 'snippet' }, highlightBytes(hit.snippet, hit.highlights)));
  }

  function searchHash(q, offset) {
    const scope = $('search-scope').value;
    const sort = $('search-sort').value;
    return '#/search' + query({
      q, scope: scope === 'all' ? '' : scope, sort: sort === 'relevance' ? '' : sort, offset: offset || '',
    });
  }

  async function showSearch(params) {
    const q = params.get('q') || '';
    const scope = ['all', 'articles', 'events'].includes(params.get('scope')) ? params.get('scope') : 'all';
    const sort = params.get('sort') === 'newest' ? 'newest' : 'relevance';
    const offset = Math.max(0, parseInt(params.get('offset'), 10) || 0);
    $('search-input').value = q;
    $('search-scope').value = scope;
    $('search-sort').value = sort;
    const results = clear($('search-results'));
    const note = $('search-note');
    note.hidden = true;
    if (!q.trim()) {
      $('search-total').textContent = 'Type a query in the search box.';
      $('search-prev').disabled = true;
      $('search-next').disabled = true;
      return;
    }
    const isLatest = ticket('search');
    $('search-total').textContent = 'Searching…';
    const data = await api('/api/search' + query({ q, scope, sort, limit: SEARCH_PAGE, offset, ...filterParams() }));
    if (!isLatest()) return;
    const hits = data && Array.isArray(data.hits) ? data.hits : [];
    const total = data && Number.isFinite(data.total) ? data.total : hits.length;
    for (const hit of hits) if (hit) results.appendChild(renderHit(hit));
    if (!hits.length) results.appendChild(el('li', { class: 'empty', text: 'Nothing found.' }));
    $('search-total').textContent = hits.length
      ? `${offset + 1}–${offset + hits.length} of ${total} results`
      : `${total} results`;
    if (data && data.note) {
      note.textContent = data.note;
      note.hidden = false;
    }
    $('search-prev').disabled = offset === 0;
    $('search-next').disabled = offset + hits.length >= total;
  }

  function setupSearch() {
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      navigate(searchHash($('search-input').value.trim(), 0));
    });
    const current = () => parseHash().params;
    for (const id of ['search-scope', 'search-sort']) {
      $(id).addEventListener('change', () => navigate(searchHash(current().get('q') || $('search-input').value.trim(), 0)));
    }
    const page = (delta) => () => {
      const params = current();
      const offset = Math.max(0, (parseInt(params.get('offset'), 10) || 0) + delta);
      navigate(searchHash(params.get('q') || '', offset));
    };
    $('search-prev').addEventListener('click', page(-SEARCH_PAGE));
    $('search-next').addEventListener('click', page(SEARCH_PAGE));
  }

  // ----------------------------------------------------------------- article

  /**
   * The article text with mentions and evidence sentences in <mark>s.
   * Offsets count Unicode code points, so the text is split with
   * Array.from (which iterates by code point), not indexed as UTF-16.
   * Evidence spans come first; a mention inside one is nested in it; a
   * span that overlaps an earlier one in any other way is dropped.
   */
  function highlightArticle(text, mentions, events, onEvidence) {
    const chars = Array.from(String(text || ''));
    const n = chars.length;
    const valid = (s, e) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= n && s < e;
    const overlaps = (a, b) => a.s < b.e && b.s < a.e;
    const slice = (s, e) => chars.slice(s, e).join('');

    // 1. Evidence sentences; events sharing a sentence share its mark.
    const evidence = [];
    const candidates = (Array.isArray(events) ? events : [])
      .filter((ev) => ev && ev.evidence && valid(ev.evidence.start, ev.evidence.end))
      .map((ev) => ({ s: ev.evidence.start, e: ev.evidence.end, events: [ev], inner: [] }))
      .sort((a, b) => a.s - b.s || b.e - a.e);
    for (const c of candidates) {
      const same = evidence.find((x) => x.s === c.s && x.e === c.e);
      if (same) same.events.push(...c.events);
      else if (!evidence.some((x) => overlaps(x, c))) evidence.push(c);
    }

    // 2. Mentions: nested in the evidence span that holds them, or on their own.
    const accepted = [];
    const top = evidence.map((x) => ({ s: x.s, e: x.e, evidence: x }));
    const sorted = (Array.isArray(mentions) ? mentions : [])
      .filter((m) => m && valid(m.start, m.end))
      .map((m) => ({ s: m.start, e: m.end, mention: m }))
      .sort((a, b) => a.s - b.s || b.e - a.e);
    for (const m of sorted) {
      if (accepted.some((x) => overlaps(x, m))) continue;
      const host = evidence.find((x) => x.s <= m.s && m.e <= x.e);
      if (!host && evidence.some((x) => overlaps(x, m))) continue; // straddles a sentence edge
      accepted.push(m);
      (host ? host.inner : top).push(m);
    }
    top.sort((a, b) => a.s - b.s);

    const mentionMark = (m) => el('mark', {
      class: `mention mention-${token(m.mention.kind)}`,
      title: m.mention.name || m.mention.text || slice(m.s, m.e),
      'data-id': m.mention.id,
    }, slice(m.s, m.e));

    // 3. Build the nodes.
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const item of top) {
      if (item.s > pos) frag.appendChild(document.createTextNode(slice(pos, item.s)));
      if (item.mention) {
        frag.appendChild(mentionMark(item));
      } else {
        const x = item.evidence;
        const mark = el('mark', {
          class: 'evidence',
          title: x.events.map((ev) => [ev.type, ev.modality].filter(Boolean).join(' ')).join('; '),
          'data-event-id': x.events[0].id,
          onclick: () => onEvidence(x.events[0]),
        });
        let p = x.s;
        for (const m of x.inner.sort((a, b) => a.s - b.s)) {
          if (m.s > p) mark.appendChild(document.createTextNode(slice(p, m.s)));
          mark.appendChild(mentionMark(m));
          p = m.e;
        }
        if (p < x.e) mark.appendChild(document.createTextNode(slice(p, x.e)));
        frag.appendChild(mark);
      }
      pos = item.e;
    }
    if (pos < n) frag.appendChild(document.createTextNode(slice(pos, n)));
    return frag;
  }

  async function showArticle(id) {
    const isLatest = ticket('article');
    $('article-title').textContent = 'Loading…';
    clear($('article-meta'));
    clear($('article-text'));
    clear($('article-events'));
    const data = await api(`/api/articles/${encodeURIComponent(id)}`);
    if (!isLatest()) return;
    const article = (data && data.article) || {};
    const events = data && Array.isArray(data.events) ? data.events : [];
    const published = fmtDate(article.published);

    // An article's own events, as story events for the card.
    const asStory = (ev) => ({
      event: ev,
      sources: article.source ? [article.source] : [],
      reports: [{ article_id: ev.article_id || article.id || id, source: article.source, published }],
    });

    $('article-title').textContent = article.title || '(untitled)';
    append($('article-meta'), [
      el('span', { id: 'article-source' }, article.url ? externalLink(article.url, article.source || article.url) : article.source || 'unknown source'),
      published ? el('span', { id: 'article-date', text: ` · ${published}` }) : null,
      article.language ? el('span', { text: ` · ${article.language}` }) : null,
      data && data.story_id ? el('span', { text: ` · story ${data.story_id}` }) : null,
    ]);
    $('article-text').appendChild(highlightArticle(article.text, data && data.mentions, events, (ev) => openEventCard(asStory(ev))));

    const list = $('article-events');
    for (const ev of events) {
      if (!ev) continue;
      list.appendChild(el('li', { class: 'article-event', 'data-id': ev.id },
        el('button', {
          type: 'button', class: 'link-button',
          text: [ev.type, ev.modality, fmtDate(ev.date), fmtPlace(ev.location)].filter(Boolean).join(' · '),
          onclick: () => openEventCard(asStory(ev)),
        }),
        el('blockquote', { class: 'evidence', text: (ev.evidence && ev.evidence.text) || '' })));
    }
    if (!events.length) list.appendChild(el('li', { class: 'muted', text: 'No events coded in this article.' }));
  }

  // ------------------------------------------------------------------ router

  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch (_) {
      return text;
    }
  }

  /** "#/search?q=x" → {name: 'search', params}; "#/article/ID" → {name: 'article', id}. */
  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, '');
    const qi = hash.indexOf('?');
    const path = qi >= 0 ? hash.slice(0, qi) : hash;
    const params = new URLSearchParams(qi >= 0 ? hash.slice(qi + 1) : '');
    const slash = path.indexOf('/');
    const name = slash >= 0 ? path.slice(0, slash) : path;
    if (name === 'article') {
      const id = slash >= 0 ? safeDecode(path.slice(slash + 1)) : '';
      return id ? { name, id, params } : { name: 'map', params };
    }
    return { name: PANELS.includes(name) ? name : 'map', params };
  }

  /** Goes to a hash; when it is already the current one, routes again (hashchange would not fire). */
  function navigate(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  }

  function showPanel(name) {
    for (const panel of PANELS) $(`panel-${panel}`).hidden = panel !== name;
    for (const tab of document.querySelectorAll('#tabs .tab')) {
      const active = tab.id === `tab-${name}`;
      tab.classList.toggle('active', active);
      if (active) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    }
    $('filters').hidden = !FILTERED_PANELS.has(name);
  }

  let currentPanel = null;

  function route() {
    const r = parseHash();
    clearError();
    if (r.name !== currentPanel) closeCard();
    currentPanel = r.name;
    showPanel(r.name);
    const panels = {
      map: showMap,
      timeline: showTimeline,
      events: showEvents,
      alerts: showAlerts,
      watchlists: showWatchlists,
      sources: showSources,
      partners: loadImported,
      search: showSearch,
      article: () => showArticle(r.id),
    };
    guard(panels[r.name])(r.params);
  }

  // --------------------------------------------------- what partners brought

  /** One imported object in a line: a MISP event's title and events, a STIX report's name and type. */
  function importedWhat(item) {
    const o = item.object || {};
    const mapped = item.mapped;
    if (mapped && typeof mapped === 'object') {
      const events = Array.isArray(mapped.events) ? mapped.events : [];
      const kinds = events.map((e) => [e.type, e.place && e.place.name].filter(Boolean).join(' in ')).filter(Boolean);
      const notes = Array.isArray(mapped.notes) ? mapped.notes.length : 0;
      return [mapped.title || '', kinds.length ? `: ${kinds.join('; ')}` : '', notes ? ` (${notes} note${notes === 1 ? '' : 's'})` : ''].join('');
    }
    return [o.name || o.id || '', o.description ? `: ${o.description}` : ''].join('');
  }

  function renderImported(item) {
    const o = item.object || {};
    const mapped = item.mapped || {};
    const tlp = String(item.tlp || '');
    return el('tr', {},
      el('td', { text: item.partner_name || item.partner || '' }),
      el('td', {}, el('span', { class: `badge tlp-${token(tlp)}`, text: `TLP:${tlp.toUpperCase()}` })),
      el('td', { text: item.kind || o.type || '' }),
      el('td', { text: importedWhat(item) }),
      el('td', { text: String(mapped.date || o.modified || o.created || '').slice(0, 16).replace('T', ' ') }));
  }

  async function loadImported() {
    const isLatest = ticket('partners');
    const data = await api('/api/imported?limit=200');
    if (!isLatest()) return;
    const items = itemsOf(data);
    const rows = clear($('partners-rows'));
    for (const item of items) if (item) rows.appendChild(renderImported(item));
    const total = data && Number.isFinite(data.total) ? data.total : items.length;
    $('partners-count').textContent = `${total} object(s) from partners`;
    if (!items.length) rows.appendChild(el('tr', {}, el('td', { colspan: '5', class: 'empty', text: 'Nothing from partners yet: beacon partners add, then beacon partners pull (or beacon partners import-misp).' })));
  }

  // ----------------------------------------------------------------- sources

  /** "en, fa" as ["en", "fa"]: lower-case words, empty ones dropped. */
  function words(value) {
    return String(value || '').split(',').map((w) => w.trim()).filter(Boolean);
  }

  function sourceState(item) {
    const h = item.health || {};
    if (item.state === 'failing' && h.failing_since) return `failing since ${String(h.failing_since).slice(0, 16).replace('T', ' ')}`;
    return item.state || '';
  }

  function renderSource(item) {
    const s = item.source || {};
    const h = item.health || {};
    const toggle = el('button', { type: 'button', class: 'secondary', text: s.paused ? 'Resume' : 'Pause' });
    toggle.addEventListener('click', guard(async () => {
      await api(`/api/sources/${encodeURIComponent(s.id)}`, { method: 'PUT', body: { ...s, paused: !s.paused } });
      await loadSources();
    }));
    return el('tr', { class: `source-${item.state === 'failing' ? 'failing' : 'ok'}` },
      el('td', {}, externalLink(s.url, s.name || s.id)),
      el('td', { text: s.kind || '' }),
      el('td', { text: (s.languages || []).join(', ') }),
      el('td', { text: s.country || '' }),
      el('td', { text: sourceState(item) }),
      el('td', { text: h.last_success ? String(h.last_success).slice(0, 16).replace('T', ' ') : 'never' }),
      el('td', { text: String(h.new_articles || 0) }),
      el('td', { class: 'muted', text: h.last_error || '' }),
      el('td', {}, toggle));
  }

  async function loadSources() {
    const isLatest = ticket('sources');
    const data = await api('/api/sources');
    if (!isLatest()) return;
    const items = itemsOf(data);
    const rows = clear($('sources-rows'));
    for (const item of items) if (item) rows.appendChild(renderSource(item));
    const failing = items.filter((i) => i && i.state === 'failing').length;
    $('sources-count').textContent = `${items.length} source(s), ${failing} failing`;
    if (!items.length) rows.appendChild(el('tr', {}, el('td', { colspan: '9', class: 'empty', text: 'No sources yet: add one below, or run beacon sources import.' })));
  }

  async function saveSource() {
    const body = {
      name: $('source-name').value.trim(),
      url: $('source-url').value.trim(),
      kind: $('source-kind').value,
      languages: words($('source-languages').value).map((w) => w.toLowerCase()),
      tags: words($('source-tags').value),
    };
    const country = $('source-country').value.trim();
    if (country) body.country = country.toUpperCase();
    const result = await api('/api/sources', { method: 'POST', body });
    $('source-message').textContent = `Added ${(result && result.source && result.source.id) || body.name}.`;
    $('source-form').reset();
    await loadSources();
  }

  async function showSources() {
    await loadSources();
  }

  function setupSources() {
    $('sources-refresh').addEventListener('click', guard(loadSources));
    $('partners-refresh').addEventListener('click', guard(loadImported));
    $('source-form').addEventListener('submit', (e) => {
      e.preventDefault();
      $('source-message').textContent = '';
      guard(saveSource)();
    });
  }

  // ------------------------------------------------------------------- start

  function start() {
    setupFilters();
    setupMap();
    setupEvents();
    setupTimeline();
    setupAlerts();
    setupWatchlists();
    setupSources();
    setupSearch();
    $('event-card-close').addEventListener('click', closeCard);
    $('error-banner').addEventListener('click', clearError);
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') closeCard();
    });
    window.addEventListener('hashchange', route);
    // Zones fill the selects early; errors are reported by the panel that needs them.
    loadZones().catch(() => {});
    route();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
