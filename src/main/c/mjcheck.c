// C accessors used only by tests: the addresses MuJoCo's compiler computes for a few fields,
// to compare against the offsets generated into MjLayout.java.
#include <mujoco/mujoco.h>
void* chk_qpos(mjData* d) { return d->qpos; }
void* chk_ctrl(mjData* d) { return d->ctrl; }
void* chk_xpos(mjData* d) { return d->xpos; }
void* chk_sensordata(mjData* d) { return d->sensordata; }
void* chk_actuator_lengthrange(mjModel* m) { return m->actuator_lengthrange; }
double chk_timestep(mjModel* m) { return m->opt.timestep; }
long chk_nq(mjModel* m) { return (long)m->nq; }
long chk_nu(mjModel* m) { return (long)m->nu; }
