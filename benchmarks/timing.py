"""Timing one build as a whole process: used by the build benchmark (run.py) and the search benchmark."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tools.builds import check, generate

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")


def timed_build(project: Path, config: str, site: Path, extra_env: dict | None = None, stage: bool = True) -> dict:
    """Run the generate stage (unless not ``stage``), then one strict build in a child process; wall time of both,
    the build's CPU time (user and system) and its peak RSS."""
    start = time.perf_counter()
    if stage:
        check(generate(project, {"SOURCE_DATE_EPOCH": ENV["SOURCE_DATE_EPOCH"]}), f"the generate stage in {project}")
    generated = time.perf_counter() - start
    script = ("import resource,subprocess,sys,json;"
              "r=subprocess.run(sys.argv[1:]);u=resource.getrusage(resource.RUSAGE_CHILDREN);"
              "print(json.dumps({'rc':r.returncode,'maxrss_kb':u.ru_maxrss,'cpu_s':u.ru_utime+u.ru_stime}))")
    cmd = [sys.executable, "-c", script, sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
           "-f", str(project / config), "--site-dir", str(site)]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=project, env=dict(ENV, **(extra_env or {})), capture_output=True, text=True)
    seconds = time.perf_counter() - start + generated
    stats = json.loads(out.stdout.strip().splitlines()[-1])
    if stats["rc"] != 0:
        raise RuntimeError(f"build failed in {project}:\n{out.stderr[-3000:]}")
    return {"seconds": round(seconds, 2), "generate_s": round(generated, 2), "build_cpu_s": round(stats["cpu_s"], 2),
            "peak_rss_mb": round(stats["maxrss_kb"] / 1024, 1)}
