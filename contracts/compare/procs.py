"""Process facts read from /proc (Linux): the gunicorn worker under a started command."""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def rss_mib(pid: int) -> float:
    """Resident memory of one process in MiB (0.0 when unknown)."""
    try:
        for row in (PROC / str(pid) / "status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds these processes used so far (0.0 for unknown ones)."""
    total = 0
    for pid in pids:
        try:
            fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    return total / TICKS


def descendants(root: int) -> list[int]:
    """Every process under `root` (the shell, the server, its workers), root included."""
    if not PROC.is_dir() or root <= 0:
        return []
    tree = _children()
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(tree.get(node, []))
    return found


def worker_rss_mib(root: int) -> float:
    """RSS of the deepest descendant of `root` (gunicorn's worker under its arbiter)."""
    if not PROC.is_dir() or root <= 0:
        return 0.0
    tree = _children()
    pid, depth, stack = root, 0, [(root, 0)]
    while stack:
        node, level = stack.pop()
        if level > depth:
            pid, depth = node, level
        stack.extend((child, level + 1) for child in tree.get(node, []))
    return rss_mib(pid) if depth else 0.0
