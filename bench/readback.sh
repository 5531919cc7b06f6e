#!/usr/bin/env bash
# Memory and time of reading a recording back: `download` and `verify` of one object against a
# local S3Proxy (filesystem backend), each under /usr/bin/time -v with a small heap and the
# launcher's other JVM flags.
#   bench/readback.sh              # 1 GiB object, -Xmx48m
#   bench/readback.sh 512 32m      # size in MiB, heap
# Results are printed and kept in bench/work/readback/ (not committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/readback"
size_mib="${1:-1024}"
heap="${2:-48m}"
access=bench-access
secret=bench-secret-Readback9

rm -rf "$work"
mkdir -p "$work/server/sermons" "$work/home"
(cd "$root" && mvn -B -ntp -q -DskipTests compile \
  && mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
cp="$root/target/classes:$(cat "$work/cp.txt")"
source "$here/launcher-dir.sh"
flags=()
while IFS= read -r flag; do
  case "$flag" in -Xmx*) ;; *) flags+=("$flag") ;; esac
done < <(cli_flags)

# shellcheck source=bench/s3proxy.sh
. "$here/s3proxy.sh"
s3proxy_start "$work/server.log" "$work/server" "$access" "$secret" -cp "$cp" org.gaul.s3proxy.Main
server=$s3proxy_pid port=$s3proxy_port
trap 'kill "$server" 2>/dev/null || true' EXIT

export SERMON_UPLOADER_HOME="$work/home" MINIO_ENDPOINT="http://127.0.0.1:$port" MINIO_BUCKET=sermons \
  MINIO_ACCESS_KEY="$access" MINIO_SECRET_KEY="$secret" STATUS_PORT=0
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/recording.wav"
echo "readback: uploading a $size_mib MiB recording"
java "${flags[@]}" -Xmx96m -cp "$cp" org.sermonuploader.Main upload "$work/recording.wav" >"$work/upload.log" 2>&1

measure() {
  local name="$1"; shift
  local rc=0
  /usr/bin/time -v -o "$work/$name.time" java "${flags[@]}" "-Xmx$heap" -cp "$cp" \
    org.sermonuploader.Main "$@" >"$work/$name.log" 2>&1 || rc=$?
  local rss wall
  rss="$(awk -F: '/Maximum resident/ {print int($2 / 1024)}' "$work/$name.time")"
  wall="$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$work/$name.time")"
  printf 'readback: %-8s %s MiB  -Xmx%s  exit %s  peak RSS %s MiB  wall %s\n' \
    "$name" "$size_mib" "$heap" "$rc" "$rss" "$wall"
}
measure download download recording.wav "$work/copy.wav"
cmp -s "$work/recording.wav" "$work/copy.wav" && echo "readback: the copy is byte for byte the original"
rm -f "$work/copy.wav"
measure verify verify recording.wav
