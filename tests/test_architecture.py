"""The house's rules of docs/ARCHITECTURE.md, read from the source: the ground floor imports no
column, no module imports another that imports it back (lazy imports inside functions count:
they hide a dependency, they do not remove it), and the rest of policy reaches policy/signed_pdf/
only through its entry points."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = "julianaschool"
COLUMNS = ("policy", "consent", "incidents")
# Only these core modules name the columns: as strings in settings, and in the URL includes.
CORE_MAY_NAME_COLUMNS = {"julianaschool.settings", "julianaschool.urls"}


def _modules() -> dict[str, Path]:
    found = {}
    for app in (CORE, *COLUMNS):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """{module: the project modules it imports}, relative imports resolved."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            graph[name] |= {target for target in targets if target in modules and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other round about (Tarjan's strongly connected
    components with more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_ground_floor_imports_no_column_app():
    graph = import_graph()
    offending = sorted((module, target) for module, targets in graph.items() for target in targets
                       if module.split(".")[0] == CORE and module not in CORE_MAY_NAME_COLUMNS
                       and target.split(".")[0] in COLUMNS)
    assert offending == []


def test_no_module_imports_another_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_the_checks_see_a_core_import_and_a_cycle_when_there_is_one():
    graph = {"julianaschool.a": {"consent.b"}, "consent.b": {"consent.c"}, "consent.c": {"consent.b"}}
    assert cycles(graph) == [["consent.b", "consent.c"]]
    # The graph is read from the real source, lazy imports included.
    assert "consent.receivers" in import_graph()["consent.apps"]


SIGNED_PDF = "policy.signed_pdf"
# The rest of policy asks the signed PDF for a signed copy (services) and for the board's
# certificate (sign); how it renders, verifies and serves the file stays inside the package.
SIGNED_PDF_ENTRY_POINTS = {SIGNED_PDF, f"{SIGNED_PDF}.services", f"{SIGNED_PDF}.sign"}
# Django finds tag libraries only in policy/templatetags/: the library there is the package's tags.
SIGNED_PDF_TAG_LIBRARY = ("policy.templatetags.signing_tags", f"{SIGNED_PDF}.tags")


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_policy_reaches_the_signed_pdf_only_through_its_entry_points():
    graph = import_graph()
    offending = sorted((module, target) for module, targets in graph.items() for target in targets
                       if _inside(module, "policy") and not _inside(module, SIGNED_PDF)
                       and _inside(target, SIGNED_PDF) and target not in SIGNED_PDF_ENTRY_POINTS
                       and (module, target) != SIGNED_PDF_TAG_LIBRARY)
    assert offending == []
    # The rule reads real imports: the approval service uses the package's services.
    assert f"{SIGNED_PDF}.services" in graph["policy.services.approval"]


def _third_party_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_pdf_is_laid_out_by_the_one_weasyprint_wrapper():
    # julianaschool/pdf.py holds the guard that a PDF loads only the shipped fonts; a second
    # caller of WeasyPrint would make PDFs without it.
    callers = sorted(name for name, path in _modules().items() if "weasyprint" in _third_party_imports(path))
    assert callers == ["julianaschool.pdf"]


# The house's sign (issue 12): a module that passes it becomes a package by concern. Data files,
# such as the seeded protocol text, would be listed here.
MAX_LINES = 400
DATA_FILES: set[str] = set()


def test_no_app_module_passes_four_hundred_lines():
    long = {name: n for name, path in _modules().items()
            if name not in DATA_FILES and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, "split these by concern, as policy/services/ and consent/views/ are"
