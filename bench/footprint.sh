#!/usr/bin/env bash
# Memory and start-up of the command line through the package's launcher, next to rclone on the same
# file and server, in turns (ours, rclone, ours, rclone ...), so both see the same machine.
#
#   bench/footprint.sh                         # 1 GiB upload, 3 rounds: peak RSS and wall time
#   bench/footprint.sh --size 256MiB           # a smaller file (peak RSS is within 4 % of 1 GiB's)
#   bench/footprint.sh --small                 # a 1 kB recording that is not new: time from `upload` to exit
#   bench/footprint.sh --nmt                   # where the memory goes: NMT summary and pmap half-way
#   bench/footprint.sh --runs 5 --variant 'xmx32=cli: -Xmx32m' --variant 'nocds=env SERMON_UPLOADER_CDS=off'
#
# "ours" is target/sermon-uploader (the launcher `mvn package` writes, the package's own) with
# installer/jvm-options, SQLite's library unpacked as the package carries it, and its class data
# archive made by a first upload that is not counted. A --variant NAME=LINE adds a launcher whose
# jvm-options get LINE as one more line ("cli: -Xmx32m"); written "env VAR=VALUE", the same
# launcher run with that variable; written "from FOLDER", the launcher and jvm-options in FOLDER
# (an older commit's, from git show) and its sermon-uploader.jar if it holds one (that commit's
# build, with the same target/lib). Needs: mvn -DskipTests package, rclone, /usr/bin/time, java.
# Server: S3Proxy from target/lib on 127.0.0.1, objects in /dev/shm. Prints medians (min-max) and
# the ratio to rclone pair by pair; every run is in bench/work/footprint-MODE/runs.tsv.
# FOOTPRINT_LAUNCHER and FOOTPRINT_JVM_OPTIONS: another launcher and options (bench/launcher-dir.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs=3
size=1GiB
mode=big
variants=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --small) mode=small; shift ;;
    --size) size="$2"; shift 2 ;;
    --nmt) mode=nmt; shift ;;
    --variant) variants+=("$2"); shift 2 ;;
    --no-rclone) no_rclone=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "footprint: unknown option $1" >&2; exit 2 ;;
  esac
done
die() { echo "footprint: $*" >&2; exit 1; }
work="$here/work/footprint-$mode"
[ -x "$root/target/sermon-uploader" ] && [ -d "$root/target/lib" ] || die "run 'mvn -DskipTests package' first"
command -v rclone >/dev/null || die "rclone is missing (apt-get install rclone)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
unset AWS_CA_BUNDLE MALLOC_ARENA_MAX # Go's TLS setup fails on the machine's bundle; the launcher sets its own

mkdir -p "$work"
shm=/dev/shm; [ -d "$shm" ] && [ -w "$shm" ] || shm="$work"
store="$(mktemp -d "$shm/footprint-s3.XXXXXX")"
mkdir -p "$store/bench"
# S3Proxy logs at DEBUG without a configuration: a gigabyte of log per GiB uploaded, and the CPU
# to write it taken from the uploads measured
cat > "$work/s3proxy-logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
# shellcheck source=bench/s3proxy.sh
. "$here/s3proxy.sh"
s3proxy_start "$work/s3proxy.log" "$store" bench bench-secret \
  -Dlogback.configurationFile="$work/s3proxy-logback.xml" -cp "$root/target/lib/*" org.gaul.s3proxy.Main
server=$s3proxy_pid endpoint=$s3proxy_endpoint
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$store"' EXIT

# the test file: random bytes, written an hour ago (a recording that is not new)
mkdir -p "$work/files"
if [ "$mode" = small ]; then
  file="$work/files/2026-11-29 Evening service.wav"; [ -s "$file" ] || head -c 1000 /dev/urandom > "$file"
else
  case "$size" in *GiB) bytes=$((${size%GiB} << 30)) ;; *MiB) bytes=$((${size%MiB} << 20)) ;; *) die "--size 256MiB or 1GiB" ;; esac
  file="$work/files/$size.wav"; [ -s "$file" ] || head -c "$bytes" /dev/urandom > "$file"
fi
touch -d '1 hour ago' "$file"

# shellcheck source=bench/launcher-dir.sh
. "$here/launcher-dir.sh"

names=(ours); launchers=("$(launcher_dir "$work/launchers/ours")"); envs=("")
for v in "${variants[@]}"; do
  n="${v%%=*}"; line="${v#*=}"
  names+=("$n")
  if [[ "$line" == env\ * ]]; then
    launchers+=("$work/launchers/ours/sermon-uploader"); envs+=("${line#env }")
  elif [[ "$line" == from\ * ]]; then
    from="${line#from }"; jar=""; [ -f "$from/sermon-uploader.jar" ] && jar="$from/sermon-uploader.jar"
    launchers+=("$(FOOTPRINT_LAUNCHER="$from/sermon-uploader" FOOTPRINT_JVM_OPTIONS="$from/jvm-options" \
      FOOTPRINT_JAR="$jar" launcher_dir "$work/launchers/$n")"); envs+=("")
  else
    launchers+=("$(launcher_dir "$work/launchers/$n" "$line")"); envs+=("")
  fi
done
if [ -z "${no_rclone:-}" ]; then names+=(rclone); launchers+=(rclone); envs+=(""); fi

rclone_env=(RCLONE_CONFIG=/dev/null RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other
  RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=bench
  RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=bench-secret RCLONE_CONFIG_BENCH_REGION=us-east-1)

# one run: prints "wall_s peak_kib exit"; the object is removed afterwards
run_one() { # index
  local i="$1" home="$work/home/${names[$1]}" key out
  key="$(basename "$file")"
  rm -f "$store/bench/$key"
  if [ "${launchers[$i]}" = rclone ]; then
    out="$(env "${rclone_env[@]}" /usr/bin/time -f '%e %M %x' rclone copyto "$file" "bench:bench/$key" 2>&1 >/dev/null | tail -1)"
  else
    # a fresh journal every run (the same file again would be "already uploaded"); the archive stays
    mkdir -p "$home"; find "$home" -mindepth 1 -maxdepth 1 ! -name cds -exec rm -rf {} +
    # shellcheck disable=SC2086
    out="$(env SERMON_UPLOADER_HOME="$home" STATUS_PORT=0 MINIO_SECRET_KEY=bench-secret ${envs[$i]} \
      /usr/bin/time -f '%e %M %x' "${launchers[$i]}" upload --endpoint "$endpoint" --bucket bench \
      --access-key bench "$file" 2>&1 >/dev/null | tail -1)"
  fi
  [ -f "$store/bench/$key" ] && cmp -s "$store/bench/$key" "$file" || out="$out bad-object"
  rm -f "$store/bench/$key"
  echo "$out"
}

if [ "$mode" = nmt ]; then
  d="$(launcher_dir "$work/launchers/nmt" "-XX:NativeMemoryTracking=summary")"
  for i in "${!names[@]}"; do [ "${names[$i]}" = ours ] && launchers[$i]="$d"; done
  home="$work/home/nmt"; mkdir -p "$home"; find "$home" -mindepth 1 -maxdepth 1 ! -name cds -exec rm -rf {} +
  env SERMON_UPLOADER_HOME="$home" STATUS_PORT=0 MINIO_SECRET_KEY=bench-secret "$d" upload --endpoint "$endpoint" \
    --bucket bench --access-key bench "$file" >/dev/null 2>&1 || true # the class data archive
  find "$home" -mindepth 1 -maxdepth 1 ! -name cds -exec rm -rf {} +; rm -f "$store/bench/"*
  env SERMON_UPLOADER_HOME="$home" STATUS_PORT=0 MINIO_SECRET_KEY=bench-secret "$d" upload --endpoint "$endpoint" \
    --bucket bench --access-key bench "$file" >/dev/null 2>&1 &
  pid=$!
  # half-way: half the object's parts on the server's side
  for _ in $(seq 600); do
    got=$(du -sb "$store" | cut -f1); [ "$got" -gt $((bytes / 2)) ] && break; sleep 0.1
  done
  jcmd "$pid" VM.native_memory summary > "$work/nmt.txt" 2>&1 || true
  pmap -x "$pid" > "$work/pmap.txt" 2>&1 || true
  grep VmRSS "/proc/$pid/status" || true
  wait "$pid" || true
  sed -n '/Native Memory Tracking/,$p' "$work/nmt.txt" | grep -E '^-|Total|committed=' | grep -E '^-|Total' | sed 's/^-* *//'
  echo "pmap: $work/pmap.txt; NMT: $work/nmt.txt"
  exit 0
fi

# warm-up: the page cache, and each launcher's class data archive
for i in "${!names[@]}"; do echo "warm-up ${names[$i]}: $(run_one "$i")"; done
tsv="$work/runs.tsv"
printf 'round\ttool\twall_s\tpeak_kib\texit\n' > "$tsv"
for r in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    read -r wall kib rc rest <<<"$(run_one "$i")"
    printf '%s\t%s\t%s\t%s\t%s%s\n' "$r" "${names[$i]}" "$wall" "$kib" "$rc" "${rest:+ $rest}" >> "$tsv"
  done
done
python3 - "$tsv" "$mode" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
tools = list(dict.fromkeys(r["tool"] for r in rows))
def col(t, k): return [float(r[k]) for r in rows if r["tool"] == t]
def med(xs): return statistics.median(xs)
print(f"{'tool':<12} {'ok':>5} {'wall s med (min-max)':>22} {'peak RSS MiB med (min-max)':>28} {'RSS/rclone':>11} {'wall/rclone':>12}")
for t in tools:
    w, m = col(t, "wall_s"), [k / 1024 for k in col(t, "peak_kib")]
    ok = sum(1 for r in rows if r["tool"] == t and r["exit"] == "0")
    line = f"{t:<12} {ok:>2}/{len(w):<2} {med(w):>8.2f} ({min(w):.2f}-{max(w):.2f}) {med(m):>12.1f} ({min(m):.1f}-{max(m):.1f})"
    if "rclone" in tools and t != "rclone":
        rr = [a / b for a, b in zip(m, [k / 1024 for k in col("rclone", "peak_kib")])]
        rw = [a / b for a, b in zip(w, col("rclone", "wall_s"))]
        line += f" {med(rr):>11.2f} {med(rw):>12.2f}"
    print(line)
PY
echo "every run: $tsv"
