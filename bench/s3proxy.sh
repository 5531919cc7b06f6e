# Sourced by the bench scripts: starts S3Proxy (filesystem backend) on a free port on loopback and
# waits until it answers. The caller stops it (kill "$s3proxy_pid", in its EXIT trap).
#   s3proxy_start LOG BASEDIR ACCESS SECRET JAVA-ARGS...
#     LOG      the server's output; s3proxy.properties is written beside it
#     BASEDIR  where the objects are kept, one folder a bucket (made if missing)
#     JAVA-ARGS how to run it: -jar path/to/s3proxy.jar, or -cp CLASSPATH org.gaul.s3proxy.Main
#   sets s3proxy_port, s3proxy_endpoint (http://127.0.0.1:PORT) and s3proxy_pid
s3proxy_start() {
  local log="$1" basedir="$2" access="$3" secret="$4"; shift 4
  local props
  props="$(dirname "$log")/s3proxy.properties"
  mkdir -p "$basedir"
  s3proxy_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  s3proxy_endpoint="http://127.0.0.1:$s3proxy_port"
  cat > "$props" <<PROPS
s3proxy.endpoint=$s3proxy_endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$basedir
PROPS
  java "$@" --properties "$props" > "$log" 2>&1 &
  s3proxy_pid=$!
  local _
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$s3proxy_port") 2>/dev/null && return 0
    kill -0 "$s3proxy_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "S3Proxy did not answer on $s3proxy_endpoint; its log, $log:" >&2
  tail -20 "$log" >&2
  kill "$s3proxy_pid" 2>/dev/null
  return 1
}
