#!/usr/bin/env bash
# Builds the viewer page into a classpath resource folder (run by Maven in generate-resources).
#   build.sh WEB_SRC WORK_DIR OUT_DIR
# three.js comes from npm, pinned by package-lock.json and installed with `npm ci` into WORK_DIR
# (npm's cache makes later builds offline). Without npm the page is still built and falls back
# to its 2D canvas renderer; the build says so.
set -euo pipefail
SRC="$1"; WORK="$2"; OUT="$3"
mkdir -p "$WORK" "$OUT/vendor"

# page sources
cp "$SRC"/*.html "$SRC"/*.js "$SRC"/*.css "$OUT/"

# three.js: reinstall only when the lock file changed
if ! cmp -s "$SRC/package-lock.json" "$WORK/package-lock.json" || [[ ! -f "$WORK/node_modules/three/package.json" ]]; then
  if command -v npm >/dev/null; then
    cp "$SRC/package.json" "$SRC/package-lock.json" "$WORK/"
    (cd "$WORK" && npm ci --no-audit --no-fund --ignore-scripts --prefer-offline --loglevel=error) ||
      { echo "web viewer: npm ci failed; the page will use its 2D fallback" >&2; rm -f "$WORK/package-lock.json"; }
  else
    echo "web viewer: npm not found; the page will use its 2D fallback (install nodejs+npm for 3D)" >&2
  fi
fi
THREE="$WORK/node_modules/three"
if [[ -f "$THREE/build/three.module.js" ]]; then
  cp "$THREE/build/three.module.js" "$THREE/build/three.core.js" "$OUT/vendor/"
  cp "$THREE/examples/jsm/controls/OrbitControls.js" "$OUT/vendor/"
  cp "$THREE/LICENSE" "$OUT/vendor/LICENSE-three.txt"
else
  rm -f "$OUT/vendor/three.module.js" "$OUT/vendor/three.core.js" "$OUT/vendor/OrbitControls.js"
fi
