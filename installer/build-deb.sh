#!/usr/bin/env bash
# Builds the Debian package for the machine it runs on (amd64 here, arm64 on a Raspberry Pi):
#   target/installer/sermon-uploader_<version>_<arch>.deb
# jpackage makes the app image with a jlinked runtime; dpkg-deb wraps it with the menu entry,
# icons, the kiosk autostart template and AppStream metadata. The package has no maintainer
# scripts: installing it writes only its own files (dpkg's triggers refresh the menu and icons).
#
#   installer/build-deb.sh            # builds the jar first if target/ has none
# Environment: DEB_MAINTAINER (Maintainer field), SKIP_MVN=1 (never run Maven).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="$root/target"
out="$target/installer"
work="$target/deb-work"
name=sermon-uploader
app_id=org.sermonuploader.SermonUploader

die() {
  echo "build-deb: $*" >&2
  exit 1
}

# ---------------------------------------------------------------- preconditions
[ "$(uname -s)" = Linux ] || die "builds Linux packages only (this is $(uname -s))"
command -v dpkg >/dev/null || die "dpkg is missing: build on Debian, Ubuntu or Raspberry Pi OS"
arch="$(dpkg --print-architecture)"
case "$arch" in
  amd64) fx_classifier=linux ;;
  arm64) fx_classifier=linux-aarch64 ;;
  *) die "no JavaFX build for architecture '$arch' (amd64 and arm64 are supported)" ;;
esac
command -v jpackage >/dev/null || die "jpackage is missing: install a JDK 17 or later (Debian: apt-get install openjdk-17-jdk)"
jp_version="$(jpackage --version)"
[ "${jp_version%%.*}" -ge 17 ] 2>/dev/null || die "jpackage $jp_version is too old: JDK 17 or later is needed"
command -v jdeps >/dev/null || die "jdeps is missing: install the full JDK (openjdk-17-jdk), not only the JRE"
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (Debian package dpkg)"
grep -q -- --root-owner-group <<<"$(dpkg-deb --help)" || die "dpkg-deb is too old: --root-owner-group (dpkg 1.19) is needed"

version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
[ -n "$version" ] || die "could not read the version from pom.xml"

if [ ! -f "$target/$name.jar" ] || [ ! -d "$target/lib" ]; then
  [ "${SKIP_MVN:-}" != 1 ] && command -v mvn >/dev/null \
    || die "target/$name.jar is missing: run 'mvn -DskipTests package' first"
  echo "build-deb: building the jar"
  (cd "$root" && mvn -q -DskipTests package)
fi
ls "$target/lib"/javafx-graphics-*-"$fx_classifier".jar >/dev/null 2>&1 \
  || die "target/lib has no JavaFX for $arch (javafx-graphics-*-$fx_classifier.jar): run 'mvn -DskipTests package' on this machine"

# icons: the app's own, from assets/
svg="$root/assets/$name.svg"
png256="$root/assets/$name-256.png"
png512="$root/assets/$name-512.png"
for f in "$svg" "$png256" "$png512"; do [ -f "$f" ] || die "icon $f is missing"; done

# the modules list must cover what jdeps finds in the app and the libraries it calls
modules="$(grep -v '^#' "$here/modules" | grep . | paste -sd, -)"
needed="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$target/lib/*" "$target/$name.jar" 2>/dev/null || true)"
[ -n "$needed" ] || die "jdeps could not analyse target/$name.jar"
for m in ${needed//,/ }; do
  [[ ",$modules," == *",$m,"* ]] || die "jdeps says the app needs module $m: add it to installer/modules"
done

# ---------------------------------------------------------------- app image (jpackage + jlink)
rm -rf "$work"
mkdir -p "$work/input/lib" "$out"
cp "$target/$name.jar" "$work/input/"
# exactly the jars the manifest names: target/lib keeps old versions after a dependency update,
# and a second copy of a library earlier on the classpath would win
(cd "$work" && jar xf "$target/$name.jar" META-INF/MANIFEST.MF)
classpath="$(sed -n '/^Class-Path:/,/^[^ ]/p' "$work/META-INF/MANIFEST.MF" | sed -e 's/^Class-Path://' -e '/^[^ ]/d' -e 's/^ //' | tr -d '\r\n')"
[ -n "$classpath" ] || die "target/$name.jar has no Class-Path in its manifest"
for entry in $classpath; do
  [ -f "$target/$entry" ] || die "target/$entry is missing: run 'mvn -DskipTests package'"
  cp "$target/$entry" "$work/input/lib/"
done

java_opts=()
while read -r opt; do
  [ -n "$opt" ] && [ "${opt#\#}" = "$opt" ] && java_opts+=(--java-options "$opt")
done < "$here/jvm-options"

echo "build-deb: jpackage $jp_version, modules $modules"
jpackage --type app-image \
  --name "$name" \
  --app-version "$version" \
  --vendor "Sermon Uploader" \
  --description "Sends sermon recordings to a MinIO/S3 bucket, resumably" \
  --icon "$png256" \
  --input "$work/input" \
  --main-jar "$name.jar" \
  --main-class org.sermonuploader.Main \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive" \
  "${java_opts[@]}" \
  --dest "$work/image"

# ---------------------------------------------------------------- SQLite's native library
# sqlite-jdbc unpacks its native library into /tmp at every start (a tenth of a second, and it
# fails where /tmp is mounted noexec): the package carries it unpacked and points the driver at it.
image="$work/image/$name"
cfg="$image/lib/app/$name.cfg"
case "$arch" in amd64) sqlite_native=Linux/x86_64 ;; arm64) sqlite_native=Linux/aarch64 ;; esac
sqlite_jar="$(ls "$image"/lib/app/lib/sqlite-jdbc-*.jar)"
(cd "$work" && jar xf "$sqlite_jar" "org/sqlite/native/$sqlite_native/libsqlitejdbc.so")
[ -s "$work/org/sqlite/native/$sqlite_native/libsqlitejdbc.so" ] || die "no SQLite library for $arch in $sqlite_jar"
install -D -m 644 "$work/org/sqlite/native/$sqlite_native/libsqlitejdbc.so" "$image/lib/app/native/libsqlitejdbc.so"
printf '%s\n' "java-options=-Dorg.sqlite.lib.path=\$APPDIR/native" "java-options=-Dorg.sqlite.lib.name=libsqlitejdbc.so" >> "$cfg"

# ---------------------------------------------------------------- class data sharing archive
# jlink's --generate-cds-archive gives the runtime the JDK's own class archive. On top of it, a
# dynamic archive of the classes an upload loads makes every start of the command and the window
# faster (about 0.3 s here, more on a Pi). Java 17 takes it only with the jars at the paths it was
# made with, so it is made by one upload with the image mounted at /opt/$name, in a private mount
# namespace (root, or unshare's user namespaces), to an S3 server in a separate JVM (S3Proxy from
# target/lib, so its classes stay out of the archive). The launcher is told about the archive only
# when that worked; without it the app starts the usual way.
jsa="$name.jsa"
if [ "${SKIP_CDS:-}" != 1 ] && command -v unshare >/dev/null && command -v java >/dev/null; then
  train="$work/cds-train"
  mkdir -p "$train/home" "$train/store/train"
  head -c $((12 << 20)) /dev/urandom > "$train/training.wav"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 39517)
  cat > "$train/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=train
s3proxy.credential=train-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$train/store
PROPS
  java -cp "$target/lib/*" org.gaul.s3proxy.Main --properties "$train/s3proxy.properties" > "$train/s3proxy.log" 2>&1 &
  s3proxy_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  cat > "$train/train.sh" <<TRAIN
set -e
mount -t tmpfs cds-train /opt
mkdir /opt/$name
mount --bind "$image" /opt/$name
env -i PATH=/usr/bin:/bin HOME="$train" SERMON_UPLOADER_HOME="$train/home" STATUS_PORT=0 MINIO_SECRET_KEY=train-secret \
  JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=/opt/$name/lib/app/$jsa" \
  /opt/$name/bin/$name upload --endpoint "http://127.0.0.1:$port" --bucket train --access-key train \
  --part-size 5MiB "$train/training.wav"
TRAIN
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(--map-root-user)
  if unshare "${as_root[@]}" --mount --propagation private bash "$train/train.sh" > "$train/train.log" 2>&1 \
      && [ -s "$image/lib/app/$jsa" ]; then
    printf '%s\n' "java-options=-XX:SharedArchiveFile=\$APPDIR/$jsa" \
      "java-options=-Xlog:cds=off,cds+dynamic=off" >> "$cfg"
    echo "build-deb: class data archive $(du -h "$image/lib/app/$jsa" | cut -f1)"
  else
    rm -f "$image/lib/app/$jsa"
    echo "build-deb: no class data archive (it needs root or user namespaces); the launcher starts without one"
    tail -5 "$train/train.log" | sed 's/^/      /'
  fi
  kill "$s3proxy_pid" 2>/dev/null || true
  wait "$s3proxy_pid" 2>/dev/null || true
  rm -rf "$train"
fi

# ---------------------------------------------------------------- package tree
pkg="$work/root"
mkdir -p "$pkg/opt" "$pkg/usr/bin" "$pkg/DEBIAN" \
  "$pkg/usr/share/applications" "$pkg/usr/share/metainfo" "$pkg/usr/share/$name/autostart" \
  "$pkg/usr/share/icons/hicolor/scalable/apps" "$pkg/usr/share/icons/hicolor/256x256/apps" \
  "$pkg/usr/share/icons/hicolor/512x512/apps" "$pkg/usr/share/doc/$name"
cp -a "$work/image/$name" "$pkg/opt/$name"
ln -s "/opt/$name/bin/$name" "$pkg/usr/bin/$name"
install -m 644 "$here/$app_id.desktop" "$pkg/usr/share/applications/$app_id.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$pkg/usr/share/metainfo/$app_id.metainfo.xml"
install -m 644 "$here/$name-kiosk.desktop" "$pkg/usr/share/$name/autostart/$name-kiosk.desktop"
install -m 644 "$svg" "$pkg/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
install -m 644 "$png256" "$pkg/usr/share/icons/hicolor/256x256/apps/$app_id.png"
install -m 644 "$png512" "$pkg/usr/share/icons/hicolor/512x512/apps/$app_id.png"
cat > "$pkg/usr/share/doc/$name/copyright" <<EOF
Sermon Uploader $version
The Java runtime in /opt/$name/lib/runtime is OpenJDK (GPL-2.0 with the Classpath Exception);
its legal notices are in /opt/$name/lib/runtime/legal. The libraries in /opt/$name/lib/app/lib
keep their own licences (see the notices inside each jar).
EOF
chmod -R u+rwX,go+rX,go-w "$pkg"

cat > "$pkg/DEBIAN/control" <<EOF
Package: $name
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-Sermon Uploader <packaging@sermonuploader.invalid>}
Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
Depends: libc6, zlib1g, libgtk-3-0 | libgtk-3-0t64, libgl1, libxtst6, libxxf86vm1
Section: sound
Priority: optional
Description: uploads sermon recordings to a MinIO/S3 bucket
 Drop a recording on the window, or use the sermon-uploader command, and it is
 sent to the church's MinIO or S3 bucket. Large files continue where they
 stopped after a power cut or a lost connection. Includes its own Java runtime.
EOF

deb="$out/${name}_${version}_${arch}.deb"
rm -f "$deb"
# gzip: the jars and the jlinked modules are compressed already; xz saves 4% and takes ten times longer
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$deb" >/dev/null
echo "build-deb: $deb ($(du -h "$deb" | cut -f1), installed $(du -sh --exclude=DEBIAN "$pkg" | cut -f1))"
