#!/usr/bin/python3
"""Side-by-side upload benchmark: Sermon Uploader's CLI against rclone, the AWS CLI and s3cmd.

Every tool uploads the same files to the same local S3 server (a standalone S3Proxy, or MinIO
when MINIO_BIN is set), in turns, several times. Measured per run: wall time, CPU seconds and
peak RSS (/usr/bin/time -v), the RSS of the process tree every 100 ms, and the server's CPU.
Then: what a crash at half-way costs each tool, our heap against file size, JVM settings, and
what the server can take from a single plain PUT. Started by bench/run.sh, which installs the
tools; see docs/benchmarks.md.
"""
import argparse
import csv
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ACCESS_KEY = "benchaccess"
SECRET_KEY = "benchsecret-not-a-real-one"
BUCKET = "bench"
CLK_TCK = os.sysconf("SC_CLK_TCK")

# The JVM flags the launcher gives the command line (installer/jvm-options: the lines for both and
# the "cli:" ones, not the "window:" ones); measured in docs/benchmarks.md.
RECOMMENDED_FLAGS = [flag for line in open(os.path.join(ROOT, "installer", "jvm-options"))
                     if line.strip() and not line.startswith("#") and not line.startswith("window:")
                     for flag in line.removeprefix("cli:").split()]


def log(msg):
    print(time.strftime("%H:%M:%S ") + msg, flush=True)


def parse_size(text):
    m = re.fullmatch(r"(\d+)\s*([KMG]?)(i?B)?", text.strip(), re.I)
    if not m:
        raise argparse.ArgumentTypeError("size like 256MiB, 1GiB: " + text)
    return int(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()]


def size_label(n):
    return f"{n >> 30} GiB" if n >= 1 << 30 and n % (1 << 30) == 0 else f"{n >> 20} MiB"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


def proc_cpu_seconds(pid):
    """User + system CPU of a process and its reaped children, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / CLK_TCK


def descendants(pid):
    out = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for t in tasks:
        try:
            with open(f"/proc/{pid}/task/{t}/children") as f:
                kids = [int(k) for k in f.read().split()]
        except OSError:
            continue
        for k in kids:
            out.append(k)
            out.extend(descendants(k))
    return out


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssSampler(threading.Thread):
    """Sums VmRSS over a process tree every 100 ms (the root itself left out when it is /usr/bin/time)."""

    def __init__(self, root, include_root):
        super().__init__(daemon=True)
        self.root, self.include_root = root, include_root
        self.samples = []
        self.stop = threading.Event()
        self.t0 = time.monotonic()

    def run(self):
        while not self.stop.is_set():
            pids = descendants(self.root) + ([self.root] if self.include_root else [])
            total = sum(rss_kib(p) for p in pids)
            self.samples.append((time.monotonic() - self.t0, total))
            self.stop.wait(0.1)

    def peak_kib(self):
        return max((s[1] for s in self.samples), default=0)


def kill_tree(pid, sig=signal.SIGKILL):
    for p in [pid] + descendants(pid):
        try:
            os.kill(p, sig)
        except OSError:
            pass


def parse_time_v(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("User time"):
                out["user"] = float(line.split(":")[1])
            elif line.startswith("System time"):
                out["sys"] = float(line.split(":")[1])
            elif line.startswith("Maximum resident set size"):
                out["maxrss_kib"] = int(line.split(":")[1])
            elif line.startswith("Exit status"):
                out["exit"] = int(line.split(":")[1])
    return out


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                return h.hexdigest()
            h.update(b)


# ---------------------------------------------------------------------------------------- server

class S3ProxyServer:
    name = "S3Proxy"

    def __init__(self, jar, work, java_opts, data_dir=None):
        self.jar, self.work, self.java_opts = jar, work, java_opts
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.base = data_dir or os.path.join(work, "server-data")
        self.proc = None

    def start(self):
        shutil.rmtree(self.base, ignore_errors=True)
        os.makedirs(os.path.join(self.base, BUCKET))
        props = os.path.join(self.work, "s3proxy.properties")
        with open(props, "w") as f:
            f.write(f"s3proxy.endpoint={self.endpoint}\n"
                    "s3proxy.authorization=aws-v2-or-v4\n"
                    f"s3proxy.identity={ACCESS_KEY}\ns3proxy.credential={SECRET_KEY}\n"
                    "jclouds.provider=filesystem-nio2\n"
                    f"jclouds.filesystem.basedir={self.base}\n")
        self.log = open(os.path.join(self.work, "server.log"), "w")
        if self.jar.startswith("classpath:"):  # fallback: the project's own copy of S3Proxy
            launch = ["-cp", self.jar[len("classpath:"):], "org.gaul.s3proxy.Main"]
        else:
            launch = ["-jar", self.jar]
        self.proc = subprocess.Popen(["java"] + self.java_opts + launch + ["--properties", props],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        wait_port(self.port)
        return self

    def version(self):
        return "S3Proxy " + os.path.basename(self.jar).replace("s3proxy-", "").replace(".jar", "") \
            + ", filesystem-nio2 backend"

    def cpu(self):
        return proc_cpu_seconds(self.proc.pid)

    def reset(self):
        d = os.path.join(self.base, BUCKET)
        for name in os.listdir(d):
            p = os.path.join(d, name)
            shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)

    def object_check(self, key, size, sha256):
        p = os.path.join(self.base, BUCKET, key)
        if not os.path.exists(p):
            return f"no object {key} on the server"
        if os.path.getsize(p) != size:
            return f"object {key} has {os.path.getsize(p)} bytes, not {size}"
        if sha256 and sha256_file(p) != sha256:
            return f"object {key} differs from the file (SHA-256)"
        return None

    def parts_on_server(self, key):
        """Bytes of the unfinished multipart upload's parts S3Proxy holds (its .mpus-* files)."""
        d = os.path.join(self.base, BUCKET)
        pat = re.compile(r"^\.mpus-.*-" + re.escape(key) + r"-(\d+)$")
        parts = [(int(m.group(1)), os.path.getsize(os.path.join(d, n)))
                 for n in os.listdir(d) for m in [pat.match(n)] if m]
        return len(parts), sum(s for _, s in parts)

    def stop(self):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class MinioServer(S3ProxyServer):
    """MinIO from MINIO_BIN. Objects are checked through rclone (MinIO's disk format is its own)."""
    name = "MinIO"

    def __init__(self, binary, work, rclone_env):
        super().__init__(None, work, [])
        self.binary = binary
        self.rclone_env = rclone_env

    def start(self):
        shutil.rmtree(self.base, ignore_errors=True)
        os.makedirs(self.base)
        env = dict(os.environ, MINIO_ROOT_USER=ACCESS_KEY, MINIO_ROOT_PASSWORD=SECRET_KEY,
                   MINIO_BROWSER="off")
        self.log = open(os.path.join(self.work, "server.log"), "w")
        self.proc = subprocess.Popen([self.binary, "server", self.base, "--address", f"127.0.0.1:{self.port}",
                                      "--console-address", f"127.0.0.1:{free_port()}"],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env)
        wait_port(self.port)
        time.sleep(2)
        subprocess.run(["rclone", "mkdir", f"bench:{BUCKET}"], env=self.rclone_env(self), check=True)
        return self

    def version(self):
        return subprocess.run([self.binary, "--version"], capture_output=True, text=True).stdout.splitlines()[0]

    def reset(self):
        env = self.rclone_env(self)
        subprocess.run(["rclone", "delete", f"bench:{BUCKET}"], env=env, capture_output=True)
        subprocess.run(["rclone", "backend", "cleanup", f"bench:{BUCKET}", "-o", "max-age=0s"], env=env,
                       capture_output=True)

    def object_check(self, key, size, sha256):
        r = subprocess.run(["rclone", "lsjson", f"bench:{BUCKET}/{key}"], env=self.rclone_env(self),
                           capture_output=True, text=True)
        items = json.loads(r.stdout or "[]")
        if not items:
            return f"no object {key} on the server"
        if items[0]["Size"] != size:
            return f"object {key} has {items[0]['Size']} bytes, not {size}"
        return None

    def parts_on_server(self, key):
        return None, None


# ---------------------------------------------------------------------------------------- tools

class Tool:
    """One way of uploading: a tool and its settings."""

    def __init__(self, name, settings, family, build):
        self.name, self.settings, self.family, self.build = name, settings, family, build

    @property
    def label(self):
        return f"{self.name} ({self.settings})"


def base_env():
    env = dict(os.environ)
    # the machine trusts a CA bundle that makes Python and Go tools fail on plain http
    env.pop("AWS_CA_BUNDLE", None)
    env.pop("MALLOC_ARENA_MAX", None)
    return env


def rclone_env(server):
    env = base_env()
    env.update(RCLONE_CONFIG="/dev/null", RCLONE_CONFIG_BENCH_TYPE="s3", RCLONE_CONFIG_BENCH_PROVIDER="Other",
               RCLONE_CONFIG_BENCH_ENDPOINT=server.endpoint, RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=ACCESS_KEY,
               RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=SECRET_KEY, RCLONE_CONFIG_BENCH_REGION="us-east-1")
    return env


def make_tools(args, work):
    aws = "/usr/bin/aws"  # Debian's, not another one earlier on the PATH

    def aws_config(name, tuned):
        path = os.path.join(work, f"aws-{name}.cfg")
        with open(path, "w") as f:
            f.write("[default]\nregion = us-east-1\n")
        env = dict(base_env(), AWS_CONFIG_FILE=path)
        sets = [("default.s3.addressing_style", "path")]
        if tuned:
            sets += [("default.s3.multipart_chunksize", "16MB"), ("default.s3.max_concurrent_requests", "2")]
        for k, v in sets:
            subprocess.run([aws, "configure", "set", k, v], env=env, check=True)
        return path

    def s3cmd_config(endpoint):
        path = os.path.join(work, "s3cmd.cfg")
        host = endpoint.split("//")[1]
        with open(path, "w") as f:
            f.write(f"[default]\naccess_key = {ACCESS_KEY}\nsecret_key = {SECRET_KEY}\nhost_base = {host}\n"
                    f"host_bucket = {host}\nuse_https = False\nsignature_v2 = False\n")
        return path

    def ours(flags, settings, family="ours", jar=None):
        def build(file, key, endpoint, home, resume=False):
            env = base_env()
            env.update(MINIO_SECRET_KEY=SECRET_KEY, STATUS_PORT="0", SERMON_UPLOADER_HOME=home)
            argv = ["java"] + flags + ["-jar", jar or args.jar, "resume" if resume else "upload",
                                       "--endpoint", endpoint, "--bucket", BUCKET, "--access-key", ACCESS_KEY,
                                       "--part-size", "16MiB", "--parts-in-flight", "2"]
            return argv + ([] if resume else [file]), env
        return Tool("sermon-uploader", settings, family, build)

    def rclone(extra, settings):
        def build(file, key, endpoint, home, resume=False):
            env = rclone_env(type("S", (), {"endpoint": endpoint})())
            return ["rclone", "copyto"] + extra + [file, f"bench:{BUCKET}/{key}"], env
        return Tool("rclone", settings, "rclone", build)

    def awscli(tuned, settings):
        cfg = {}

        def build(file, key, endpoint, home, resume=False):
            if "path" not in cfg:
                cfg["path"] = aws_config("tuned" if tuned else "default", tuned)
            env = base_env()
            env.update(AWS_CONFIG_FILE=cfg["path"], AWS_SHARED_CREDENTIALS_FILE=os.path.join(work, "none"),
                       AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_PAGER="")
            return [aws, "s3", "cp", "--no-progress", "--endpoint-url", endpoint, file,
                    f"s3://{BUCKET}/{key}"], env
        return Tool("aws", settings, "aws", build)

    def s3cmd(extra, settings):
        def build(file, key, endpoint, home, resume=False):
            argv = ["s3cmd", "-c", s3cmd_config(endpoint), "--no-progress", "put"] + extra
            if resume and args.s3cmd_continue:
                argv.append("--continue-put")
            return argv + [file, f"s3://{BUCKET}/{key}"], base_env()
        return Tool("s3cmd", settings, "s3cmd", build)

    flags = launcher_flags(args)
    tools = {
        "ours": ours(flags, "16 MiB x 2, " + describe_flags(flags)),
        "rclone": rclone([], "defaults: 5 MiB x 4"),
        "rclone-tuned": rclone(["--s3-chunk-size", "16M", "--s3-upload-concurrency", "2"], "16 MiB x 2"),
        "aws": awscli(False, "defaults: 8 MiB x 10"),
        "aws-tuned": awscli(True, "16 MiB x 2"),
        "s3cmd": s3cmd([], "defaults: 15 MiB x 1"),
        "s3cmd-tuned": s3cmd(["--multipart-chunk-size-mb=16"], "16 MiB x 1"),
    }
    if args.vs_jar:
        # The same CLI from another build (e.g. before a change), in turns with this one.
        tools["ours-vs"] = ours(flags, "16 MiB x 2, " + os.path.basename(os.path.dirname(os.path.dirname(
            os.path.abspath(args.vs_jar)))), family="ours-vs", jar=args.vs_jar)
    return tools, ours


# ---------------------------------------------------------------------------------------- runs

class Runner:
    def __init__(self, args, server, work):
        self.args, self.server, self.work = args, server, work
        self.n = 0

    def run(self, tool, file, size, sha, tag, timeout, resume=False, home=None, endpoint=None,
            kill_when=None, keep=False):
        """Runs one upload under /usr/bin/time -v; returns its measures. kill_when(elapsed) -> bool.
        resume: run the tool's way of continuing (our `resume`, s3cmd's --continue-put, else the same)."""
        self.n += 1
        if not keep:
            self.server.reset()
        key = os.path.basename(file)
        home = home or os.path.join(self.work, "homes", f"run{self.n}")
        os.makedirs(home, exist_ok=True)
        argv, env = tool.build(file, key, endpoint or self.server.endpoint, home, resume=resume)
        tfile = os.path.join(self.work, "logs", f"run{self.n}.time")
        out = open(os.path.join(self.work, "logs", f"run{self.n}-{tag}.log"), "w")
        out.write(" ".join(argv) + "\n")
        out.flush()
        cpu0 = self.server.cpu()
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tfile] + argv, env=env, stdout=out,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sampler = RssSampler(p.pid, include_root=False)
        sampler.start()
        killed = timed_out = False
        while p.poll() is None:
            elapsed = time.monotonic() - t0
            if kill_when and not killed and kill_when(elapsed):
                for c in descendants(p.pid):  # the tool, not /usr/bin/time, which still reports
                    os.kill(c, signal.SIGKILL)
                killed = True
            if elapsed > timeout and not timed_out:
                timed_out = True
                for c in descendants(p.pid):
                    os.kill(c, signal.SIGKILL)
            time.sleep(0.02)
        wall = time.monotonic() - t0
        sampler.stop.set()
        sampler.join()
        cpu1 = self.server.cpu()
        out.close()
        tv = parse_time_v(tfile) if os.path.exists(tfile) else {}
        problem = None
        if timed_out:
            problem = f"timed out after {timeout:.0f} s"
        elif not killed:
            if tv.get("exit", -1) != 0:
                problem = f"exit status {tv.get('exit')}"
            else:
                problem = self.server.object_check(key, size, sha)
        return {"tool": tool.label, "family": tool.family, "tag": tag, "size": size, "wall": wall,
                "cpu": tv.get("user", 0) + tv.get("sys", 0), "maxrss_mib": tv.get("maxrss_kib", 0) / 1024,
                "tree_peak_mib": sampler.peak_kib() / 1024, "server_cpu": cpu1 - cpu0, "mbps": size / wall / 1e6,
                "ok": problem is None, "problem": problem or "", "killed": killed, "samples": sampler.samples,
                "log": out.name}


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_range(xs, f="{:.1f}"):
    if not xs:
        return "-"
    return f"{f.format(med(xs))} ({f.format(min(xs))}–{f.format(max(xs))})"


def matrix(args, runner, tools, files, out):
    order = [k for k in tools if k in args.tools_list]
    results = []
    csv_path = os.path.join(out, "runs.csv")
    fields = ["size", "rep", "tool", "wall", "mbps", "cpu", "maxrss_mib", "tree_peak_mib", "server_cpu", "ok",
              "problem"]
    # one untimed upload per tool first: the server's JIT and the page cache warm up for everyone
    small = min(files)
    for k in order:
        r = runner.run(tools[k], files[small][0], small, None, f"warmup-{k}", timeout=max(180, small / 8e6))
        log(f"warm-up {k}: {r['wall']:.1f} s" + ("" if r["ok"] else "  FAILED: " + r["problem"]))
    with open(csv_path, "w", newline="") as f:
        w = csv.DictWriter(f, fields, extrasaction="ignore")
        w.writeheader()
        for size, (path, sha) in files.items():
            for rep in range(args.repeats):
                rot = order[rep % len(order):] + order[:rep % len(order)]
                for k in rot:
                    r = runner.run(tools[k], path, size, sha if args.verify else None, f"{k}-{size >> 20}M-{rep}",
                                   timeout=max(180, size / 8e6))
                    r.update(rep=rep, key=k)
                    results.append(r)
                    w.writerow(r)
                    f.flush()
                    log(f"{size_label(size):>7} rep {rep + 1} {k:13s} {r['wall']:6.1f} s {r['mbps']:6.1f} MB/s "
                        f"cpu {r['cpu']:5.1f} s rss {r['maxrss_mib']:5.0f} MiB server cpu {r['server_cpu']:5.1f} s"
                        + ("" if r["ok"] else "  FAILED: " + r["problem"]))
                    if size == max(files):
                        with open(os.path.join(out, "rss", f"{k}-{rep}.tsv"), "w") as s:
                            for t, kib in r["samples"]:
                                s.write(f"{t:.2f}\t{kib / 1024:.1f}\n")
    return results


def matrix_table(results, tools, sizes):
    lines = []
    for size in sizes:
        rs = [r for r in results if r["size"] == size]
        keys = list(dict.fromkeys(r["key"] for r in rs))
        ok = {k: [r for r in rs if r["key"] == k and r["ok"]] for k in keys}
        peers = [k for k in keys if tools[k].family != "ours"]
        fastest = max(peers, key=lambda k: med([r["mbps"] for r in ok[k]]) if ok[k] else 0, default=None)
        lines.append(f"\n#### {size_label(size)} file\n")
        lines.append("| tool (settings) | runs ok | wall s, median (min–max) | MB/s, median | CPU s, median | "
                     "peak RSS MiB, median (min–max) | server CPU s | our speed ÷ its speed, pair by pair |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for k in keys:
            xs = ok[k]
            pair = ""
            if tools[k].family != "ours" and "ours" in ok:
                ratios = []
                for r in xs:
                    o = [q for q in ok["ours"] if q["rep"] == r["rep"]]
                    if o:
                        ratios.append(r["wall"] / o[0]["wall"])
                pair = fmt_range(ratios, "{:.2f}") if ratios else "-"
            name = ("**" + tools[k].label + "**") if tools[k].family == "ours" else tools[k].label
            lines.append(f"| {name} | {len(xs)}/{len([r for r in rs if r['key'] == k])} | "
                         f"{fmt_range([r['wall'] for r in xs])} | {med([r['mbps'] for r in xs]):.1f} | "
                         f"{med([r['cpu'] for r in xs]):.1f} | {fmt_range([r['maxrss_mib'] for r in xs], '{:.0f}')} | "
                         f"{med([r['server_cpu'] for r in xs]):.1f} | {pair} |")
        if fastest and ok.get("ours") and ok[fastest]:
            ratio = med([r["mbps"] for r in ok["ours"]]) / med([r["mbps"] for r in ok[fastest]])
            lines.append(f"\nFastest peer: {tools[fastest].label}. Our median throughput is **{ratio:.2f} ×** its median.")
        failed = [r for r in rs if not r["ok"]]
        for r in failed:
            lines.append(f"\nFailed run: {tools[r['key']].label}, repeat {r['rep'] + 1}: {r['problem']} ({r['log']})")
    return "\n".join(lines)


def plot(out, results, tools, size, png):
    """One line per tool: the run with the median wall time at the largest size."""
    series = []
    for k in dict.fromkeys(r["key"] for r in results if r["size"] == size):
        rs = sorted([r for r in results if r["size"] == size and r["key"] == k and r["ok"]], key=lambda r: r["wall"])
        if rs:
            series.append((k, rs[len(rs) // 2]["rep"]))
    if not series or not shutil.which("gnuplot"):
        return False
    styles = {"ours": "lw 3 lc rgb '#1f6feb'", "rclone": "lw 2 lc rgb '#d1242f'",
              "rclone-tuned": "lw 2 dt 2 lc rgb '#d1242f'", "aws": "lw 2 lc rgb '#bf8700'",
              "aws-tuned": "lw 2 dt 2 lc rgb '#bf8700'", "s3cmd": "lw 2 lc rgb '#1a7f37'",
              "s3cmd-tuned": "lw 2 dt 2 lc rgb '#1a7f37'"}
    cmds = [f"set terminal pngcairo size 1000,650 font 'sans,11'", f"set output '{png}'",
            f"set title 'Memory (RSS) while uploading a {size_label(size)} file, sampled every 100 ms'",
            "set xlabel 'seconds since start'", "set ylabel 'RSS of the process tree (MiB)'", "set grid",
            "set key outside below maxrows 4", "set yrange [0:*]", "set xrange [0:*]"]
    plots = []
    for k, rep in series:
        path = os.path.join(out, "rss", f"{k}-{rep}.tsv")
        title = tools[k].label.split(",")[0] + (")" if tools[k].family == "ours" else "")
        # a sample taken as the process exits reads 0: not a point of the line
        plots.append(f"'{path}' using 1:($2 > 0 ? $2 : NaN) with lines {styles.get(k, 'lw 2')} title '{title}'")
    cmds.append("plot " + ", \\\n  ".join(plots))
    script = os.path.join(out, "rss.gp")
    with open(script, "w") as f:
        f.write("\n".join(cmds) + "\n")
    subprocess.run(["gnuplot", script], check=True)
    return True


# ---------------------------------------------------------------------------------------- resume

class CountingProxy(threading.Thread):
    """A TCP relay in front of the server that counts the bytes clients send (headers included)."""

    def __init__(self, target_port):
        super().__init__(daemon=True)
        self.target = target_port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.sent = 0
        self.lock = threading.Lock()

    def run(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            s = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self.pipe, args=(c, s, True), daemon=True).start()
            threading.Thread(target=self.pipe, args=(s, c, False), daemon=True).start()

    def pipe(self, a, b, count):
        buf = bytearray(256 << 10)
        view = memoryview(buf)
        try:
            while True:
                n = a.recv_into(buf)
                if n == 0:
                    break
                if count:
                    with self.lock:
                        self.sent += n
                b.sendall(view[:n])
        except OSError:
            pass
        finally:
            for x in (a, b):
                try:
                    x.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                x.close()

    def take(self):
        with self.lock:
            n, self.sent = self.sent, 0
            return n


def resume_phase(args, runner, tools, ours_tool, path, size, sha, out):
    proxy = CountingProxy(int(runner.server.endpoint.rsplit(":", 1)[1]))
    proxy.start()
    endpoint = f"http://127.0.0.1:{proxy.port}"
    rows = []
    keys = ["ours", "rclone", "aws", "s3cmd"]
    for k in keys:
        if k not in args.tools_list:
            continue
        t = tools[k]
        # 1. uninterrupted, through the same relay
        proxy.take()
        full = runner.run(t, path, size, None, f"resume-{k}-full", timeout=max(180, size / 8e6), endpoint=endpoint)
        full_bytes = proxy.take()
        # 2. killed with SIGKILL once half the file has gone out
        home = os.path.join(runner.work, "homes", f"resume-{k}")
        shutil.rmtree(home, ignore_errors=True)
        killed = runner.run(t, path, size, None, f"resume-{k}-killed", timeout=max(180, size / 8e6), home=home,
                            endpoint=endpoint, kill_when=lambda e: proxy.sent >= args.kill_at * size)
        time.sleep(1)
        killed_bytes = proxy.take()
        parts, part_bytes = runner.server.parts_on_server(os.path.basename(path))
        # 3. run again: our resume command; the same command for the others
        again = runner.run(t, path, size, sha if args.verify else None, f"resume-{k}-again",
                           timeout=max(180, size / 8e6), home=home, endpoint=endpoint, resume=True, keep=True)
        again_bytes = proxy.take()
        resent = killed_bytes + again_bytes - full_bytes
        how = "`resume`" if k == "ours" else ("same command" + (" + `--continue-put`" if k == "s3cmd" and
                                                                args.s3cmd_continue else ""))
        rows.append({"tool": t.label, "how": how, "full_s": full["wall"], "full_mib": full_bytes / 2**20,
                     "killed_s": killed["wall"], "killed_mib": killed_bytes / 2**20, "parts": parts,
                     "part_mib": (part_bytes or 0) / 2**20, "again_s": again["wall"], "again_mib": again_bytes / 2**20,
                     "resent_mib": resent / 2**20, "total_s": killed["wall"] + again["wall"],
                     "ok": again["ok"] and full["ok"], "problem": again["problem"] or full["problem"]})
        log(f"resume {k}: full {full['wall']:.1f} s {full_bytes / 2**20:.0f} MiB; killed after {killed['wall']:.1f} s "
            f"{killed_bytes / 2**20:.0f} MiB ({parts} parts on server); again {again['wall']:.1f} s "
            f"{again_bytes / 2**20:.0f} MiB; re-sent {resent / 2**20:.0f} MiB"
            + ("" if rows[-1]["ok"] else "  FAILED: " + rows[-1]["problem"]))
    proxy.sock.close()
    lines = [f"\nKilled with SIGKILL once {args.kill_at:.0%} of the {size_label(size)} file had gone out "
             "(counted by a relay in front of the server), then started again. Bytes are everything the client "
             "sent, HTTP headers included; *re-sent* = killed run + second run − uninterrupted run.\n",
             "| tool | uninterrupted: s, MiB sent | killed after: s, MiB sent | parts the server kept (MiB) | "
             "second run | second run: s, MiB sent | **re-sent MiB** | killed + second run s vs uninterrupted s |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        kept = "-" if r["parts"] is None else f"{r['parts']} ({r['part_mib']:.0f})"
        lines.append(f"| {r['tool']} | {r['full_s']:.1f}, {r['full_mib']:.0f} | {r['killed_s']:.1f}, "
                     f"{r['killed_mib']:.0f} | {kept} | {r['how']} | {r['again_s']:.1f}, {r['again_mib']:.0f} | "
                     f"**{r['resent_mib']:.0f}** | {r['total_s']:.1f} vs {r['full_s']:.1f}"
                     + ("" if r["ok"] else f" (FAILED: {r['problem']})") + " |")
    return "\n".join(lines), rows


# ---------------------------------------------------------------------------------------- heap, JVM, server

GC_LINE = re.compile(r"Pause (Young|Full).*?(\d+)M->(\d+)M\((\d+)M\)")


def heap_phase(args, runner, ours_factory, files, out):
    lines = ["\n| file | peak RSS MiB | heap used before GC, max MiB | live heap after GC, max MiB | "
             "heap committed, max MiB | GCs (full) |", "|---|---|---|---|---|---|"]
    flags = launcher_flags(args)
    figures = {}
    for size in sorted(files)[:1] + sorted(files)[-1:]:
        if size in figures:
            continue
        path, sha = files[size]
        gclog = os.path.join(out, f"gc-{size >> 20}M.log")
        t = ours_factory(flags + [f"-Xlog:gc:file={gclog}"], "heap")
        r = runner.run(t, path, size, None, f"heap-{size >> 20}M", timeout=max(180, size / 8e6))
        before = after = committed = n = full = 0
        for line in open(gclog):
            m = GC_LINE.search(line)
            if m:
                n += 1
                full += m.group(1) == "Full"
                before = max(before, int(m.group(2)))
                after = max(after, int(m.group(3)))
                committed = max(committed, int(m.group(4)))
        figures[size] = r["maxrss_mib"]
        lines.append(f"| {size_label(size)} | {r['maxrss_mib']:.0f} | {before} | {after} | {committed} | {n} ({full}) |"
                     + ("" if r["ok"] else f" FAILED: {r['problem']}"))
        log(f"heap {size_label(size)}: rss {r['maxrss_mib']:.0f} MiB, heap before GC max {before} MiB, "
            f"live max {after} MiB, committed {committed} MiB, {n} GCs")
    return "\n".join(lines), figures


# (name, flags); None stands for the recommended flags
JVM_VARIANTS = [
    ("no flags: G1, heap 1/4 of RAM", []),
    ("G1, small heap", ["-Xmx64m"]),
    ("Serial GC, small heap", ["-XX:+UseSerialGC", "-Xmx64m"]),
    ("Serial GC, default young generation", ["-XX:+UseSerialGC", "-Xmx96m"]),
    ("Serial GC, small young generation, default JIT", ["-XX:+UseSerialGC", "-Xmx96m", "-Xmn8m"]),
    ("recommended, without what the package adds (class data archive, unpacked SQLite)", RECOMMENDED_FLAGS),
    ("recommended", None),
    ("recommended + C1 only", [None, "-XX:TieredStopAtLevel=1"]),
]


def describe_flags(flags):
    """Flags as tables show them: the archive by what it is, not by its path."""
    shown = ["-XX:SharedArchiveFile=<class data archive>" if f.startswith("-XX:SharedArchiveFile=") else f
             for f in flags if not f.startswith("-Xlog:cds") and not f.startswith("-Dorg.sqlite.lib.name")]
    shown = ["-Dorg.sqlite.lib.path=<unpacked library>" if f.startswith("-Dorg.sqlite.lib.path=") else f for f in shown]
    return " ".join(shown) or "(none)"


def launcher_flags(args):
    """The flags our CLI runs with: --ours-flags, or the package launcher's (jvm-options and its CDS archive)."""
    if args.ours_flags:
        return args.ours_flags.split()
    return RECOMMENDED_FLAGS + args.cds_flags


def make_cds_archive(args, work, server):
    """
    What the earlier, jlinked package did (docs/benchmarks.md's tables were measured so): a dynamic
    class data archive made by one short upload, to a server in another process (so only the app's
    own classes go in). Java 17 takes it only for the jar at the path it was made with, so it is
    made again for every run (the jar was just built). Returns the flags that use it.
    """
    d = os.path.join(work, "cds")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "home"))
    sample = os.path.join(d, "training.wav")
    with open(sample, "wb") as f:
        f.write(os.urandom(12 << 20))
    jsa = os.path.join(d, "sermon-uploader.jsa")
    env = base_env()
    env.update(SERMON_UPLOADER_HOME=os.path.join(d, "home"), STATUS_PORT="0", MINIO_SECRET_KEY=SECRET_KEY)
    r = subprocess.run(["java"] + RECOMMENDED_FLAGS + args.cds_flags + [f"-XX:ArchiveClassesAtExit={jsa}", "-jar", args.jar,
                        "upload", "--endpoint", server.endpoint, "--bucket", BUCKET, "--access-key", ACCESS_KEY,
                        "--part-size", "5MiB", sample], env=env, capture_output=True, text=True)
    server.reset()
    if r.returncode != 0 or not os.path.exists(jsa):
        log("no class data archive (the training upload failed); our CLI runs without one:\n" + r.stdout + r.stderr)
        return []
    log(f"class data archive: {os.path.getsize(jsa) >> 20} MiB")
    return [f"-XX:SharedArchiveFile={jsa}", "-Xlog:cds=off,cds+dynamic=off"]


def unpack_sqlite(args, work):
    """The package carries SQLite's native library unpacked (build-deb.sh); give our CLI the same."""
    lib = os.path.join(os.path.dirname(args.jar), "lib")
    jars = [j for j in os.listdir(lib) if j.startswith("sqlite-jdbc-")] if os.path.isdir(lib) else []
    arch = {"x86_64": "x86_64", "aarch64": "aarch64"}.get(os.uname().machine)
    if not jars or not arch:
        return []
    d = os.path.join(work, "sqlite-native")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    name = f"org/sqlite/native/Linux/{arch}/libsqlitejdbc.so"
    with zipfile.ZipFile(os.path.join(lib, sorted(jars)[-1])) as z, open(os.path.join(d, "libsqlitejdbc.so"), "wb") as f:
        f.write(z.read(name))
    return [f"-Dorg.sqlite.lib.path={d}", "-Dorg.sqlite.lib.name=libsqlitejdbc.so"]


def variant_flags(flags, rec):
    if flags is None:
        return list(rec)
    if flags and flags[0] is None:
        return list(rec) + flags[1:]
    return flags


def jvm_phase(args, runner, ours_factory, path, size, sha):
    rec = launcher_flags(args)
    res = {}
    for rep in range(args.repeats):
        for name, flags in JVM_VARIANTS:
            f = variant_flags(flags, rec)
            r = runner.run(ours_factory(f, name), path, size, sha if args.verify else None,
                           f"jvm-{len(res)}-{rep}", timeout=max(120, size / 4e6))
            res.setdefault(name, (f, []))[1].append(r)
            log(f"jvm {name}: {r['wall']:.1f} s rss {r['maxrss_mib']:.0f} MiB cpu {r['cpu']:.1f} s"
                + ("" if r["ok"] else "  FAILED: " + r["problem"]))
    lines = [f"\nOur CLI alone, {size_label(size)} file, 16 MiB parts, 2 requested in flight, {args.repeats} runs each.\n",
             "| JVM flags | runs ok | wall s, median (min–max) | CPU s | peak RSS MiB, median (min–max) |",
             "|---|---|---|---|---|"]
    for name, (f, rs) in res.items():
        ok = [r for r in rs if r["ok"]]
        lines.append(f"| {name}: `{describe_flags(f)}` | {len(ok)}/{len(rs)} | {fmt_range([r['wall'] for r in ok])} | "
                     f"{med([r['cpu'] for r in ok]):.1f} | {fmt_range([r['maxrss_mib'] for r in ok], '{:.0f}')} |")
    return "\n".join(lines)


def server_probe(args, runner, path, size, sha):
    """The server alone: curl sends the file as one plain PUT (no multipart, payload not hashed)."""
    rows = []
    for rep in range(args.repeats):
        runner.server.reset()
        key = "probe-" + os.path.basename(path)
        env = base_env()
        cpu0 = runner.server.cpu()
        t0 = time.monotonic()
        r = subprocess.run(["/usr/bin/time", "-f", "%U %S", "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                            "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{ACCESS_KEY}:{SECRET_KEY}",
                            "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "-T", path,
                            f"{runner.server.endpoint}/{BUCKET}/{key}"], env=env, capture_output=True, text=True)
        wall = time.monotonic() - t0
        scpu = runner.server.cpu() - cpu0
        ok = r.stdout.strip() == "200" and runner.server.object_check(key, size, None) is None
        ccpu = sum(float(x) for x in r.stderr.split()[-2:]) if r.stderr.split() else 0
        rows.append((wall, scpu, ccpu, ok))
        log(f"server alone (curl PUT) {wall:.1f} s {size / wall / 1e6:.0f} MB/s server cpu {scpu:.1f} s "
            f"curl cpu {ccpu:.1f} s ok={ok}")
    ok = [r for r in rows if r[3]]
    if not ok:
        return "\nThe single-PUT probe failed (see the log).", None
    return (f"\nOne plain PUT of the {size_label(size)} file with curl (`--aws-sigv4`, payload not hashed), "
            f"{len(ok)} runs: wall {fmt_range([r[0] for r in ok])} s, "
            f"**{size / med([r[0] for r in ok]) / 1e6:.0f} MB/s** median; server CPU {med([r[1] for r in ok]):.1f} s, "
            f"curl CPU {med([r[2] for r in ok]):.1f} s."), size / med([r[0] for r in ok]) / 1e6


# ---------------------------------------------------------------------------------------- main

def versions(server):
    def first(cmd):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, env=base_env(), timeout=60)
            return (r.stdout + r.stderr).strip().splitlines()[0]
        except Exception as e:  # a missing tool is reported, not fatal
            return f"({e})"
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")) / 2**20
    return {"machine": f"{os.cpu_count()} cores ({cpu}), {mem:.1f} GiB RAM, {platform.system()} {platform.release()}",
            "java": first(["java", "-version"]), "server": server.version(),
            "rclone": first(["rclone", "version"]), "aws": first(["/usr/bin/aws", "--version"]),
            "s3cmd": first(["s3cmd", "--version"]), "load": open("/proc/loadavg").read().split()[:3]}


def make_files(work, sizes):
    files = {}
    d = os.path.join(work, "files")
    os.makedirs(d, exist_ok=True)
    for size in sizes:
        path = os.path.join(d, f"bench-{size >> 20}MiB.wav")  # .wav: the app uploads recordings
        if not os.path.exists(path) or os.path.getsize(path) != size:
            log(f"writing {size_label(size)} of random data to {path}")
            with open("/dev/urandom", "rb") as src, open(path + ".part", "wb") as dst:
                left = size
                while left:
                    b = src.read(min(left, 8 << 20))
                    dst.write(b)
                    left -= len(b)
            os.replace(path + ".part", path)
        files[size] = (path, sha256_file(path))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="256MiB,1GiB,4GiB", help="file sizes for the side-by-side runs")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--tools", default="ours,rclone,rclone-tuned,aws,aws-tuned,s3cmd,s3cmd-tuned")
    ap.add_argument("--phases", default="matrix,resume,heap,jvm,server",
                    help="which parts to run: matrix,resume,heap,jvm,server")
    ap.add_argument("--resume-size", default="1GiB")
    ap.add_argument("--jvm-size", default="1GiB")
    ap.add_argument("--kill-at", type=float, default=0.5, help="share of the file sent before the kill")
    ap.add_argument("--no-s3cmd-continue", dest="s3cmd_continue", action="store_false",
                    help="re-run s3cmd without --continue-put after the kill")
    ap.add_argument("--ours-flags", default="", help="JVM flags for our CLI, written --ours-flags=\"...\" (default: installer/jvm-options and a class data archive of the app's classes)")
    ap.add_argument("--no-verify", dest="verify", action="store_false", help="skip the SHA-256 check of objects")
    ap.add_argument("--jar", default=os.path.join(ROOT, "target", "sermon-uploader.jar"))
    ap.add_argument("--vs-jar", help="another build of our jar to run in turns with --jar (tool ours-vs); both "
                                     "then run without the class data archive, which fits one jar only")
    ap.add_argument("--s3proxy-jar", default=os.path.join(HERE, "work", "s3proxy",
                                                            "s3proxy-4.1.0-jar-with-dependencies.jar"))
    ap.add_argument("--out", default=os.path.join(HERE, "work", "results", time.strftime("%Y%m%d-%H%M%S")))
    ap.add_argument("--publish", action="store_true", help="copy the plot to docs/images/benchmark-rss.png")
    ap.add_argument("--server-dir", help="where the server keeps objects (e.g. a folder in /dev/shm to take the "
                                         "disk out); default bench/work/server-data")
    args = ap.parse_args()
    args.tools_list = args.tools.split(",")
    phases = args.phases.split(",")
    sizes = sorted(parse_size(s) for s in args.sizes.split(","))
    resume_size, jvm_size = parse_size(args.resume_size), parse_size(args.jvm_size)

    work = os.path.join(HERE, "work")
    out = args.out
    for d in (out, os.path.join(out, "rss"), os.path.join(work, "logs"), os.path.join(work, "homes")):
        os.makedirs(d, exist_ok=True)
    shutil.rmtree(os.path.join(work, "homes"), ignore_errors=True)
    os.makedirs(os.path.join(work, "homes"))
    latest = os.path.join(HERE, "work", "results", "latest")
    os.makedirs(os.path.dirname(latest), exist_ok=True)  # --out may lie elsewhere
    if os.path.islink(latest) or os.path.exists(latest):
        os.remove(latest)
    os.symlink(out, latest)

    need = set(sizes if "matrix" in phases else [])
    if "resume" in phases:
        need.add(resume_size)
    if "jvm" in phases or "server" in phases:
        need.add(jvm_size)
    if "heap" in phases:
        need.update([min(sizes), max(sizes)])
    files = make_files(work, sorted(need))

    minio = os.environ.get("MINIO_BIN")
    server = (MinioServer(minio, work, rclone_env) if minio else
              S3ProxyServer(args.s3proxy_jar, work, [], args.server_dir))
    server.start()
    args.cds_flags = [] if args.ours_flags else unpack_sqlite(args, work)
    if not args.ours_flags and not args.vs_jar:
        args.cds_flags += make_cds_archive(args, work, server)
    started = time.monotonic()
    try:
        info = versions(server)
        log("machine: " + info["machine"] + "; load " + " ".join(info["load"]))
        runner = Runner(args, server, work)
        tools, ours_factory = make_tools(args, work)
        report = ["# Benchmark results", "", f"- Machine: {info['machine']}; load average at start "
                  f"{' '.join(info['load'])}", f"- Server: {info['server']} on 127.0.0.1, objects in {server.base}",
                  f"- {info['java']}; {info['rclone']}; {info['aws']}; {info['s3cmd']}",
                  f"- Sizes: {', '.join(size_label(s) for s in sizes)}; {args.repeats} runs per tool and size, "
                  "tools taking turns; MB = 10^6 bytes, MiB = 2^20 bytes.", ""]
        results = []
        if "matrix" in phases:
            results = matrix(args, runner, tools, {s: files[s] for s in sizes}, out)
            report += ["## Side by side", matrix_table(results, tools, sizes), ""]
            png = os.path.join(out, "benchmark-rss.png")
            if plot(out, results, tools, max(sizes), png):
                report += ["## Memory over time", f"![RSS over time]({png})", ""]
                if args.publish:
                    shutil.copy(png, os.path.join(ROOT, "docs", "images", "benchmark-rss.png"))
        if "heap" in phases:
            text, figs = heap_phase(args, runner, ours_factory, files, out)
            report += ["## Our memory against file size", text, ""]
            if len(figs) == 2:
                a, b = sorted(figs)
                report.append(f"Peak RSS {size_label(b)} ÷ {size_label(a)}: **{figs[b] / figs[a]:.2f}**\n")
        if "resume" in phases:
            text, _ = resume_phase(args, runner, tools, ours_factory, files[resume_size][0], resume_size,
                                   files[resume_size][1], out)
            report += ["## A crash half-way", text, ""]
        if "jvm" in phases:
            report += ["## JVM settings", jvm_phase(args, runner, ours_factory, files[jvm_size][0], jvm_size,
                                                    files[jvm_size][1]), ""]
        if "server" in phases:
            text, _ = server_probe(args, runner, files[jvm_size][0], jvm_size, files[jvm_size][1])
            report += ["## The server alone", text, ""]
        report.append(f"\nTotal benchmark time {(time.monotonic() - started) / 60:.1f} min; load average at the end "
                      + " ".join(open("/proc/loadavg").read().split()[:3]) + ".")
        with open(os.path.join(out, "report.md"), "w") as f:
            f.write("\n".join(report) + "\n")
        with open(os.path.join(out, "runs.json"), "w") as f:
            json.dump([{k: v for k, v in r.items() if k != "samples"} for r in results], f, indent=1)
        log(f"report: {os.path.join(out, 'report.md')}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
