"""Every problem the auditor reports to its user, as one tree.

A library caller catches :class:`AuditorError` (or a branch of it) and gets a one-line,
user-worded message in ``str(exc)``; the CLI maps each branch to an exit code in one
table (``auditor/cli_errors.py``).  An audit whose *site* misbehaves is not an error:
it is a result with status ``failed``/``partial``/``inconclusive`` (exit 3).

::

    AuditorError                  anything the auditor tells its user instead of a result
    ├── UsageError                the caller asked for something impossible (exit 2)
    │   ├── ConfigError           a config file, AUDITOR_* variable or option is wrong
    │   │   └── ProfileError      an unknown or invalid rule profile
    │   ├── TargetError           a start URL that cannot be audited (scheme, port, credentials)
    │   ├── OutputError           --out is a file, or a non-empty folder without --replace
    │   ├── UnknownRule           no rule has that slug or code
    │   ├── UnknownFormat         no renderer has that name
    │   └── InputFileError        a file given as input cannot be read or is not what it claims
    │       ├── ReportError       report.json unreadable / not a report
    │       ├── ObservationsError observations.json unreadable / not observations
    │       └── ManifestError     no (or a broken) manifest.json in the folder to verify
    └── EnvironmentProblem        the machine lacks something the run needs (exit 2)
        └── BrowserNotFound       no usable Chromium

``ConfigError`` and ``UnknownFormat`` also derive from ``ValueError`` and ``UnknownRule``
from ``KeyError``, so code written against the old classes keeps working.
"""

from __future__ import annotations


class AuditorError(Exception):
    """Base of every user-facing problem; ``str()`` is one line for the user."""


class UsageError(AuditorError):
    """The request cannot be carried out as given: fix the arguments or input."""


class ConfigError(UsageError, ValueError):
    """A configuration value is unknown or invalid; the message names its source and key."""


class ProfileError(ConfigError):
    """A rule profile id is unknown, or a bundled profile is broken."""


class TargetError(UsageError):
    """A start URL the auditor refuses: not http(s), impossible port, credentials in it."""


class OutputError(UsageError):
    """The output folder cannot hold a fresh run (a file, or not empty without --replace)."""


class UnknownRule(UsageError, KeyError):
    """No rule has that code or slug."""

    def __str__(self) -> str:
        return f"unknown rule {self.args[0]!r}"


class UnknownFormat(UsageError, ValueError):
    """No renderer has that name."""


class InputFileError(UsageError):
    """A file named as input is missing, unreadable or of the wrong kind."""


class ReportError(InputFileError):
    """A report.json that cannot be loaded."""


class ObservationsError(InputFileError):
    """An observations.json that cannot be loaded."""


class ManifestError(InputFileError):
    """A folder without a readable manifest.json (``auditor verify``)."""


class EnvironmentProblem(AuditorError):
    """The machine lacks something the run needs; the message names the fix."""


class BrowserNotFound(EnvironmentProblem, RuntimeError):
    """No usable Chromium: the message names the fix in one line."""
