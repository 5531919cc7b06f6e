#!/usr/bin/env bash
# One command for the whole benchmark: installs the peer tools (Debian packages), builds the jar,
# fetches the standalone S3 server from Maven Central, then runs bench/bench.py.
#   bench/run.sh                          # everything: 256 MiB, 1 GiB, 4 GiB, 3 runs each (about 40 min)
#   bench/run.sh --sizes 256MiB --repeats 3 --phases matrix      # a quick look
#   bench/run.sh --help                   # all options
# Results go to bench/work/results/<time>/ (report.md, runs.csv, benchmark-rss.png); bench/work is not committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work"
mkdir -p "$work"

die() { echo "bench: $*" >&2; exit 1; }

for a in "$@"; do
  case "$a" in -h|--help) exec python3 "$here/bench.py" --help ;; esac
done

[ "$(uname -s)" = Linux ] || die "needs Linux (/proc is read for memory and CPU)"
command -v java >/dev/null || die "java (17) is needed"
command -v mvn >/dev/null || die "Maven (mvn) is needed to build the jar and fetch S3Proxy"

missing=()
for pair in rclone:rclone /usr/bin/aws:awscli s3cmd:s3cmd gnuplot:gnuplot-nox /usr/bin/time:time curl:curl python3:python3; do
  cmd="${pair%%:*}"; pkg="${pair#*:}"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
  echo "bench: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "bench: building the jar"
  (cd "$root" && mvn -q -DskipTests package)
fi
[ -f "$root/target/sermon-uploader.jar" ] || die "target/sermon-uploader.jar is missing"

server_args=()
if [ -z "${MINIO_BIN:-}" ]; then
  jar="$work/s3proxy/s3proxy-4.1.0-jar-with-dependencies.jar"
  if [ ! -f "$jar" ]; then
    echo "bench: fetching S3Proxy 4.1.0 (jar-with-dependencies) from Maven Central"
    if ! (cd "$work" && mvn -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
          -DoutputDirectory="$work/s3proxy"); then
      echo "bench: no standalone jar; running org.gaul.s3proxy.Main from target/lib instead"
      jar=""
    fi
  fi
  if [ -n "$jar" ]; then server_args=(--s3proxy-jar "$jar"); else server_args=(--s3proxy-jar "classpath:$root/target/lib/*"); fi
else
  [ -x "$MINIO_BIN" ] || die "MINIO_BIN=$MINIO_BIN is not an executable"
fi

exec python3 "$here/bench.py" "${server_args[@]}" "$@"
