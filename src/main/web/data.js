// Fetches the replays and model geometry from the Java server and wraps the packed arrays
// (little-endian float32 / uint32, described by {offset, rows, cols, type}) in typed views.

async function json(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

async function binary(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.arrayBuffer();
}

/** Typed view of one packed array; `base` is where the packed arrays start in `buf` (bytes). */
export function view(ref, buf, base = 0) {
  const n = ref.rows * ref.cols;
  const o = base + ref.offset;
  const a = ref.type === 'uint32' ? new Uint32Array(buf, o, n) : new Float32Array(buf, o, n);
  return { data: a, rows: ref.rows, cols: ref.cols };
}

export async function loadModel(name) {
  const [meta, buf] = await Promise.all([json(`/api/model/${name}.json`), binary(`/api/model/${name}.bin`)]);
  const meshes = meta.meshes.map(m => ({ name: m.name, vertices: view(m.vertices, buf), faces: view(m.faces, buf) }));
  return { ...meta, meshes };
}

async function loadReplay(i) {
  const [meta, buf] = await Promise.all([json(`/api/replay/${i}.json`), binary(`/api/replay/${i}.bin`)]);
  const arrays = {};
  for (const [k, ref] of Object.entries(meta.arrays)) arrays[k] = view(ref, buf);
  return { ...meta, arrays, bytes: buf.byteLength };
}

/** All replays, each with its model's geometry attached as `geometry`. */
export async function loadAll() {
  const list = await json('/api/replays.json');
  const models = {};
  for (const r of list) models[r.model] ??= loadModel(r.model);
  const replays = await Promise.all(list.map((_, i) => loadReplay(i)));
  for (const r of replays) r.geometry = await models[r.model];
  return replays;
}

/** Frame of replay `r` shown at time `t` (seconds), clamped to its length. */
export function frameAt(r, t) {
  return Math.max(0, Math.min(r.frames - 1, Math.round(t * r.fps)));
}

/** World transform (position [3], quaternion w,x,y,z [4]) of body b at frame f. */
export function bodyPose(r, f, b) {
  const p = r.arrays.poses, o = f * p.cols + b * 7;
  return p.data.subarray(o, o + 7);
}

/** Blue (0) → red (1) colour of an activation as [h, s, l]; grey when unknown (NaN). */
export function activationHsl(a) {
  if (!(a >= 0)) return [0, 0, 0.6];
  return [(1 - Math.min(1, a)) * 0.66, 0.85, 0.5];
}
