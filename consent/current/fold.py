"""The projection's rule, as a pure function of ledger records (no database): which rows a set of
records leaves in `CurrentAnswer`. Used by `services.append` and by the migration that fills it.

For one person and purpose, of all their records:
- "consent ended" records: per voice only the latest; the latest of all (`last end`) voids every
  answer recorded before it, so those are left out;
- answers after the last end: per voice the records that can still be the one that counts, for
  any `asked_from` to come (it only ever grows): a record is left out when a later record of the
  same voice answered the same or a newer version (that one counts whenever this one would, and
  is later). What stays is a short chain, newest first, of ever older versions; each row keeps
  the version of the next later row of its voice (`later_version`), so that a reader can tell
  with one comparison which row counts: the one with version >= asked_from whose later_version
  is missing or < asked_from. Through the services it is one row per voice.

Folding the rows left gives what folding the whole history gives, and folding them together
with new records gives the rows the whole ledger with those records would leave.
"""

from dataclasses import dataclass


@dataclass
class Candidate:
    record_id: int
    pupil_id: int | None
    staff_id: int | None
    guardian_id: int | None
    purpose_id: int
    version: int
    ended: bool
    given: bool
    recorded_at: object
    later_version: int | None = None

    @property
    def order(self) -> tuple:
        return (self.recorded_at, self.record_id)

    @property
    def pair(self) -> tuple:
        return (self.pupil_id, self.staff_id, self.purpose_id)

    @property
    def key(self) -> tuple:
        """The row's identity: a voice on one version, ended or not."""
        return (self.pupil_id, self.staff_id, self.guardian_id, self.purpose_id, self.version, self.ended)


def fold(candidates) -> list[Candidate]:
    """The rows left by these records (and earlier rows, which are records too), any order."""
    by_pair: dict[tuple, list[Candidate]] = {}
    for candidate in candidates:
        by_pair.setdefault(candidate.pair, []).append(candidate)
    kept = []
    for rows in by_pair.values():
        ends: dict = {}
        for row in rows:
            if row.ended and (row.guardian_id not in ends or row.order > ends[row.guardian_id].order):
                ends[row.guardian_id] = row
        last_end = max((row.order for row in ends.values()), default=None)
        for row in ends.values():
            row.later_version = None
            kept.append(row)
        voices: dict = {}
        for row in rows:
            if not row.ended and (last_end is None or row.order > last_end):
                voices.setdefault(row.guardian_id, []).append(row)
        for chain in voices.values():
            later = None  # the version of the next later row kept
            newest_version = None  # the newest version answered later than the row at hand
            for row in sorted(chain, key=lambda r: r.order, reverse=True):
                if newest_version is not None and row.version <= newest_version:
                    continue
                row.later_version = later
                kept.append(row)
                later = row.version
                newest_version = row.version if newest_version is None else max(newest_version, row.version)
    return kept
