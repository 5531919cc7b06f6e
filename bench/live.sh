#!/usr/bin/env bash
# How long after a recording ends it is safe in the bucket: uploaded while it is made (`watch`,
# LIVE_UPLOAD=true) against uploaded after it ended (`upload` of the finished file), both under
# the same bandwidth limit, against a local S3Proxy (filesystem backend).
#   bench/live.sh                  # 160 MB written at 4 MB/s, BANDWIDTH_LIMIT=8M
#   bench/live.sh 80 4 8M          # MB, MB/s, limit
# Results are printed and kept in bench/work/live/ (not committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/live"
size_mb="${1:-160}"
rate_mb="${2:-4}"
limit="${3:-8M}"
access=bench-access
secret=bench-secret-Live9

rm -rf "$work"
mkdir -p "$work/server/sermons" "$work/home-live" "$work/home-after" "$work/recordings"
(cd "$root" && mvn -B -ntp -q -o -DskipTests compile \
  && mvn -B -ntp -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
cp="$root/target/classes:$(cat "$work/cp.txt")"
source "$here/launcher-dir.sh"
mapfile -t flags < <(cli_flags)

# shellcheck source=bench/s3proxy.sh
. "$here/s3proxy.sh"
s3proxy_start "$work/server.log" "$work/server" "$access" "$secret" -cp "$cp" org.gaul.s3proxy.Main
server=$s3proxy_pid port=$s3proxy_port
watcher=""
trap 'kill "$server" ${watcher:+"$watcher"} 2>/dev/null || true' EXIT

export MINIO_ENDPOINT="http://127.0.0.1:$port" MINIO_BUCKET=sermons \
  MINIO_ACCESS_KEY="$access" MINIO_SECRET_KEY="$secret" STATUS_PORT=0 BANDWIDTH_LIMIT="$limit"
now() { date +%s.%N; }

# 1. uploaded while it is made
SERMON_UPLOADER_HOME="$work/home-live" LIVE_UPLOAD=true \
  java "${flags[@]}" -cp "$cp" org.sermonuploader.Main watch "$work/recordings" >"$work/watch.log" 2>&1 &
watcher=$!
sleep 5
rec="$work/recordings/live.wav"
echo "live: recording $size_mb MB at $rate_mb MB/s into the watch folder"
start="$(now)"
python3 - "$rec" "$size_mb" "$rate_mb" <<'PY'
import os, sys, time
path, size_mb, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
chunk = 1_000_000 // 10
with open(path, "wb") as f:
    f.write(b"RIFF\0\0\0\0WAVEfmt " + bytes(28))  # a 44-byte header with zero sizes
    t0 = time.monotonic()
    for i in range(size_mb * 10):
        f.write(os.urandom(chunk)); f.flush()
        due = t0 + (i + 1) * chunk / (rate * 1_000_000)
        time.sleep(max(0, due - time.monotonic()))
    size = f.tell()
    f.seek(4); f.write((size - 8).to_bytes(4, "little"))
    f.seek(40); f.write((size - 44).to_bytes(4, "little"))
PY
closed="$(now)"
until grep -q "live.wav: uploaded as" "$work/watch.log"; do
  kill -0 "$watcher" 2>/dev/null || { echo "live: the watcher stopped:" >&2; cat "$work/watch.log" >&2; exit 1; }
  sleep 0.1
done
done_live="$(now)"
kill -TERM "$watcher"; wait "$watcher" || true; watcher=""

# 2. the same file uploaded after the recording
cp "$rec" "$work/after.wav"
touch -d '1 hour ago' "$work/after.wav"
t0="$(now)"
SERMON_UPLOADER_HOME="$work/home-after" \
  java "${flags[@]}" -cp "$cp" org.sermonuploader.Main upload "$work/after.wav" >"$work/after.log" 2>&1
done_after="$(now)"

python3 - "$start" "$closed" "$done_live" "$t0" "$done_after" "$size_mb" "$rate_mb" "$limit" <<'PY'
import sys
start, closed, live, t0, after = map(float, sys.argv[1:6])
print(f"live: {sys.argv[6]} MB recorded at {sys.argv[7]} MB/s in {closed - start:.1f} s, limit {sys.argv[8]}")
print(f"live: uploaded while recording: safe {live - closed:.1f} s after the recording ended")
print(f"live: uploaded after recording: safe {after - t0:.1f} s after the recording ended (upload alone)")
PY
grep -c "part .* sent" "$work/watch.log" | sed 's/^/live: lines "part N sent": /'
