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
