// The live steering page: fetches the newest frames from the server (packed like a replay scene,
// see LiveSteering.packed), plays them with the replay viewer's 3D view (2D fallback) a few frames
// behind the simulation, shows the command in force and the live numbers, and sends commands from
// the arrow keys and the on-screen compass. window.liveState is for tests; ?renderer=2d forces the
// 2D view; ?selftest=1 runs the browser self-test and writes its result into #viewer-state.
import { loadModel, view as arrayView } from './data.js';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const FPS = 30, MAX_BEHIND = 9, POLL_MS = 30;
const state = { ready: false, halted: false, shown: -1, drawn: 0, newest: -1, restarts: 0, server: null, renderer: null, error: null };
window.liveState = state;

// one packed answer: uint32 header length, JSON header, padding to 4 bytes, then the scene's arrays
function unpack(buf) {
  const len = new DataView(buf).getUint32(0, true);
  const head = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, len)));
  const base = 4 + len + ((4 - ((4 + len) % 4)) % 4);
  if (head.scene) {
    const arrays = {};
    for (const [k, ref] of Object.entries(head.scene.arrays)) arrays[k] = arrayView(ref, buf, base);
    head.scene.arrays = arrays;
  }
  return head;
}

async function fetchFrames(since) {
  const r = await fetch(`/api/live/frames.bin?since=${since}`);
  if (!r.ok) throw new Error(`frames: HTTP ${r.status} ${await r.text()}`);
  return unpack(await r.arrayBuffer());
}

/** Sends one command (e.g. 'direction=90', 'stop', 'nudge=0.1') after the ones before it; resolves to the new state. */
let queue = Promise.resolve(), commandFrame = -1;
function send(command) {
  queue = queue.then(async () => {
    const r = await fetch('/api/live/command', { method: 'POST', body: command,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const text = await r.text();
    if (!r.ok) { notice(text.trim()); return null; }
    const s = JSON.parse(text);
    commandFrame = s.frame;
    showState(s);
    return s;
  }).catch(e => { notice(`command failed: ${e.message}`); return null; });
  return queue;
}

let noticeUntil = 0;
function notice(text, ms = 2500) {
  $('notice').textContent = text;
  noticeUntil = performance.now() + ms;
}

const NAMES = { 0: 'ahead', 45: 'ahead left', 90: 'left', 135: 'back left', 180: 'back', '-135': 'back right',
  '-90': 'right', '-45': 'ahead right' };
function commandText(c) {
  if (c.stop) return 'stop';
  const d = Math.round(c.direction);
  return `walk ${d}°${NAMES[d] ? ` (${NAMES[d]})` : ''} · goal ${c.distance.toFixed(2)} m ahead of it`;
}

function showState(s) {
  const before = state.server;
  state.server = s;
  $('command').textContent = commandText(s.command);
  $('distance').textContent = `${s.command.distance.toFixed(1)} m`;
  for (const b of document.querySelectorAll('#compass button')) {
    const on = b.dataset.stop ? s.command.stop : (!s.command.stop && b.dataset.dir !== undefined
      && Math.abs(((+b.dataset.dir - s.command.direction + 540) % 360) - 180) < 0.5);
    b.classList.toggle('on', on);
  }
  $('numbers').textContent = `speed ${s.speed.toFixed(2)} m/s · heading ${s.heading.toFixed(0)}° · to goal `
    + `${s.goalDistance.toFixed(2)} m · ${s.time.toFixed(1)} s into episode ${s.episode} · `
    + `${s.falls} fall${s.falls === 1 ? '' : 's'} · step ${s.stepMs.toFixed(1)} ms`;
  if (before && s.episode > before.episode) {
    state.restarts += s.episode - before.episode;
    notice(s.falls > before.falls ? 'the body fell: restarted' : 'episode over: restarted');
  }
  if (s.error) notice(`error: ${s.error}`, 5000);
  if (performance.now() > noticeUntil) $('notice').textContent = '';
}

async function makeView(canvas, replay) {
  if (params.get('renderer') !== '2d') {
    try {
      const three = await import('./view3d.js');
      if (three.webglAvailable()) return three.createView(canvas, [replay]);
    } catch (e) {
      console.warn('three.js view failed, using the 2D view:', e);
    }
  }
  return (await import('./view2d.js')).createView(canvas, [replay]);
}

async function start() {
  const first = await fetchFrames(-1);
  const geometry = await loadModel(first.scene.model);
  // the replay the view draws: its arrays are swapped for the chunk that holds the frame shown
  const replay = { ...first.scene, geometry };
  const chunks = [{ first: first.first, n: first.frames, arrays: first.scene.arrays }];
  state.newest = first.first + first.frames - 1;
  state.shown = state.newest;
  showState(first.state);
  const view = await makeView($('view'), replay);
  state.renderer = view.kind;
  $('status').textContent = `${first.scene.model} · ${view.kind === 'webgl' ? 'WebGL' : '2D fallback'} · ${FPS} steps/s`;

  function draw(g) {
    const c = chunks.find(k => g >= k.first && g < k.first + k.n);
    if (!c) return;
    replay.arrays = c.arrays;
    view.render([g - c.first]);
    state.shown = g;
    state.drawn++;
  }

  // frames: poll with a short pause between answers (the server holds a request until a frame comes)
  (async function poll() {
    while (!state.halted) {
      try {
        const h = await fetchFrames(state.newest + 1);
        if (h.frames > 0) {
          chunks.push({ first: h.first, n: h.frames, arrays: h.scene.arrays });
          state.newest = h.first + h.frames - 1;
          while (chunks.length > 2 && chunks[1].first + chunks[1].n < state.shown) chunks.shift();
        }
        if (h.state.frame > commandFrame) showState(h.state); // older answers may predate a command
      } catch (e) {
        $('status').textContent = `lost the server: ${e.message}`;
        await sleep(1000);
      }
      await sleep(POLL_MS);
    }
  })();

  // playback: 30 frames a second, never more than MAX_BEHIND frames behind the newest (then it jumps)
  let last = performance.now(), carry = 0, pending = 0;
  function schedule() {
    const token = ++pending;
    const run = () => { if (token === pending) { pending++; tick(performance.now()); } };
    requestAnimationFrame(run);
    setTimeout(run, 40);
  }
  function tick(now) {
    if (state.halted) { draw(state.shown); return; } // a last picture, then rest
    carry += ((now - last) / 1000) * FPS;
    last = now;
    let g = state.shown + Math.floor(carry);
    carry -= Math.floor(carry);
    g = Math.max(g, state.newest - MAX_BEHIND);
    g = Math.min(g, state.newest);
    if (g !== state.shown || state.drawn === 0) draw(g);
    schedule();
  }
  schedule();

  // steering: arrow keys (two at once for diagonals), keypad directions, stop, distance
  const ARROWS = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, 1], ArrowRight: [0, -1] };
  const KEYPAD = { Numpad8: 0, Numpad7: 45, Numpad4: 90, Numpad1: 135, Numpad2: 180, Numpad3: -135, Numpad6: -90, Numpad9: -45 };
  const held = new Set();
  document.addEventListener('keydown', e => {
    if (e.target.tagName === 'INPUT') return;
    if (ARROWS[e.code]) {
      e.preventDefault();
      held.add(e.code);
      if (e.repeat) return;
      let x = 0, y = 0;
      for (const k of held) { x += ARROWS[k][0]; y += ARROWS[k][1]; }
      if (x || y) state.lastSent = send(`direction=${Math.round(Math.atan2(y, x) * 180 / Math.PI)}`);
    } else if (KEYPAD[e.code] !== undefined) {
      state.lastSent = send(`direction=${KEYPAD[e.code]}`);
    } else if (e.code === 'Space' || e.code === 'KeyS' || e.code === 'Numpad5') {
      e.preventDefault();
      state.lastSent = send('stop');
    } else if (e.key === '+' || e.key === '=' || e.code === 'NumpadAdd' || e.code === 'PageUp') {
      state.lastSent = send('nudge=0.1');
    } else if (e.key === '-' || e.code === 'NumpadSubtract' || e.code === 'PageDown') {
      state.lastSent = send('nudge=-0.1');
    }
  });
  document.addEventListener('keyup', e => held.delete(e.code));
  window.addEventListener('blur', () => held.clear());
  for (const b of document.querySelectorAll('#compass button')) {
    b.onclick = () => {
      state.lastSent = send(b.dataset.stop ? 'stop' : b.dataset.nudge ? `nudge=${b.dataset.nudge}` : `direction=${b.dataset.dir}`);
      b.blur();
    };
  }

  const toggles = () => view.setVisible({ ghost: true, bones: true, muscles: $('show-muscles').checked, skin: $('show-skin').checked });
  for (const id of ['show-muscles', 'show-skin']) $(id).onchange = () => { toggles(); draw(state.shown); };
  $('follow').onchange = e => { view.setFollow(e.target.checked); draw(state.shown); };
  window.addEventListener('resize', () => { view.resize(); draw(state.shown); }); // resizing clears the canvas
  Object.assign(state, { ready: true, checksum: () => view.checksum(), send });
  if (params.get('selftest') === '1') selfTest();
}

const sleep = ms => new Promise(res => setTimeout(res, ms));

async function until(test, tries = 200) {
  for (let i = 0; i < tries && !test(); i++) await sleep(50);
  return test();
}

// Browser self-test: frames arrive and are drawn, the left arrow key turns the command to 90°,
// up+left to 45°, the compass's stop button stops. The result goes into #viewer-state as JSON.
async function selfTest() {
  const out = { renderer: state.renderer };
  const key = (type, code) => document.dispatchEvent(new KeyboardEvent(type, { code, key: code, bubbles: true }));
  try {
    out.framesArrived = await until(() => state.drawn >= 10);
    out.firstShown = state.shown;
    out.foreground = state.checksum().foreground;
    out.commandBefore = $('command').textContent;
    key('keydown', 'ArrowLeft');
    await state.lastSent;
    key('keyup', 'ArrowLeft');
    out.left = state.server.command;
    out.commandAfterLeft = $('command').textContent;
    key('keydown', 'ArrowUp');
    key('keydown', 'ArrowLeft');
    await state.lastSent;
    key('keyup', 'ArrowLeft');
    key('keyup', 'ArrowUp');
    out.upLeft = state.server.command;
    document.querySelector('#compass button[data-stop]').click();
    await state.lastSent;
    out.stopButton = state.server.command;
    const shown = state.shown;
    await until(() => state.shown >= shown + 10);
    out.shownAfter = state.shown;
    out.restarts = state.restarts;
  } catch (e) {
    out.error = String(e && e.stack || e);
  }
  // stop polling and drawing, so that headless Chromium's virtual clock runs out at once
  state.halted = true;
  $('viewer-state').textContent = JSON.stringify(out);
  document.title = 'selftest done';
}

start().catch(e => {
  state.error = String(e && e.message || e);
  $('status').textContent = `error: ${state.error}`;
  $('viewer-state').textContent = JSON.stringify({ error: state.error });
});
