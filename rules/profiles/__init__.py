"""Profile data files (``<id>.toml``); loaded by ``rules.profile``."""
