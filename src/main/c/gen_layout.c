// Prints MjLayout.java: byte offsets of mjModel/mjData fields expanded from MuJoCo's own
// X-macros (mjxmacro.h), so the Java binding never hard-codes a struct layout.
#include <stddef.h>
#include <stdio.h>
#include <mujoco/mujoco.h>

#define OPT(f) (offsetof(mjModel, opt) + offsetof(mjOption, f))

int main(void) {
  printf("// Generated at build time by src/main/c/gen_layout.c from mjxmacro.h. Do not edit.\n");
  printf("package kinesis.sim;\n\n");
  printf("/** Struct offsets of MuJoCo %d, expanded from its X-macros. */\n", mjVERSION_HEADER);
  printf("public final class MjLayout {\n  private MjLayout() {}\n\n");
  printf("  public static final int MJ_VERSION = %d;\n", mjVERSION_HEADER);
  printf("  public static final int SIZEOF_MJTNUM = %zu;\n", sizeof(mjtNum));
  printf("  public static final long SIZEOF_MJMODEL = %zu;\n", sizeof(mjModel));
  printf("  public static final long SIZEOF_MJDATA = %zu;\n", sizeof(mjData));
  printf("  public static final long SIZEOF_MJCONTACT = %zu;\n", sizeof(mjContact));
  printf("  public static final long SIZEOF_MJWARNINGSTAT = %zu;\n", sizeof(mjWarningStat));
  printf("  public static final int MJ_NWARNING = %d;\n\n", mjNWARNING);

  // model sizes (mjtSize = int64)
  printf("  // mjModel sizes (int64)\n");
#define X(name) printf("  public static final long M_%s = %zu;\n", #name, offsetof(mjModel, name));
  MJMODEL_SIZES
#undef X

  printf("\n  // mjOption fields inside mjModel\n");
#define X(type, name, n) printf("  public static final long M_opt_%s = %zu; // %s[%s]\n", #name, OPT(name), #type, #n);
#define XVEC X
  MJOPTION_FIELDS
#undef XVEC
#undef X
  printf("  public static final long M_vis_global_offwidth = %zu;\n", offsetof(mjModel, vis.global.offwidth));
  printf("  public static final long M_vis_global_offheight = %zu;\n", offsetof(mjModel, vis.global.offheight));
  printf("  public static final long M_stat_extent = %zu;\n", offsetof(mjModel, stat) + offsetof(mjStatistic, extent));

  printf("\n  // mjModel array pointers\n");
#define X(type, name, nr, nc) printf("  public static final long M_%s = %zu; // %s[%s x %s]\n", #name, offsetof(mjModel, name), #type, #nr, #nc);
  MJMODEL_POINTERS
#undef X

  printf("\n  // mjData scalars\n");
#define X(type, name) printf("  public static final long D_%s = %zu; // %s\n", #name, offsetof(mjData, name), #type);
  MJDATA_SCALAR
#undef X
  printf("  public static final long D_warning = %zu;\n", offsetof(mjData, warning));
  printf("  public static final long D_buffer = %zu;\n", offsetof(mjData, buffer));
  printf("  public static final long D_arena = %zu;\n", offsetof(mjData, arena));

  printf("\n  // mjData array pointers\n");
#define X(type, name, nr, nc) printf("  public static final long D_%s = %zu; // %s[%s x %s]\n", #name, offsetof(mjData, name), #type, #nr, #nc);
  MJDATA_POINTERS
  MJDATA_ARENA_POINTERS
#undef X

  printf("\n  // mjContact fields\n");
#define C(name) printf("  public static final long C_%s = %zu;\n", #name, offsetof(mjContact, name));
  C(dist) C(pos) C(frame) C(dim) C(geom) C(exclude) C(efc_address)
#undef C
  printf("}\n");
  return 0;
}
