#!/usr/bin/env bash
# Time from starting the package's launcher to the window on screen, under Xvfb: the launcher is
# started and `xdotool search --onlyvisible` is asked every 50 ms for a mapped window named
# "Sermon Uploader" (JavaFX maps the stage when it shows it, with its first frame drawn); then the
# app is stopped. Every start is a new JVM (the page cache stays warm). The desktop window and the
# kiosk (--kiosk), each with the launcher's class data archive and without (SERMON_UPLOADER_CDS=off).
#
#   bench/first-frame.sh              # 5 starts of each after one warm-up (which makes the archive)
#   bench/first-frame.sh --runs 7
#
# Needs mvn -DskipTests package (target/sermon-uploader), Xvfb and xdotool. The settings point at a
# closed port on loopback, so no server is needed and the window shows its usual rows.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/first-frame"
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "first-frame: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in Xvfb xdotool; do command -v $tool >/dev/null || { echo "first-frame: $tool is missing" >&2; exit 1; }; done
[ -f "$root/target/sermon-uploader.jar" ] || { echo "first-frame: run 'mvn -DskipTests package' first" >&2; exit 1; }
mkdir -p "$work"
# shellcheck source=bench/launcher-dir.sh
. "$here/launcher-dir.sh"
launcher="$(launcher_dir "$work/launcher")"

display=":$((200 + RANDOM % 50))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

home_for() { # label: a data folder kept between starts (it holds the archive), fresh settings
  local h="$work/home/$1"
  mkdir -p "$h"
  find "$h" -mindepth 1 -maxdepth 1 ! -name cds -exec rm -rf {} +
  printf 'MINIO_ENDPOINT=http://127.0.0.1:9\nMINIO_BUCKET=sermons\nMINIO_ACCESS_KEY=bench\nSTATUS_PORT=0\n' > "$h/settings.properties"
  echo "$h"
}

# one start: prints milliseconds to the mapped window, or "none"
start_once() { # label cds args...
  local label="$1" cds="$2" h t0 ms=none win
  shift 2
  h="$(home_for "$label")"
  t0=$(date +%s%N)
  env DISPLAY="$display" SERMON_UPLOADER_HOME="$h" SERMON_UPLOADER_CDS="$cds" "$launcher" "$@" > "$work/$label.log" 2>&1 &
  app=$!
  for _ in $(seq 1200); do
    win="$(DISPLAY=$display xdotool search --onlyvisible --name '^Sermon Uploader' 2>/dev/null | head -1 || true)"
    if [ -n "$win" ]; then ms=$((($(date +%s%N) - t0) / 1000000)); break; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.05
  done
  sleep 1 # the window's own start-up finishes; an exit during it would not be the usual exit
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=
  echo "$ms"
}

tsv="$work/runs.tsv"
printf 'round\tcase\tms\n' > "$tsv"
cases=("desktop on" "desktop off" "kiosk on" "kiosk off")
for c in "${cases[@]}"; do
  read -r what cds <<<"$c"
  args=(); [ "$what" = kiosk ] && args=(--kiosk)
  echo "warm-up $what, archive $cds: $(start_once "$what-$cds" "$cds" "${args[@]}") ms"
done
ls "$work"/home/*/cds/ 2>/dev/null | grep -q jsa || echo "first-frame: no class data archive was made" >&2
for r in $(seq "$runs"); do
  for c in "${cases[@]}"; do
    read -r what cds <<<"$c"
    args=(); [ "$what" = kiosk ] && args=(--kiosk)
    printf '%s\t%s\t%s\n' "$r" "$what, archive $cds" "$(start_once "$what-$cds" "$cds" "${args[@]}")" >> "$tsv"
  done
done
python3 - "$tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for case in dict.fromkeys(r["case"] for r in rows):
    ms = [int(r["ms"]) for r in rows if r["case"] == case and r["ms"] != "none"]
    n = sum(1 for r in rows if r["case"] == case)
    if ms:
        print(f"{case:<22} {len(ms)}/{n} shown  median {statistics.median(ms) / 1000:.2f} s  ({min(ms) / 1000:.2f}-{max(ms) / 1000:.2f})")
    else:
        print(f"{case:<22} 0/{n} shown")
PY
echo "every start: $tsv"
