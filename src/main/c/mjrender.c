// Offscreen rendering shim: EGL (surfaceless Mesa, no display needed) + MuJoCo's own renderer.
// The GL context is bound to the creating thread: create, render and free on one thread.
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mujoco/mujoco.h>

typedef struct {
  EGLDisplay dpy;
  EGLContext ctx;
  mjvScene scn;
  mjvCamera cam;
  mjvOption opt;
  mjrContext con;
  int w, h;
} Renderer;

static char last_error[512];
const char* rs_error(void) { return last_error; }

static int fail(const char* what) {
  snprintf(last_error, sizeof(last_error), "%s (EGL error 0x%x)", what, eglGetError());
  return 0;
}

static int egl_init(Renderer* r) {
  PFNEGLGETPLATFORMDISPLAYEXTPROC getDisplay =
      (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
  if (!getDisplay) return fail("eglGetPlatformDisplayEXT unavailable");
  r->dpy = getDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
  if (r->dpy == EGL_NO_DISPLAY) return fail("no surfaceless EGL display");
  if (!eglInitialize(r->dpy, NULL, NULL)) return fail("eglInitialize failed");
  const EGLint attribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8,
                            EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8, EGL_DEPTH_SIZE, 24, EGL_STENCIL_SIZE, 8,
                            EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
  EGLConfig cfg;
  EGLint n = 0;
  if (!eglChooseConfig(r->dpy, attribs, &cfg, 1, &n) || n < 1) return fail("no matching EGL config");
  if (!eglBindAPI(EGL_OPENGL_API)) return fail("eglBindAPI(OpenGL) failed");
  r->ctx = eglCreateContext(r->dpy, cfg, EGL_NO_CONTEXT, NULL);
  if (r->ctx == EGL_NO_CONTEXT) return fail("eglCreateContext failed");
  if (!eglMakeCurrent(r->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, r->ctx)) return fail("eglMakeCurrent failed");
  return 1;
}

// Creates a renderer of w x h pixels; NULL on failure (see rs_error).
Renderer* rs_create(mjModel* m, int w, int h) {
  Renderer* r = calloc(1, sizeof(Renderer));
  if (!egl_init(r)) { free(r); return NULL; }
  r->w = w; r->h = h;
  if (m->vis.global.offwidth < w) m->vis.global.offwidth = w;
  if (m->vis.global.offheight < h) m->vis.global.offheight = h;
  mjv_defaultCamera(&r->cam);
  mjv_defaultOption(&r->opt);
  r->opt.flags[mjVIS_ACTIVATION] = 1;  // muscles coloured by activation
  r->opt.flags[mjVIS_TENDON] = 1;
  mjv_defaultScene(&r->scn);
  mjv_makeScene(m, &r->scn, 4000);
  r->scn.flags[mjRND_SHADOW] = 0;
  r->scn.flags[mjRND_REFLECTION] = 0;
  r->scn.flags[mjRND_SKYBOX] = 0;
  mjr_defaultContext(&r->con);
  mjr_makeContext(m, &r->con, mjFONTSCALE_100);
  mjr_setBuffer(mjFB_OFFSCREEN, &r->con);
  if (r->con.currentBuffer != mjFB_OFFSCREEN) {
    snprintf(last_error, sizeof(last_error), "offscreen framebuffer unavailable");
    return NULL;
  }
  return r;
}

// Renders one frame into rgb (w*h*3 bytes, bottom row first). The camera looks at lookat[3] from
// distance/azimuth/elevation (degrees). markers: nmark points (xyz) drawn as small red spheres.
void rs_render(Renderer* r, const mjModel* m, mjData* d, const double* lookat, double distance,
               double azimuth, double elevation, const double* markers, int nmark,
               unsigned char* rgb) {
  r->cam.type = mjCAMERA_FREE;
  for (int i = 0; i < 3; i++) r->cam.lookat[i] = lookat[i];
  r->cam.distance = distance;
  r->cam.azimuth = azimuth;
  r->cam.elevation = elevation;
  mjv_updateScene(m, d, &r->opt, NULL, &r->cam, mjCAT_ALL, &r->scn);
  const float red[4] = {0.9f, 0.1f, 0.1f, 0.8f};
  const mjtNum size[3] = {0.03, 0.03, 0.03};
  const mjtNum eye[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  for (int k = 0; k < nmark && r->scn.ngeom < r->scn.maxgeom; k++) {
    mjvGeom* g = r->scn.geoms + r->scn.ngeom++;
    mjv_initGeom(g, mjGEOM_SPHERE, size, markers + 3 * k, eye, red);
  }
  mjrRect viewport = {0, 0, r->w, r->h};
  mjr_render(viewport, &r->scn, &r->con);
  mjr_readPixels(rgb, NULL, viewport, &r->con);
}

void rs_free(Renderer* r) {
  if (!r) return;
  mjr_freeContext(&r->con);
  mjv_freeScene(&r->scn);
  eglMakeCurrent(r->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(r->dpy, r->ctx);
  eglTerminate(r->dpy);
  free(r);
}
