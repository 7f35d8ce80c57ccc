"""One vocabulary for the audit trail (issue 12, item 5): every action is a member of an app's
`audit_actions.Action` with a dotted value and a sentence in Dutch and English; rows stored before the
vocabulary keep their strings and still read, and are still found, as the action they mean."""

import ast
import importlib
import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from julianaschool import audit
from julianaschool.models import AuditEntry
from policy.audit_actions import Action as PolicyAction
from policy.models import ProtocolVersion

ROOT = Path(__file__).resolve().parents[2]
APPS = ("julianaschool", "consent", "incidents", "policy")
ACTION_MODULES = {app: importlib.import_module(f"{app}.audit_actions") for app in APPS}
# Every .py file of the portal that could write or filter the trail (tests store old rows on purpose).
SOURCE = [path for top in (*APPS, "bench") for path in (ROOT / top).rglob("*.py") if "migrations" not in path.parts]
# Past participles that do not end in -ed.
IRREGULAR = {"sent", "written", "chosen"}


def _members():
    return [(app, member) for app, module in ACTION_MODULES.items() for member in module.Action]


def _actions_named_in(tree: ast.Module, app: str) -> set[tuple[str, str]]:
    """(app, member name) for every `Action.X` (or `XAction.X` imported under another name) in a module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("audit_actions"):
            owner = app if node.level else node.module.split(".")[0]
            names.update({alias.asname or alias.name: owner for alias in node.names if alias.name == "Action"})
    return {(names[node.value.id], node.attr) for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names}


def test_every_action_the_code_writes_is_a_registered_member_with_a_dutch_and_an_english_label():
    named = set()
    for path in SOURCE:
        app = path.relative_to(ROOT).parts[0]
        named |= _actions_named_in(ast.parse(path.read_text(encoding="utf-8")), app)
    assert len(named) > 80  # the services really were read
    for app, name in named:
        member = getattr(ACTION_MODULES[app].Action, name, None)
        assert member is not None, f"{app}.audit_actions.Action has no {name}"
    for _app, member in _members():
        assert str(member) in audit.registered(), member
        label = audit._ACTIONS[str(member)]
        with translation.override("nl"):
            dutch = str(label)
        with translation.override("en"):
            english = str(label)
        assert " heeft " in dutch or " kon " in dutch, (member, dutch)
        assert english != dutch and " heeft " not in english, (member, english)


def test_every_action_value_is_dotted_app_noun_past_participle():
    for app, member in _members():
        assert re.fullmatch(rf"{app}\.[a-z]+(_[a-z]+)*\.[a-z]+", member.value), member.value
        verb = member.value.rsplit(".", 1)[1]
        assert verb.endswith("ed") or verb in IRREGULAR, member.value
        assert member.name.isupper() and member.name.isascii(), member.name
    values = [member.value for _app, member in _members()]
    assert len(values) == len(set(values))


def test_every_legacy_string_means_a_member_of_its_own_app():
    for app, module in ACTION_MODULES.items():
        assert module.LEGACY, app
        for old, member in module.LEGACY.items():
            assert isinstance(member, module.Action), (old, member)
            assert old not in audit.registered(), old
            assert audit.meaning(old) == member
            assert old in audit.stored_as(member)


def test_no_module_outside_the_audit_actions_modules_passes_a_string_literal_as_an_audit_action():
    offenders = []
    for path in SOURCE:
        if path.name == "audit_actions.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or getattr(node.func, "attr", None) == "add_argument":
                continue  # argparse's action="store_true" is no audit action
            for keyword in node.keywords:
                if keyword.arg and (keyword.arg == "action" or keyword.arg.startswith("action__")):
                    literal = any(isinstance(part, ast.JoinedStr) or (isinstance(part, ast.Constant) and isinstance(
                        part.value, str)) for part in ast.walk(keyword.value))
                    if literal:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_record_refuses_an_action_that_is_no_registered_member(world):
    with pytest.raises(TypeError):
        audit.record(actor=world.directie, action="policy.version.adopted")
    with pytest.raises(TypeError):
        audit.record(actor=world.directie, action="policy.adopt")
    assert not AuditEntry.objects.exists()


def _old_row(*, action: str, obj, actor, changes=None) -> AuditEntry:
    return AuditEntry.objects.create(actor=actor, actor_name=actor.get_full_name(), action=action,
                                     content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                                     object_repr=str(obj), changes=changes or {})


def test_a_legacy_stored_row_shows_its_label_on_the_audit_page_as_directie(world, client_for):
    version = ProtocolVersion.objects.order_by("pk").first()
    _old_row(action="policy.adopt", obj=version, actor=world.directie, changes={"status": ["concept", "vastgesteld"]})
    _old_row(action="leerling aangemaakt (import)", obj=world.pupil5, actor=world.administratie)
    client = client_for(world.directie)
    body = client.get(reverse("people:audit")).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert f"Directie Test heeft protocolversie “{version}” vastgesteld." in body
    assert f"Administratie Test heeft leerling “{world.pupil5.full_name}” ingeschreven (import)." in body
    assert "policy.adopt" not in body and "aangemaakt (import)" not in body
    client.cookies["django_language"] = "en"
    with translation.override("en"):  # the request activates English; do not leave it active for other tests
        body = client.get(reverse("people:audit")).content.decode().split("<tbody>")[1]
    assert "Directie Test adopted" in body


def test_a_filter_by_action_finds_the_old_rows_and_the_new_ones(world):
    version = ProtocolVersion.objects.order_by("pk").first()
    _old_row(action="policy.adopt", obj=version, actor=world.directie)
    audit.record(actor=world.directie, action=PolicyAction.VERSION_ADOPTED, obj=version)
    audit.record(actor=world.directie, action=PolicyAction.VERSION_APPROVED, obj=version)
    assert audit.stored_as(PolicyAction.VERSION_ADOPTED) == ["policy.adopt", "policy.version.adopted"]
    assert AuditEntry.objects.filter(action__in=audit.stored_as(PolicyAction.VERSION_ADOPTED)).count() == 2
