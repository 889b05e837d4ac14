// Time-series plots on a 2D canvas: several named series, a time axis, a legend and a cursor
// at the current frame. Clicking a plot seeks to that time.

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/**
 * series: [{name, color, value(f)}] over frames 0..frames-1 at fps; cursor: current frame.
 */
export function drawPlot(canvas, { series, frames, fps, cursor, yLabel }) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const pad = { l: 44, r: 10, t: 22, b: 20 };
  const pw = w - pad.l - pad.r, ph = h - pad.t - pad.b;
  if (pw < 20 || ph < 20) return;
  g.font = '11px system-ui, sans-serif';
  if (!series.length || frames < 1) {
    g.fillStyle = '#6b7687'; g.fillText('nothing to plot', pad.l + 8, pad.t + 16);
    return;
  }

  // y range over all finite values, padded
  let lo = Infinity, hi = -Infinity;
  for (const s of series) for (let f = 0; f < frames; f++) {
    const v = s.value(f); if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  const m = 0.06 * (hi - lo); lo -= m; hi += m;
  const x = f => pad.l + (frames > 1 ? f / (frames - 1) : 0) * pw;
  const y = v => pad.t + (1 - (v - lo) / (hi - lo)) * ph;

  // axes and ticks
  g.strokeStyle = '#d7dde6'; g.fillStyle = '#6b7687'; g.lineWidth = 1;
  for (const v of niceTicks(lo, hi, 4)) {
    g.beginPath(); g.moveTo(pad.l, y(v)); g.lineTo(pad.l + pw, y(v)); g.stroke();
    g.fillText(fmt(v), 4, y(v) + 4);
  }
  const dur = (frames - 1) / fps;
  for (const t of niceTicks(0, dur, 6)) {
    const px = x(t * fps);
    g.fillText(`${fmt(t)} s`, px - 8, h - 5);
    g.beginPath(); g.moveTo(px, pad.t + ph); g.lineTo(px, pad.t + ph + 4); g.stroke();
  }
  g.strokeStyle = '#9aa4b2'; g.strokeRect(pad.l, pad.t, pw, ph);

  // series
  g.lineWidth = 1.6;
  for (const s of series) {
    g.strokeStyle = s.color; g.beginPath();
    let pen = false;
    for (let f = 0; f < frames; f++) {
      const v = s.value(f);
      if (!Number.isFinite(v)) { pen = false; continue; }
      pen ? g.lineTo(x(f), y(v)) : g.moveTo(x(f), y(v)); pen = true;
    }
    g.stroke();
  }

  // legend along the top, with the value at the cursor
  let lx = pad.l;
  for (const s of series) {
    const v = s.value(cursor);
    const text = `${s.name} ${Number.isFinite(v) ? fmt(v) : '–'}`;
    g.fillStyle = s.color; g.fillRect(lx, 8, 10, 3);
    g.fillStyle = '#1d2430'; g.fillText(text, lx + 13, 14);
    lx += g.measureText(text).width + 26;
  }

  // cursor
  g.strokeStyle = '#111'; g.lineWidth = 1.2; g.setLineDash([4, 3]);
  g.beginPath(); g.moveTo(x(cursor), pad.t); g.lineTo(x(cursor), pad.t + ph); g.stroke();
  g.setLineDash([]);
  if (yLabel) { g.fillStyle = '#6b7687'; g.fillText(yLabel, pad.l + pw - g.measureText(yLabel).width - 4, pad.t + ph - 6); }
}

/** Frame under a click at clientX on a plot of `frames` frames. */
export function frameAtClick(canvas, clientX, frames) {
  const rect = canvas.getBoundingClientRect();
  const pw = rect.width - 44 - 10;
  const u = (clientX - rect.left - 44) / pw;
  return Math.max(0, Math.min(frames - 1, Math.round(u * (frames - 1))));
}

function niceTicks(lo, hi, n) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(k => k * mag).find(s => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) out.push(Math.abs(v) < 1e-12 ? 0 : v);
  return out;
}

function fmt(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
}
