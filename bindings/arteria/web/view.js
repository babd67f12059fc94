// The page of `arteria view`: draws the run's network on a canvas, coloured per time bin, and
// shows the KPI table and a clicked link's series. Its data is the JSON block web_view.py
// writes (typed arrays deflated and base64 coded; the browser's DecompressionStream inflates
// them). Plain canvas code, no library. window.arteriaView exposes the state for tests.
'use strict';

(function() {
const data = JSON.parse(document.getElementById('arteria-data').textContent);
const SPEED_CODES_PER_FREE_SPEED = 200;  // web_view.SPEED_CODES_PER_FREE_SPEED
const SPEED_NONE = 255;                  // web_view.SPEED_NONE: no vehicle left the link in the bin
const ID_SEPARATOR = '\x1f';             // web_view.ID_SEPARATOR
const CLICK_TOLERANCE_PX = 8;            // a click this close to a link selects it
const DRAG_THRESHOLD_PX = 4;             // a press that moves further pans instead of clicking
const TYPES = {
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  float32: Float32Array
};

const MODES = {
  speed: 'speed / free speed',
  flow: 'volume / capacity',
  speed_change: 'change in speed',
  flow_change: 'change in flow',
};

const api = {
  ready: false,
  error: null,
  draws: 0
};
window.arteriaView = api;

async function inflate(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function unpack(packed) {
  const bytes = await inflate(packed.data);
  return new TYPES[packed.dtype](bytes.buffer, bytes.byteOffset, packed.length);
}

// ---- the network: geometry in quantised units (web_view.COORDINATE_STEPS), y north ----

async function loadNetwork(network) {
  const net = {count: network.count, step_m: network.step_m};
  for (const name
           of ['x', 'y', 'offsets', 'two_way', 'width_px', 'lanes', 'length_m', 'free_speed_kmh',
               'capacity_vph']) {
    net[name] = await unpack(network[name]);
  }
  // Coordinates come as differences from the point before (web_view._deltas), modulo 2^16.
  for (const axis of [net.x, net.y]) {
    for (let p = 1; p < axis.length; p++) axis[p] += axis[p - 1];
  }
  const ids = new TextDecoder().decode(await inflate(network.ids));
  net.ids = network.count ? ids.split(ID_SEPARATOR) : [];
  net.index = new Map(net.ids.map((id, i) => [id, i]));
  precompute(net);
  return net;
}

// Per point the unit normal to the right of travel (the mean of the segments it joins, as
// map_drawing.offset_right), per link its polyline length and bounding box: two-way links
// are drawn shifted by a few pixels along these normals, at any zoom.
function precompute(net) {
  const points = net.x.length;
  net.nx = new Float32Array(points);
  net.ny = new Float32Array(points);
  net.lengthQ = new Float32Array(net.count);
  net.box = new Float32Array(net.count * 4);
  for (let l = 0; l < net.count; l++) {
    const first = net.offsets[l], last = net.offsets[l + 1];
    let length = 0;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let p = first; p < last; p++) {
      x0 = Math.min(x0, net.x[p]);
      x1 = Math.max(x1, net.x[p]);
      y0 = Math.min(y0, net.y[p]);
      y1 = Math.max(y1, net.y[p]);
      if (p + 1 < last) {
        const dx = net.x[p + 1] - net.x[p], dy = net.y[p + 1] - net.y[p];
        const d = Math.hypot(dx, dy) || 1;
        length += Math.hypot(dx, dy);
        // Right of (dx, dy) with y north is (dy, -dx); both ends of the segment take half.
        const share = (p === first ? 1 : 0.5);
        net.nx[p] += share * dy / d;
        net.ny[p] += share * -dx / d;
        const next = (p + 1 === last - 1 ? 1 : 0.5);
        net.nx[p + 1] += next * dy / d;
        net.ny[p + 1] += next * -dx / d;
      }
    }
    net.lengthQ[l] = length;
    net.box.set([x0, y0, x1, y1], l * 4);
  }
}

// ---- view: screen x = tx + qx * k, screen y = ty - qy * k (CSS pixels) ----

const canvas = document.getElementById('map');
const ctx = canvas.getContext('2d');
const view = {
  k: 1,
  tx: 0,
  ty: 0,
  fitK: 1
};
let net = null, series = null, context = null;
const state = {
  mode: null,
  bin: data.start_bin,
  selected: -1
};

function fit() {
  const width = canvas.clientWidth, height = canvas.clientHeight;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let p = 0; p < net.x.length; p++) {
    x0 = Math.min(x0, net.x[p]);
    x1 = Math.max(x1, net.x[p]);
    y0 = Math.min(y0, net.y[p]);
    y1 = Math.max(y1, net.y[p]);
  }
  if (!(x1 >= x0)) {
    x0 = y0 = 0;
    x1 = y1 = 1;
  }
  const margin = 20;
  view.k = Math.min(
      (width - 2 * margin) / Math.max(x1 - x0, 1), (height - 2 * margin) / Math.max(y1 - y0, 1));
  view.fitK = view.k;
  view.tx = width / 2 - view.k * (x0 + x1) / 2;
  view.ty = height / 2 + view.k * (y0 + y1) / 2;
}

// Line width of link l in pixels: its width on the PNG maps, growing (up to 4 times) as
// one zooms in, so a street seen close up is not a hairline.
function widthPx(l) {
  return net.width_px[l] * Math.min(4, Math.max(1, Math.sqrt(view.k / view.fitK)));
}

// The shift of a two-way link to its own side of the street, in pixels: half its width
// and a gap, at most a fifth of its drawn length (as map_drawing.draw_link_map).
function shiftPx(l) {
  if (!net.two_way[l]) return 0;
  return Math.min(widthPx(l) / 2 + 0.4, 0.2 * net.lengthQ[l] * view.k);
}

function tracePath(path, l) {
  const shift = shiftPx(l);
  for (let p = net.offsets[l]; p < net.offsets[l + 1]; p++) {
    const sx = view.tx + net.x[p] * view.k + shift * net.nx[p];
    const sy = view.ty - net.y[p] * view.k - shift * net.ny[p];
    if (p === net.offsets[l])
      path.moveTo(sx, sy);
    else
      path.lineTo(sx, sy);
  }
}

function visible(l, width, height, pad) {
  const b = l * 4;
  return !(
      view.tx + net.box[b + 2] * view.k < -pad || view.tx + net.box[b] * view.k > width + pad ||
      view.ty - net.box[b + 1] * view.k < -pad || view.ty - net.box[b + 3] * view.k > height + pad);
}

// ---- colours ----

// Speed (km/h) of link l in bin b of a run's series, NaN where no vehicle left it.
function speedKmh(run, b, l) {
  const code = run.speed[b * net.count + l];
  return code === SPEED_NONE ? NaN : code / SPEED_CODES_PER_FREE_SPEED * net.free_speed_kmh[l];
}

function flowVph(run, b, l) { return run.flow[b * net.count + l] * 3600 / data.bin_s; }

// The value a mode colours link l by in bin b, on the palette's scale [0, 1]; NaN: no value.
function scaled(mode, b, l) {
  const variant = series.variant, base = series.base;
  if (mode === 'speed') {
    const code = variant.speed[b * net.count + l];
    return code === SPEED_NONE ? NaN : code / SPEED_CODES_PER_FREE_SPEED;
  }
  if (mode === 'flow') {
    const capacity = net.capacity_vph[l];
    return capacity > 0 ? flowVph(variant, b, l) / capacity : NaN;
  }
  if (mode === 'speed_change') {
    const change = speedKmh(variant, b, l) - speedKmh(base, b, l);
    return 0.5 + 0.5 * change / data.change_limits.speed_kmh;
  }
  const change = flowVph(variant, b, l) - flowVph(base, b, l);
  return 0.5 + 0.5 * change / data.change_limits.flow_vph;
}

// Red is worse: slow speeds, busy links, lower speeds and more vehicles than the base.
function palette(mode) {
  if (mode === 'speed') return data.palettes.speed;
  if (mode === 'flow') return data.palettes.flow;
  if (mode === 'speed_change') return data.palettes.change;
  return data.palettes.change.slice().reverse();
}

// ---- drawing ----

let pending = false;
function requestDraw() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    draw();
  });
}

function draw() {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'round';
  drawContext();
  const colours = series ? palette(state.mode) : null;
  // One path per colour and width: a city's 100 k links are a few hundred strokes.
  const groups = new Map();
  const missing = new Path2D();
  for (let l = 0; l < net.count; l++) {
    if (!visible(l, width, height, 10)) continue;
    const value = series ? scaled(state.mode, state.bin, l) : NaN;
    if (Number.isNaN(value)) {
      tracePath(missing, l);
      continue;
    }
    const colour =
        Math.max(0, Math.min(colours.length - 1, Math.round(value * (colours.length - 1))));
    const key = colour * 64 + Math.min(63, Math.round(widthPx(l) * 4));
    if (!groups.has(key)) groups.set(key, new Path2D());
    tracePath(groups.get(key), l);
  }
  ctx.strokeStyle = series ? data.missing_colour : '#8a8a8a';
  ctx.lineWidth = series ? 1 : 1.5;
  ctx.stroke(missing);
  for (const [key, path] of groups) {
    ctx.strokeStyle = colours[Math.floor(key / 64)];
    ctx.lineWidth = (key % 64) / 4;
    ctx.stroke(path);
  }
  drawClosed(width, height);
  drawSelected();
  drawScaleBar(height);
  api.draws += 1;
}

// Water and parks filled, rivers and railways as lines, under the links (map_drawing's
// CONTEXT_STYLE); the features' names are left to the PNG maps.
function drawContext() {
  if (!context) return;
  for (const kind of ['water', 'park', 'waterway', 'rail']) {
    const style = data.context.styles[kind], path = new Path2D();
    let any = false;
    data.context.kind.forEach((k, f) => {
      if (k !== kind) return;
      any = true;
      for (let p = context.offsets[f]; p < context.offsets[f + 1]; p++) {
        const sx = view.tx + context.x[p] * view.k, sy = view.ty - context.y[p] * view.k;
        if (p === context.offsets[f])
          path.moveTo(sx, sy);
        else
          path.lineTo(sx, sy);
      }
      if (style.fill !== 'none') path.closePath();
    });
    if (!any) continue;
    if (style.fill !== 'none') {
      ctx.fillStyle = style.fill;
      ctx.fill(path);
    }
    if (style.stroke !== 'none') {
      ctx.strokeStyle = style.stroke;
      ctx.lineWidth = style.width_px;
      ctx.setLineDash(style.dashed ? [6, 3] : []);
      ctx.stroke(path);
      ctx.setLineDash([]);
    }
  }
}

// Links closed at the end of the bin: dashes over a white casing (map_drawing.CLOSED_STYLE).
function drawClosed(width, height) {
  const closed = data.closed[state.bin] || [];
  if (!closed.length) return;
  const path = new Path2D();
  for (const l of closed)
    if (visible(l, width, height, 10)) tracePath(path, l);
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 6;
  ctx.setLineDash([]);
  ctx.stroke(path);
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = 4;
  ctx.setLineDash([5, 3]);
  ctx.stroke(path);
  ctx.setLineDash([]);
}

function drawSelected() {
  if (state.selected < 0) return;
  const path = new Path2D();
  tracePath(path, state.selected);
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = widthPx(state.selected) + 4;
  ctx.stroke(path);
  ctx.strokeStyle = '#ffe14d';
  ctx.lineWidth = widthPx(state.selected) + 1;
  ctx.stroke(path);
}

// A scale bar of 1, 2 or 5 times a power of ten, about a fifth of the map's width
// (map_drawing.nice_length).
function drawScaleBar(height) {
  const metresPerPx = net.step_m / view.k;
  const target = canvas.clientWidth / 5 * metresPerPx;
  const power = Math.pow(10, Math.floor(Math.log10(target)));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= target) || power;
  const px = metres / metresPerPx;
  const left = 14, bottom = height - 14;
  ctx.fillStyle = 'rgba(255,255,255,0.8)';
  ctx.fillRect(left - 4, bottom - 22, px + 8, 26);
  ctx.fillStyle = '#000000';
  ctx.fillRect(left, bottom - 4, px, 4);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, left + px / 2, bottom - 8);
}

// ---- picking: the link whose drawn line passes nearest a point (CSS pixels) ----

function linkAt(x, y) {
  let best = -1, bestDistance = CLICK_TOLERANCE_PX;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  for (let l = 0; l < net.count; l++) {
    if (!visible(l, width, height, 0)) continue;
    const b = l * 4;
    if (x < view.tx + net.box[b] * view.k - bestDistance - 10 ||
        x > view.tx + net.box[b + 2] * view.k + bestDistance + 10 ||
        y > view.ty - net.box[b + 1] * view.k + bestDistance + 10 ||
        y < view.ty - net.box[b + 3] * view.k - bestDistance - 10)
      continue;
    const distance = distanceToLink(l, x, y);
    if (distance < bestDistance) {
      best = l;
      bestDistance = distance;
    }
  }
  return best;
}

function screenPoints(l) {
  const shift = shiftPx(l), points = [];
  for (let p = net.offsets[l]; p < net.offsets[l + 1]; p++) {
    points.push([
      view.tx + net.x[p] * view.k + shift * net.nx[p],
      view.ty - net.y[p] * view.k - shift * net.ny[p]
    ]);
  }
  return points;
}

function distanceToLink(l, x, y) {
  const points = screenPoints(l);
  let nearest = Infinity;
  for (let i = 0; i + 1 < points.length; i++) {
    const [ax, ay] = points[i], [bx, by] = points[i + 1];
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
    nearest = Math.min(nearest, Math.hypot(ax + t * dx - x, ay + t * dy - y));
  }
  return nearest;
}

// Where link `id` is drawn on screen (the middle of its drawn line), for tests and links.
api.linkScreenPoint = function(id) {
  const l = net ? net.index.get(id) : undefined;
  if (l === undefined) return null;
  const points = screenPoints(l);
  const box = canvas.getBoundingClientRect();
  let half = 0, total = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    total += Math.hypot(points[i + 1][0] - points[i][0], points[i + 1][1] - points[i][1]);
  }
  for (let i = 0; i + 1 < points.length; i++) {
    const [ax, ay] = points[i], [bx, by] = points[i + 1];
    const step = Math.hypot(bx - ax, by - ay);
    if (half + step >= total / 2) {
      const t = step ? (total / 2 - half) / step : 0;
      return {x: box.left + ax + t * (bx - ax), y: box.top + ay + t * (by - ay)};
    }
    half += step;
  }
  return {x: box.left + points[0][0], y: box.top + points[0][1]};
};

// ---- controls ----

function binLabel(b) {
  const next = b + 1 < data.bin_labels.length ? data.bin_labels[b + 1] : data.end_label;
  return `${data.bin_labels[b]}–${next}`;
}

function setBin(b) {
  state.bin = b;
  document.getElementById('bin-label').textContent = data.bin_labels.length ? binLabel(b) : '';
  showLink();
  requestDraw();
}

function setupControls() {
  const select = document.getElementById('mode');
  const modes = series ?
      (series.base ? ['speed_change', 'flow_change', 'speed', 'flow'] : ['speed', 'flow']) :
      [];
  for (const mode of modes) {
    const option = document.createElement('option');
    option.value = mode;
    option.textContent =
        MODES[mode] + (series.base && !mode.endsWith('change') ? ' (variant)' : '');
    select.appendChild(option);
  }
  state.mode = modes[0] || null;
  select.disabled = !series;
  select.addEventListener('change', () => {
    state.mode = select.value;
    legend();
    requestDraw();
  });
  const slider = document.getElementById('bin');
  slider.max = String(Math.max(0, data.bin_labels.length - 1));
  slider.value = String(state.bin);
  slider.disabled = !series;
  slider.addEventListener('input', () => setBin(Number(slider.value)));
  document.getElementById('fit').addEventListener('click', () => {
    fit();
    requestDraw();
  });
  setupPointer();
  window.addEventListener('resize', requestDraw);
}

function setupPointer() {
  let press = null;
  canvas.addEventListener('pointerdown', (event) => {
    press = {x: event.clientX, y: event.clientY, tx: view.tx, ty: view.ty, moved: false};
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!press) return;
    const dx = event.clientX - press.x, dy = event.clientY - press.y;
    if (!press.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    press.moved = true;
    canvas.classList.add('dragging');
    view.tx = press.tx + dx;
    view.ty = press.ty + dy;
    requestDraw();
  });
  canvas.addEventListener('pointerup', (event) => {
    if (press && !press.moved) {
      const box = canvas.getBoundingClientRect();
      state.selected = linkAt(event.clientX - box.left, event.clientY - box.top);
      showLink();
      requestDraw();
    }
    press = null;
    canvas.classList.remove('dragging');
  });
  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const box = canvas.getBoundingClientRect();
    const x = event.clientX - box.left, y = event.clientY - box.top;
    const factor = Math.exp(-event.deltaY * 0.0015);
    view.tx = x - (x - view.tx) * factor;
    view.ty = y - (y - view.ty) * factor;
    view.k *= factor;
    requestDraw();
  }, {passive: false});
}

// ---- legend ----

function legend() {
  const title = document.getElementById('legend-title');
  const notes = [];
  const ticks = [];
  const bar = document.getElementById('legend-bar');
  const barCtx = bar.getContext('2d');
  barCtx.clearRect(0, 0, bar.width, bar.height);
  if (!series) {
    title.textContent = 'Transit guideways';
    notes.push('no road traffic in this run: nothing to colour by');
    bar.hidden = true;
  } else {
    const colours = palette(state.mode);
    colours.forEach((colour, i) => {
      barCtx.fillStyle = colour;
      barCtx.fillRect(
          Math.floor(i * bar.width / colours.length), 0, Math.ceil(bar.width / colours.length),
          bar.height);
    });
    const [text, tickTexts, modeNotes] = legendText(state.mode);
    title.textContent = text;
    ticks.push(...tickTexts);
    notes.push(...modeNotes);
    if (data.guideways_left_out) {
      notes.push(`${
          data.guideways_left_out.toLocaleString(
              'en')} links cars may not use (transit guideways) are not drawn`);
    }
  }
  if (data.context && data.context.labels.length) {
    notes.push(`underneath, as on the PNG maps: ${data.context.labels.join(', ')}`);
  }
  if (data.closed.some((links) => links.length))
    notes.push('dashed black: closed at the end of the bin');
  notes.push('drag to pan, wheel to zoom, click a link for its series');
  const tickBox = document.getElementById('legend-ticks');
  tickBox.replaceChildren(...ticks.map((text, i) => {
    const span = document.createElement('span');
    span.textContent = text;
    span.style.left = `${100 * i / Math.max(1, ticks.length - 1)}%`;
    return span;
  }));
  document.getElementById('legend-notes').replaceChildren(...notes.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
}

// The legend of a mode: its title, the ticks under the colour bar and notes.
function legendText(mode) {
  const scaleNote = 'colours saturate beyond the scale: the 95th percentile of |change| ' +
      'over every bin and changed link, at least a quarter of the largest (as the PNG maps)';
  if (mode === 'speed') {
    return [
      'mean speed / free speed (1 = free flow)', ['0', '0.5', '1'],
      ['red: slow, green: free flow', 'grey: no vehicle left the link in this bin']
    ];
  }
  if (mode === 'flow') {
    return [
      'vehicles leaving per hour / capacity', ['0', '0.5', '≥ 1'],
      ['red: at capacity, green: light']
    ];
  }
  if (mode === 'speed_change') {
    return [
      'mean speed change, variant − base (km/h)', symmetric(data.change_limits.speed_kmh),
      [
        'red: lower (worse), blue: higher', scaleNote,
        'grey: no vehicle left the link in this bin in one of the runs'
      ]
    ];
  }
  return [
    'vehicles leaving per hour, change, variant − base', symmetric(data.change_limits.flow_vph),
    ['red: higher (worse), blue: lower', scaleNote]
  ];
}

function symmetric(limit) {
  const text = limit >= 100 ? Math.round(limit).toLocaleString('en') : limit.toPrecision(3);
  return [`−${text}`, '0', `+${text}`];
}

// ---- the KPI table and the link panel ----

function cellRow(cells, tag) {
  const row = document.createElement('tr');
  for (const text of cells) {
    const cell = document.createElement(tag);
    cell.textContent = text;
    row.appendChild(cell);
  }
  return row;
}

function kpiTable() {
  const kpis = data.kpis;
  document.getElementById('kpi-table')
      .replaceChildren(
          cellRow(kpis.columns, 'th'), ...kpis.rows.map((cells) => cellRow(cells, 'td')));
  document.getElementById('warnings').replaceChildren(...kpis.warnings.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
}

function number(value, digits) {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en', {maximumFractionDigits: digits});
}

function showLink() {
  const panel = document.getElementById('link-panel');
  const l = state.selected;
  panel.hidden = l < 0;
  api.selectedLinkId = l < 0 ? null : net.ids[l];
  if (l < 0) return;
  document.getElementById('link-id').textContent = net.ids[l];
  const facts = [
    ['length', `${number(net.length_m[l], 0)} m`], ['lanes', number(net.lanes[l], 1)],
    ['free speed', `${number(net.free_speed_kmh[l], 0)} km/h`],
    ['capacity', `${number(net.capacity_vph[l], 0)} veh/h`]
  ];
  if (series && data.bin_labels.length) {
    for (const [label, run] of series.base ? [['base', series.base], ['variant', series.variant]] :
                                             [['', series.variant]]) {
      const when = `${label ? label + ', ' : ''}${binLabel(state.bin)}`;
      facts.push([`speed, ${when}`, `${number(speedKmh(run, state.bin, l), 1)} km/h`]);
      facts.push([`flow, ${when}`, `${number(flowVph(run, state.bin, l), 0)} veh/h`]);
    }
  }
  document.getElementById('link-facts')
      .replaceChildren(...facts.map((cells) => cellRow(cells, 'td')));
  const perBin = 'speed (km/h) and flow (vehicles leaving per hour) per bin';
  document.getElementById('link-note').textContent = !series ?
      'no road series in this run (transit only)' :
      series.base ? `${perBin}: variant solid, base dashed grey` :
                    perBin;
  const chart = document.getElementById('link-series');
  chart.hidden = !series;
  if (series) drawSeries(chart, l);
}

function drawSeries(chart, l) {
  const c = chart.getContext('2d');
  c.clearRect(0, 0, chart.width, chart.height);
  c.fillStyle = '#ffffff';
  c.fillRect(0, 0, chart.width, chart.height);
  const bins = data.bin_labels.length;
  const runs = series.base ? [series.base, series.variant] : [series.variant];
  const panels = [
    ['speed (km/h)', (run, b) => speedKmh(run, b, l), 4],
    ['flow (veh/h)', (run, b) => flowVph(run, b, l), chart.height / 2 + 4],
  ];
  for (const [label, value, top] of panels) {
    const height = chart.height / 2 - 26, left = 40, width = chart.width - left - 8;
    let high = label.startsWith('speed') ? net.free_speed_kmh[l] : 0;
    for (const run of runs)
      for (let b = 0; b < bins; b++) high = Math.max(high, value(run, b) || 0);
    high = high > 0 ? high * 1.05 : 1;
    const x = (b) => left + (bins > 1 ? b / (bins - 1) : 0.5) * width;
    const y = (v) => top + 14 + height * (1 - v / high);
    c.strokeStyle = '#999999';
    c.lineWidth = 1;
    c.setLineDash([]);
    c.strokeRect(left, top + 14, width, height);
    c.fillStyle = '#222222';
    c.font = '11px system-ui, sans-serif';
    c.textAlign = 'left';
    c.fillText(label, left, top + 10);
    c.textAlign = 'right';
    c.fillText(number(high, 0), left - 3, top + 22);
    c.fillText('0', left - 3, top + 14 + height);
    c.textAlign = 'left';
    c.fillText(data.bin_labels[0], left, top + 26 + height);
    c.textAlign = 'right';
    c.fillText(data.bin_labels[bins - 1], left + width, top + 26 + height);
    c.strokeStyle = '#d08000';
    c.beginPath();
    c.moveTo(x(state.bin), top + 14);
    c.lineTo(x(state.bin), top + 14 + height);
    c.stroke();
    runs.forEach((run, k) => {
      const isBase = series.base && k === 0;
      c.strokeStyle = isBase ? '#888888' : '#1f4e8c';
      c.lineWidth = isBase ? 1.5 : 2;
      c.setLineDash(isBase ? [4, 3] : []);
      c.beginPath();
      let drawing = false;
      for (let b = 0; b < bins; b++) {
        const v = value(run, b);
        if (!Number.isFinite(v)) {
          drawing = false;
          continue;
        }
        if (drawing)
          c.lineTo(x(b), y(v));
        else
          c.moveTo(x(b), y(v));
        // A lone bin between gaps still shows, as a dot.
        if (!drawing) c.fillRect(x(b) - 1.5, y(v) - 1.5, 3, 3);
        drawing = true;
      }
      c.stroke();
    });
    c.setLineDash([]);
  }
}

// ---- start ----

async function start() {
  document.getElementById('title').textContent =
      data.base ? `${data.title}: ${data.run} against ${data.base}` : `${data.title}: ${data.run}`;
  document.title = document.getElementById('title').textContent;
  net = await loadNetwork(data.network);
  if (data.context) {
    context = {
      offsets: await unpack(data.context.offsets),
      x: await unpack(data.context.x),
      y: await unpack(data.context.y)
    };
  }
  if (data.series) {
    series = {};
    for (const [run, packed] of Object.entries(data.series)) {
      series[run] = {speed: await unpack(packed.speed), flow: await unpack(packed.flow)};
    }
  }
  if (!data.has_road) {
    const notice = document.getElementById('notice');
    notice.hidden = false;
    notice.textContent = 'This run has no road traffic (transit only): there are no road ' +
        'series to colour by. The map shows the transit guideways.';
  }
  setupControls();
  kpiTable();
  legend();
  fit();
  setBin(state.bin);
  await new Promise(requestAnimationFrame);  // the first picture is drawn
  api.ready = true;
}

start().catch((error) => {
  api.error = String(error);
  const notice = document.getElementById('notice');
  notice.hidden = false;
  notice.textContent = `This page could not be drawn: ${error}`;
  console.error(error);
});
})();
