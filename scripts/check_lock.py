"""Keep ``requirements.lock`` installable on any machine: registry pins only.

A lock line such as ``pkg @ file:///tmp/...whl`` or ``pkg @ https://...`` installs only
where that file or URL exists; on a user's machine ``make demo`` then fails before
anything runs (it happened once). Every line must be ``name==version``.

    python scripts/check_lock.py requirements.lock          # exit 1 naming each bad line
    pip freeze | python scripts/check_lock.py --rewrite -   # `make lock`: pins from stdin,
                                                            # direct references turned into
                                                            # name==version (from pip's metadata)
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, version

PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9][A-Za-z0-9.+!_-]*$")
DIRECT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*@\s*\S+")


def bad_lines(lines: list[str]) -> list[tuple[int, str]]:
    """Lines that are neither blank, a comment, nor a ``name==version`` pin."""
    bad = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not PIN.match(line):
            bad.append((number, line))
    return bad


def rewrite(lines: list[str]) -> list[str]:
    """Turn ``name @ url`` into ``name==<installed version>``; drop editable lines."""
    out = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("#", "-e ")):
            continue
        direct = DIRECT.match(line)
        if direct:
            name = direct.group(1)
            try:
                line = f"{name}=={version(name)}"
            except PackageNotFoundError as exc:
                msg = f"cannot pin {name!r}: it is installed from {line!r} and has no version"
                raise SystemExit(msg) from exc
        out.append(line)
    return out


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--rewrite":
        if argv[1:] in ([], ["-"]):
            text = sys.stdin.read()
        else:
            with open(argv[1], encoding="utf-8") as fh:
                text = fh.read()
        pins = rewrite(text.splitlines())
        problems = bad_lines(pins)
        for number, line in problems:
            print(f"lock: line {number}: not a name==version pin: {line}", file=sys.stderr)
        if problems:
            return 1
        print("\n".join(pins))
        return 0
    path = argv[0] if argv else "requirements.lock"
    with open(path, encoding="utf-8") as fh:
        problems = bad_lines(fh.read().splitlines())
    for number, line in problems:
        print(
            f"{path}:{number}: not a registry pin (name==version): {line!r}. A local path or URL "
            f"installs only on the machine that made the lock; run `make lock`.",
            file=sys.stderr,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
