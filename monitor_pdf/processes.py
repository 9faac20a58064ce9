"""How many worker processes a machine lets us run, and how to start them.

Shared by batch (a pool of workers) and chart_process (one helper).
"""

from __future__ import annotations

import multiprocessing
import os


def usable_cpus() -> int:
    """The CPUs this process may run on, not the machine's count: a container
    or `taskset` often allows fewer, and more workers than CPUs only compete."""
    if hasattr(os, "process_cpu_count"):          # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):          # Linux and most Unixes
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def start_method() -> str:
    """fork where the platform has it (workers inherit the imported libraries
    and registered fonts), else spawn (Windows; each worker imports them itself)."""
    return "fork" if can_fork() else "spawn"
