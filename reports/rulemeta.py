"""Rule metadata for renderers, looked up by slug when this installation knows the rule.

A report.json may come from another version of the tool, so renderers never *need* the
registry: the finding carries its title, message and ``help``.  The registry only fills
gaps (a neutral rule title and description for SARIF, how to fix when ``help`` is empty).
"""

from __future__ import annotations

from rules.model import Finding, Rule


def known_rule(finding: Finding) -> Rule | None:
    """The rule's own metadata when this installation knows the slug (same code), else None.

    A report may come from another version of the tool, so the registry is only a bonus:
    the finding alone must be enough to describe its rule.
    """
    try:
        from rules.registry import by_slug

        rule = by_slug(finding.slug)
    except (ImportError, KeyError):
        return None
    return rule if rule.code == finding.rule else None


def how_to_fix(finding: Finding) -> str:
    """The finding's own ``help``, else the rule's ``how_to_fix``, else nothing."""
    if finding.help:
        return finding.help
    meta = known_rule(finding)
    return meta.how_to_fix if meta else ""
