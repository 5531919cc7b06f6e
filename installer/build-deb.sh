#!/usr/bin/env bash
# Builds the Debian package, for this machine or for another architecture:
#   installer/build-deb.sh                 # this machine's architecture
#   installer/build-deb.sh --arch arm64    # Raspberry Pi OS 64-bit / Debian arm64, from any machine
#   installer/build-deb.sh --arch amd64
# writes target/installer/sermon-uploader_<version>_<arch>.deb.
#
# The package carries the app's jars, the JavaFX jars of its architecture (from Maven Central),
# SQLite's native library unpacked, the launcher and its JVM options, and depends on Debian's
# OpenJDK and GTK: nothing in it is built for the machine that builds it, so one machine builds
# both. It has no maintainer scripts: installing it writes only its own files (dpkg's triggers
# refresh the menu and icons). About 52 MB; 27 MB of its jars are the built-in local store's
# (S3Proxy, Jetty, the AWS SDK), kept so that a first run without a server uploads somewhere real:
# their classes load only then, so a Pi that sends to MinIO pays only the disk space.
# Environment: DEB_MAINTAINER (Maintainer field), DEB_VERSION (Version field instead of pom.xml's),
# SKIP_MVN=1 (never run Maven; the JavaFX jars of the other architecture must then be in ~/.m2).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="$root/target"
out="$target/installer"
name=sermon-uploader
app_id=org.sermonuploader.SermonUploader

die() {
  echo "build-deb: $*" >&2
  exit 1
}

arch=""
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) [ $# -ge 2 ] || die "--arch needs amd64 or arm64"; arch="$2"; shift 2 ;;
    --arch=*) arch="${1#--arch=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (--arch amd64|arm64)" ;;
  esac
done

# ---------------------------------------------------------------- preconditions
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing: build on Debian, Ubuntu or Raspberry Pi OS (package dpkg)"
grep -q -- --root-owner-group <<<"$(dpkg-deb --help)" || die "dpkg-deb is too old: --root-owner-group (dpkg 1.19) is needed"
command -v python3 >/dev/null || die "python3 is missing (Debian: apt-get install python3)"
[ -n "$arch" ] || arch="$(dpkg --print-architecture)"
case "$arch" in
  amd64) fx_classifier=linux; native_dir=Linux/x86_64; elf_machine="x86-64" ;;
  arm64) fx_classifier=linux-aarch64; native_dir=Linux/aarch64; elf_machine="ARM aarch64" ;;
  *) die "no JavaFX build for architecture '$arch' (amd64 and arm64 are supported)" ;;
esac
work="$target/deb-work-$arch"

version="${DEB_VERSION:-$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)}"
[ -n "$version" ] || die "could not read the version from pom.xml"
fx_version="$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' "$root/pom.xml" | head -1)"
[ -n "$fx_version" ] || die "could not read javafx.version from pom.xml"
# JavaFX's native libraries carry the glibc they were built against. Of the linux-aarch64 builds on
# Maven Central in the 21 line (21, 21.0.1, 21.0.11), 21.0.11's need glibc 2.38 and do not load on
# Debian 12 / Raspberry Pi OS Bookworm (glibc 2.36); 21.0.1's need 2.34. The 21 line has one API,
# so the jar compiled against pom.xml's version runs with either. DEB_JAVAFX_VERSION overrides.
case "$arch" in
  amd64) fx_package_version="${DEB_JAVAFX_VERSION:-$fx_version}" ;;
  arm64) fx_package_version="${DEB_JAVAFX_VERSION:-21.0.1}" ;;
esac

if [ ! -f "$target/$name.jar" ] || [ ! -d "$target/lib" ]; then
  [ "${SKIP_MVN:-}" != 1 ] && command -v mvn >/dev/null \
    || die "target/$name.jar is missing: run 'mvn -DskipTests package' first"
  echo "build-deb: building the jar"
  (cd "$root" && mvn -q -ntp -DskipTests package)
fi

svg="$root/assets/$name.svg"
png256="$root/assets/$name-256.png"
png512="$root/assets/$name-512.png"
for f in "$svg" "$png256" "$png512"; do [ -f "$f" ] || die "icon $f is missing"; done

rm -rf "$work"
app="$work/root/opt/$name"
mkdir -p "$app/lib" "$app/native" "$app/bin" "$work/fx" "$out"

# ---------------------------------------------------------------- jars
# exactly the jars the manifest names: target/lib keeps old versions after a dependency update
classpath="$(unzip -p "$target/$name.jar" META-INF/MANIFEST.MF | tr -d '\r' \
  | sed -n '/^Class-Path:/,/^[^ ]/p' | sed -e 's/^Class-Path://' -e '/^[^ ]/d' -e 's/^ //' | tr -d '\n')"
[ -n "$classpath" ] || die "target/$name.jar has no Class-Path in its manifest"
package_classpath=""
for entry in $classpath; do
  jar="$(basename "$entry")"
  if [[ "$jar" =~ ^(javafx-[a-z]+)-$fx_version-linux(-aarch64)?\.jar$ ]]; then
    # the platform half of a JavaFX module: the package's architecture's, from Maven Central
    module="${BASH_REMATCH[1]}"
    jar="$module-$fx_package_version-$fx_classifier.jar"
    m2="$HOME/.m2/repository/org/openjfx/$module/$fx_package_version/$jar"
    if [ ! -f "$m2" ]; then
      [ "${SKIP_MVN:-}" != 1 ] || die "$m2 is missing (SKIP_MVN=1)"
      (cd "$root" && mvn -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
        -Dartifact="org.openjfx:$module:$fx_package_version:jar:$fx_classifier" -Dtransitive=false) \
        || die "could not fetch org.openjfx:$module:$fx_package_version:$fx_classifier from Maven Central"
    fi
    cp "$m2" "$app/lib/$jar"
  else
    [ -f "$target/$entry" ] || die "target/$entry is missing: run 'mvn -DskipTests package'"
    if unzip -Z1 "$target/$entry" | grep '/native/.*\.so$' >/dev/null; then
      python3 "$here/jar-edit.py" "$target/$entry" "$app/lib/$jar" --native-only "$native_dir"
    else
      cp "$target/$entry" "$app/lib/$jar"
    fi
  fi
  package_classpath+="${package_classpath:+ }lib/$jar"
done
python3 "$here/jar-edit.py" "$target/$name.jar" "$app/$name.jar" --class-path "$package_classpath"

# sqlite-jdbc would unpack its library into /tmp at every start (a tenth of a second, and it fails
# where /tmp is mounted noexec): the package carries it unpacked and the launcher points at it
sqlite_jar="$(ls "$app"/lib/sqlite-jdbc-*.jar)"
unzip -q -o -j "$sqlite_jar" "org/sqlite/native/$native_dir/libsqlitejdbc.so" -d "$app/native" \
  || die "no SQLite library for $arch in $sqlite_jar"

install -m 755 "$here/$name" "$app/$name"
install -m 644 "$here/jvm-options" "$app/jvm-options"
# kiosk autostart entries copied from earlier packages name bin/sermon-uploader
ln -s "../$name" "$app/bin/$name"

# every native library must be for the package's architecture, on disk and inside the jars, and
# the package asks for the newest glibc any of them needs
for j in "$app"/lib/*.jar; do
  mkdir -p "$work/so/$(basename "$j")"
  unzip -qq -o "$j" '*.so' -d "$work/so/$(basename "$j")" 2>/dev/null || true
done
if command -v file >/dev/null; then
  wrong="$(find "$app" "$work/so" -type f -exec file {} + | grep ELF | grep -v "$elf_machine" || true)"
  [ -z "$wrong" ] || die "code for another architecture in the $arch package: $wrong"
fi
glibc="$(find "$app/native" "$work/so" -name '*.so' -exec grep -aoh 'GLIBC_2\.[0-9]\+' {} + \
  | sed 's/GLIBC_//' | sort -t. -k2 -n -u | tail -1)"
[ -n "$glibc" ] || die "found no glibc version in the package's native libraries"
rm -rf "$work/so"

# ---------------------------------------------------------------- package tree
pkg="$work/root"
mkdir -p "$pkg/usr/bin" "$pkg/DEBIAN" \
  "$pkg/usr/share/applications" "$pkg/usr/share/metainfo" "$pkg/usr/share/$name/autostart" \
  "$pkg/usr/share/icons/hicolor/scalable/apps" "$pkg/usr/share/icons/hicolor/256x256/apps" \
  "$pkg/usr/share/icons/hicolor/512x512/apps" "$pkg/usr/share/doc/$name" \
  "$pkg/usr/lib/systemd/user"
ln -s "/opt/$name/$name" "$pkg/usr/bin/$name"
install -m 644 "$here/$app_id.desktop" "$pkg/usr/share/applications/$app_id.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$pkg/usr/share/metainfo/$app_id.metainfo.xml"
install -m 644 "$here/$name-kiosk.desktop" "$pkg/usr/share/$name/autostart/$name-kiosk.desktop"
# shipped disabled: a user enables it with systemctl --user enable --now sermon-uploader-watch
install -m 644 "$here/$name-watch.service" "$pkg/usr/lib/systemd/user/$name-watch.service"
install -m 644 "$svg" "$pkg/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
install -m 644 "$png256" "$pkg/usr/share/icons/hicolor/256x256/apps/$app_id.png"
install -m 644 "$png512" "$pkg/usr/share/icons/hicolor/512x512/apps/$app_id.png"
cat > "$pkg/usr/share/doc/$name/copyright" <<EOF
Sermon Uploader $version
The libraries in /opt/$name/lib keep their own licences (see the notices inside each jar).
Java comes from the system's OpenJDK package.
EOF
chmod -R u+rwX,go+rX,go-w "$pkg"

cat > "$pkg/DEBIAN/control" <<EOF
Package: $name
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-Sermon Uploader <packaging@sermonuploader.invalid>}
Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
Depends: openjdk-17-jre-headless | openjdk-21-jre-headless | openjdk-25-jre-headless, libc6 (>= $glibc), zlib1g, libgtk-3-0 | libgtk-3-0t64, libgl1, libxtst6, libxxf86vm1
Section: sound
Priority: optional
Description: uploads sermon recordings to a MinIO/S3 bucket
 Drop a recording on the window, or use the sermon-uploader command, and it is
 sent to the church's MinIO or S3 bucket. Large files continue where they
 stopped after a power cut or a lost connection.
EOF

deb="$out/${name}_${version}_${arch}.deb"
rm -f "$deb"
# gzip: the jars are compressed already; xz saves little and takes ten times longer
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$deb" >/dev/null
echo "build-deb: $deb ($(du -h "$deb" | cut -f1), installed $(du -sh --exclude=DEBIAN "$pkg" | cut -f1))"
