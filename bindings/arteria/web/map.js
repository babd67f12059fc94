// The network map of the `arteria view` page (see view.js): decoding the network, the view
// transform, colours, drawing on the canvas and picking the link under a click.

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

// Vehicles leaving link l per hour in bin b of a run's series, NaN where the run lacks it.
function flowVph(run, b, l) {
  const count = run.flow[b * net.count + l];
  return count === FLOW_NONE ? NaN : count * 3600 / data.bin_s;
}

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

// Water and parks filled, rivers, coastline and railways as lines, under the links
// (map_drawing's CONTEXT_STYLE); the features' names are left to the PNG maps. An area with
// several rings (an OSM multipolygon) sets them apart by a NaN point; its holes are wound the
// other way, so the non-zero fill leaves them empty.
function drawContext() {
  if (!context) return;
  for (const kind of ['water', 'park', 'waterway', 'coast', 'rail']) {
    const style = data.context.styles[kind], path = new Path2D();
    const area = style.fill !== 'none';
    let any = false;
    data.context.kind.forEach((k, f) => {
      if (k !== kind) return;
      any = true;
      let ringStart = true;
      for (let p = context.offsets[f]; p < context.offsets[f + 1]; p++) {
        if (Number.isNaN(context.x[p])) {
          if (area) path.closePath();
          ringStart = true;
          continue;
        }
        const sx = view.tx + context.x[p] * view.k, sy = view.ty - context.y[p] * view.k;
        if (ringStart)
          path.moveTo(sx, sy);
        else
          path.lineTo(sx, sy);
        ringStart = false;
      }
      if (area) path.closePath();
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
