// The page: loads the replays, picks the WebGL view (or the 2D fallback), runs the timeline
// (play/pause, speed, scrubber shared by all replays), draws the plots and exposes
// window.viewerState for tests. URL options: ?frame=N ?play=0|1 ?speed=S ?renderer=2d
// ?muscles=a,b,c ?selftest=1 (runs the browser self-test and writes its result into #viewer-state).
import { loadAll, frameAt } from './data.js';
import { drawPlot, frameAtClick, PALETTE } from './plots.js';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = { ready: false, time: 0, playing: false, speed: 1, renderer: null, error: null, frames: [] };
window.viewerState = state;

async function makeView(canvas, replays) {
  if (params.get('renderer') !== '2d') {
    try {
      const three = await import('./view3d.js');
      if (three.webglAvailable()) return three.createView(canvas, replays);
      console.warn('WebGL unavailable: using the 2D view');
    } catch (e) {
      console.warn('three.js view failed, using the 2D view:', e);
    }
  }
  return (await import('./view2d.js')).createView(canvas, replays);
}

async function start() {
  const t0 = performance.now();
  const replays = await loadAll();
  if (!replays.length) throw new Error('no replays to show');
  const loadMs = performance.now() - t0;
  const view = await makeView($('view'), replays);
  state.renderer = view.kind;

  // the timeline runs at the highest fps among the replays and lasts as long as the longest
  const fps = Math.max(...replays.map(r => r.fps));
  const duration = Math.max(...replays.map(r => (r.frames - 1) / r.fps));
  const scrub = $('scrub');
  scrub.max = Math.round(duration * fps);
  $('labels').innerHTML = '';
  for (const r of replays) {
    const d = document.createElement('div');
    d.textContent = `${r.label} · ${r.model}`;
    $('labels').append(d);
  }

  // plot controls: which replay, which muscles (2–4)
  const pick = $('plot-replay');
  replays.forEach((r, i) => pick.add(new Option(`${i + 1}: ${r.label}`, i)));
  pick.style.display = replays.length > 1 ? '' : 'none';
  const muscleSelects = [];
  function fillMuscleSelects() {
    const r = replays[+pick.value || 0];
    const names = r.muscles.filter(m => m.hasActivation).map(m => m.name);
    const wanted = (params.get('muscles') || '').split(',').filter(n => names.includes(n));
    const defaults = wanted.length ? wanted : defaultMuscles(r);
    $('muscle-picks').innerHTML = '';
    muscleSelects.length = 0;
    for (let s = 0; s < 4; s++) {
      const sel = document.createElement('select');
      sel.add(new Option('—', ''));
      for (const n of names) sel.add(new Option(n, n));
      sel.value = defaults[s] || '';
      sel.style.borderLeft = `4px solid ${PALETTE[s]}`;
      sel.onchange = () => redraw();
      $('muscle-picks').append(sel);
      muscleSelects.push(sel);
    }
  }
  pick.onchange = () => { fillMuscleSelects(); redraw(); };
  fillMuscleSelects();

  function frames() {
    return replays.map(r => frameAt(r, state.time));
  }

  function drawPlots(fr) {
    const i = +pick.value || 0, r = replays[i], f = fr[i];
    const rw = r.arrays.rewards;
    drawPlot($('plot-rewards'), {
      frames: r.frames, fps: r.fps, cursor: f,
      series: r.rewardNames.map((name, k) => ({ name, color: PALETTE[k % PALETTE.length], value: t => rw.data[t * rw.cols + k] })),
    });
    const act = r.arrays.act;
    const series = [];
    muscleSelects.forEach((sel, s) => {
      const k = r.muscles.findIndex(m => m.name === sel.value);
      if (k >= 0) series.push({ name: sel.value, color: PALETTE[s], value: t => act.data[t * act.cols + k] });
    });
    drawPlot($('plot-act'), { frames: r.frames, fps: r.fps, cursor: f, series });
  }

  function redraw() {
    const fr = frames();
    state.frames = fr;
    view.render(fr);
    drawPlots(fr);
    scrub.value = Math.round(state.time * fps);
    $('time').textContent = `${state.time.toFixed(2)} s · frame ${fr[0]}`;
  }

  // timeline
  // animation frames drive playback; a timer stands in where the browser gives none (headless)
  let last = null, pending = 0;
  function schedule() {
    const token = ++pending;
    const run = () => { if (token === pending) { pending++; tick(performance.now()); } };
    requestAnimationFrame(run);
    setTimeout(run, 40);
  }
  function tick(now) {
    if (!state.playing) { last = null; return; }
    if (last !== null) {
      state.time += ((now - last) / 1000) * state.speed;
      if (state.time > duration) state.time = 0;
    }
    last = now;
    redraw();
    schedule();
  }
  function setPlaying(p) {
    const was = state.playing;
    state.playing = p;
    $('play').textContent = p ? '❚❚' : '▶';
    if (p && !was) { last = null; schedule(); }
  }
  function seekFrame(n) {
    state.time = Math.max(0, Math.min(duration, n / fps));
    redraw();
  }
  $('play').onclick = () => setPlaying(!state.playing);
  scrub.oninput = () => seekFrame(+scrub.value);
  $('speed').onchange = e => (state.speed = +e.target.value);
  const toggles = () => view.setVisible({ ghost: $('show-ghost').checked, muscles: $('show-muscles').checked,
    bones: $('show-bones').checked, skin: $('show-skin').checked });
  for (const id of ['show-ghost', 'show-muscles', 'show-bones', 'show-skin']) $(id).onchange = () => { toggles(); redraw(); };
  $('follow').onchange = e => { view.setFollow(e.target.checked); redraw(); };
  for (const id of ['plot-rewards', 'plot-act']) {
    $(id).onclick = e => {
      const r = replays[+pick.value || 0];
      seekFrame(Math.round(frameAtClick($(id), e.clientX, r.frames) / r.fps * fps));
    };
  }
  document.addEventListener('keydown', e => {
    if (e.target.tagName === 'SELECT') return;
    if (e.code === 'Space') { e.preventDefault(); setPlaying(!state.playing); }
    if (e.code === 'ArrowRight') seekFrame(+scrub.value + 1);
    if (e.code === 'ArrowLeft') seekFrame(+scrub.value - 1);
  });
  window.addEventListener('resize', () => { view.resize(); redraw(); });
  // re-render while the orbit is dragged (cheap enough to do on every pointer move)
  $('view').addEventListener('pointermove', e => { if (e.buttons && !state.playing) redraw(); });
  $('view').addEventListener('wheel', () => { if (!state.playing) requestAnimationFrame(redraw); });

  state.speed = +(params.get('speed') || 1);
  $('speed').value = String(state.speed);
  seekFrame(+(params.get('frame') || 0));
  const bytes = replays.reduce((s, r) => s + r.bytes, 0);
  $('status').textContent = `${replays.length} rollout${replays.length > 1 ? 's' : ''} · ${duration.toFixed(2)} s · `
    + `${(bytes / 1e6).toFixed(1)} MB loaded in ${loadMs.toFixed(0)} ms · ${view.kind === 'webgl' ? 'WebGL' : '2D fallback'}`;
  Object.assign(state, {
    ready: true, fps, duration, loadMs, replayCount: replays.length,
    checksum: () => view.checksum(),
    pixels: () => view.pixels(),
    rootPosition: i => Array.from(replays[i].arrays.poses.data.subarray(
      state.frames[i] * replays[i].arrays.poses.cols + 7 * replays[i].rootBody,
      state.frames[i] * replays[i].arrays.poses.cols + 7 * replays[i].rootBody + 3)),
    play: () => setPlaying(true), pause: () => setPlaying(false), seekFrame,
  });
  if (params.get('play') === '1') setPlaying(true);
  if (params.get('selftest') === '1') selfTest();
}

// the muscles the activation plot starts with: the four most active on average
function defaultMuscles(r) {
  const act = r.arrays.act;
  return r.muscles.map((m, k) => {
    let s = 0;
    for (let f = 0; f < r.frames; f++) { const a = act.data[f * act.cols + k]; if (a >= 0) s += a; }
    return [m.hasActivation ? s : -1, m.name];
  }).sort((a, b) => b[0] - a[0]).slice(0, 4).map(x => x[1]);
}

const sleep = ms => new Promise(res => setTimeout(res, ms));

// Browser self-test: the picture is not empty and shows the body and the ghost, playing
// changes it, the scrubber moves the body. The result goes into #viewer-state as JSON (read
// with chromium --dump-dom); shares are fractions of pixels that differ between two pictures.
async function selfTest() {
  const out = { renderer: state.renderer, loadMs: state.loadMs };
  const setShown = (ids, on) => ids.forEach(id => { $(id).checked = on; $(id).dispatchEvent(new Event('change')); });
  const all = ['show-ghost', 'show-muscles', 'show-bones', 'show-skin'];
  try {
    state.pause();
    state.seekFrame(0);
    const first = state.pixels();
    out.first = state.checksum();
    out.rootFirst = state.rootPosition(0);
    setShown(all, false);
    const empty = state.pixels();
    setShown(['show-ghost'], true);
    out.ghostShare = share(state.pixels(), empty);
    setShown(['show-ghost'], false);
    setShown(['show-muscles'], true);
    out.muscleShare = share(state.pixels(), empty);
    setShown(all, true);
    out.bodyShare = share(first, empty);

    $('play').click();
    const start = state.time;
    for (let i = 0; i < 60 && state.time - start < 0.3; i++) await sleep(50);
    $('play').click();
    out.playedSeconds = state.time - start;
    out.playShare = share(state.pixels(), first);

    const before = state.pixels(), rootBefore = state.rootPosition(0);
    const scrub = $('scrub');
    scrub.value = String(Math.round(scrub.max * 0.6));
    scrub.dispatchEvent(new Event('input'));
    out.scrubbedTo = +scrub.value;
    out.frameAfterScrub = state.frames[0];
    out.scrubShare = share(state.pixels(), before);
    out.rootScrubbed = state.rootPosition(0);
    out.rootMoved = Math.hypot(...out.rootScrubbed.map((v, k) => v - rootBefore[k]));
  } catch (e) {
    out.error = String(e && e.stack || e);
  }
  $('viewer-state').textContent = JSON.stringify(out);
  document.title = 'selftest done';
}

function share(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 24) n++;
  }
  return n / (a.length / 4);
}

start().catch(e => {
  state.error = String(e && e.message || e);
  $('status').textContent = `error: ${state.error}`;
  $('viewer-state').textContent = JSON.stringify({ error: state.error });
});
