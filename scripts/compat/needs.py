"""One clear line, instead of a traceback, when a life-cycle script lacks a Python package.

``update_contract``, ``check_compat`` and ``build_docs`` import their packages inside
``try: ... except ModuleNotFoundError`` and exit through :func:`exit_missing`, so running them
with a Python that lacks the ``generate`` extra (the system ``python3`` instead of the virtual
environment's, or a venv made with ``pip install .`` only) names the command that fixes it. This
module imports nothing outside the standard library.
"""

from __future__ import annotations

import sys
from typing import NoReturn

__all__ = ["EXIT_MISSING", "INSTALL", "exit_missing", "missing_message"]

# The set-up line of the README's "The API changed" section (run at the top of the checkout).
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[generate]'"
EXIT_MISSING = 2


def missing_message(script: str, error: ModuleNotFoundError) -> str:
    module = error.name or str(error)
    return (
        f"{script}: the Python module {module!r} is missing from {sys.executable}; install the "
        f"life-cycle tools with `{INSTALL}` and run `.venv/bin/python scripts/{script}`"
    )


def exit_missing(script: str, error: ModuleNotFoundError) -> NoReturn:
    """Print :func:`missing_message` on stderr and exit with status 2 (could not run)."""
    print(missing_message(script, error), file=sys.stderr)
    sys.exit(EXIT_MISSING)
