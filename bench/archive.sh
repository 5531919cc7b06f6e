#!/usr/bin/env bash
# A church's whole archive in one go: N recordings of 200 kB each, uploaded by sermon-uploader (CLI,
# by the package's launcher and by plain java -jar), rclone and the AWS CLI to one standalone
# S3Proxy started once (as bench/run.sh starts it).
#   bench/archive.sh                 # 500 and 2,000 files
#   bench/archive.sh 500             # only 500
#   SKIP_BUILD=1 JAR=path/to.jar bench/archive.sh 500
#   TOOLS=sermon-uploader OURS_JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=filename=/tmp/a.jfr \
#     bench/archive.sh 500       # only ours, profiled (JAVA_OPTS: options of the java -jar row)
# Prints a Markdown table: wall time, peak RSS, objects on the server, CPU time of the tool and of
# S3Proxy while it ran; also bench/work/archive/results.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/archive"
counts=("${@:-500 2000}")
read -r -a counts <<<"${counts[*]}"
mkdir -p "$work"
die() { echo "archive: $*" >&2; exit 1; }

missing=()
for pair in rclone:rclone /usr/bin/aws:awscli /usr/bin/time:time; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

jar="${JAR:-$root/target/sermon-uploader.jar}"
if [ "${SKIP_BUILD:-}" != 1 ]; then (cd "$root" && mvn -q -Dmaven.test.skip=true package); fi
[ -f "$jar" ] || die "$jar is missing"
launcher="$(dirname "$jar")/sermon-uploader"
[ -x "$launcher" ] || die "$launcher (the package's launcher, written by mvn package) is missing"
rm -rf "$work/warm"
s3proxy="$here/work/s3proxy/s3proxy-4.1.0-jar-with-dependencies.jar"
if [ ! -f "$s3proxy" ]; then
  (cd "$here/work" && mvn -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
    -DoutputDirectory="$here/work/s3proxy") || die "could not fetch S3Proxy 4.1.0"
fi

access=benchaccess secret=benchsecret-not-a-real-one bucket=bench
store="$work/server-data"
rm -rf "$store" && mkdir -p "$store/$bucket"
# shellcheck source=bench/s3proxy.sh
. "$here/s3proxy.sh"
s3proxy_start "$work/server.log" "$store" "$access" "$secret" -jar "$s3proxy"
server=$s3proxy_pid endpoint=$s3proxy_endpoint
trap 'kill $server 2>/dev/null || true' EXIT

# Go and Python tools fail on plain http with the CA bundle this machine sets (see STACK.md)
peer_env=(env -u AWS_CA_BUNDLE -u MALLOC_ARENA_MAX)
rclone_copy=("${peer_env[@]}" RCLONE_CONFIG=/dev/null RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other
  RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$access"
  RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$secret" RCLONE_CONFIG_BENCH_REGION=us-east-1 rclone copy)
printf '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n' >"$work/aws.cfg"

objects() { find "$store/$bucket" -type f -not -path '*/.sermon-uploader/*' | wc -l; }
clear() { rm -rf "${store:?}/$bucket" && mkdir -p "$store/$bucket"; }

# CPU seconds S3Proxy has used so far (it shares the cores with the tool it answers)
server_cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$server/stat"; }

# run NAME COUNT DIR CMD...: wall seconds and peak RSS (MiB) of CMD, objects on the server after it
run() {
  local name=$1 count=$2 dir=$3; shift 3
  clear
  local start end rc=0 served
  served=$(server_cpu)
  start=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$work/time.txt" "$@" >"$work/$name-$count.log" 2>&1 || rc=$?
  end=$(date +%s.%N)
  read -r rss user sys <"$work/time.txt"
  printf '| %s | %d | %.1f | %.1f | %d | %.1f | %.1f | %s |\n' "$name" "$count" "$(echo "$end - $start" | bc)" \
    "$(echo "$rss / 1024" | bc -l)" "$(objects)" "$(echo "$user + $sys" | bc)" \
    "$(echo "$(server_cpu) - $served" | bc)" "$([ $rc = 0 ] && echo ok || echo "exit $rc")" |
    tee -a "$work/results.md"
}

# TOOLS: which of sermon-uploader (the launcher), sermon-uploader-jar (java -jar, no options),
# rclone and aws to run (all unless told)
want() { [[ " ${TOOLS:-sermon-uploader sermon-uploader-jar rclone aws} " == *" $1 "* ]]; }

echo "| tool | files | wall s | peak RSS MiB | objects | CPU s | S3Proxy CPU s | result |" | tee "$work/results.md"
echo "|---|---|---|---|---|---|---|---|" | tee -a "$work/results.md"
for n in "${counts[@]}"; do
  dir="$work/files-$n"
  if [ ! -d "$dir" ] || [ "$(ls "$dir" | wc -l)" != "$n" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    for i in $(seq -f '%05g' 1 "$n"); do head -c 204800 /dev/urandom >"$dir/sermon-$i.mp3"; done
    # an archive's recordings are old: files written seconds ago are waited on until they settle
    find "$dir" -type f -exec touch -d '2 hours ago' {} +
  fi
  # S3Proxy compiles its own hot paths during the first few hundred requests: one round that is
  # not counted, so no tool pays for the server's warm-up (the first row used to, by 2-3 s of its CPU)
  if [ -z "${warmed:-}" ] && command -v rclone >/dev/null; then
    "${rclone_copy[@]}" "$dir" "bench:$bucket/" >/dev/null 2>&1 || true
    warmed=1
  fi
  home="$work/home"
  upload=(upload --endpoint "$endpoint" --bucket "$bucket" --access-key "$access" "$dir")
  if want sermon-uploader; then
    # as a volunteer runs it: the package's launcher with its JVM options, and the class data
    # archive an earlier run made (the first upload after installing makes it)
    if [ ! -d "$work/warm/cds" ]; then
      mkdir -p "$work/warm-file" && head -c 1000 /dev/urandom >"$work/warm-file/warm-up.mp3"
      env SERMON_UPLOADER_HOME="$work/warm" MINIO_SECRET_KEY="$secret" STATUS_PORT=0 "$launcher" upload \
        --endpoint "$endpoint" --bucket "$bucket" --access-key "$access" "$work/warm-file" >/dev/null 2>&1 || true
    fi
    rm -rf "$home" && mkdir -p "$home" && cp -r "$work/warm/cds" "$home/" 2>/dev/null || true
    run sermon-uploader "$n" "$dir" env SERMON_UPLOADER_HOME="$home" MINIO_SECRET_KEY="$secret" STATUS_PORT=0 \
      ${OURS_JAVA_TOOL_OPTIONS:+JAVA_TOOL_OPTIONS="$OURS_JAVA_TOOL_OPTIONS"} "$launcher" "${upload[@]}"
  fi
  if want sermon-uploader-jar; then
    rm -rf "$home"
    run "sermon-uploader-jar" "$n" "$dir" env SERMON_UPLOADER_HOME="$home" MINIO_SECRET_KEY="$secret" STATUS_PORT=0 \
      java ${JAVA_OPTS:-} -jar "$jar" "${upload[@]}"
  fi
  if want rclone; then
    run rclone "$n" "$dir" "${rclone_copy[@]}" "$dir" "bench:$bucket/"
  fi
  if want aws; then
    run aws "$n" "$dir" "${peer_env[@]}" AWS_CONFIG_FILE="$work/aws.cfg" AWS_SHARED_CREDENTIALS_FILE=/dev/null \
      AWS_ACCESS_KEY_ID="$access" AWS_SECRET_ACCESS_KEY="$secret" AWS_PAGER= \
      /usr/bin/aws s3 cp --recursive --only-show-errors --endpoint-url "$endpoint" "$dir" "s3://$bucket/"
  fi
done
