"""Sweeps at scale: a durable ledger, a scheduler polite per host, local or Dask workers.

``ledger`` is the source of truth (SQLAlchemy: SQLite in the sweep folder, PostgreSQL by
URL); ``task`` audits one site in a child process so a hung walk or a dead browser costs
that site one attempt and nothing else; ``pool`` runs tasks inline, on a Dask LocalCluster
(``--workers N``) or on a Dask cluster (``--scheduler``) through one interface;
``coordinator`` hands out sites and rewrites the tables from the ledger after each one.
"""
