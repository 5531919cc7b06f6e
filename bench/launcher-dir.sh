# Sourced by the bench scripts: lays out a launcher folder as the package does (the launcher,
# jvm-options, the jar, lib/ and SQLite's library unpacked in native/) from target/, and prints
# the launcher's path. FOOTPRINT_LAUNCHER and FOOTPRINT_JVM_OPTIONS name another launcher and
# options (an older commit's, from git show) in place of installer/'s, FOOTPRINT_JAR another
# build's jar (its lib/ must match target/lib).
launcher_dir() { # folder [one more line for jvm-options]
  local d="$1" arch
  rm -rf "$d"; mkdir -p "$d/native"
  cp "${FOOTPRINT_LAUNCHER:-$root/installer/sermon-uploader}" "$d/sermon-uploader"
  cp "${FOOTPRINT_JVM_OPTIONS:-$root/installer/jvm-options}" "$d/jvm-options"
  if [ -n "${2:-}" ]; then printf '%s\n' "$2" >> "$d/jvm-options"; fi
  if [ -n "${FOOTPRINT_JAR:-}" ]; then
    cp "$FOOTPRINT_JAR" "$d/sermon-uploader.jar" # its Class-Path is read next to where it lies
  else
    ln -s "$root/target/sermon-uploader.jar" "$d/sermon-uploader.jar"
  fi
  ln -s "$root/target/lib" "$d/lib"
  arch="$(uname -m)"; [ "$arch" = x86_64 ] || arch=aarch64
  unzip -q -o -j "$root"/target/lib/sqlite-jdbc-*.jar "org/sqlite/native/Linux/$arch/libsqlitejdbc.so" -d "$d/native"
  echo "$d/sermon-uploader"
}

# The JVM flags the launcher gives the command line, one a line: installer/jvm-options' lines for
# both and its "cli:" ones, not the "window:" ones.
cli_flags() {
  local line
  while IFS= read -r line; do
    case "$line" in ''|'#'*|window:*) ;; cli:*) printf '%s\n' ${line#cli:} ;; *) printf '%s\n' $line ;; esac
  done < "$root/installer/jvm-options"
}
