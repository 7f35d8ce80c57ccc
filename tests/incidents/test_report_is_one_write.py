"""A report is saved whole or not at all: when its second attachment is refused, no incident, no
party, no first attachment and no timeline entry is left behind (report_incident is its own
transaction: a savepoint inside the test's, which is what rolls back)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from incidents.models import Attachment, Incident, Party, TimelineEntry
from julianaschool.models import AuditEntry
from tests.incidents.helpers import report, screenshot


def test_a_report_whose_second_attachment_is_refused_leaves_nothing_behind(world, private_media):
    counts = [model.objects.count() for model in (Incident, Party, Attachment, TimelineEntry, AuditEntry)]
    program = SimpleUploadedFile("foto.exe", b"MZ\x90\x00" + b"\x00" * 64, content_type="image/png")
    with pytest.raises(ValidationError):
        report(world, attachments=[screenshot(), program])
    assert [model.objects.count() for model in (Incident, Party, Attachment, TimelineEntry, AuditEntry)] == counts
