// The page of `arteria view`: its data, state and controls, and the start. The run's data is
// the JSON block web_view.py writes (typed arrays deflated and base64 coded; the browser's
// DecompressionStream inflates them). map.js draws the network, panels.js the legend, the KPI
// table and a clicked link's series; web_view.py inlines the three, in that order, in one
// function scope. Plain canvas code, no library. window.arteriaView exposes the state for tests.

const data = JSON.parse(document.getElementById('arteria-data').textContent);
const SPEED_CODES_PER_FREE_SPEED = 200;  // web_view.SPEED_CODES_PER_FREE_SPEED
const SPEED_NONE = 255;                  // web_view.SPEED_NONE: no vehicle left the link in the bin
const FLOW_NONE = 65535;                 // web_view.FLOW_NONE: the run has no such link or bin
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
  select.parentElement.hidden = !series;  // nothing to colour by in a transit-only run
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

// After the whole script ran: map.js and panels.js declare what start() uses.
document.addEventListener('DOMContentLoaded', () => start().catch((error) => {
  api.error = String(error);
  const notice = document.getElementById('notice');
  notice.hidden = false;
  notice.textContent = `This page could not be drawn: ${error}`;
  console.error(error);
}));
