#!/usr/bin/env bash
# The window's memory with the package's launcher: the .deb for this machine is unpacked (not
# installed) and its launcher opens the window on a virtual X display, with a fresh data directory
# whose settings point at an S3 server on loopback (S3Proxy from target/lib, in its own JVM).
#   1. idle: the window open with an empty queue; RSS sampled every 0.2 s for IDLE_SECONDS (30)
#   2. upload: the window started with --add FILE (SIZE_MIB, 1024); RSS sampled until the object is
#      on the server with the file's SHA-256
#   3. the same upload with Native Memory Tracking, `jcmd VM.native_memory summary` half-way:
#      where the memory goes (NMT itself adds a little, so its run's RSS is not the figure)
#
#   bench/window-memory.sh                         # the package's installer/jvm-options
#   bench/window-memory.sh --options FILE          # other JVM options, to compare
#   bench/window-memory.sh --label before --options <(git show HEAD~3:installer/jvm-options)
#   bench/window-memory.sh --label arenas --env MALLOC_ARENA_MAX=2     # environment for the app
#   bench/window-memory.sh --queue 500             # only: a folder of 500 recordings of 200 kB
#      added with --add; RSS and the live heap (jcmd GC.class_histogram, which collects first)
#      until all are on the server, the largest classes half-way, and the time per file
#   bench/window-memory.sh --queue 500 --from-target   # the build's launcher (target/sermon-uploader,
#      made by `mvn package`) instead of the .deb
#   bench/window-memory.sh --local --from-target   # only: no server set, so the window uploads to
#      its built-in local store: it uploads FILE (SIZE_MIB, 1024), then History, Verify all (clicked
#      with xdotool on the window as it opens on this 1280x800 screen) until the log says the check
#      ended; RSS every 0.2 s through both, the live heap and the largest classes after Verify all;
#      then once more with Native Memory Tracking, its summary after Verify all
# Needs Java 17, dpkg-deb, xvfb and xdotool. Results: bench/work/window-memory/<label>/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
name=sermon-uploader

options="$root/installer/jvm-options"
label=package
extra_env=()
queue_files=0
from_target=0
local_store=0
while [ $# -gt 0 ]; do
  case "$1" in
    --env) extra_env+=("$2"); shift 2 ;;
    --options) options="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --queue) queue_files="$2"; shift 2 ;;
    --from-target) from_target=1; shift ;;
    --local) local_store=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in java jcmd dpkg-deb Xvfb xdotool sha256sum; do
  command -v "$tool" >/dev/null || { echo "window-memory: $tool is missing" >&2; exit 1; }
done

out="$here/work/window-memory/$label"
rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d)"
if [ "$from_target" = 1 ]; then
  [ -x "$root/target/$name" ] || { echo "window-memory: run mvn package first" >&2; exit 1; }
  mkdir -p "$work/pkg"
  cp -r "$root/target/$name" "$root/target/$name.jar" "$root/target/lib" "$work/pkg/"
  app="$work/pkg"
else
  deb="$(ls -t "$root"/target/installer/${name}_*_"$(dpkg --print-architecture)".deb 2>/dev/null | head -1 || true)"
  [ -n "$deb" ] || { "$root/installer/build-deb.sh" >/dev/null; deb="$(ls -t "$root"/target/installer/${name}_*_"$(dpkg --print-architecture)".deb | head -1)"; }
  dpkg-deb -x "$deb" "$work/pkg"
  app="$work/pkg/opt/$name"
fi
grep -v '^[[:space:]]*#' "$options" | grep . > "$app/jvm-options"
cp "$app/jvm-options" "$out/jvm-options"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# ---------------------------------------------------------------- server and display
# shellcheck source=bench/s3proxy.sh
. "$here/s3proxy.sh"
port=
if [ "$local_store" = 0 ]; then
  mkdir -p "$work/store/sermons"
  s3proxy_start "$out/s3proxy.log" "$work/store" bench bench-secret \
    -cp "$root/target/lib/*" org.gaul.s3proxy.Main
  pids+=("$s3proxy_pid")
  port=$s3proxy_port
fi
display=":$((200 + RANDOM % 50))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display

rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null; }

# starts the window with a fresh data directory; sets $pid
start_window() { # extra-env args...
  local extra="$1"; shift
  rm -rf "$work/home"
  mkdir -p "$work/home"
  if [ "$local_store" = 1 ]; then
    printf 'STATUS_PORT=0\n' > "$work/home/settings.properties"
  else
    printf '%s\n' "MINIO_ENDPOINT=http://127.0.0.1:$port" MINIO_BUCKET=sermons MINIO_ACCESS_KEY=bench \
      STATUS_PORT=0 > "$work/home/settings.properties"
    printf 'MINIO_SECRET_KEY=bench-secret\n' > "$work/home/secrets.properties"
  fi
  rm -f "$work/store/sermons/Sunday service.wav"
  env -i PATH=/usr/bin:/bin HOME="$work" DISPLAY="$display" SERMON_UPLOADER_HOME="$work/home" \
    "${extra_env[@]}" ${extra:+JAVA_TOOL_OPTIONS="$extra"} "$app/$name" "$@" > "$out/window.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 300); do
    xdotool search --onlyvisible --name '^Sermon Uploader$' >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "window-memory: the window did not open" >&2
  cat "$out/window.log" >&2
  exit 1
}
stop_window() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
uploaded() {
  local stored="$work/store/sermons/Sunday service.wav"
  [ -f "$stored" ] && [ "$(stat -c %s "$stored")" = $((size_mib << 20)) ]
}
summary() { # tsv -> "median max"
  sort -n "$1" | awk '{a[NR]=$1} END {printf "%d %d", a[int((NR+1)/2)], a[NR]}'
}

# NMT's summary and pmap of the running window in $out/nmt-NAME.txt and pmap-NAME.txt; sets nmt_rss
native_snapshot() { # name
  jcmd "$pid" VM.native_memory summary > "$out/nmt-$1.txt" 2>&1 || true
  nmt_rss="$(rss_mib "$pid")"
  pmap -x "$pid" > "$out/pmap-$1.txt" 2>/dev/null || true
}
# what NMT's summary says is committed, by category, one a line
nmt_categories() { # nmt-file
  grep -E '^-? *(Total|Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Native Memory Tracking|Shared class space|Arena Chunk|Metaspace|Module)' "$1" \
    | sed -E 's/^-? *//; s/\(reserved=[0-9]+KB, committed=([0-9]+)KB\)/\1 KB/' | sed 's/^/  /'
}

live_heap_kib() { jcmd "$1" GC.class_histogram 2>/dev/null | awk '/^Total/ {printf "%.0f", $3 / 1024}'; }

# ---------------------------------------------------------------- only: the built-in local store
if [ "$local_store" = 1 ]; then
  size_mib="${SIZE_MIB:-1024}"
  file="$work/Sunday service.wav"
  head -c $((size_mib << 20)) /dev/urandom > "$file"
  stored() { # the object is complete in the store's folder
    local f="$work/home/local-store/sermons/Sunday service.wav"
    [ -f "$f" ] && [ "$(stat -c %s "$f")" = $((size_mib << 20)) ]
  }
  # a click at x y inside the window (as it opens on this screen: 896x560)
  click() {
    local win x y
    win="$(xdotool search --onlyvisible --name '^Sermon Uploader$' | head -1)"
    eval "$(xdotool getwindowgeometry --shell "$win")"
    xdotool mousemove $((X + $1)) $((Y + $2)) click 1
  }
  session() { # tsv extra: upload, then Verify all; samples "ms phase MiB" into tsv
    local tsv="$1" phase=upload t0 n=0
    : > "$tsv"
    start_window "$2" --add "$file"
    t0=$(date +%s%N)
    while true; do
      kill -0 "$pid" 2>/dev/null || { echo "window-memory: the app ended" >&2; exit 1; }
      printf '%s\t%s\t%s\n' $((($(date +%s%N) - t0) / 1000000)) "$phase" "$(rss_mib "$pid")" >> "$tsv"
      if [ "$phase" = upload ] && stored; then
        upload_s=$((($(date +%s%N) - t0) / 1000000000))
        sleep 2 # the row shows done and the history has it
        click 91 63   # the History tab
        sleep 1
        click 112 508 # Verify all
        phase=verify
      elif [ "$phase" = verify ] && grep -q 'Verify: Checked' "$work/home/logs/sermon-uploader.log"; then
        phase=after
      elif [ "$phase" = after ]; then
        n=$((n + 1))
        [ "$n" -ge 25 ] && break # 5 s after the check
      fi
      [ $((($(date +%s%N) - t0) / 1000000000)) -gt 1800 ] && { echo "window-memory: no end after 30 min ($phase)" >&2; exit 1; }
      sleep 0.2
    done
    hwm="$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")"
    verify_line="$(grep -o 'Verify: Checked.*' "$work/home/logs/sermon-uploader.log" | tail -1)"
  }
  phase_summary() { # tsv phase -> "median max"
    awk -v p="$2" '$2 == p {print $3}' "$1" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[int((NR+1)/2)], a[NR]}'
  }
  session "$out/local.tsv" ""
  jcmd "$pid" GC.class_histogram > "$out/histogram-after-verify.txt" 2>&1 || true
  live_end=$(awk '/^Total/ {printf "%.0f", $3 / 1048576}' "$out/histogram-after-verify.txt")
  rss_end="$(rss_mib "$pid")"
  stop_window
  read -r up_median up_max <<<"$(phase_summary "$out/local.tsv" upload)"
  read -r ver_median ver_max <<<"$(phase_summary "$out/local.tsv" verify)"
  hwm_plain=$hwm
  session "$out/local-nmt.tsv" "-XX:NativeMemoryTracking=summary"
  native_snapshot after-verify
  stop_window
  {
    echo "options: $(tr '\n' ' ' < "$out/jvm-options") ${extra_env[*]}"
    echo "built-in local store, a $size_mib MiB upload ($upload_s s): RSS median $up_median MiB, max $up_max MiB"
    echo "Verify all ($verify_line): RSS median $ver_median MiB, max $ver_max MiB"
    echo "kernel high-water mark $hwm_plain MiB; after Verify all: RSS $rss_end MiB, live heap $live_end MiB"
    echo "largest classes after Verify all:"
    sed -n '4,13p' "$out/histogram-after-verify.txt" | awk '{printf "  %8.1f MiB %s\n", $3 / 1048576, $4}'
    echo "NMT run: RSS $nmt_rss MiB after Verify all; committed by category:"
    nmt_categories "$out/nmt-after-verify.txt"
  } | tee "$out/summary.txt"
  exit 0
fi

# ---------------------------------------------------------------- only: a long queue
if [ "$queue_files" -gt 0 ]; then
  mkdir -p "$work/archive"
  for i in $(seq -w 1 "$queue_files"); do head -c 204800 /dev/urandom > "$work/archive/sermon-$i.mp3"; done
  # a recording made an hour ago: one modified seconds ago is taken as still being written
  touch -d '1 hour ago' "$work/archive"/*.mp3
  start_window "" --add "$work/archive"
  t0=$(date +%s%N)
  half=0
  : > "$out/queue.tsv"
  while true; do
    kill -0 "$pid" 2>/dev/null || { echo "window-memory: the app ended with the queue" >&2; exit 1; }
    n=$(find "$work/store/sermons" -name '*.mp3' | wc -l)
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    printf '%s\t%s\t%s\n' "$ms" "$n" "$(rss_mib "$pid")" >> "$out/queue.tsv"
    if [ "$half" = 0 ] && [ "$n" -ge $((queue_files / 2)) ]; then
      half=1
      jcmd "$pid" GC.class_histogram > "$out/histogram-half.txt" 2>&1 || true
      live_half=$(awk '/^Total/ {printf "%.0f", $3 / 1048576}' "$out/histogram-half.txt")
      t_half=$ms
    fi
    [ "$n" -ge "$queue_files" ] && break
    [ "$ms" -gt $((queue_files * 2000)) ] && { echo "window-memory: only $n of $queue_files after $ms ms" >&2; break; }
    sleep 0.5
  done
  total_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  live_end=$(( $(live_heap_kib "$pid") / 1024 ))
  hwm="$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")"
  oom=$(grep -c OutOfMemoryError "$out/window.log" || true)
  stop_window
  {
    echo "options: $(tr '\n' ' ' < "$out/jvm-options") ${extra_env[*]}"
    echo "$n of $queue_files recordings of 200 kB on the server in $((total_ms / 1000)) s" \
      "(first half $((t_half / 1000)) s, second half $(((total_ms - t_half) / 1000)) s)"
    echo "RSS: max $(cut -f3 "$out/queue.tsv" | sort -n | tail -1) MiB, kernel high-water mark $hwm MiB"
    echo "live heap after a full collection: half-way $live_half MiB, at the end $live_end MiB"
    echo "OutOfMemoryError in the log: $oom"
    echo "largest classes half-way:"
    sed -n '4,13p' "$out/histogram-half.txt" | awk '{printf "  %8.1f MiB %s\n", $3 / 1048576, $4}'
  } | tee "$out/summary.txt"
  exit 0
fi

size_mib="${SIZE_MIB:-1024}"
file="$work/Sunday service.wav"
head -c $((size_mib << 20)) /dev/urandom > "$file"
sha="$(sha256sum < "$file" | cut -d' ' -f1)"

# ---------------------------------------------------------------- 1. idle
start_window ""
end=$(($(date +%s) + ${IDLE_SECONDS:-30}))
while [ "$(date +%s)" -lt "$end" ]; do rss_mib "$pid" >> "$out/idle.tsv"; echo >> "$out/idle.tsv"; sleep 0.2; done
sed -i '/^$/d' "$out/idle.tsv"
idle_last="$(tail -1 "$out/idle.tsv")"
read -r idle_median idle_max <<<"$(summary "$out/idle.tsv")"
stop_window

# ---------------------------------------------------------------- 2. upload
start_window "" --add "$file"
t0=$(date +%s%N)
while ! uploaded; do
  kill -0 "$pid" 2>/dev/null || { echo "window-memory: the app ended during the upload" >&2; exit 1; }
  rss_mib "$pid" >> "$out/upload.tsv"; echo >> "$out/upload.tsv"
  sleep 0.2
done
upload_s=$(( ($(date +%s%N) - t0) / 1000000 ))
sed -i '/^$/d' "$out/upload.tsv"
read -r up_median up_max <<<"$(summary "$out/upload.tsv")"
hwm="$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")"
[ "$(sha256sum < "$work/store/sermons/Sunday service.wav" | cut -d' ' -f1)" = "$sha" ] \
  || { echo "window-memory: the object on the server does not match the file" >&2; exit 1; }
stop_window

# ---------------------------------------------------------------- 3. where it goes (NMT)
start_window "-XX:NativeMemoryTracking=summary" --add "$file"
t0=$(date +%s)
while ! uploaded && [ $(($(date +%s) - t0)) -lt $((upload_s / 2000 + 1)) ]; do sleep 0.2; done
native_snapshot upload
stop_window

{
  echo "options: $(tr '\n' ' ' < "$out/jvm-options") ${extra_env[*]}"
  echo "idle (${IDLE_SECONDS:-30} s after the window opened): median $idle_median MiB, max $idle_max MiB, last $idle_last MiB"
  echo "during a $size_mib MiB upload ($((upload_s / 1000)) s): median $up_median MiB, max $up_max MiB, kernel high-water mark $hwm MiB"
  echo "NMT run: RSS $nmt_rss MiB half-way; committed by category:"
  nmt_categories "$out/nmt-upload.txt"
} | tee "$out/summary.txt"
