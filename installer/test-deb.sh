#!/usr/bin/env bash
# Builds the .deb for this machine and checks it without installing it system-wide: its file
# list, its control fields, then the packaged launcher run headless from a dpkg-deb -x copy with
# this machine's Java: --version, and an upload to the embedded local store (no server configured)
# whose result is compared by SHA-256. installer/test-deb-arm64.sh installs and runs the arm64
# package in an emulated Debian. Skips (exit 0) where dpkg-deb or Java is missing.
#   installer/test-deb.sh             # builds first
#   DEB=path/to.deb installer/test-deb.sh
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
name=sermon-uploader
app_id=org.sermonuploader.SermonUploader
started=$(date +%s)

for tool in java dpkg-deb dpkg python3 unzip; do
  if ! command -v "$tool" >/dev/null; then
    echo "test-deb: skipped ($tool is not installed)"
    exit 0
  fi
done

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
check() { # check "description" command...
  local what="$1"; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

deb="${DEB:-}"
if [ -z "$deb" ]; then
  if ! "$here/build-deb.sh"; then
    echo "FAIL  build-deb.sh"
    echo "test-deb: 0 passed, 1 failed"
    exit 1
  fi
  deb="$(ls -t "$root"/target/installer/${name}_*.deb | head -1)"
fi
ok "package built: $deb ($(du -h "$deb" | cut -f1))"

# ---------------------------------------------------------------- file list
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's:^\./:/:; s:/$::' | grep -v '^/$' > "$tmp/files"
for f in /opt/$name/$name /opt/$name/bin/$name /opt/$name/$name.jar /opt/$name/jvm-options \
         /opt/$name/native/libsqlitejdbc.so /usr/bin/$name /usr/share/applications/$app_id.desktop \
         /usr/share/icons/hicolor/scalable/apps/$app_id.svg /usr/share/icons/hicolor/256x256/apps/$app_id.png \
         /usr/share/icons/hicolor/512x512/apps/$app_id.png /usr/share/metainfo/$app_id.metainfo.xml \
         /usr/share/$name/autostart/$name-kiosk.desktop /usr/lib/systemd/user/$name-watch.service; do
  check "contains $f" grep -qx "$f" "$tmp/files"
done
outside="$(grep -vE "^/(opt|opt/$name(/.*)?|usr|usr/bin|usr/bin/$name|usr/share|usr/share/(applications|metainfo|icons|doc)|usr/share/applications/$app_id\.desktop|usr/share/metainfo/$app_id\.metainfo\.xml|usr/share/icons/hicolor(/[^/]+(/apps(/$app_id\.(png|svg))?)?)?|usr/share/$name(/.*)?|usr/share/doc/$name(/.*)?|usr/lib|usr/lib/systemd|usr/lib/systemd/user|usr/lib/systemd/user/$name-watch\.service)$" "$tmp/files" || true)"
check "nothing outside its own folders${outside:+: $outside}" test -z "$outside"
check "no autostart entry installed for everyone" bash -c "! grep -q '^/etc/xdg/autostart' '$tmp/files'"

# ---------------------------------------------------------------- control
dpkg-deb -e "$deb" "$tmp/control"
check "no maintainer scripts (installing writes only the package's files)" \
  bash -c "[ -z \"\$(ls '$tmp/control' | grep -vx -e control -e md5sums)\" ]"
check "architecture is this machine's ($(dpkg --print-architecture))" \
  grep -qx "Architecture: $(dpkg --print-architecture)" "$tmp/control/control"

# ---------------------------------------------------------------- desktop entries
desk="$tmp/x"
dpkg-deb -x "$deb" "$desk"
check "menu entry has StartupWMClass and Icon" \
  bash -c "grep -q '^StartupWMClass=' '$desk/usr/share/applications/$app_id.desktop' && grep -qx 'Icon=$app_id' '$desk/usr/share/applications/$app_id.desktop'"
check "kiosk template starts the window in kiosk mode" \
  grep -qx "Exec=/opt/$name/bin/$name --kiosk" "$desk/usr/share/$name/autostart/$name-kiosk.desktop"
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate" desktop-file-validate "$desk/usr/share/applications/$app_id.desktop" \
    "$desk/usr/share/$name/autostart/$name-kiosk.desktop"
fi
check "the launcher reads the JVM options of installer/jvm-options" \
  cmp -s "$here/jvm-options" "$desk/opt/$name/jvm-options"
check "Depends names only Debian packages, Java among them" \
  grep -qE '^Depends: openjdk-17-jre-headless( |,)' "$tmp/control/control"
machine="$(uname -m | sed 's/_/-/')"
elf="$(find "$desk" -type f -exec file {} + | grep -c ELF || true)"
foreign="$(find "$desk" -type f -exec file {} + | grep ELF | grep -v "$machine" || true)"
check "its $elf native libraries are this machine's ($machine)${foreign:+: $foreign}" \
  test "$elf" -gt 0 -a -z "$foreign"

# ---------------------------------------------------------------- the packaged launcher, headless
launcher="$desk/opt/$name/bin/$name"
home="$tmp/home"
mkdir -p "$home"
run() { env -i PATH=/usr/bin:/bin HOME="$tmp" SERMON_UPLOADER_HOME="$home" STATUS_PORT=0 "$launcher" "$@"; }
version_out="$(run --version 2>&1)"
check "--version prints the version ($version_out)" bash -c "[[ '$version_out' == 'Sermon Uploader '* ]]"

head -c $((6 << 20)) /dev/urandom > "$tmp/Sunday service.wav"  # over 5 MiB: a multipart upload
if run upload "$tmp/Sunday service.wav" > "$tmp/upload.log" 2>&1; then
  ok "upload to the embedded store exits 0"
else
  bad "upload to the embedded store exits 0"
  sed 's/^/      /' "$tmp/upload.log"
fi
stored="$home/local-store/sermons/Sunday service.wav"
if [ -f "$stored" ] && [ "$(sha256sum < "$stored")" = "$(sha256sum < "$tmp/Sunday service.wav")" ]; then
  ok "the stored recording matches the file (SHA-256)"
else
  bad "the stored recording matches the file (SHA-256): $(ls -R "$home/local-store" 2>&1 | head -5)"
fi
check "the log went to SERMON_UPLOADER_HOME" test -s "$home/logs/$name.log"
# without the unpacked library, sqlite-jdbc would need the temporary folder and the journal would not open
check "SQLite's library comes from the package: the journal opens with no temporary folder at all" \
  env -i PATH=/usr/bin:/bin HOME="$tmp" SERMON_UPLOADER_HOME="$home" STATUS_PORT=0 \
  JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$tmp/no-such-folder" "$launcher" status

# the class data archive: made by the first upload, used by later commands, harmless when damaged
archive="$(ls "$home"/cds/cli-*.jsa 2>/dev/null | head -1)"
check "the first upload left a class data archive in the data folder ($(basename "${archive:-none}"))" test -s "$archive"
status_before="$(run status 2>&1)"
if [ -n "$archive" ]; then
  chmod u+w "$archive"
  head -c 4096 /dev/urandom | dd of="$archive" conv=notrunc status=none
  status_damaged="$(run status 2>&1)" && rc=0 || rc=$?
  check "with the archive damaged, status exits 0 and prints what it printed before" \
    test "$rc" = 0 -a "$status_damaged" = "$status_before"
fi
status_off="$(env -i PATH=/usr/bin:/bin HOME="$tmp" SERMON_UPLOADER_HOME="$home" STATUS_PORT=0 \
  SERMON_UPLOADER_CDS=off "$launcher" status 2>&1)" || true
check "SERMON_UPLOADER_CDS=off runs without an archive, same output" test "$status_off" = "$status_before"

# ---------------------------------------------------------------- the window without a GPU
# where the window can open (Xvfb, xdotool and GTK here) and no GPU render node exists, as on this
# kind of machine: JavaFX's own renderer draws it, and Mesa's software OpenGL is not loaded
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null && ldconfig -p | grep -q 'libgtk-3\.so\.0' \
    && ! ls /dev/dri/renderD* >/dev/null 2>&1; then
  display=":$((90 + RANDOM % 9))"
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >/dev/null 2>&1 &
  xvfb=$!
  # the window's start must not race the X server's own
  for _ in $(seq 100); do
    DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
  done
  env -i PATH=/usr/bin:/bin HOME="$tmp" SERMON_UPLOADER_HOME="$home" STATUS_PORT=0 DISPLAY="$display" \
    "$launcher" > "$tmp/window.log" 2>&1 &
  window=$!
  shown=""
  for _ in $(seq 1 600); do
    if DISPLAY="$display" xdotool search --onlyvisible --name "Sermon Uploader" >/dev/null 2>&1; then
      shown=1
      break
    fi
    sleep 0.1
  done
  check "the window opens without a GPU" test -n "$shown"
  if [ -n "$shown" ]; then
    check "it is drawn by JavaFX's own renderer, without Mesa's software OpenGL (libLLVM)" \
      bash -c "tr '\\0' ' ' < /proc/$window/cmdline | grep -q -- -Dprism.order=sw && ! grep -qE 'libLLVM|swrast_dri' /proc/$window/maps"
  else
    sed 's/^/      /' "$tmp/window.log" | tail -20
  fi
  kill "$window" 2>/dev/null; wait "$window" 2>/dev/null
  kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null
fi

echo "test-deb: $(du -h "$deb" | cut -f1) package, $(($(date +%s) - started)) s"
echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
