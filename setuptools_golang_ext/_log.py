"""The one logger of the build side, and a way to make it visible outside setup().

setuptools shows ``logging`` records once ``setup()`` has configured logging;
the PEP 517 hooks in ``build_meta`` run before that, so they attach a plain
stderr handler when nobody else has one.
"""

from __future__ import annotations

import logging

log = logging.getLogger("setuptools_golang_ext")


def ensure_visible() -> None:
    """Show INFO records on stderr unless a handler already takes care of them."""
    if log.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("setuptools-golang-ext: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
