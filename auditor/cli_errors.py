"""The one place where a user-facing problem becomes a line on stderr and an exit code.

Library code raises :mod:`auditor.errors`; every command is wrapped by :func:`handled`,
which looks the exception's class up in :data:`EXIT_CODES` (nearest base wins).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from auditor.errors import AuditorError, EnvironmentProblem, UsageError

EXIT_CODES: dict[type[AuditorError], int] = {
    UsageError: 2,
    EnvironmentProblem: 2,
    AuditorError: 2,
}
"""DESIGN §9: usage, configuration and environment problems are exit 2."""

P = ParamSpec("P")
R = TypeVar("R")


def exit_code_for(error: AuditorError) -> int:
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 2


def fail(message: str, code: int = 2, prefix: str = "auditor") -> typer.Exit:
    """Print one line on stderr; the caller raises the returned Exit."""
    first = message.strip().splitlines()[0] if message.strip() else "error"
    typer.echo(f"{prefix}: {first}", err=True)
    return typer.Exit(code)


def handled(prefix: str = "auditor") -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Wrap a command so an AuditorError is one line and its mapped exit code."""

    def wrap(command: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(command)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return command(*args, **kwargs)
            except AuditorError as exc:
                raise fail(str(exc), exit_code_for(exc), prefix) from None

        return run

    return wrap
