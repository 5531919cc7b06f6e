#!/usr/bin/env bash
# Installs the arm64 .deb in an arm64 Debian 12 (Raspberry Pi OS Bookworm) run under qemu-user
# emulation, and uses it as a church would: apt installs it with its dependencies, the command
# prints its version, uploads a 20 MiB recording with the settings from its settings files to an
# S3 server on this machine's loopback (the object's SHA-256 must match), the window opens (a
# screenshot is taken), then a newer package is installed over it and the journal and the settings
# must still be there: `status` lists the first upload, and a second upload needs no options.
# Then the same package in an arm64 Debian 13 (Raspberry Pi OS 13: no OpenJDK 17, GTK as
# libgtk-3-0t64): apt installs it with its dependencies and an upload goes through on OpenJDK 21.
#
#   installer/test-deb-arm64.sh               # as root; builds both packages first
#   SCREENSHOT=docs/images/arm64-window.png installer/test-deb-arm64.sh   # keep the screenshot
#   TRIXIE=0 installer/test-deb-arm64.sh      # Debian 12 only (no second root to make and fill)
#
# Needs root, qemu-user-static, mmdebstrap, Java 17 (for the S3 server), and for the window xvfb,
# xdotool and imagemagick. The Debian roots are made once (target/arm64/base.tar and
# base-trixie.tar, a few minutes each) and reused by later runs; delete them to start afresh.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
name=sermon-uploader
work="$root/target/arm64"
started=$(date +%s)

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
die() { echo "test-deb-arm64: $*" >&2; exit 1; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

[ "$(id -u)" = 0 ] || die "needs root (chroot and mounts)"
for tool in qemu-aarch64-static:qemu-user-static mmdebstrap:mmdebstrap java:openjdk-17-jre-headless; do
  command -v "${tool%%:*}" >/dev/null || die "${tool%%:*} is missing: apt-get install ${tool#*:}"
done

# ---------------------------------------------------------------- arm64 binaries through qemu
binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e "$binfmt/qemu-aarch64" ]; then
  [ -e "$binfmt/register" ] || mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null \
    || die "this machine refuses to mount binfmt_misc, so it cannot run arm64 programs (a container without the privilege? run on a VM or with --privileged)"
  cat /usr/lib/binfmt.d/qemu-aarch64.conf > "$binfmt/register" 2>/dev/null \
    || die "this machine refuses to register qemu-aarch64 with binfmt_misc; arm64 programs cannot run here"
fi
grep -qx enabled "$binfmt/qemu-aarch64" || die "qemu-aarch64 is registered but disabled ($binfmt/qemu-aarch64)"
# without the F flag the kernel would look for the interpreter inside the arm64 root
grep -q '^flags: .*F' "$binfmt/qemu-aarch64" \
  || die "qemu-aarch64 is registered without the F flag: remove it (echo -1 > $binfmt/qemu-aarch64) and run again"

# ---------------------------------------------------------------- packages: older and newer
version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
older="$version~previous"
mkdir -p "$work/apt-cache"
if [ -z "${SKIP_BUILD:-}" ]; then
  "$here/build-deb.sh" --arch arm64 || die "build-deb.sh --arch arm64 failed"
  SKIP_MVN=1 DEB_VERSION="$older" "$here/build-deb.sh" --arch arm64 >/dev/null || die "building the older package failed"
fi
newer_deb="$root/target/installer/${name}_${version}_arm64.deb"
older_deb="$root/target/installer/${name}_${older}_arm64.deb"
[ -f "$newer_deb" ] && [ -f "$older_deb" ] || die "missing $newer_deb or $older_deb"

# ---------------------------------------------------------------- the arm64 Debian root
# the mirror this machine uses (the first URIs of its sources), for the suites it has no sources for
mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
mirror="${mirror:-http://deb.debian.org/debian}"
# makes (once) and unpacks an arm64 root of a Debian release into $chroot_dir
new_root() { # suite tar sources
  local suite="$1" tar="$2" sources="$3" t
  if [ ! -s "$tar" ]; then
    t=$(date +%s)
    mmdebstrap --quiet --format=tar --variant=apt --arch=arm64 "$suite" "$tar.part" "$sources" \
      || die "mmdebstrap could not make the arm64 $suite root"
    mv "$tar.part" "$tar"
    echo "      arm64 $suite root made in $(elapsed "$t")"
  fi
  rm -rf "$chroot_dir"
  mkdir -p "$chroot_dir"
  tar -xf "$tar" -C "$chroot_dir" || die "could not unpack $tar"
  cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true
  # a test root needs no documentation or translations: fewer files for the emulated dpkg to write
  printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-exclude=/usr/share/man/*' \
    'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias' \
    > "$chroot_dir/etc/dpkg/dpkg.cfg.d/90-test-root"
  mkdir -p "$chroot_dir/debs"
  cp "$newer_deb" "$older_deb" "$chroot_dir/debs/"
}
chroot_dir="$work/root"
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources="deb $mirror bookworm main"
new_root bookworm "$work/base.tar" "$sources"

# runs a command in the arm64 root, with /proc, /dev, the X socket and apt's cache mounted in a
# private mount namespace (nothing stays mounted when it ends)
in_root() {
  unshare --mount --propagation private bash -c '
    r="$1"; shift
    mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && mount -t tmpfs tmp "$r/tmp" \
      && mkdir -p "$r/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$r/tmp/.X11-unix" \
      && mount --bind "$0" "$r/var/cache/apt/archives" || exit 99
    exec chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"' \
    "$work/apt-cache" "$chroot_dir" "$@"
}
mkdir -p /tmp/.X11-unix "$work/apt-cache/partial"
arch_in_root="$(in_root dpkg --print-architecture 2>&1)"
[ "$arch_in_root" = arm64 ] || die "the root does not run arm64 programs: $arch_in_root"

# ---------------------------------------------------------------- the S3 server, on the host
store="$work/s3"
rm -rf "$store"
mkdir -p "$store/data/sermons"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$store/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=church-pi
s3proxy.credential=pi-secret-for-the-test
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$store/data
PROPS
[ -d "$root/target/lib" ] || die "target/lib is missing: run 'mvn -DskipTests package'"
java -cp "$root/target/lib/*" org.gaul.s3proxy.Main --properties "$store/s3proxy.properties" > "$store/s3proxy.log" 2>&1 &
s3proxy_pid=$!
xvfb_pid=
app_pid=
cleanup() {
  for pid in $app_pid $xvfb_pid $s3proxy_pid; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -f "$work/window.pid"
}
trap cleanup EXIT
for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# ---------------------------------------------------------------- install the older package
# unsafe-io: no fsync after each file, which costs minutes under emulation (a test root only)
apt_env=(env DEBIAN_FRONTEND=noninteractive)
apt_opts=(-o Dpkg::Options::=--force-unsafe-io -y -qq --no-install-recommends)
# apt-get update, then installs a package with its dependencies into the root
apt_install() { # deb log label
  local t
  t=$(date +%s)
  if in_root "${apt_env[@]}" apt-get update -qq > "$2" 2>&1 \
      && in_root "${apt_env[@]}" apt-get install "${apt_opts[@]}" "/debs/$(basename "$1")" >> "$2" 2>&1; then
    ok "$3apt-get installs $(basename "$1") with its dependencies ($(elapsed "$t"))"
  else
    bad "$3apt-get installs $(basename "$1")"; tail -20 "$2"
  fi
}
apt_install "$older_deb" "$work/apt.log" ""

# ---------------------------------------------------------------- the command, as a church uses it
write_settings() {
  data="$chroot_dir/root/.local/share/$name"
  mkdir -p "$data"
  cat > "$data/settings.properties" <<SETTINGS
MINIO_ENDPOINT=http://127.0.0.1:$port
MINIO_BUCKET=sermons
MINIO_ACCESS_KEY=church-pi
STATION_NAME=arm64-test
STATUS_PORT=0
SETTINGS
  printf 'MINIO_SECRET_KEY=pi-secret-for-the-test\n' > "$data/secrets.properties"
  chmod 600 "$data/secrets.properties"
}
write_settings
cp "$data/settings.properties" "$work/settings.before"

t=$(date +%s%N)
version_out="$(in_root env HOME=/root $name --version 2>&1)"
startup_ms=$((($(date +%s%N) - t) / 1000000))
if [[ "$version_out" == "Sermon Uploader $version" ]]; then
  ok "$name --version prints '$version_out' (${startup_ms} ms under emulation)"
else
  bad "$name --version: $version_out"
fi
jvm="$(ls "$chroot_dir"/usr/lib/jvm/java-[0-9][0-9]-openjdk-*/lib/server/libjvm.so 2>/dev/null | head -1)"
if [ -n "$jvm" ] && file -L "$jvm" | grep -q aarch64; then
  ok "the command ran on Debian's arm64 Java (${jvm#"$chroot_dir"})"
else
  bad "no arm64 Java in the root: ${jvm:-none}"
fi

upload_ok() { # file-in-root label
  local file="$1" key
  key="$(basename "$file")"
  t=$(date +%s%N)
  if in_root env HOME=/root $name upload "$file" > "$work/upload.log" 2>&1; then
    local ms=$((($(date +%s%N) - t) / 1000000))
    local stored="$store/data/sermons/$key"
    if [ -f "$stored" ] && [ "$(sha256sum < "$stored")" = "$(sha256sum < "$chroot_dir$file")" ]; then
      ok "$2: 20 MiB uploaded to the S3 server on loopback, SHA-256 matches (${ms} ms under emulation)"
    else
      bad "$2: the object on the server does not match the file"; tail -5 "$work/upload.log"
    fi
  else
    bad "$2: upload exits $?"; tail -20 "$work/upload.log"
  fi
}
head -c $((20 << 20)) /dev/urandom > "$chroot_dir/root/2026-11-29 Morning service.wav"
upload_ok "/root/2026-11-29 Morning service.wav" "upload with the settings files"

# ---------------------------------------------------------------- the window, under Xvfb
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null && command -v import >/dev/null; then
  display=":$((150 + RANDOM % 50))"
  Xvfb "$display" -screen 0 1024x700x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  # what the menu entry starts
  menu_exec="$(sed -n 's/^Exec=//p' "$chroot_dir/usr/share/applications/org.sermonuploader.SermonUploader.desktop")"
  rm -f "$work/window.pid"
  t=$(date +%s%N)
  unshare --kill-child --mount --propagation private bash -c '
    r="$1"; shift
    mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && mount -t tmpfs tmp "$r/tmp" \
      && mkdir -p "$r/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$r/tmp/.X11-unix" || exit 99
    echo $$ > "$2"
    exec chroot "$r" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$0" $1' \
    "$display" "$chroot_dir" "$menu_exec" "$work/window.pid" > "$work/window.log" 2>&1 &
  unshare_pid=$!
  for _ in $(seq 50); do [ -s "$work/window.pid" ] && break; sleep 0.1; done
  # the app itself (unshare ignores SIGTERM while it waits for it)
  app_pid="$(cat "$work/window.pid" 2>/dev/null)"
  win=
  for _ in $(seq 900); do
    win="$(DISPLAY=$display xdotool search --onlyvisible --name '^Sermon Uploader$' 2>/dev/null | head -1)"
    [ -n "$win" ] && break
    kill -0 "$unshare_pid" 2>/dev/null || break
    sleep 0.2
  done
  if [ -n "$win" ]; then
    window_ms=$((($(date +%s%N) - t) / 1000000))
    sleep "${SETTLE_SECONDS:-8}" # let the first layout and the history load finish drawing
    DISPLAY=$display import -window "$win" "$work/arm64-window.png"
    ok "the menu entry ($menu_exec) opens the window under emulation (${window_ms} ms to the first frame)"
    [ -n "${SCREENSHOT:-}" ] && cp "$work/arm64-window.png" "$SCREENSHOT" && echo "      screenshot: $SCREENSHOT"
  else
    bad "the window did not open"; tail -20 "$work/window.log"
  fi
  kill "$app_pid" 2>/dev/null; wait "$unshare_pid" 2>/dev/null
  kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null
  app_pid= xvfb_pid=
else
  echo "  skip  the window (needs xvfb, xdotool and imagemagick on this machine)"
fi

# ---------------------------------------------------------------- upgrade to the newer package
t=$(date +%s)
if in_root "${apt_env[@]}" apt-get install "${apt_opts[@]}" "/debs/$(basename "$newer_deb")" >> "$work/apt.log" 2>&1 \
    && [ "$(in_root dpkg-query -W -f '${Version}' $name)" = "$version" ]; then
  ok "apt-get upgrades $older to $version ($(elapsed "$t"))"
else
  bad "apt-get upgrades $older to $version"; tail -20 "$work/apt.log"
fi
if cmp -s "$work/settings.before" "$data/settings.properties" && [ -f "$data/secrets.properties" ]; then
  ok "the settings are still there after the upgrade"
else
  bad "the settings changed in the upgrade"
fi
status_out="$(in_root env HOME=/root $name status 2>&1)"
if grep -q "done .*2026-11-29 Morning service.wav" <<<"$status_out"; then
  ok "status after the upgrade lists the upload from before it (the journal carried over)"
else
  bad "status after the upgrade: $status_out"
fi
head -c $((20 << 20)) /dev/urandom > "$chroot_dir/root/2026-12-06 Morning service.wav"
upload_ok "/root/2026-12-06 Morning service.wav" "upload after the upgrade, with no options (the settings carried over)"

echo "test-deb-arm64: Debian 12 done after $(elapsed "$started")"

# ---------------------------------------------------------------- Debian 13 (Raspberry Pi OS 13)
if [ "${TRIXIE:-1}" != 0 ]; then
  t13=$(date +%s)
  new_root trixie "$work/base-trixie.tar" "deb $mirror trixie main"
  apt_install "$newer_deb" "$work/apt-trixie.log" "Debian 13: "
  jvm="$(ls "$chroot_dir"/usr/lib/jvm/java-[0-9][0-9]-openjdk-*/lib/server/libjvm.so 2>/dev/null | head -1)"
  if [[ "$jvm" == */java-2[15]-openjdk-* ]] && file -L "$jvm" | grep -q aarch64; then
    ok "Debian 13: the package brought Debian's arm64 Java ${jvm#"$chroot_dir"}"
  else
    bad "Debian 13: no arm64 OpenJDK 21 or 25 in the root: ${jvm:-none}"
  fi
  write_settings
  head -c $((20 << 20)) /dev/urandom > "$chroot_dir/root/2026-12-13 Morning service.wav"
  upload_ok "/root/2026-12-13 Morning service.wav" "Debian 13: upload with the settings files"
  echo "test-deb-arm64: Debian 13 took $(elapsed "$t13")"
fi

echo "test-deb-arm64: packages $(du -h "$older_deb" | cut -f1), $(elapsed "$started") in all"
echo "test-deb-arm64: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
