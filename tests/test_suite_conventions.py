"""The test suite speaks one language (one set of role fixtures; shared helpers in a helpers
module, not imported from a conftest), read from the source: no module under tests/ imports from
a conftest, and no test or fixture asks for one of the retired per-role fixtures; they take
`world` and read `world.directie`, `world.leerkracht5`, `world.ouder5`, ..."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# The per-role fixtures that `world` replaced, and the user of `world` that each one was.
RETIRED_ROLE_FIXTURES = {
    "director": "directie",
    "teacher5": "leerkracht5",
    "teacher7": "leerkracht7",
    "administrator": "administratie",
    "staff_member": "medewerker",
    "board_member": "bestuur",
    "parent5": "ouder5",
    "parent7": "ouder7",
    "outsider": "outsider",
}


def _sources() -> dict[str, str]:
    return {str(path.relative_to(TESTS.parent)): path.read_text(encoding="utf-8")
            for path in sorted(TESTS.rglob("*.py")) if "vendor" not in path.parts}


def conftest_imports(source: str) -> list[int]:
    """The lines that import a conftest module or a name from one."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        if any(name.split(".")[-1] == "conftest" or ".conftest." in f".{name}." for name in names):
            lines.append(node.lineno)
    return lines


def _is_fixture(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if (isinstance(target, ast.Attribute) and target.attr == "fixture") or (
                isinstance(target, ast.Name) and target.id == "fixture"):
            return True
    return False


def retired_role_fixtures(source: str) -> list[str]:
    """`function(parameter)` for each test or fixture that takes a retired per-role fixture, and
    `fixture name` for each fixture that defines one again (also as `name = make_fixture(...)`)."""
    tree = ast.parse(source)
    found = [f"fixture {target.id}" for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
             if isinstance(target, ast.Name) and target.id in RETIRED_ROLE_FIXTURES]
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        fixture = _is_fixture(node)
        if fixture:
            names = {node.name} | {keyword.value.value for decorator in node.decorator_list
                                   if isinstance(decorator, ast.Call) for keyword in decorator.keywords
                                   if keyword.arg == "name" and isinstance(keyword.value, ast.Constant)}
            found += [f"fixture {name}" for name in sorted(names & RETIRED_ROLE_FIXTURES.keys())]
        if fixture or node.name.startswith("test_"):
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            found += [f"{node.name}({a.arg})" for a in arguments if a.arg in RETIRED_ROLE_FIXTURES]
    return found


def test_no_test_module_imports_from_a_conftest():
    offending = {path: lines for path, source in _sources().items() if (lines := conftest_imports(source))}
    assert offending == {}, "import helpers from a helpers module (tests/helpers.py, tests/<app>/helpers.py)"


def test_no_test_or_fixture_takes_a_per_role_fixture_instead_of_world():
    offending = {path: uses for path, source in _sources().items() if (uses := retired_role_fixtures(source))}
    hint = ", ".join(f"{old} -> world.{new}" for old, new in RETIRED_ROLE_FIXTURES.items())
    assert offending == {}, f"take `world` instead: {hint}"


def test_the_checks_see_a_conftest_import_and_a_per_role_fixture_when_there_is_one():
    assert conftest_imports(
        "from tests.conftest import make_user\n"
        "from .conftest import report\n"
        "from tests.consent import conftest\n"
        "import tests.incidents.conftest\n"
        "from tests.helpers import make_user\n"
        "def test_x():\n    from tests.conftest import PASSWORD\n"
    ) == [1, 2, 3, 4, 7]
    assert retired_role_fixtures(
        "import pytest\n"
        "def test_a(world, director): ...\n"
        "def test_b(client_for, *, parent5): ...\n"
        "@pytest.fixture\ndef invited(administrator): ...\n"
        "@pytest.fixture(name='teacher5')\ndef _teacher(world): ...\n"
        "def _helper(outsider): ...\n"
        "def test_c(world): director = world.directie\n"
        "board_member = _role_fixture('board_member', 'bestuur')\n"
    ) == ["fixture board_member", "test_a(director)", "test_b(parent5)", "invited(administrator)", "fixture teacher5"]
