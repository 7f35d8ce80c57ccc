"""The current-consent projection: a derived index of the ledger's latest records (see models.py)."""
