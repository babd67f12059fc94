// The panels of the `arteria view` page (see view.js): the legend, the KPI table, and the
// clicked link's facts and series chart.

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
  notes.push(`drag to pan, wheel to zoom, click a link for its ${series ? 'series' : 'figures'}`);
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
  const lacking = 'grey: a bin or link the run (or the base) does not have';
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
      ['red: at capacity, green: light', lacking]
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
    ['red: higher (worse), blue: lower', scaleNote, lacking]
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
