// The 3D view (three.js, WebGL): one scene per replay drawn side by side in one canvas. Each
// scene has a ground grid, the body (bone meshes and primitive geoms posed per body), the
// muscles as thin tubes coloured blue → red by activation, and the reference keypoints as a
// translucent ghost skeleton. Cameras share one orbit and follow each replay's root body.
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/OrbitControls.js';
import { bodyPose, activationHsl } from './data.js';

const UP = new THREE.Vector3(0, 1, 0);
const SKIN_OPACITY = 0.18, MUSCLE_RADIUS = 0.005, GHOST_RADIUS = 0.04, GHOST_BONE_RADIUS = 0.014;

/** Whether this browser can make a WebGL context at all. */
export function webglAvailable() {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') || c.getContext('webgl'));
  } catch (e) {
    return false;
  }
}

export function createView(canvas, replays) {
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(window.devicePixelRatio || 1);
  renderer.setScissorTest(true);
  const geometryCache = new Map();
  const views = replays.map(r => buildScene(r, geometryCache));

  // one orbit for all cameras: the master camera orbits around replay 0's root
  const master = views[0].camera;
  const controls = new OrbitControls(master, canvas);
  controls.enableDamping = false;
  // start with a side view of replay 0: the camera on the body's left, a little ahead
  const [hx, hy] = replays[0].heading || [1, 0];
  const root = rootPosition(replays[0], 0);
  controls.target.set(root.x, root.y, 0.9);
  master.position.set(root.x - 2.4 * hy + 0.8 * hx, root.y + 2.4 * hx + 0.8 * hy, 1.3);
  controls.update();
  let follow = true;

  function resize() {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    renderer.setSize(w, h, false);
    for (const v of views) { v.camera.aspect = (w / views.length) / h; v.camera.updateProjectionMatrix(); }
  }

  function render(frames) {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (renderer.domElement.width !== Math.round(w * renderer.getPixelRatio())) resize();
    // keep the orbit's offset, move its centre with replay 0's root
    const root0 = rootPosition(replays[0], frames[0]);
    if (follow) {
      const shift = new THREE.Vector3(root0.x - controls.target.x, root0.y - controls.target.y, 0);
      controls.target.add(shift); master.position.add(shift);
      controls.update();
    }
    const offset = master.position.clone().sub(controls.target);
    const vw = w / views.length;
    views.forEach((v, i) => {
      pose(v, replays[i], frames[i]);
      if (i > 0) {
        const root = rootPosition(replays[i], frames[i]);
        const target = follow ? new THREE.Vector3(root.x, root.y, controls.target.z) : controls.target.clone();
        v.camera.position.copy(target).add(offset);
        v.camera.up.copy(master.up);
        v.camera.lookAt(target);
      }
      renderer.setViewport(i * vw, 0, vw, h);
      renderer.setScissor(i * vw, 0, vw, h);
      renderer.render(v.scene, v.camera);
    });
  }

  function setVisible({ ghost, muscles, bones, skin }) {
    for (const v of views) {
      v.ghost.visible = ghost; v.muscles.visible = muscles;
      v.bodies.forEach(b => b.children.forEach(m => (m.visible = m.userData.skin ? skin : bones)));
    }
  }

  /** RGBA pixels of the last drawn picture. */
  function pixels() {
    const gl = renderer.getContext();
    const px = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
    gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return px;
  }

  /** Checksum of the drawn pixels and the share of pixels that differ from the corner's colour. */
  function checksum() {
    const gl = renderer.getContext();
    const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
    const px = pixels();
    let hash = 0, fg = 0;
    const [br, bg, bb] = [px[0], px[1], px[2]];
    for (let i = 0; i < px.length; i += 4) {
      hash = (hash * 31 + px[i] * 7 + px[i + 1] * 13 + px[i + 2] * 17 + (i >> 2)) >>> 0;
      if (Math.abs(px[i] - br) + Math.abs(px[i + 1] - bg) + Math.abs(px[i + 2] - bb) > 24) fg++;
    }
    return { hash, foreground: fg / (w * h), width: w, height: h };
  }

  resize();
  return {
    kind: 'webgl', render, resize, setVisible, checksum, pixels,
    setFollow: f => (follow = f),
  };
}

let gridTex = null;
function gridTexture() {
  if (gridTex) return gridTex;
  const c = document.createElement('canvas');
  c.width = c.height = 128;
  const g = c.getContext('2d');
  g.fillStyle = '#e6ebf0'; g.fillRect(0, 0, 128, 128);
  g.fillStyle = '#a3adba'; g.fillRect(0, 0, 128, 2); g.fillRect(0, 0, 2, 128);
  gridTex = new THREE.CanvasTexture(c);
  gridTex.wrapS = gridTex.wrapT = THREE.RepeatWrapping;
  gridTex.repeat.set(400, 400); // 200 m / 0.5 m
  gridTex.anisotropy = 8;
  gridTex.colorSpace = THREE.SRGBColorSpace;
  return gridTex;
}

function rootPosition(r, f) {
  const p = bodyPose(r, f, r.rootBody);
  return { x: p[0], y: p[1], z: p[2] };
}

function buildScene(r, cache) {
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0xf4f6f9);
  scene.fog = new THREE.Fog(0xf4f6f9, 8, 30);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x8d8470, 1.6));
  const sun = new THREE.DirectionalLight(0xffffff, 1.6);
  sun.position.set(2, -3, 5);
  scene.add(sun);

  // ground: a light floor with a 0.5 m grid (a tiled texture, so it stays crisp near and far)
  const floor = new THREE.Mesh(new THREE.PlaneGeometry(200, 200), new THREE.MeshBasicMaterial({ map: gridTexture() }));
  scene.add(floor);

  // the body: one group per body, its visible geoms as children in the body frame
  const g = r.geometry;
  const bodies = g.bodies.map(() => { const o = new THREE.Group(); scene.add(o); return o; });
  for (const geom of g.geoms) {
    const shape = geomShape(geom, g, cache);
    if (!shape) continue;
    // group-1 primitives (MyoSuite's body volumes) are a translucent skin over bones and muscles
    const skin = geom.group === 1 && geom.type !== 7;
    const [cr, cg, cb, ca] = geom.rgba;
    const opacity = skin ? Math.min(ca, SKIN_OPACITY) : ca;
    const mat = new THREE.MeshStandardMaterial({
      color: new THREE.Color(cr, cg, cb), roughness: 0.75, metalness: 0.0,
      transparent: opacity < 1, opacity, depthWrite: opacity >= 1,
    });
    const mesh = new THREE.Mesh(shape, mat);
    mesh.userData.skin = skin;
    if (skin) mesh.renderOrder = 1;
    mesh.position.set(...geom.pos);
    mesh.quaternion.set(geom.quat[1], geom.quat[2], geom.quat[3], geom.quat[0]);
    if (geom.type === 4) mesh.scale.set(...geom.size);
    bodies[geom.body].add(mesh);
  }

  // muscles: one tube per path segment
  const segments = [];
  for (const [k, m] of r.muscles.entries()) for (let s = 0; s + 1 < m.slots; s++) segments.push([k, m.firstSlot + s]);
  const tube = new THREE.CylinderGeometry(1, 1, 1, 6, 1, true);
  const muscles = new THREE.InstancedMesh(tube, new THREE.MeshLambertMaterial({ color: 0xffffff }), Math.max(1, segments.length));
  muscles.count = segments.length;
  muscles.frustumCulled = false;
  scene.add(muscles);

  // ghost: reference keypoints and the links to their parents
  const ghost = new THREE.Group();
  const j = r.arrays.keypoints.cols / 3;
  const ghostMat = new THREE.MeshLambertMaterial({ color: 0x1fae74, transparent: true, opacity: 0.55, depthWrite: false });
  const joints = new THREE.InstancedMesh(new THREE.SphereGeometry(1, 16, 12), ghostMat, Math.max(1, j));
  joints.count = j;
  const links = r.keypointParents.map((p, i) => [i, p]).filter(([, p]) => p >= 0);
  const bones = new THREE.InstancedMesh(new THREE.CylinderGeometry(1, 1, 1, 8), ghostMat, Math.max(1, links.length));
  bones.count = links.length;
  joints.frustumCulled = bones.frustumCulled = false;
  joints.renderOrder = bones.renderOrder = 2;
  ghost.add(joints, bones);
  scene.add(ghost);

  const camera = new THREE.PerspectiveCamera(45, 1, 0.05, 200);
  camera.up.set(0, 0, 1);
  return { scene, camera, bodies, muscles, segments, ghost, joints, bones, links };
}

// three.js geometry of one MuJoCo geom, in the geom frame (MuJoCo's capsule and cylinder axis is z)
function geomShape(geom, g, cache) {
  const [a, b, c] = geom.size;
  switch (geom.type) {
    case 2: return new THREE.SphereGeometry(a, 20, 14);
    case 3: return new THREE.CapsuleGeometry(a, 2 * b, 6, 14).rotateX(Math.PI / 2);
    case 4: return new THREE.SphereGeometry(1, 20, 14);
    case 5: return new THREE.CylinderGeometry(a, a, 2 * b, 18).rotateX(Math.PI / 2);
    case 6: return new THREE.BoxGeometry(2 * a, 2 * b, 2 * c);
    case 7: {
      if (geom.mesh === undefined) return null;
      const key = `${g.model}/${geom.mesh}`;
      if (!cache.has(key)) {
        const m = g.meshes[geom.mesh];
        const bg = new THREE.BufferGeometry();
        bg.setAttribute('position', new THREE.BufferAttribute(m.vertices.data, 3));
        bg.setIndex(new THREE.BufferAttribute(m.faces.data, 1));
        bg.computeVertexNormals();
        cache.set(key, bg);
      }
      return cache.get(key);
    }
    default: return null;
  }
}

const tmp = { a: new THREE.Vector3(), b: new THREE.Vector3(), m: new THREE.Matrix4(), q: new THREE.Quaternion(),
  s: new THREE.Vector3(), c: new THREE.Color() };

// place a unit cylinder (axis y, height 1) between a and b with radius r
function link(mesh, i, a, b, r) {
  const d = tmp.s.subVectors(b, a);
  const len = d.length();
  tmp.q.setFromUnitVectors(UP, len > 1e-9 ? d.clone().divideScalar(len) : UP);
  const mid = a.clone().add(b).multiplyScalar(0.5);
  tmp.m.compose(mid, tmp.q, new THREE.Vector3(r, Math.max(len, 1e-6), r));
  mesh.setMatrixAt(i, tmp.m);
}

function pose(v, r, f) {
  for (let b = 0; b < v.bodies.length; b++) {
    const p = bodyPose(r, f, b);
    v.bodies[b].position.set(p[0], p[1], p[2]);
    v.bodies[b].quaternion.set(p[4], p[5], p[6], p[3]);
  }
  // muscles: a NaN point (pulley) collapses its segments
  const pts = r.arrays.musclePoints, act = r.arrays.act, o = f * pts.cols;
  v.segments.forEach(([k, slot], i) => {
    const p = o + 3 * slot;
    tmp.a.set(pts.data[p], pts.data[p + 1], pts.data[p + 2]);
    tmp.b.set(pts.data[p + 3], pts.data[p + 4], pts.data[p + 5]);
    if (Number.isNaN(tmp.a.x)) tmp.a.copy(tmp.b);
    if (Number.isNaN(tmp.b.x)) tmp.b.copy(tmp.a);
    link(v.muscles, i, tmp.a, tmp.b, MUSCLE_RADIUS);
    const [h, s, l] = activationHsl(act.data[f * act.cols + k]);
    v.muscles.setColorAt(i, tmp.c.setHSL(h, s, l));
  });
  v.muscles.instanceMatrix.needsUpdate = true;
  if (v.muscles.instanceColor) v.muscles.instanceColor.needsUpdate = true;

  // ghost
  const kp = r.arrays.keypoints, ko = f * kp.cols;
  const at = i => new THREE.Vector3(kp.data[ko + 3 * i], kp.data[ko + 3 * i + 1], kp.data[ko + 3 * i + 2]);
  for (let i = 0; i < v.joints.count; i++) {
    tmp.m.compose(at(i), tmp.q.identity(), new THREE.Vector3(GHOST_RADIUS, GHOST_RADIUS, GHOST_RADIUS));
    v.joints.setMatrixAt(i, tmp.m);
  }
  v.links.forEach(([i, p], n) => link(v.bones, n, at(i), at(p), GHOST_BONE_RADIUS));
  v.joints.instanceMatrix.needsUpdate = true;
  v.bones.instanceMatrix.needsUpdate = true;
}
