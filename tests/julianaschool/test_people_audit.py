"""Every audit action of the office's people pages has a sentence for the audit trail."""

import re
from pathlib import Path

from julianaschool.people_audit import ACTIONS as ACTION_LABELS

ROOT = Path(__file__).resolve().parents[2] / "julianaschool"


def test_every_people_action_the_services_record_has_a_label():
    recorded = set()
    for path in ROOT.glob("*.py"):
        recorded |= set(re.findall(r'"(people\.[a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    recorded -= set(ACTION_LABELS) & recorded  # those that have one
    assert recorded == set()
