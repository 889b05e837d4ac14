// Plain C stepping loop: the reference for `kinesis bench sim`.
// Each thread owns one mjData over the shared mjModel; controls are 0.5 plus Gaussian noise
// (sigma 0.01), timestep 1/150 s. Prints "steps_per_s <aggregate>".
//   c_step_bench MODEL.xml SECONDS THREADS [profile]
// With "profile", MuJoCo's own timers are switched on (they are recorded only while the global
// callback mjcb_time is set) and their totals over all threads follow, one line per timer:
//   timer <index> <name> <seconds> <calls>
// The timers cost time themselves, so throughput and profile come from separate runs.
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mujoco/mujoco.h>

static mjModel* m;
static double seconds;
static mjTimerStat totals[mjNTIMER];
static pthread_mutex_t totals_lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
  struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

// the timer callback: seconds on the monotonic clock
static mjtNum timer_now(void) { return now(); }

// xorshift64* uniform in (0,1)
static double uniform(uint64_t* s) {
  *s ^= *s >> 12; *s ^= *s << 25; *s ^= *s >> 27;
  return ((*s * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0) + 1e-300;
}

static void* worker(void* arg) {
  uint64_t seed = 0x9E3779B97F4A7C15ULL * (1 + (uintptr_t)arg);
  mjData* d = mj_makeData(m);
  long steps = 0;
  double t0 = now(), end = t0 + seconds;
  while (1) {
    for (int k = 0; k < 100; k++) {
      for (int i = 0; i < m->nu; i++) {
        double g = sqrt(-2 * log(uniform(&seed))) * cos(2 * M_PI * uniform(&seed));
        d->ctrl[i] = 0.5 + 0.01 * g;
      }
      mj_step(m, d);
      steps++;
    }
    if (now() > end) break;
  }
  double rate = steps / (now() - t0);
  pthread_mutex_lock(&totals_lock);
  for (int i = 0; i < mjNTIMER; i++) {
    totals[i].duration += d->timer[i].duration;
    totals[i].number += d->timer[i].number;
  }
  pthread_mutex_unlock(&totals_lock);
  mj_deleteData(d);
  double* out = malloc(sizeof(double)); *out = rate;
  return out;
}

int main(int argc, char** argv) {
  if (argc < 4) { fprintf(stderr, "usage: c_step_bench MODEL.xml SECONDS THREADS [profile]\n"); return 2; }
  int profile = argc > 4 && strcmp(argv[4], "profile") == 0;
  char err[1000] = "";
  m = mj_loadXML(argv[1], NULL, err, sizeof(err));
  if (!m) { fprintf(stderr, "load error: %s\n", err); return 3; }
  m->opt.timestep = 1.0 / 150;
  seconds = atof(argv[2]);
  int threads = atoi(argv[3]);
  if (threads < 1 || threads > 64) { fprintf(stderr, "threads must be 1..64\n"); return 2; }
  if (profile) mjcb_time = timer_now;
  pthread_t th[64];
  for (long i = 0; i < threads; i++) pthread_create(&th[i], NULL, worker, (void*)i);
  double total = 0;
  for (int i = 0; i < threads; i++) { void* r; pthread_join(th[i], &r); total += *(double*)r; free(r); }
  printf("steps_per_s %.1f\n", total);
  if (profile) {
    for (int i = 0; i < mjNTIMER; i++) {
      printf("timer %d %s %.9f %d\n", i, mjTIMERSTRING[i], totals[i].duration, totals[i].number);
    }
  }
  mj_deleteModel(m);
  return 0;
}
