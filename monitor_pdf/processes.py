"""How many worker processes a machine lets us run, how to start them, and how
a command and its children stop (SIGINT, SIGTERM, a parent that is gone).

Shared by batch (a pool of workers), chart_process (one helper), the output
writer (a stop never splits a temporary file from its rename) and the CLI.
Standard library only; multiprocessing and ctypes are imported where they are
used, so that the command's entry point (__main__.py) can take over the stop
signals before it imports anything slow.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess


def usable_cpus() -> int:
    """The CPUs this process may run on, not the machine's count: a container
    or `taskset` often allows fewer, and more workers than CPUs only compete."""
    if hasattr(os, "process_cpu_count"):          # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):          # Linux and most Unixes
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def start_method() -> str:
    """fork where the platform has it (workers inherit the imported libraries
    and registered fonts), else spawn (Windows; each worker imports them itself)."""
    return "fork" if can_fork() else "spawn"


# --- stopping -----------------------------------------------------------------
#
# SIGINT (Ctrl-C) and SIGTERM (CI runners, `timeout`, container stops, systemd)
# take one path: in the main process each raises Stopped, which unwinds the
# command (temporary files removed, children stopped) and ends it with one
# line and 128 + the signal's number. A child (chart helper, batch worker)
# ignores SIGINT, which a terminal sends to the whole process group (its
# parent stops it), ends at once on SIGTERM, and gets SIGTERM when its parent
# ends, however it ended (die_with_parent).

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
PR_SET_PDEATHSIG = 1          # <linux/prctl.h>
PARENT_POLL_SECONDS = 0.2     # the fallback's look at the parent, where there is no prctl


class Stopped(BaseException):
    """A stop signal arrived. Not an Exception: no `except Exception` on the way
    out may swallow it. `detail` says what was kept or not written."""

    def __init__(self, signum: int, detail: str = ""):
        super().__init__(signal.Signals(signum).name)
        self.signum, self.detail = signum, detail

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum       # the shell's convention: 130 for SIGINT, 143 for SIGTERM


_stopping: list[int] = []           # the signal being acted on: later ones change nothing


def _raise_stopped(signum: int, frame: object) -> None:
    if _stopping:                    # already unwinding: one clean-up, one message
        return
    _stopping.append(signum)
    raise Stopped(signum)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def handle_stop_signals() -> None:
    """For the rest of this process, SIGINT and SIGTERM raise Stopped (main thread only)."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stopped)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise Stopped inside the block; the handlers before it
    come back after it (for a command run inside another program, e.g. a test)."""
    if not _in_main_thread() or all(signal.getsignal(s) is _raise_stopped for s in STOP_SIGNALS):
        yield
        return
    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    handle_stop_signals()
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        _stopping.clear()


class Hold:
    """What held() saw: the first stop signal that arrived in its block."""

    signum: int | None = None

    @property
    def requested(self) -> bool:
        return self.signum is not None


@contextmanager
def held() -> Iterator[Hold]:
    """A stop signal that arrives inside the block waits until its end, then acts
    as it would have (raises Stopped, or ends a child). For a temporary file and
    its rename, which a stop must not split: the block looks at `requested`
    before renaming, and removes the file instead. Ignored signals stay ignored."""
    hold = Hold()
    if not _in_main_thread():
        yield hold
        return

    def defer(signum: int, frame: object) -> None:
        if hold.signum is None and not _stopping:
            hold.signum = signum

    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    for signum, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(signum, defer)
    try:
        yield hold
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if hold.signum is not None:
            signal.raise_signal(hold.signum)


@contextmanager
def forking() -> Iterator[None]:
    """Around starting child processes: SIGINT and SIGTERM are blocked in this
    thread, so a child starts with them blocked, sets its own handling
    (die_with_parent) and only then unblocks them; it never runs the handlers
    it inherited. Here, a signal that came meanwhile is acted on after the block."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def die_with_parent(parent_pid: int, use_prctl: bool = True) -> None:
    """First thing in a child process: end when the process that started it ends,
    however it ended (SIGKILL included). On Linux the kernel sends SIGTERM
    (prctl PR_SET_PDEATHSIG); elsewhere, or with use_prctl=False, a daemon thread
    looks at the parent every PARENT_POLL_SECONDS. SIGINT is ignored here: the
    parent, which gets it too, stops its children. Linux tells when the *thread*
    that started the child ends: children are started from the main thread
    (ProcessPoolExecutor with fork starts all its workers in the first submit)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not (use_prctl and _parent_death_signal(signal.SIGTERM)):
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="watch-parent", daemon=True).start()
    if os.getppid() != parent_pid:      # it ended before the kernel was asked to tell us
        os._exit(128 + signal.SIGTERM)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _parent_death_signal(signum: int) -> bool:
    """Ask Linux to send `signum` to this process when its parent ends."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signum), ctypes.c_ulong(0),
                               ctypes.c_ulong(0), ctypes.c_ulong(0)) == 0)
    except (OSError, AttributeError):          # no C library to load, or no prctl in it
        return False


def _watch_parent(parent_pid: int) -> None:
    """The fallback: a Unix parent that ends leaves its child to another (getppid
    changes); a Windows one signals its process handle (multiprocessing's
    parent sentinel). Then this process stops as if sent SIGTERM."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    while os.getppid() == parent_pid and (parent is None or parent.is_alive()):
        time.sleep(PARENT_POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)


def stop_children(children: list[BaseProcess], grace: float = 2.0) -> None:
    """SIGTERM to each child, then SIGKILL to any still there after `grace` seconds."""
    for child in children:
        child.terminate()
    deadline = time.monotonic() + grace
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
    for child in children:
        if child.is_alive():
            child.kill()
            child.join(1.0)
