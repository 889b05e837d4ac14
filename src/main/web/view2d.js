// Fallback view on a 2D canvas, used when WebGL or three.js is unavailable: a side view (walking
// direction to the right) following each replay's root, with bone meshes drawn as point clouds,
// primitive geoms as outlines, muscles as coloured polylines and the ghost as translucent dots.
import { bodyPose, activationHsl } from './data.js';

const HEIGHT_SHOWN = 2.1; // metres from the ground to the top of the view

export function createView(canvas, replays) {
  let show = { ghost: true, muscles: true, bones: true, skin: true };
  const g = canvas.getContext('2d');

  function render(frames) {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    }
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#eef1f5'; g.fillRect(0, 0, w, h);
    const vw = w / replays.length, s = 0.88 * h / HEIGHT_SHOWN;
    replays.forEach((r, i) => {
      g.save();
      g.beginPath(); g.rect(i * vw, 0, vw, h); g.clip();
      const root = bodyPose(r, frames[i], r.rootBody);
      const [hx, hy] = r.heading || [1, 0];
      const along = (x, y) => x * hx + y * hy;
      const px = ([x, y, z]) => [i * vw + vw / 2 + (along(x, y) - along(root[0], root[1])) * s, h * 0.92 - z * s];
      drawGround(g, i * vw, vw, h * 0.92, along(root[0], root[1]), s);
      drawBody(g, r, frames[i], px, show);
      if (show.muscles) drawMuscles(g, r, frames[i], px);
      if (show.ghost) drawGhost(g, r, frames[i], px);
      g.restore();
    });
  }

  function checksum() {
    const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0, fg = 0;
    for (let i = 0; i < d.length; i += 4) {
      hash = (hash * 31 + d[i] * 7 + d[i + 1] * 13 + d[i + 2] * 17 + (i >> 2)) >>> 0;
      if (Math.abs(d[i] - 0xee) + Math.abs(d[i + 1] - 0xf1) + Math.abs(d[i + 2] - 0xf5) > 24) fg++;
    }
    return { hash, foreground: fg / (canvas.width * canvas.height), width: canvas.width, height: canvas.height };
  }

  return {
    kind: '2d', render, checksum, resize() {}, setFollow() {},
    pixels: () => g.getImageData(0, 0, canvas.width, canvas.height).data,
    setVisible(v) { show = v; },
  };
}

function drawGround(g, x0, w, y, rootX, s) {
  g.strokeStyle = '#9aa6b5'; g.lineWidth = 1;
  g.beginPath(); g.moveTo(x0, y); g.lineTo(x0 + w, y); g.stroke();
  const step = 0.5 * s, first = x0 + w / 2 - ((rootX % 0.5) + 0.5) % 0.5 * s - Math.ceil(w / 2 / step) * step;
  for (let x = first; x < x0 + w; x += step) { g.beginPath(); g.moveTo(x, y); g.lineTo(x, y + 6); g.stroke(); }
}

// rotate v by quaternion (w, x, y, z) and add p
function transform(p, q, v) {
  const [w, x, y, z] = q, [vx, vy, vz] = v;
  const tx = 2 * (y * vz - z * vy), ty = 2 * (z * vx - x * vz), tz = 2 * (x * vy - y * vx);
  return [p[0] + vx + w * tx + (y * tz - z * ty), p[1] + vy + w * ty + (z * tx - x * tz), p[2] + vz + w * tz + (x * ty - y * tx)];
}

function mulQuat(a, b) {
  return [a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3], a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
    a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1], a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0]];
}

function drawBody(g, r, f, px, show) {
  const geo = r.geometry;
  for (const geom of geo.geoms) {
    const skin = geom.group === 1 && geom.type !== 7;
    if (skin ? !show.skin : !show.bones) continue;
    const bp = bodyPose(r, f, geom.body);
    const pos = transform(bp.subarray(0, 3), bp.subarray(3, 7), geom.pos);
    const q = mulQuat(Array.from(bp.subarray(3, 7)), geom.quat);
    const [cr, cg, cb] = geom.rgba.map(c => Math.round(c * 255));
    g.fillStyle = g.strokeStyle = `rgba(${cr},${cg},${cb},${skin ? 0.3 : 0.8})`;
    if (geom.type === 7 && geom.mesh !== undefined) {
      const v = geo.meshes[geom.mesh].vertices.data;
      g.fillStyle = 'rgba(110,100,85,0.55)'; // bone colour; the models' near-white would vanish here
      for (let k = 0; k < v.length; k += 3 * 5) {
        const [x, y] = px(transform(pos, q, [v[k], v[k + 1], v[k + 2]]));
        g.fillRect(x, y, 1.5, 1.5);
      }
    } else if (geom.type === 3 || geom.type === 5) {
      const a = px(transform(pos, q, [0, 0, -geom.size[1]])), b = px(transform(pos, q, [0, 0, geom.size[1]]));
      g.lineWidth = Math.max(1, 2 * geom.size[0] * 0.88 * g.canvas.clientHeight / HEIGHT_SHOWN);
      g.lineCap = 'round'; g.beginPath(); g.moveTo(...a); g.lineTo(...b); g.stroke();
    } else {
      const [x, y] = px(pos);
      const radius = Math.max(1.5, Math.max(...geom.size) * 0.88 * g.canvas.clientHeight / HEIGHT_SHOWN);
      g.beginPath(); g.arc(x, y, radius, 0, 2 * Math.PI); g.stroke();
    }
  }
}

function drawMuscles(g, r, f, px) {
  const pts = r.arrays.musclePoints, act = r.arrays.act, o = f * pts.cols;
  g.lineWidth = 1.5;
  r.muscles.forEach((m, k) => {
    const [h, s, l] = activationHsl(act.data[f * act.cols + k]);
    g.strokeStyle = `hsl(${h * 360},${s * 100}%,${l * 100}%)`;
    g.beginPath();
    let pen = false;
    for (let j = 0; j < m.slots; j++) {
      const p = o + 3 * (m.firstSlot + j);
      if (Number.isNaN(pts.data[p])) { pen = false; continue; }
      const [x, y] = px([pts.data[p], pts.data[p + 1], pts.data[p + 2]]);
      pen ? g.lineTo(x, y) : g.moveTo(x, y); pen = true;
    }
    g.stroke();
  });
}

function drawGhost(g, r, f, px) {
  const kp = r.arrays.keypoints, o = f * kp.cols, at = i => px(kp.data.subarray(o + 3 * i, o + 3 * i + 3));
  g.strokeStyle = 'rgba(40,170,120,0.6)'; g.fillStyle = 'rgba(40,170,120,0.4)'; g.lineWidth = 4;
  r.keypointParents.forEach((p, i) => { if (p >= 0) { g.beginPath(); g.moveTo(...at(i)); g.lineTo(...at(p)); g.stroke(); } });
  for (let i = 0; i < kp.cols / 3; i++) { const [x, y] = at(i); g.beginPath(); g.arc(x, y, 7, 0, 2 * Math.PI); g.fill(); }
}
