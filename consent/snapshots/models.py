"""Snapshots: a page's expensive part, kept beside the data it was computed from (store.py).

Both tables are derived, never a record of anything: emptying them loses nothing but time.
"""

from django.db import models


class SnapshotStamp(models.Model):
    """One row (id 1) whose `n` the database raises, by trigger, in every transaction that
    changes what a snapshot is computed from (migration 0008 names the tables)."""

    n = models.BigIntegerField(default=0)

    def __str__(self):
        return f"stamp {self.n}"


class Snapshot(models.Model):
    """A computed part of a page (`key` names the page and what it depends on besides the data,
    such as the language and the date), valid while the stamp is still `stamp`."""

    key = models.CharField(max_length=200, unique=True)
    stamp = models.BigIntegerField()
    payload = models.TextField()  # JSON, read and written by store.py as text on every database

    def __str__(self):
        return f"{self.key} @ {self.stamp}"
