#!/usr/bin/env bash
# A church's whole archive through the window: N recordings of 200 kB (500 unless given) added with
# `--add <folder>` to the build's launcher (target/sermon-uploader, heap limit 96 MB from
# installer/jvm-options) on a virtual X display, uploaded to a standalone S3Proxy in its own JVM.
# Prints the wall time until every object is on the server, the peak RSS and the live heap; the
# figures go in docs/benchmarks.md ("The window with a long queue").
#   bench/archive-window.sh            # 500 files
#   bench/archive-window.sh 2000
#   SKIP_BUILD=1 bench/archive-window.sh 500
# The measuring itself is bench/window-memory.sh --queue (one way to start the window, the server
# and the display); results in bench/work/window-memory/archive-window-N/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
count="${1:-500}"
if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -x "$root/target/sermon-uploader" ]; then
  (cd "$root" && mvn -B -q -Dmaven.test.skip=true package)
fi
exec "$here/window-memory.sh" --queue "$count" --from-target --label "archive-window-$count"
