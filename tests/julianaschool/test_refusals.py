"""A refused action reaches the user one way: on the field it concerns, or as a page message,
and nothing changes. The refusal says which field it is about; no view reads the message text."""

import ast
import pathlib

from julianaschool.errors import Refused

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ("julianaschool", "policy", "consent", "incidents")


def test_several_refusals_at_once_keep_each_rule_and_field():
    error = Refused([Refused("vul de motivering in.", rule="Awb art. 3:46", field="grounds"),
                     Refused("kies schooldagen.", rule="WPO art. 40c")])
    assert [(r.rule, r.field) for r in error.refusals] == [("Awb art. 3:46", "grounds"), ("WPO art. 40c", None)]
    assert error.messages == ["Awb art. 3:46: vul de motivering in.", "WPO art. 40c: kies schooldagen."]


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), filename=str(path))


def test_no_module_but_the_core_defines_its_own_refusal_type():
    own = [f"{path.relative_to(ROOT)}: {node.name}" for path, tree in _sources() for node in ast.walk(tree)
           if isinstance(node, ast.ClassDef) and "Refus" in node.name and path != ROOT / "julianaschool/errors.py"]
    assert own == []


def _reads_text(node) -> bool:
    """`"Scan" in m for m in error.messages`: a literal looked up in each message."""
    if not isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return False
    over_messages = any(isinstance(g.iter, ast.Attribute) and g.iter.attr == "messages" for g in node.generators)
    return over_messages and any(isinstance(c, ast.Compare) and isinstance(c.left, ast.Constant)
                                 and any(isinstance(op, ast.In) for op in c.ops) for c in ast.walk(node.elt))


def test_no_view_decides_where_an_error_goes_by_reading_its_message_text():
    readers = [f"{path.relative_to(ROOT)}:{node.lineno}" for path, tree in _sources() for node in ast.walk(tree)
               if _reads_text(node)]
    assert readers == []
