"""``python -m gofilehash FILE...`` prints ``<sha256>  <file>`` lines like sha256sum."""

from __future__ import annotations

import sys

from . import sha256_files


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m gofilehash FILE...", file=sys.stderr)
        return 2
    try:
        digests = sha256_files(argv)
    except OSError as exc:
        print(f"gofilehash: {exc}", file=sys.stderr)
        return 1
    for path, digest in digests.items():
        print(f"{digest}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
