"""The rule catalogue: every rule module's ``RULES``, in a stable order (by code).

Add a module here and list its ``RULES``; the registry checks codes and slugs are unique.
"""

from __future__ import annotations

from rules.catalogue import (
    cancellation,
    complaints,
    contact,
    deflection,
    forms,
    human,
    links,
    orphans,
    tls,
    transparency,
    walls,
)
from rules.model import Rule

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *contact.RULES,
            *human.RULES,
            *walls.RULES,
            *links.RULES,
            *deflection.RULES,
            *complaints.RULES,
            *transparency.RULES,
            *forms.RULES,
            *cancellation.RULES,
            *tls.RULES,
            *orphans.RULES,
        ),
        key=lambda r: r.code,
    )
)

__all__ = ["ALL_RULES"]
