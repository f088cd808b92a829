#!/usr/bin/env bash
# Installs what is missing, builds gclab, and opens the sandbox window on its default demonstration.
# Without a display (no DISPLAY or WAYLAND_DISPLAY) it runs the headless CLI demonstration instead and
# says how to get a screenshot of the window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j2
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/render/gclab-gui
fi
echo "run.sh: no display; running the headless demonstration instead." >&2
echo "run.sh: for a picture of the window: SDL_VIDEODRIVER=offscreen ./build/render/gclab-gui --steps 5000 --screenshot gclab.png" >&2
exec ./build/cli/gclab demo
