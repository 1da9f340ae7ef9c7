"""CPU seconds of each thread of a running process, by thread name, sampled from /proc until it exits.

A build's CPU time says how much it cost, not who spent it: its loader hands the quads to pyoxigraph,
whose RocksDB compacts in background threads of its own. Started beside a build
(`python bench/thread_cpu.py PID OUT.json`), this reads /proc/PID/task/*/stat every `--every`
seconds and, when the process is gone, writes each thread's last reading summed by name ("main" for
the process's first thread; RocksDB names its threads `rocksdb:low` and `rocksdb:high`). A thread that
ends between two readings loses at most `--every` seconds of its time.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path


def _read(pid: int, last: dict[int, tuple[str, float]], tick: int) -> None:
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for tid in tids:
        try:
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        last[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / tick)  # utime + stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pid", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between readings")
    args = parser.parse_args()
    tick = os.sysconf("SC_CLK_TCK")
    last: dict[int, tuple[str, float]] = {}
    while os.path.exists(f"/proc/{args.pid}"):
        _read(args.pid, last, tick)
        time.sleep(args.every)
    by_name: dict[str, float] = {}
    for tid, (name, seconds) in last.items():
        key = "main" if tid == args.pid else name
        by_name[key] = round(by_name.get(key, 0.0) + seconds, 2)
    args.out.write_text(json.dumps({"threads": len(last), "cpu_seconds_by_thread_name": by_name}, indent=1))


if __name__ == "__main__":
    main()
