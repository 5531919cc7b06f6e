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
cp "$target"/lib/*.jar "$work/input/lib/"

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
  --main-class org.sermonuploader.app.Main \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --compress=2" \
  "${java_opts[@]}" \
  --dest "$work/image"

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
