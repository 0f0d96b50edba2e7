"""Test-only helpers: the fixture-site server, labelled sites, the repository's location."""
