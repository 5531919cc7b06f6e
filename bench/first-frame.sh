#!/usr/bin/env bash
# Time from starting the package's launcher to the window on screen, under Xvfb: the launcher is
# started and `xdotool search --onlyvisible` is asked every 50 ms for a mapped window named
# "Sermon Uploader" (JavaFX maps the stage when it shows it, with its first frame drawn); then the
# app is stopped. Every start is a new JVM (the page cache stays warm). The desktop window and the
# kiosk (--kiosk), each with the launcher's class data archive and without (SERMON_UPLOADER_CDS=off).
#
#   bench/first-frame.sh              # 5 starts of each after one warm-up (which makes the archive)
#   bench/first-frame.sh --runs 7
#   bench/first-frame.sh --against OTHER.jar   # this build against another build's jar (same
#      target/lib), starts alternating A B A B, with the archive only; ratios pair by pair
#
# Needs mvn -DskipTests package (target/sermon-uploader), Xvfb and xdotool. The settings point at a
# closed port on loopback with a secret key, so the uploader opens as it does for a volunteer (the
# journal, the engine, the USB watcher; its connection check fails at once) and no server is
# needed. Besides the time to the mapped window, the app's own log line "First frame N ms after
# launch" (from the JVM's start to the first pulse) is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/first-frame"
runs=5
against=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --against) against="$(readlink -f "$2")"; shift 2 ;;
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
launcher_b=
if [ -n "$against" ]; then launcher_b="$(FOOTPRINT_JAR="$against" launcher_dir "$work/launcher-b")"; fi

display=":$((200 + RANDOM % 50))"
# -noreset: Xvfb resets itself when its last client goes, and a start that connects meanwhile gets
# "cannot open display" (2 starts of 20 in one run were lost so)
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset > "$work/xvfb.log" 2>&1 &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

home_for() { # label: a data folder kept between starts (it holds the archive), fresh settings
  local h="$work/home/$1"
  mkdir -p "$h"
  find "$h" -mindepth 1 -maxdepth 1 ! -name cds -exec rm -rf {} +
  printf 'MINIO_ENDPOINT=http://127.0.0.1:9\nMINIO_BUCKET=sermons\nMINIO_ACCESS_KEY=bench\nSTATUS_PORT=0\n' > "$h/settings.properties"
  printf 'MINIO_SECRET_KEY=bench-secret\n' > "$h/secrets.properties"
  echo "$h"
}

# one start: prints milliseconds to the mapped window (or "none") and the app's own figure
start_once() { # label cds args...
  local label="$1" cds="$2" h t0 ms=none win run="$launcher" line own cpu
  shift 2
  case "$label" in b-*) run="$launcher_b" ;; esac
  h="$(home_for "$label")"
  t0=$(date +%s%N)
  env DISPLAY="$display" SERMON_UPLOADER_HOME="$h" SERMON_UPLOADER_CDS="$cds" "$run" "$@" > "$work/$label.log" 2>&1 &
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
  line="$(grep -h 'First frame [0-9]* ms' "$h"/logs/*.log 2>/dev/null | tail -1)"
  own="$(sed -n 's/.*First frame \([0-9]*\) ms.*/\1/p' <<<"$line")"
  cpu="$(sed -n 's/.* \([0-9]*\) ms of CPU.*/\1/p' <<<"$line")"
  printf '%s\t%s\t%s\n' "$ms" "${own:-none}" "${cpu:-none}"
}

tsv="$work/runs.tsv"
printf 'round\tcase\tms\town_ms\tcpu_ms\n' > "$tsv"
cases=("desktop on" "desktop off" "kiosk on" "kiosk off")
[ -n "$against" ] && cases=("desktop on" "b-desktop on" "kiosk on" "b-kiosk on")
for c in "${cases[@]}"; do
  read -r what cds <<<"$c"
  args=(); [ "${what#b-}" = kiosk ] && args=(--kiosk)
  echo "warm-up $what, archive $cds: $(start_once "$what-$cds" "$cds" "${args[@]}" | tr '\t' ' ') ms"
done
ls "$work"/home/*/cds/ 2>/dev/null | grep -q jsa || echo "first-frame: no class data archive was made" >&2
for r in $(seq "$runs"); do
  for c in "${cases[@]}"; do
    read -r what cds <<<"$c"
    args=(); [ "${what#b-}" = kiosk ] && args=(--kiosk)
    printf '%s\t%s\t%s\n' "$r" "$what, archive $cds" "$(start_once "$what-$cds" "$cds" "${args[@]}")" >> "$tsv"
  done
done
python3 - "$tsv" "${against:+b}" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def ms(case, col="ms"):
    return {r["round"]: int(r[col]) for r in rows if r["case"] == case and r[col] != "none"}
cases = list(dict.fromkeys(r["case"] for r in rows))
for case in cases:
    shown, own = ms(case), ms(case, "own_ms")
    n = sum(1 for r in rows if r["case"] == case)
    if not shown:
        print(f"{case:<24} 0/{n} shown")
        continue
    v = sorted(shown.values())
    line = f"{case:<24} {len(v)}/{n} shown  median {statistics.median(v) / 1000:.2f} s ({v[0] / 1000:.2f}-{v[-1] / 1000:.2f})"
    if own:
        line += f"  app's own: median {statistics.median(own.values()) / 1000:.2f} s"
    cpu = ms(case, "cpu_ms")
    if cpu:
        line += f", CPU {statistics.median(cpu.values()) / 1000:.2f} s"
    print(line)
# pair by pair: this build against the other (--against), else with against without the archive
for what in ("desktop", "kiosk"):
    a, b = (f"{what}, archive on", f"b-{what}, archive on") if sys.argv[2] else (f"{what}, archive on", f"{what}, archive off")
    for col in ("ms", "own_ms", "cpu_ms"):
        x, y = ms(a, col), ms(b, col)
        r = sorted(x[k] / y[k] for k in x if k in y)
        if r:
            print(f"{what:<8} {col:<7} {a} / {b}, pair by pair: median {statistics.median(r):.2f} ({r[0]:.2f}-{r[-1]:.2f}), {len(r)} pairs")
PY
echo "every start: $tsv"
