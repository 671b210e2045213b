"""The app and the tests' small host both offer everything a screen may ask of its host."""

from __future__ import annotations

import inspect

import pytest

from growth_tui.tui.app import GrowthApp
from growth_tui.tui.host import GrowthHost

from .conftest import PlaceHost

#: The attributes and methods :class:`GrowthHost` names.
MEMBERS = sorted(
    set(GrowthHost.__annotations__)
    | {name for name, value in vars(GrowthHost).items() if inspect.isfunction(value) and not name.startswith("_")}
)


def test_the_protocol_names_what_screens_use():
    assert {"store", "clock", "config", "save_draft", "clear_draft"} <= set(MEMBERS)


@pytest.mark.parametrize("host_type", [GrowthApp, PlaceHost])
def test_each_host_has_every_member(host_type, store, config):
    host = host_type(store=store, config=config)
    missing = [name for name in MEMBERS if not hasattr(host, name)]
    assert not missing, f"{host_type.__name__} lacks {missing}"
