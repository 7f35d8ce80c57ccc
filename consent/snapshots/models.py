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


class GroupStamp(models.Model):
    """Per group (by id, no foreign key: a derived table), an `n` the database raises, by trigger,
    when an answer about one of the group's pupils changes (migration 0009)."""

    group_id = models.BigIntegerField(primary_key=True)
    n = models.BigIntegerField(default=0)

    def __str__(self):
        return f"group {self.group_id} stamp {self.n}"


class Snapshot(models.Model):
    """A computed part of a page (`key` names the page and what it depends on besides the data,
    such as the language and the date), valid while the stamp is still `stamp` and its group's (or,
for the whole school, all groups') stamps still `group_stamp`."""

    key = models.CharField(max_length=200, unique=True)
    stamp = models.BigIntegerField()
    group_stamp = models.BigIntegerField(default=0)  # its group's stamp, or the sum of all of them
    payload = models.TextField()  # JSON, read and written by store.py as text on every database

    def __str__(self):
        return f"{self.key} @ {self.stamp}"
