"""The role x URL matrix: every URL of the portal, requested as every role, with the status each
must get. Each app lists its rows in tests/<app>/matrix.py (`rows()` and, when its URLs need
objects of its own, `setup(world)`); tests/test_access_matrix.py walks them all and checks that
no URL of the portal is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = [
    "anonymous",
    "outsider",
    "directie",
    "leerkracht5",
    "leerkracht7",
    "ouder5",
    "ouder7",
    "bestuur",
    "administratie",
    "medewerker",
]
SIGNED_IN = [r for r in ROLES if r != "anonymous"]

LOGIN = 302  # an anonymous visitor is sent to the login page


@dataclass
class Row:
    """One URL and the status every role gets there.

    `expect` names the roles that get something other than `default`; `anonymous` is the status
    for a visitor who is not signed in (a redirect to the login page unless the page is public).
    """

    name: str
    url: Callable
    expect: dict[str, int] = field(default_factory=dict)
    default: int = 403
    anonymous: int = LOGIN
    method: str = "get"
    data: Callable | None = None
    label: str = ""

    def expected(self) -> dict[str, int]:
        result = {role: self.expect.get(role, self.default) for role in SIGNED_IN}
        result["anonymous"] = self.expect.get("anonymous", self.anonymous)
        return result

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}{' (' + self.label + ')' if self.label else ''}"


def only(*roles: str, status: int = 200, others: int = 403, **kwargs) -> dict:
    """Shorthand: these roles get `status`, every other signed-in role `others`."""
    return {"expect": {role: status for role in roles}, "default": others, **kwargs}
