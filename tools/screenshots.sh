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
# steady-state's first cycle marks from tick 138 699 to 259 456; the second starts at tick 583 393.
SS=(--scenario steady-state)

# The whole window in the middle of the first cycle's mark phase.
"$GUI" "${SS[@]}" --at 200000 --size 1280x800 --screenshot docs/images/gclab-gui.png
# Presenter mode: large fonts and the high-contrast style, at a projector's 1280x800.
"$GUI" "${SS[@]}" --at 200000 --size 1280x800 --large-fonts --high-contrast \
  --screenshot docs/images/gclab-gui-presenter.png
# Slot detail during marking: white, grey and black objects, with the tooltip of one slot.
"$GUI" "${SS[@]}" --at 150000 --size 1280x800 --view heap --focus 0xc000200000 --cell 256 --mouse 700,500 \
  --screenshot docs/images/gclab-gui-slots.png
# The heap map coloured by RAM early in the first mark: the mark is the first to read the Objects, and
# their pages get RAM (page faults) in the slice's random order; the tooltip of a page with one half.
"$GUI" "${SS[@]}" --at 143600 --size 1280x560 --view heap --colour-by ram --mouse 1000,300 \
  --screenshot docs/images/gclab-gui-ram.png
# The same in the colour-blind-safe palette: grey objects are a checkerboard.
"$GUI" "${SS[@]}" --at 150000 --size 1280x800 --view heap --focus 0xc000200000 --cell 256 \
  --palette colour-blind --screenshot docs/images/gclab-gui-slots-cb.png
# The timeline over two cycles: heapLive, heap goal, trigger, HeapInuse, HeapSys, released, STW / mark /
# sweep bands, the playhead, and a lane per P (mutator, mark workers, assists, STW).
"$GUI" "${SS[@]}" --at 700000 --size 1280x500 --view timeline --screenshot docs/images/gclab-gui-timeline.png
# memory-limit at a 10 MiB GOMEMLIMIT: the heap far below the limit line, the mapped memory on it.
"$GUI" --scenario memory-limit --at 30000 --size 1280x500 --view timeline \
  --screenshot docs/images/gclab-gui-timeline-limit.png
# The statistics view of memory-limit: Sys by memory class against the 10 MiB GOMEMLIMIT.
"$GUI" --scenario memory-limit --at 30000 --size 1024x700 --view stats \
  --screenshot docs/images/gclab-gui-stats-limit.png
# The collector view while marking: phase, pacer, per-P gcWork and wbBuf, assists, the latest write barriers.
"$GUI" "${SS[@]}" --at 150000 --size 800x760 --view collector --screenshot docs/images/gclab-gui-collector.png
# The object graph of binary-trees while marking: roots, then objects by distance from a root, the latest
# write barriers ringed and the pointers they stored.
"$GUI" --scenario binary-trees --at 135400 --size 1000x640 --view graph --screenshot docs/images/gclab-gui-graph.png
# The same with the mouse on a grey object: it is ringed and its pointers in and out are drawn on top.
"$GUI" --scenario binary-trees --at 135400 --size 1000x420 --view graph --mouse 258,264 \
  --screenshot docs/images/gclab-gui-graph-hover.png
# The inspector on a selected live object in the first cycle's mark phase: its span, pointers in, the
# chain from a root that keeps it alive, and its history (allocation, then grey and black in cycle 1).
"$GUI" "${SS[@]}" --at 200000 --size 1280x800 --select 0xc000200040 --screenshot docs/images/gclab-gui-inspector.png
# Side by side: a small steady-state at GOGC=25 beside the same at GOGC=50.
"$GUI" "${SS[@]}" --param live_bytes=256KiB --gogc 25 --at 200000 --size 1100x760 --view compare \
  --compare gogc=50 --screenshot docs/images/gclab-gui-compare.png
# The allocator view of tour at tick 7 054: P1's mcache span is full, mcentral has none with a free
# slot and grows one from mheap; the tooltip of the P1 mcache cell it refilled.
"$GUI" --scenario tour --at 7054 --size 1280x520 --view allocator --mouse 340,347 \
  --screenshot docs/images/gclab-gui-allocator.png
echo "screenshots: docs/images/gclab-gui{,-presenter,-slots,-ram,-slots-cb,-timeline,-timeline-limit,-stats-limit,-collector,-graph,-graph-hover,-allocator,-compare,-inspector}.png"
