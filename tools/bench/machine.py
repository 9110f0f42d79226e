"""What the bench ran on, printed at its top: figures mean little without the machine."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path


def _first_line(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        return "not installed"
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return (done.stdout.strip().splitlines() or ["unknown"])[0]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def _system() -> str:
    name = platform.system()
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                name = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return f"{name}, {platform.system()} {platform.release()}"


def machine_lines(python_version: str, load_average: tuple[float, float, float]) -> list[str]:
    """The machine, its load at the start, and the versions of every program timed."""
    load = ", ".join(f"{value:.2f}" for value in load_average)
    return [
        f"machine: {_cpu_model()} ({platform.machine()}), {os.cpu_count()} cores, "
        f"{_memory()} memory",
        f"system: {_system()}",
        f"load average at start: {load} (1, 5, 15 min)",
        f"Python {python_version}; {_first_line(['git', '--version'])}; "
        f"task {_first_line(['task', '--version'])}",
    ]
