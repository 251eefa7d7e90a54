"""When each content file last changed, from Git, in one pass.

Feeds need an ``updated`` date per entry that does not move at every build;
the last commit touching the file is that date. Files Git does not know
(a new file in a preview) get ``fallback``.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path


def last_changes(root: Path, folders: list[str]) -> dict[str, datetime]:
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, timeout=30)
        if top.returncode != 0:
            return {}
        prefix = root.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
        log = subprocess.run(
            ["git", "log", "--format=@%ct", "--name-only", "--no-renames", "--", *folders],
            cwd=root, capture_output=True, text=True, timeout=120,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}
    dates: dict[str, datetime] = {}
    current: datetime | None = None
    strip = f"{prefix}/" if prefix not in ("", ".") else ""
    for line in log.stdout.splitlines():
        if line.startswith("@"):
            current = datetime.fromtimestamp(int(line[1:]), tz=timezone.utc)
        elif line and current is not None:
            path = line[len(strip):] if strip and line.startswith(strip) else line
            dates.setdefault(path, current)  # newest first: keep the first date seen
    return dates


def new_files(root: Path, folders: list[str], since: str | None = None) -> frozenset[str]:
    """Content files Git does not know yet (untracked, or added but not committed), relative to ``root``,
    and with ``since`` (a revision: the base branch of a pull request), those added since it; none outside
    a Git checkout: a notice about what is being added then has nothing to say."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True, timeout=30)
        if top.returncode != 0:
            return frozenset()
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--no-renames", "--", *folders],
                                cwd=root, capture_output=True, text=True, timeout=60)
        added = subprocess.run(["git", "diff", "--name-only", "--diff-filter=A", "--no-renames", f"{since}...HEAD", "--", *folders],
                               cwd=root, capture_output=True, text=True, timeout=60) if since else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return frozenset()
    prefix = top.stdout.strip()
    paths = [line[3:].strip('"') for line in status.stdout.splitlines() if line[:2] in ("??", "A ", "AM")]
    if added is not None and added.returncode == 0:
        paths += [line.strip('"') for line in added.stdout.splitlines() if line]  # diff names are from the top of the checkout
    return frozenset(path[len(prefix):] if prefix and path.startswith(prefix) else path for path in paths)
