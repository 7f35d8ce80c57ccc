"""Publications and takedowns: the check before a photo goes online, and the list of what must come
down after a parent says no (issue 16).

The portal records facts, never images: who published what, where and when, who is recognisable
on it, and what the consent ledger said about each of them at that moment. Publications, their
people, takedowns and their completion are append-only like the ledger (migration
0005_publications_append_only): a correction is a new publication that replaces the old one.
"""
