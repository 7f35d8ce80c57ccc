"""Snapshots of pages that read the whole school or a whole group: see store.py."""
