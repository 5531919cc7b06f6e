#!/usr/bin/env bash
# Takes the window's screenshots for the docs: starts the real app with the package's launcher and JVM options (target/sermon-uploader)
# on a virtual X display, with a fresh data directory so it uploads into its built-in local store,
# queues sample recordings with --add, and saves PNGs under docs/images/. Then starts it again in
# kiosk mode (--kiosk) on screens of 800x480, 1280x720 and 1920x1080, plugs in a USB stick (a
# folder appearing under USB_MOUNT_ROOTS) and holds the lock, for kiosk-*.png.
#
#   bash docs/screenshots.sh            (from the project folder; builds the jar if it is missing)
#
# Needs Debian packages xvfb, imagemagick, x11-utils, xdotool and libgtk-3-0; installs them with
# apt-get when they are missing and the script runs as root.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=docs/images
mkdir -p "$OUT"

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v xdotool >/dev/null || need+=(xdotool)
ldconfig -p | grep -q libgtk-3.so.0 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Please install: ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x target/sermon-uploader ] || mvn -q -DskipTests package

WORK=$(mktemp -d)
APP_PID=
XVFB_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# the status page stays off: a port taken on this machine would put a notice in the pictures
export STATUS_PORT=0

start_x() { # WIDTHxHEIGHT
  DISPLAY_NO=:$((90 + RANDOM % 100))
  Xvfb "$DISPLAY_NO" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=$DISPLAY_NO
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
}
stop_x() {
  kill "$XVFB_PID" 2>/dev/null || true
  wait "$XVFB_PID" 2>/dev/null || true
  XVFB_PID=
}
stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}
# launch to first frame: until the window is mapped on the display
wait_for_window() { # start-nanos log
  win=
  for _ in $(seq 600); do
    win=$(xdotool search --onlyvisible --name '^Sermon Uploader$' 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.02
  done
  [ -n "$win" ] || { echo "the window did not appear" >&2; cat "$2" >&2; exit 1; }
  mapped_ms=$((($(date +%s%N) - $1) / 1000000))
}

# ---- sample recordings: real WAV and MP3 headers (so lengths show), random audio data
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }
le16() { printf '\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)); }
wav() { # name megabytes
  local bytes=$(($2 * 1024 * 1024)) rate=176400
  {
    printf "RIFF$(le32 $((bytes + 36)))WAVEfmt $(le32 16)$(le16 1)$(le16 2)$(le32 44100)$(le32 $rate)$(le16 4)$(le16 16)data$(le32 "$bytes")"
    head -c "$bytes" /dev/urandom
  } > "$WORK/rec/$1"
}
mp3() { # name megabytes: a 128 kbps MPEG-1 layer III frame header, then data
  { printf '\xff\xfb\x90\x00'; head -c $(($2 * 1024 * 1024)) /dev/urandom; } > "$WORK/rec/$1"
}
mkdir -p "$WORK/rec" "$WORK/home"
wav "2024-05-12 Morning service.wav" 1500
wav "2024-04-28 Guest speaker.wav" 8
mp3 "2024-05-12 Evening service.mp3" 43
wav "2024-05-19 Morning service.wav" 60
head -c 30000000 /dev/urandom > "$WORK/rec/2024-05-19 Youth night.mp4"
# larger than MAX_UPLOAD_SIZE below: its row fails at once, with the reason (sparse, takes no disk)
truncate -s 3G "$WORK/rec/2024-05-26 All-day conference.wav"
echo "order of service" > "$WORK/rec/notes.txt"

start_x 1280x800

export SERMON_UPLOADER_HOME="$WORK/home"
start=$(date +%s%N)
R="$WORK/rec"
MAX_UPLOAD_SIZE=2GiB target/sermon-uploader --add "$R/2024-05-12 Morning service.wav" \
  "$R/2024-05-26 All-day conference.wav" "$R/2024-04-28 Guest speaker.wav" "$R/2024-05-12 Evening service.mp3" \
  "$R/2024-05-19 Morning service.wav" "$R/2024-05-19 Youth night.mp4" "$R/notes.txt" >"$WORK/app.log" 2>&1 &
APP_PID=$!

wait_for_window "$start" "$WORK/app.log"
echo "Window on screen ${mapped_ms} ms after launch"

# the guest speaker's file goes away after it was queued, as a pulled USB stick would: its row
# waits for the stick to come back
for _ in $(seq 300); do
  grep -q "Started multipart upload" "$WORK/home/logs/"*.log 2>/dev/null && break
  sleep 0.1
done
sleep 1
rm -f "$WORK/rec/2024-04-28 Guest speaker.wav"

geometry() { eval "$(xdotool getwindowgeometry --shell "$win")"; }
shot() { # file: the window only
  geometry
  import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$OUT/$1"
  echo "saved $OUT/$1"
}

# during the long upload; after the pop-up about the guest speaker's row has gone again (it shows
# for six seconds), if that small file had not gone up already when it was deleted
failed=
for _ in $(seq 60); do
  grep -q "Guest speaker.wav.*failed" "$WORK/home/logs/"*.log 2>/dev/null && failed=1 && break
  sleep 0.1
done
[ -z "$failed" ] || sleep 7
shot main-window.png

# settings: click the Settings button at the right end of the toolbar
geometry
xdotool mousemove $((X + WIDTH - 45)) $((Y + 22)) click 1
dialog=
for _ in $(seq 100); do
  dialog=$(xdotool search --onlyvisible --name '^Settings$' 2>/dev/null | head -1 || true)
  [ -n "$dialog" ] && break
  sleep 0.1
done
sleep 1
if [ -n "$dialog" ]; then
  eval "$(xdotool getwindowgeometry --shell "$dialog")"
  # press Test connection (below the secret key field) to show its answer
  xdotool mousemove $((X + 70)) $((Y + 419)) click 1
  sleep 2
  import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$OUT/settings.png"
  echo "saved $OUT/settings.png"
  # close it with its Cancel button
  xdotool mousemove $((X + WIDTH - 140)) $((Y + HEIGHT - 23)) click 1 || true
  sleep 1
else
  echo "the settings dialog did not open" >&2
fi

# the other four finish; then the pop-ups go, so they cover nothing
for _ in $(seq 600); do
  [ "$(grep -c ' done: key ' "$WORK/home/logs/"*.log 2>/dev/null || true)" -ge 4 ] && break
  sleep 0.5
done
sleep 7
shot failed-row.png

# the history of finished uploads, with their SHA-256
geometry
xdotool mousemove $((X + 90)) $((Y + 56)) click 1
sleep 2
shot history.png
xdotool mousemove $((X + 33)) $((Y + 56)) click 1
sleep 1

# the smallest size the window is made for
xdotool windowsize "$win" 800 480
sleep 2
shot small-800x480.png

grep -h "First frame" "$WORK/home/logs/"*.log || true
stop_app
stop_x

# ---- kiosk mode, on the three screen sizes it is made for
# the sample recordings are back as they were (the guest speaker's file was pulled above)
wav "2024-04-28 Guest speaker.wav" 8
# a salted hash of the PIN 2468, made by the app's own code, so the long press asks for it
cat > "$WORK/Hash.java" <<'JAVA'
public class Hash {
  public static void main(String[] a) {
    System.out.println(org.sermonuploader.ui.kiosk.KioskPin.hash(a[0]));
  }
}
JAVA
PIN_HASH=$(java -cp target/sermon-uploader.jar "$WORK/Hash.java" 2468)
stick() { # mount-root: a recorder's stick with three recordings appears there
  local s="$WORK/stick-src"
  rm -rf "$s"
  mkdir -p "$s/RECORD"
  mp3 "../stick-src/RECORD/2024-05-19 Morning service.mp3" 6
  mp3 "../stick-src/RECORD/2024-05-19 Evening service.mp3" 4
  mp3 "../stick-src/RECORD/2024-05-26 Baptism.mp3" 3
  touch -d "2024-05-19 10:30" "$s/RECORD/2024-05-19 Morning service.mp3"
  touch -d "2024-05-19 18:30" "$s/RECORD/2024-05-19 Evening service.mp3"
  touch -d "2024-05-26 11:15" "$s/RECORD/2024-05-26 Baptism.mp3"
  mv "$s" "$1/ZOOM_H1"
}
for size in 800x480 1280x720 1920x1080; do
  W=${size%x*}
  start_x "$size"
  home="$WORK/kiosk-$size"
  mkdir -p "$home" "$WORK/media-$size"
  printf 'KIOSK_PIN_HASH=%s\n' "$PIN_HASH" > "$home/secrets.properties"
  chmod 600 "$home/secrets.properties"
  # the guest speaker's recording is on the recorder's stick, which is pulled below; a limit of
  # 2 MiB/s (the line the livestream leaves) keeps the other rows uploading for the picture
  # (long enough to be still uploading when the stick comes out)
  mkdir -p "$WORK/media-$size/RECORDER"
  head -c 200000000 /dev/urandom >"$WORK/media-$size/RECORDER/2024-04-28 Guest speaker.wav"
  export SERMON_UPLOADER_HOME="$home" USB_MOUNT_ROOTS="$WORK/media-$size"
  start=$(date +%s%N)
  MAX_CONCURRENT_UPLOADS=2 BANDWIDTH_LIMIT=2M \
  target/sermon-uploader --kiosk --add "$R/2024-05-12 Morning service.wav" \
    "$WORK/media-$size/RECORDER/2024-04-28 Guest speaker.wav" "$R/2024-05-12 Evening service.mp3" \
    "$R/2024-05-19 Youth night.mp4" "$R/2024-05-19 Morning service.wav" >"$WORK/kiosk-$size.log" 2>&1 &
  APP_PID=$!
  wait_for_window "$start" "$WORK/kiosk-$size.log"
  echo "Kiosk window on screen ${mapped_ms} ms after launch ($size)"
  for _ in $(seq 300); do
    grep -q "Started multipart upload" "$home/logs/"*.log 2>/dev/null && break
    sleep 0.1
  done
  # five rows; the guest speaker's stick is pulled, so its row waits for it; the start-up notice
  # hides itself after 20 s in kiosk mode
  mv "$WORK/media-$size/RECORDER" "$WORK/pulled-$size"
  sleep 22
  import -window root "$OUT/kiosk-$size.png"
  echo "saved $OUT/kiosk-$size.png"

  if [ "$size" = 800x480 ]; then
    # a USB stick comes in: the dialog offers its recordings
    stick "$WORK/media-$size"
    usb=
    for _ in $(seq 100); do
      usb=$(xdotool search --onlyvisible --name '^USB stick' 2>/dev/null | head -1 || true)
      [ -n "$usb" ] && break
      sleep 0.1
    done
    sleep 1
    import -window root "$OUT/kiosk-usb-$size.png"
    echo "saved $OUT/kiosk-usb-$size.png"
    if [ -n "$usb" ]; then
      eval "$(xdotool getwindowgeometry --shell "$usb")"
      # "Upload these 3 recordings", bottom left
      xdotool mousemove $((X + 120)) $((Y + HEIGHT - 46)) click 1
      sleep 2
    fi
    # the lock held for three seconds asks for the PIN
    xdotool mousemove $((W - 38)) 31 mousedown 1
    sleep 3.4
    xdotool mouseup 1
    sleep 1.5
    import -window root "$OUT/kiosk-pin-$size.png"
    echo "saved $OUT/kiosk-pin-$size.png"
  fi
  grep -h "First frame" "$home/logs/"*.log || true
  stop_app
  stop_x
done
