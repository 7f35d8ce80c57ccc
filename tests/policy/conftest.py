"""A fixture that adds staff members, to show that page queries do not grow with them."""

import pytest

from julianaschool.models import Role
from policy import services
from tests.helpers import make_staff


@pytest.fixture
def more_staff(world):
    def make(n, acknowledge=None):
        for i in range(n):
            user = make_staff(f"extra{i}", Role.TEACHER)
            if acknowledge is not None and i % 2:
                services.acknowledge(user=user, version=acknowledge)

    return make
