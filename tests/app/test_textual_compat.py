"""The parts of Textual growth relies on that are not public API are still there.

Every touch of a Textual private lives in ``growth_tui/tui/textual_compat.py``.
The first test fails as soon as another Textual is installed, so the pin is never
moved without reading that module again; the others check, one per touch, that
the private it uses still exists with the shape it relies on.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Footer

from growth_tui.tui import textual_compat
from growth_tui.tui.app import GrowthApp
from growth_tui.tui.screens.checkin import CheckinScreen


def test_the_installed_textual_is_the_one_textual_compat_was_checked_against() -> None:
    installed = version("textual")
    assert installed == textual_compat.PINNED_TEXTUAL, (
        f"Textual {installed} is installed, but growth_tui/tui/textual_compat.py was checked "
        f"against Textual {textual_compat.PINNED_TEXTUAL}. Read every entry of textual_compat.py "
        "against the new Textual source, then update PINNED_TEXTUAL there and the pin in pyproject.toml."
    )


def test_the_pin_in_pyproject_matches_textual_compat() -> None:
    from pathlib import Path

    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"textual=={textual_compat.PINNED_TEXTUAL}"' in pyproject


# ---------------------------------------------------------------- crash report


def test_the_crash_report_hook_is_still_textuals_fatal_error() -> None:
    assert list(inspect.signature(App._fatal_error).parameters) == ["self"]
    # Textual calls it for an unhandled error that does not render itself.
    assert "self._fatal_error()" in inspect.getsource(App._handle_exception)
    assert list(inspect.signature(MessagePump._close_messages_no_wait).parameters) == ["self"]
    app: App[None] = App()
    assert app._exception is None
    assert app._exit_renderables == []
    assert GrowthApp._fatal_error is textual_compat.OwnCrashReportApp._fatal_error


# ---------------------------------------------------------------- CSS counter


def test_apps_and_screens_still_count_css_updates() -> None:
    assert isinstance(App()._css_update_count, int)
    assert isinstance(Screen()._css_update_count, int)
    # Textual compares the two when a mode's screen is first shown.
    assert "_css_update_count" in inspect.getsource(App._init_mode)


# ---------------------------------------------------------------- frames


def test_batch_updates_are_still_counted_and_frames_still_written_by_compositor_refresh() -> None:
    assert App()._batch_count == 0
    assert list(inspect.signature(Screen._compositor_refresh).parameters) == ["self"]
    assert Screen()._repaint_required is False
    # A frame kept back is painted whole on the next update.
    assert "_repaint_required" in inspect.getsource(Screen._on_timer_update)
    assert CheckinScreen._compositor_refresh is textual_compat.FrameHookScreen._compositor_refresh


# ---------------------------------------------------------------- footer


def test_footers_still_say_when_their_bindings_are_ready() -> None:
    from textual.reactive import Reactive

    assert isinstance(vars(Footer)["_bindings_ready"], Reactive)
    assert textual_compat.footer_has_bindings(Footer()) is False
    assert list(inspect.signature(Footer.bindings_changed).parameters) == ["self", "screen"]


# ---------------------------------------------------------------- input fields


def test_inputs_still_draw_their_value_through_value_and_measure_through_position_to_cell() -> None:
    from textual.widgets import Input

    assert isinstance(vars(Input)["_value"], property)
    assert list(inspect.signature(Input._position_to_cell).parameters) == ["self", "position"]
    source = inspect.getsource(Input)
    assert "result = self._value" in source and "return self._value.cell_len + 1" in source
    assert "self._position_to_cell(self.cursor_position)" in source
    # What they draw is checked in tests/app/test_small_truths.py (emoji in the editors).
    assert issubclass(textual_compat.SameCellsInput, Input)


# ---------------------------------------------------------------- lean frames and a quick Escape


def test_updates_still_carry_their_strips_and_display_still_writes_them() -> None:
    from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate

    assert list(inspect.signature(LayoutUpdate).parameters) == ["strips", "region"]
    assert list(inspect.signature(ChopsUpdate).parameters) == ["chops", "spans", "chop_ends"]
    assert list(inspect.signature(App._display).parameters) == ["self", "screen", "renderable"]
    display = inspect.getsource(App._display)
    assert "isinstance(renderable, CompositorUpdate)" in display
    assert "renderable.render_segments(console)" in display
    assert issubclass(textual_compat._LeanUpdate, CompositorUpdate)
    # The copy of ChopsUpdate's cropping in lean_update_pieces follows this.
    assert "strip.crop(0, min(end, x2) - x)" in inspect.getsource(ChopsUpdate.render_segments)
    assert GrowthApp._display is textual_compat.LeanFramesApp._display


def test_the_input_thread_and_the_escape_wait_are_still_as_copied() -> None:
    from textual import constants
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    assert isinstance(constants.ESCAPE_DELAY, float)
    assert "read1(constants.ESCAPE_DELAY)" in inspect.getsource(XTermParser.parse)
    assert XTermParser()._timeout_time is None
    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert "selector.select(0.1)" in source and "tick()" in source
    assert issubclass(textual_compat.LeanLinuxDriver, LinuxDriver)
    assert GrowthApp.get_driver_class is textual_compat.LeanFramesApp.get_driver_class
