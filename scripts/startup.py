#!/usr/bin/env python3
"""Measures the packaged jar's startup and idle memory (issue 7), variants interleaved.

Each run starts `java <options> -jar target/quarkus-app/quarkus-run.jar serve deploy/config.yml` on a free loopback
port and a fresh storage, polls `GET /v2/` every 20 ms (as the benchmark's WharfProcess does), waits 2 s more and
reads the process' CPU time (utime + stime of all threads, /proc/<pid>/stat), VmRSS and thread count
(/proc/<pid>/status). With --then, it then GETs that path and reads the RSS again after the same wait (what a first
request costs). Prints one line per run and the medians per variant.

    python3 scripts/startup.py [--runs 5] [--s3 http://127.0.0.1:<port>] [--env K=V] [--then /v2/_catalog] \
        'base=@deploy/jvm.options -Xmx128m' 'other=@deploy/jvm.options -Xmx128m -XX:...'

A variant is `label=<JVM options>`, ending in `-jar <path>` to run another build than target/quarkus-app (copy it
elsewhere first: `cp -r target/quarkus-app /tmp/before`); `--env K=V` adds a variable to every run (MALLOC_ARENA_MAX=2, ...). With --s3 the
runs use S3 storage at that endpoint (an S3Proxy with identity `wharf-identity`, credential `wharf-credential` and a
bucket `registry`, as src/test/.../S3Proxy.java starts it); each run gets its own root directory in the bucket.
Run from the repository's root after `./mvnw -B -q package -DskipTests`.
"""
import argparse
import os
import shlex
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

JAR = "target/quarkus-app/quarkus-run.jar"
TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url, timeout=1):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15)


def status(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            values[key] = value.strip()
    return int(values["VmRSS"].split()[0]) / 1024, int(values["Threads"])


def run(options, env_extra, s3, idle, then):
    port = free_port()
    env = dict(os.environ, REGISTRY_HTTP_ADDR=f"127.0.0.1:{port}", REGISTRY_LOG_ACCESSLOG_DISABLED="true",
               REGISTRY_LOG_LEVEL="warn", **env_extra)
    with tempfile.TemporaryDirectory(prefix="wharf-startup-") as root:
        if s3:
            env.update(REGISTRY_STORAGE="s3", REGISTRY_STORAGE_S3_BUCKET="registry",
                       REGISTRY_STORAGE_S3_REGION="us-east-1", REGISTRY_STORAGE_S3_REGIONENDPOINT=s3,
                       REGISTRY_STORAGE_S3_FORCEPATHSTYLE="true", REGISTRY_STORAGE_S3_ACCESSKEY="wharf-identity",
                       REGISTRY_STORAGE_S3_SECRETKEY="wharf-credential",
                       REGISTRY_STORAGE_S3_ROOTDIRECTORY="/" + os.path.basename(root))
        else:
            env["REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY"] = root
        options = shlex.split(options)
        jar = [] if "-jar" in options else ["-jar", JAR]
        command = ["java", *options, *jar, "serve", "deploy/config.yml"]
        begin = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while answers(f"http://127.0.0.1:{port}/v2/") != 200:
                if process.poll() is not None:
                    raise SystemExit(f"exited {process.returncode}: {process.stderr.read().decode()[-2000:]}")
                if time.monotonic() - begin > 60:
                    raise SystemExit("no answer within 60 s")
                time.sleep(0.02)
            startup = time.monotonic() - begin
            cpu_ready = cpu_seconds(process.pid)
            time.sleep(idle)
            rss, threads = status(process.pid)
            result = (startup, cpu_ready, cpu_seconds(process.pid), rss, threads)
            if then:
                begin = time.monotonic()
                if answers(f"http://127.0.0.1:{port}{then}", timeout=60) != 200:
                    raise SystemExit(f"GET {then} did not answer 200")
                took = time.monotonic() - begin
                time.sleep(idle)
                result += (took, status(process.pid)[0])
            return result
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=2.0, help="seconds after the first answer (2)")
    parser.add_argument("--s3", help="S3 endpoint (S3Proxy) instead of the filesystem")
    parser.add_argument("--env", action="append", default=[], help="K=V for every run")
    parser.add_argument("--then", help="a path to GET after the idle reading (/v2/_catalog), then its time and the "
                                       "RSS after another idle wait")
    parser.add_argument("variants", nargs="+", help="label=<JVM options>")
    args = parser.parse_args()
    variants = [v.split("=", 1) for v in args.variants]
    env_extra = dict(e.split("=", 1) for e in args.env)
    results = {label: [] for label, _ in variants}
    names = ("startup s", "CPU ready s", "CPU idle s", "RSS MiB", "threads", "then s", "RSS then MiB")
    for i in range(args.runs):
        for label, options in variants:
            load = os.getloadavg()[0]
            result = run(options, env_extra, args.s3, args.idle, args.then)
            results[label].append(result)
            print(f"run {i + 1} {label:>12}: " + ", ".join(f"{n} {v:.2f}" for n, v in zip(names, result))
                  + f" (load {load:.2f})", flush=True)
    print("medians:")
    for label, rows in results.items():
        print(f"{label:>12}: " + ", ".join(f"{n} {statistics.median(column):.2f}"
                                          for n, column in zip(names, zip(*rows))) + f" (runs: {len(rows)})")


if __name__ == "__main__":
    main()
