#!/usr/bin/env bash
# Regenerates the screenshots in docs/images/ with gclab-gui's headless mode (no display needed:
# SDL's offscreen video driver renders through Mesa). Usage: tools/screenshots.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${1:-build}"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DGCLAB_BUILD_GUI=ON >/dev/null
fi
cmake --build "$BUILD_DIR" -j2 --target gclab-gui
GUI="$BUILD_DIR/render/gclab-gui"
mkdir -p docs/images
export SDL_VIDEODRIVER=offscreen

# The whole window after 5 000 allocations of the demonstration, default zoom ("Fit").
"$GUI" --steps 5000 --size 1280x800 --screenshot docs/images/gclab-gui.png
# Slot detail over the first pages of the heap, with the hover tooltip of a free slot.
"$GUI" --steps 3000 --size 1280x800 --view heap --focus 0xc000086000 --cell 192 --mouse 372,380 \
  --screenshot docs/images/gclab-gui-slots.png
echo "screenshots: docs/images/gclab-gui.png docs/images/gclab-gui-slots.png"
