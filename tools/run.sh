#!/usr/bin/env bash
# Installs what is missing, builds gclab, and opens the sandbox window on its default scenario, the
# guided `tour`. Without a display (no DISPLAY or WAYLAND_DISPLAY) it runs the tour headless with Go's
# gctrace instead and says how to get a screenshot of the window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j2
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/render/gclab-gui --scenario tour
fi
echo "run.sh: no display; running the tour headless instead." >&2
echo "run.sh: for a picture of the window: SDL_VIDEODRIVER=offscreen ./build/render/gclab-gui --scenario tour --at 5000 --screenshot gclab.png" >&2
exec ./build/cli/gclab run tour --gctrace
