#!/usr/bin/env bash
# A limited upload by this app next to `rclone copyto --bwlimit`, same file, same local S3Proxy.
# Each run is sampled ten times a second from /proc/<pid>/io (wchar: bytes the process wrote, its
# socket writes included); reported are the achieved rate (bytes / time from first to last byte)
# divided by the limit, and the spread of the per-second rate (p10, p90, coefficient of variation).
#   bench/bwlimit.sh                 # 96 MiB file, limits 1M and 4M
#   bench/bwlimit.sh 64 "1M 4M 8M"   # size in MiB, limits (rclone syntax, binary units)
# Results are printed as a Markdown table and kept in bench/work/bwlimit/ (not committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/bwlimit"
size_mib="${1:-96}"
limits="${2:-1M 4M}"
access=bench-access
secret=bench-secret-Bwlimit7

command -v rclone >/dev/null || { echo "bwlimit: rclone is needed (apt-get install rclone)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/server/sermons" "$work/home"
(cd "$root" && mvn -B -ntp -q -DskipTests compile \
  && mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
cp="$root/target/classes:$(cat "$work/cp.txt")"

# shellcheck source=bench/s3proxy.sh
. "$here/s3proxy.sh"
s3proxy_start "$work/server.log" "$work/server" "$access" "$secret" -cp "$cp" org.gaul.s3proxy.Main
server=$s3proxy_pid port=$s3proxy_port
trap 'kill "$server" 2>/dev/null || true' EXIT
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/recording.wav"

# runs a command in the background and samples its wchar ten times a second: "seconds bytes" a line
sampled() {
  local name="$1"; shift
  "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  python3 - "$pid" "$work/$name.samples" <<'PY'
import sys, time
pid, out = sys.argv[1], sys.argv[2]
def wchar():
    try:
        with open(f"/proc/{pid}/io") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("wchar:"))
    except (OSError, StopIteration):
        return None
with open(out, "w") as f:
    start = time.monotonic(); n = 0
    f.write("0.000 0\n")  # the process starts with nothing written
    while (w := wchar()) is not None:
        f.write(f"{time.monotonic() - start:.3f} {w}\n")
        n += 1
        time.sleep(max(0, start + n / 10 - time.monotonic()))
    f.write(f"{time.monotonic() - start:.3f} exit\n")
PY
  wait "$pid"
}

# The upload is the stretch in which wchar grew by the file's size: it starts at the last sample
# before those bytes and ends at the last sample that still grew at the limit's pace (logs and
# the journal write little besides); a tool that exits before the next sample ends at its exit.
# Per-second rates are taken over whole seconds inside it.
summary() {
  python3 - "$1" "$2" "$size_mib" <<'PY'
import bisect, statistics, sys
path, limit, size_mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
limit_bps = float(limit[:-1]) * {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[limit[-1].upper()]
size = size_mib << 20
lines = [l.split() for l in open(path)]
exit_at = float(lines[-1][0])
t, w = zip(*[(float(a), float(b)) for a, b in lines[:-1]])
end = next(i for i in range(len(w) - 1, 0, -1) if w[i] - w[i - 1] > limit_bps / 50)
start = max([i for i in range(end) if w[end] - w[i] >= size * 0.99] or [0])
if w[end] - w[start] >= size * 0.99:
    moved, took = w[end] - w[start], t[end] - t[start]
else:
    moved, took = size, exit_at - t[start]
achieved = moved / took / limit_bps
rates = []
for k in range(int(min(took, t[end] - t[start]) // 1)):
    a = t[start] + k
    i, j = bisect.bisect_left(t, a), bisect.bisect_left(t, a + 1)
    if j < len(t):
        rates.append((w[j] - w[i]) / (t[j] - t[i]))
q = statistics.quantiles(rates, n=10)
cv = statistics.pstdev(rates) / statistics.mean(rates)
print(f"{achieved:.3f} {q[0] / limit_bps:.3f} {q[-1] / limit_bps:.3f} {cv * 100:.1f} {took:.1f}")
PY
}

export SERMON_UPLOADER_HOME="$work/home" MINIO_ENDPOINT="http://127.0.0.1:$port" MINIO_BUCKET=sermons \
  MINIO_ACCESS_KEY="$access" MINIO_SECRET_KEY="$secret" STATUS_PORT=0
rclone_env=(env -u AWS_CA_BUNDLE RCLONE_CONFIG=/dev/null RCLONE_CONFIG_BENCH_TYPE=s3
  RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="http://127.0.0.1:$port"
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$access" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$secret"
  RCLONE_CONFIG_BENCH_REGION=us-east-1)

echo "| tool | limit | achieved ÷ limit | per-second rate p10 ÷ limit | p90 ÷ limit | stdev ÷ mean | seconds |"
echo "|---|---|---|---|---|---|---|"
for limit in $limits; do
  sampled "ours-$limit" java -Xmx96m -cp "$cp" org.sermonuploader.Main upload \
    --bwlimit "$limit" --prefix "ours-$limit/" "$work/recording.wav"
  read -r a p10 p90 cv secs < <(summary "$work/ours-$limit.samples" "$limit")
  echo "| Sermon Uploader (16 MiB x 2) | $limit | $a | $p10 | $p90 | $cv % | $secs |"
  sampled "rclone-$limit" "${rclone_env[@]}" rclone copyto --bwlimit "$limit" \
    "$work/recording.wav" "bench:sermons/rclone-$limit/recording.wav"
  read -r a p10 p90 cv secs < <(summary "$work/rclone-$limit.samples" "$limit")
  echo "| rclone $(rclone version | head -1 | awk '{print $2}') (5 MiB x 4) | $limit | $a | $p10 | $p90 | $cv % | $secs |"
done
