#!/usr/bin/env bash
# Build-time native step (called by Maven): generate MjLayout.java from the MuJoCo headers'
# X-macros and compile the small C helpers, all against the unpacked official MuJoCo by path.
#   build-native.sh MUJOCO_DIR NATIVE_OUT GENERATED_SRC_OUT
set -euo pipefail
MJ="$1"; OUT="$2"; GEN="$3"
HERE="$(cd "$(dirname "$0")" && pwd)"
LIB="$MJ/lib/libmujoco.so.3.14.0"
[[ -f "$LIB" && -f "$MJ/include/mujoco/mujoco.h" ]] || { echo "MuJoCo not found in $MJ (run ./kinesis once)" >&2; exit 1; }
mkdir -p "$OUT" "$GEN/kinesis/sim"
CFLAGS=(-O2 -I"$MJ/include" -Wl,-rpath,"$MJ/lib")
stale() { [[ ! -f "$1" || "$2" -nt "$1" || "$LIB" -nt "$1" ]]; }

# 1. layout generator -> MjLayout.java
if stale "$GEN/kinesis/sim/MjLayout.java" "$HERE/gen_layout.c"; then
  gcc "${CFLAGS[@]}" "$HERE/gen_layout.c" -o "$OUT/gen_layout" "$LIB"
  "$OUT/gen_layout" > "$GEN/kinesis/sim/MjLayout.java.tmp"
  mv "$GEN/kinesis/sim/MjLayout.java.tmp" "$GEN/kinesis/sim/MjLayout.java"
fi
# 2. plain C stepping loop (the reference of `kinesis bench sim`)
if stale "$OUT/c_step_bench" "$HERE/c_step_bench.c"; then
  gcc "${CFLAGS[@]}" "$HERE/c_step_bench.c" -o "$OUT/c_step_bench" "$LIB" -lm -lpthread
fi
# 3. C accessors used by tests to cross-check the generated offsets
if stale "$OUT/libmjcheck.so" "$HERE/mjcheck.c"; then
  gcc "${CFLAGS[@]}" -shared -fPIC "$HERE/mjcheck.c" -o "$OUT/libmjcheck.so" "$LIB"
fi
# 4. offscreen EGL render shim (optional: skipped with a note when EGL headers are absent)
if [[ -f "$HERE/mjrender.c" ]] && stale "$OUT/libmjrender.so" "$HERE/mjrender.c"; then
  if [[ -f /usr/include/EGL/egl.h ]]; then
    gcc "${CFLAGS[@]}" -shared -fPIC "$HERE/mjrender.c" -o "$OUT/libmjrender.so" "$LIB" -lEGL -lGL
  else
    echo "note: EGL headers missing, render shim not built (apt-get install libegl-dev libgl-dev)" >&2
  fi
fi
