"""The app half of growth's benchmark (issue 8): first frame, key presses, search, memory.

``bench/run`` imports :func:`app_sections` and appends the Markdown lines it returns.
The in-process measurements run in child processes of this file, so each starts
clean and its peak memory is its own:

    python bench/bench_app.py keys HOME N      # key presses, JSON on stdout
    python bench/bench_app.py search HOME N    # search, JSON on stdout
    python bench/bench_app.py memory HOME      # peak RSS, JSON on stdout

Only the standard library is imported at the top: the first-frame yardstick
(bench/bare_app.py) must not pay for anything growth does.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
PYCACHE = HERE / "data" / "pycache"  # bench/data/ is ignored by git
ROOT = HERE.parent
PY = sys.executable
GROWTH = shutil.which("growth") or str(Path(sys.executable).parent / "growth")

#: What must be on screen for each program's first frame to count as drawn.
GROWTH_MARKERS = (re.compile(r"\d+ wins? this week"), re.compile(r"q Quit"))
BARE_MARKERS = (re.compile(r"\bready\b"), re.compile(r"\^p palette"))

#: Search words in the heavy history: newest month, 3 months back, 40 months back, nowhere.
SEARCHES = {
    "the": "common: hits in the newest month, stops at the cap",
    "market": "one hit, in the newest month; done = all 121 months read",
    "knot": "one hit, 28 months back",
    "finished": "one hit, 40 months back",
    "zebra": "no hit: all 121 months read",
}


# ---------------------------------------------------------------- helpers


def med(samples: list[float]) -> float:
    return statistics.median(samples)


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "**not met**"


def fresh_copy(source: Path, into: Path) -> Path:
    """A private copy of a history, so measurements that write leave bench/data as it was."""
    target = into / source.name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "drafts", "growth.lock"))
    return target


def clear_drafts(home: Path) -> None:
    (home / "drafts" / "drafts.json").unlink(missing_ok=True)


# ---------------------------------------------------------------- first frame


def first_frame(
    command: list[str], markers: tuple[re.Pattern[str], ...], env: dict[str, str], timeout: float = 30.0
) -> float:
    """ms from just before ``tmux new-session`` until every marker is on the 80x24 screen."""
    with tempfile.TemporaryDirectory(prefix="growth-ff-") as tmp:
        socket = os.path.join(tmp, "tmux.sock")
        tmux = ["tmux", "-S", socket, "-f", "/dev/null"]
        env_words = " ".join(f"{k}={shell_quote(v)}" for k, v in env.items())
        # The tmux server inherits this shell's environment; PYTHONDONTWRITEBYTECODE (set on
        # these machines) would make every start compile growth's modules from source.
        line = f"exec env -u PYTHONDONTWRITEBYTECODE {env_words} " + " ".join(shell_quote(word) for word in command)
        try:
            started = time.perf_counter()
            subprocess.run(
                [*tmux, "new-session", "-d", "-x", "80", "-y", "24", line], check=True, stdin=subprocess.DEVNULL
            )
            while True:
                screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True)
                elapsed = time.perf_counter() - started
                if screen.returncode != 0:
                    raise RuntimeError(f"{command[0]} closed before its first frame: {screen.stderr.strip()}")
                if all(marker.search(screen.stdout) for marker in markers):
                    return elapsed * 1000
                if elapsed > timeout:
                    raise RuntimeError(f"no first frame from {command} after {timeout} s:\n{screen.stdout}")
                time.sleep(0.005)
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)


def shell_quote(word: str) -> str:
    import shlex

    return shlex.quote(word)


def first_frame_section(data: Path, runs: int, build: Callable[..., Path], histories: dict[str, Any]) -> list[str]:
    runs = max(2 * runs, 10)  # whole-program starts in tmux are the noisiest figure here
    nowhere = tempfile.mkdtemp(prefix="growth-cfg-")
    base_env = {
        "TERM": "xterm-256color",
        "GROWTH_CONFIG": os.path.join(nowhere, "config.toml"),
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
    }
    homes = {name: build(name, *histories[name]) for name in ("1 year", "heavy (100k)", "1M (dense archive)")}
    bare: list[float] = []
    growth: dict[str, list[float]] = {name: [] for name in homes}
    # One unmeasured start of each fills the bytecode cache, as any earlier start would have.
    first_frame([PY, str(HERE / "bare_app.py")], BARE_MARKERS, base_env)
    for home in homes.values():
        clear_drafts(home)
        first_frame([GROWTH], GROWTH_MARKERS, {**base_env, "GROWTH_HOME": str(home)})
    # Interleaved, so a busy moment on the machine hits both programs alike.
    for _ in range(runs):
        bare.append(first_frame([PY, str(HERE / "bare_app.py")], BARE_MARKERS, base_env))
        for name, home in homes.items():
            clear_drafts(home)
            growth[name].append(first_frame([GROWTH], GROWTH_MARKERS, {**base_env, "GROWTH_HOME": str(home)}))
    shutil.rmtree(nowhere, ignore_errors=True)
    bare_median = med(bare)
    lines = [
        "## First full frame (tmux, 80x24)",
        "",
        "Each program is started in a fresh tmux server (`new-session -d -x 80 -y 24`) and the pane is "
        'captured every ~5 ms until the frame is complete: for growth the header\'s "N wins this week" '
        '(drawn only once the data is read) and the footer\'s "q Quit"; for the bare Textual app '
        '(`bench/bare_app.py`: a Static and a Footer, same python) its "ready" and "^p palette". '
        f"Time runs from just before `new-session`; runs interleave; {runs} runs each; no drafts, no config file. "
        "Both run with a warm bytecode cache (`PYTHONPYCACHEPREFIX` in bench/data/, `PYTHONDONTWRITEBYTECODE` "
        "unset; one unmeasured start each first), as an installed growth would.",
        "",
        "| program | median ms | min-max | x bare Textual | target |",
        "|---|---:|---:|---:|---|",
        f"| bare Textual app | {bare_median:.0f} | {min(bare):.0f}-{max(bare):.0f} | 1.00x | |",
    ]
    for name, samples in growth.items():
        ratio = med(samples) / bare_median
        lines.append(
            f"| growth, {name} history | {med(samples):.0f} | {min(samples):.0f}-{max(samples):.0f} | {ratio:.2f}x | "
            f"<= 1.3x: {verdict(ratio, 1.3)} |"
        )
    lines += ["", *startup_breakdown(homes["heavy (100k)"], max(5, runs // 2))]
    return lines


def startup_breakdown(home: Path, runs: int) -> list[str]:
    """Where growth's extra start time goes: imports, and the app's own work before the first frame."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(PYCACHE), "GROWTH_CONFIG": "/nonexistent/growth/config.toml"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    imports: dict[str, list[float]] = {"bare": [], "growth": []}
    for _ in range(runs):
        for which in imports:
            imports[which].append(child("imports", which, env=env)["ms"])
    prof = {**child("startup-profile", "bare", env=env), **child("startup-profile", str(home), env=env)}
    bare_ms, growth_ms = med(imports["bare"]), med(imports["growth"])
    lines = [
        f"Where the difference goes (fresh processes, warm bytecode cache, medians of {runs}):",
        "",
        "| part of the start | ms |",
        "|---|---:|",
        f"| imports of the bare app (`textual.app`, `Static`, `Footer`) | {bare_ms:.0f} |",
        f"| imports of growth (`growth_tui.cli` + `growth_tui.tui.app`, which pulls in Textual) | {growth_ms:.0f} |",
        f"| so growth's own imports add | {growth_ms - bare_ms:.0f} |",
        "| *in-process, headless, one run each (the steps below are timed by wrapping them):* | |",
    ]
    for label, ms in prof.items():
        lines.append(f"| {label} | {ms:.0f} |")
    return lines


# ---------------------------------------------------------------- in-process: key presses


#: Time spent in Textual's Screen._refresh_layout (arrange + render the changed strips), in ms.
LAYOUT = {"ms": 0.0}


def _count_layout() -> None:
    from textual.screen import Screen

    original = Screen._refresh_layout

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            LAYOUT["ms"] += (time.perf_counter() - started) * 1000

    Screen._refresh_layout = wrapper  # type: ignore[method-assign]


async def _press_series(pilot: Any, keys: list[str]) -> list[tuple[float, float, float]]:
    """(wall ms, cpu ms, layout+paint ms) for each ``press(key); pause()``."""
    out = []
    for key in keys:
        LAYOUT["ms"] = 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)
        await pilot.pause()
        out.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, LAYOUT["ms"]))
    return out


async def _keys(home: Path, n: int) -> dict[str, Any]:
    from growth_tui.tui.app import GrowthApp
    from growth_tui.core.config import Config
    from growth_tui.core.store import Store

    _count_layout()
    app = GrowthApp(Store(home), config=Config())
    results: dict[str, Any] = {}
    opens: dict[str, float] = {}
    info: dict[str, Any] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        results["no binding (f12), check-in"] = await _press_series(pilot, ["f12"] * n)

        started = time.perf_counter()
        await pilot.press("t")
        await pilot.pause()
        opens["open time travel (t), first time"] = (time.perf_counter() - started) * 1000
        await pilot.pause(0.5)
        results["no binding (f12), time travel"] = await _press_series(pilot, ["f12"] * n)
        results["time travel: day back (left)"] = await _press_series(pilot, ["left"] * n)
        await pilot.press("full_stop")
        results["time travel: month back ([)"] = await _press_series(pilot, ["left_square_bracket"] * n)
        await pilot.press("full_stop")
        year_keys = (["left_curly_bracket"] * 8 + ["right_curly_bracket"] * 8) * max(1, n // 16)
        results["time travel: year back/on ({ })"] = await _press_series(pilot, year_keys)
        samples = []
        for _ in range(n):
            await pilot.press("full_stop")
            await pilot.pause()
            samples += await _press_series(pilot, ["y"])
        results["time travel: a year ago (y)"] = samples

        from growth_tui.tui.widgets.wall import WinWall

        # The Pilot's press waits for the app to be idle, which can be after the
        # worker bringing in older months: the key goes in directly and the wall
        # is watched every 2 ms instead.
        started = time.perf_counter()
        app.simulate_key("w")
        while not (app.current_mode == "wins" and app.screen.query(WinWall) and app.screen.query_one(WinWall).wins):
            await asyncio.sleep(0.002)
        opens["open the wins wall (w), first time: the newest months on screen"] = (
            time.perf_counter() - started
        ) * 1000
        await app.workers.wait_for_complete()  # the older months come in on a worker
        await pilot.pause()
        opens["open the wins wall (w), first time: every win on the wall"] = (time.perf_counter() - started) * 1000
        await pilot.pause(0.5)

        wall = app.screen.query_one(WinWall)
        info["wins on the wall"] = len(wall._wins)
        results["wins wall: page down from the newest (pagedown)"] = await _press_series(pilot, ["pagedown"] * n)
        info["wall cursor after the page downs"] = wall._cursor
        results["wins wall: newest<->oldest (end, home alternating)"] = await _press_series(
            pilot, ["end", "home"] * max(1, n // 4)
        )
        await pilot.press("end")
        await pilot.pause()
        results["wins wall: page up from the oldest (pageup)"] = await _press_series(pilot, ["pageup"] * n)
        info["wall cursor after the page ups"] = wall._cursor

        started = time.perf_counter()
        await pilot.press("g")
        await pilot.pause()
        opens["open tiny goals (g), first time"] = (time.perf_counter() - started) * 1000
        await pilot.pause(0.5)
        refreshes = {"count": 0, "ms": 0.0}
        original_refresh = app.refresh_screens

        def counted_refresh(**kwargs: Any) -> None:
            started = time.perf_counter()
            original_refresh(**kwargs)
            refreshes["count"] += 1
            refreshes["ms"] += (time.perf_counter() - started) * 1000

        app.refresh_screens = counted_refresh  # type: ignore[method-assign]
        presses = n - n % 2
        results["goals: done / undo (space)"] = await _press_series(pilot, ["space"] * presses)
        info["goals: presses"] = presses
        info["goals: app.refresh_screens runs (1-s poll saw our own write)"] = refreshes["count"]
        info["goals: ms per app.refresh_screens"] = refreshes["ms"] / max(1, refreshes["count"])
        goal_id = app.screen.current["id"]
        started = time.perf_counter()
        for _ in range(5):
            app.store.goal_days(goal_id)
        info["goals: store.goal_days(one goal) ms"] = (time.perf_counter() - started) * 1000 / 5
        info["goals: completions in the history"] = len(app.store.completions())

        # The app's own timers, which also run between key presses.
        started = time.perf_counter()
        for _ in range(20):
            app.store.signature()
        info["store.signature() (polled every 1 s), ms"] = (time.perf_counter() - started) * 1000 / 20
    return {"series": results, "opens": opens, "info": info}


# ---------------------------------------------------------------- in-process: search


async def _search(home: Path, n: int) -> dict[str, Any]:
    from growth_tui.tui.app import GrowthApp
    from growth_tui.core.config import Config
    from growth_tui.tui.screens.search import SearchScreen
    from growth_tui.core.store import Store
    from textual.widgets import Input

    app = GrowthApp(Store(home), config=Config())
    out: dict[str, Any] = {"cold": {q: [] for q in SEARCHES}, "warm": {q: [] for q in SEARCHES}, "found": {}}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("t")
        await pilot.pause(0.5)
        await pilot.press("slash")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        field = screen.query_one(Input)
        marks: dict[str, float] = {}
        original_found = screen._found

        def found(query: str, hits: Any, run: Any, prompts: Any) -> None:
            original_found(query, hits, run, prompts)  # every result at once: the first are the last
            marks.setdefault("first", time.perf_counter())
            marks.setdefault("done", time.perf_counter())

        screen._found = found  # type: ignore[method-assign]

        async def one(query: str) -> tuple[float, float, int]:
            field.value = ""
            await pilot.pause()
            marks.clear()
            started = time.perf_counter()
            field.value = query  # one Input.Changed, as a paste would make
            while "done" not in marks and time.perf_counter() - started < 30:
                await asyncio.sleep(0.001)
            await pilot.pause()
            first = marks.get("first", marks.get("done", started))
            return (first - started) * 1000, (marks.get("done", started) - started) * 1000, len(screen.days)

        import asyncio

        for _ in range(n):
            for query in SEARCHES:
                app.store._cache.clear()  # benchmark only: every month read from disk again,
                app.store.sieve.forget()  # nothing known of the raw files,
                screen._run = None  # and no earlier search to narrow
                first, done, found = await one(query)
                out["cold"][query].append((first, done))
                first, done, found = await one(query)
                out["warm"][query].append((first, done))
                out["found"][query] = found
        from growth_tui.tui.screens import search as search_module

        out["max_results"] = search_module.MAX_RESULTS
    return out


# ---------------------------------------------------------------- in-process: memory


async def _memory(home: Path) -> dict[str, Any]:
    import resource

    from growth_tui.tui.app import GrowthApp
    from growth_tui.core.config import Config
    from growth_tui.core.store import Store
    from textual.widgets import Input

    def rss() -> float:
        return peak_mib()

    out: dict[str, float] = {}
    app = GrowthApp(Store(home), config=Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        out["check-in open"] = rss()
        stages = {
            "after time travel (t, [, {)": ("t", "left_square_bracket", "left_curly_bracket"),
            "after the wins wall (w, PageDown, End)": ("w", "pagedown", "end"),
            "after goals (g, space, space)": ("g", "space", "space"),
        }
        for label, keys in stages.items():
            for key in keys:
                await pilot.press(key)
                await pilot.pause(0.3)
            out[label] = rss()
        out["store cache: months held / records in them"] = float(len(app.store._cache))
        out["records held"] = float(sum(len(t) for entry in app.store._cache.values() for t in entry[1].values()))
        await pilot.press("t")
        await pilot.pause(0.3)
        await pilot.press("slash")
        await pilot.pause(0.2)
        app.screen.query_one(Input).value = "zebra"
        await pilot.pause(3)
        out["after a search through every month"] = rss()
    return out


def _bare_memory() -> dict[str, float]:
    import asyncio
    import resource

    sys.path.insert(0, str(HERE))
    from bare_app import Bare

    async def main() -> None:
        async with Bare().run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.5)

    asyncio.run(main())
    return {"bare Textual app": peak_mib()}


def peak_mib() -> float:
    """This process's peak resident memory since its exec (VmHWM; ru_maxrss would count the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _imports(which: str) -> dict[str, float]:
    started = time.perf_counter()
    if which == "bare":
        import textual.app  # noqa: F401
        from textual.widgets import Footer, Static  # noqa: F401
    else:
        import growth_tui.tui.app  # noqa: F401
        import growth_tui.cli  # noqa: F401
    return {"ms": (time.perf_counter() - started) * 1000}


async def _startup_profile(home: Path) -> dict[str, float]:
    """The app's own work before its first frame, headless, timed by wrapping its steps."""
    from textual.css.stylesheet import Stylesheet

    if str(home) == "bare":
        sys.path.insert(0, str(HERE))
        from bare_app import Bare

        bare_spent = {"ms": 0.0}
        original_parse = Stylesheet.parse

        @functools.wraps(original_parse)
        def parse(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original_parse(*args, **kwargs)
            finally:
                bare_spent["ms"] += (time.perf_counter() - started) * 1000

        Stylesheet.parse = parse  # type: ignore[method-assign]
        async with Bare().run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.5)
        return {"bare Textual app: parse CSS": bare_spent["ms"]}
    from growth_tui.tui import app as app_module
    from growth_tui.core.config import load_config
    from growth_tui.tui.screens.checkin import CheckinScreen
    from growth_tui.core.store import Store
    from growth_tui.tui.widgets.header import GrowthHeader
    from textual.css.stylesheet import Stylesheet

    spent: dict[str, float] = {}

    def timed(owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)  # Textual passes handlers as many arguments as they declare
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + (time.perf_counter() - started) * 1000

        setattr(owner, name, wrapper)

    timed(
        app_module.GrowthApp,
        "_apply_themes",
        "growth: register and apply themes (in `__init__`, before the first CSS parse)",
    )
    timed(GrowthHeader, "refresh_data", "growth: the header's gentle line (reads the week: the newest month)")
    timed(CheckinScreen, "on_mount", "growth: check-in screen on_mount")
    timed(
        app_module.GrowthApp,
        "_read_recent",
        "after the first frame, on a worker: the two newest months and goals (and versions a merge kept)",
    )
    timed(Stylesheet, "parse", "Textual: parse CSS (all of it, growth's app.tcss and widgets' DEFAULT_CSS)")
    started = time.perf_counter()
    store = Store(home)
    config = load_config()
    spent["growth: open the store and read the config"] = (time.perf_counter() - started) * 1000
    app = app_module.GrowthApp(store, store.clock, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
    return spent


def child(mode: str, *args: str, env: dict[str, str] | None = None) -> Any:
    """Run this file in a child process and return its JSON."""
    done = subprocess.run([PY, str(Path(__file__).resolve()), mode, *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"bench_app {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- sections


def keys_section(home: Path, runs: int) -> list[str]:
    n = 40 if runs >= 9 else 20
    got = child("keys", str(home), str(n))
    series: dict[str, list[list[float]]] = got["series"]
    overhead = [row[0] for row in series["no binding (f12), time travel"]]
    overhead_cpu = [row[1] for row in series["no binding (f12), time travel"]]
    over_med = med(overhead)
    info = got["info"]
    lines = [
        "## Key presses (in-process, headless)",
        "",
        "`GrowthApp(Store(heavy copy), config=Config())` under `app.run_test(size=(80, 24))`; each press "
        "is timed as `await pilot.press(key); await pilot.pause()` with `time.perf_counter` (wall) and "
        "`time.process_time` (CPU of the whole process). **These wall times include the Pilot's own "
        "overhead**: `press` waits for idle twice and `pause` once, each at least one 20 ms sleep "
        '(Textual\'s `wait_for_idle`), so a key that does nothing already takes the "no binding (f12)" '
        'figure. "wall - f12" subtracts that key\'s median; the CPU column is the work actually done '
        "(handler + layout + rendering the frame's strips; headless Textual skips only writing escape "
        "codes to a terminal). "
        f"{n} presses per key (the year keys go 8 back then 8 on; `y` is pressed after `.` each time, so it always jumps). "
        f"The heavy history's wall holds {info['wins on the wall']:,} wins; PageDown went from the newest "
        f"to card {info['wall cursor after the page downs']:,}, then End went to the oldest and PageUp "
        f"climbed to card {info['wall cursor after the page ups']:,}.",
        "",
        "| key | wall median ms | wall max ms | wall - f12 median / max | CPU median ms | CPU max ms | of it Textual layout+paint, median / max ms | target (<16 median, <50 worst) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, samples in series.items():
        walls = [row[0] for row in samples]
        cpus = [row[1] for row in samples]
        paints = [row[2] for row in samples]
        net_med, net_max = med(walls) - over_med, max(walls) - over_med
        if label.startswith("no binding"):
            target = "(Pilot overhead)"
        else:
            ok = net_med < 16 and net_max < 50
            cpu_ok = med(cpus) - med(overhead_cpu) < 16 and max(cpus) - med(overhead_cpu) < 50
            target = "met" if ok else "**not met**"
            target += f" (CPU: {'met' if cpu_ok else 'not met'})"
        lines.append(
            f"| {label} | {med(walls):.1f} | {max(walls):.1f} | {net_med:.1f} / {net_max:.1f} | "
            f"{med(cpus):.1f} | {max(cpus):.1f} | {med(paints):.1f} / {max(paints):.1f} | {target} |"
        )
    lines += ["", "Opening each place the first time (one press each, with the same Pilot overhead):", ""]
    for label, ms in got["opens"].items():
        lines.append(f"- {label}: {ms:.0f} ms")
    lines.append(
        f"- goals: during the {info['goals: presses']} space presses the app's 1-second poll saw the app's own "
        f"writes and ran `refresh_screens` {info['goals: app.refresh_screens runs (1-s poll saw our own write)']} times, "
        f"{info['goals: ms per app.refresh_screens']:.0f} ms each (every goal's summary recomputed); each toggle also "
        f"re-reads the goal's done and rest days with `store.goal_days(goal_id)`, {info['goals: store.goal_days(one goal) ms']:.1f} ms "
        f"(from per-month day sets kept by the store; {info['goals: completions in the history']:,} completions in the history)"
    )
    lines.append(
        f"- for scale: `store.signature()`, which the app polls every second between key presses, takes "
        f"{info['store.signature() (polled every 1 s), ms']:.2f} ms on this history"
    )
    return lines


def search_section(home: Path, runs: int) -> list[str]:
    n = max(5, runs)
    got = child("search", str(home), str(n))
    lines = [
        "## Search over the heavy history (time travel, `/`)",
        "",
        "In-process, headless. The query is put into the search field at once (one `Input.Changed`, as a "
        "paste makes); the search runs on a worker thread a month at a time, newest first, and hands all its "
        'hits to the app thread at once, at its end. "First results" (the same as "done") is the time until '
        "they are on the list (SearchScreen._found returned, wrapped by the benchmark; the next screen refresh "
        "draws it). Cold: the store's month cache and what it knew of the raw files are emptied first "
        f"(every month read from disk again); warm: the same query again at once. {n} runs each. "
        'For a query that finds nothing the first visible answer is "Nothing found", i.e. "done".',
        "",
        "A month not parsed yet is first looked at as raw bytes: when one of the words is nowhere in the "
        "file, it is not parsed at all.",
        "",
        "| query | what it tests | shown | cold first results ms (min-max) | cold done ms | warm first results ms (min-max) | warm done ms | target first <100 ms |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for query, what in SEARCHES.items():
        cold, warm = got["cold"][query], got["warm"][query]
        cold_first = [f for f, _d in cold]
        warm_first = [f for f, _d in warm]
        lines.append(
            f"| `{query}` | {what} | {got['found'][query]} | {med(cold_first):.0f} ({min(cold_first):.0f}-{max(cold_first):.0f}) | "
            f"{med([d for _f, d in cold]):.0f} | {med(warm_first):.0f} ({min(warm_first):.0f}-{max(warm_first):.0f}) | "
            f"{med([d for _f, d in warm]):.0f} | cold {verdict(med(cold_first), 100)}, warm {verdict(med(warm_first), 100)} |"
        )
    lines.append("")
    lines.append(f'The list stops at {got["max_results"]} results (newest kept), so "the" ends early.')
    return lines


def memory_section(home: Path, records: int, name: str = "heavy (100k)", target: float = 120) -> list[str]:
    got = child("memory", str(home))
    bare = child("bare-memory")
    months = int(got.pop("store cache: months held / records in them"))
    held = int(got.pop("records held"))
    lines = [
        f"## Peak memory ({name} history)",
        "",
        f"A child process opens the app headless (80x24) on a copy of the {name} history ({records:,} records), "
        "visits time travel (a month and a year back), the wins wall (PageDown, End), goals (space twice), "
        "then searches for a word found nowhere (every month read); after each stage it reports "
        "its peak resident memory so far (`VmHWM` in /proc/self/status).",
        "",
        f"| stage | peak RSS MiB | target <= {target:.0f} MiB |",
        "|---|---:|---|",
        f"| bare Textual app, headless (yardstick) | {bare['bare Textual app']:.0f} | |",
    ]
    for label, mb in got.items():
        lines.append(f"| growth: {label} | {mb:.0f} | {verdict(mb, target)} |")
    lines += [
        "",
        f"After the three places the store's month cache holds {months} files with {held:,} records "
        "(at most 12 months and about 20,000 records, the two read last always). The wall holds a compact "
        "index of every win (core/wall_index.py: the fields a card shows, a few slots a win; the full "
        "record is read back when opened), and goals keep only the days each goal was done or rested. "
        "The peak after the wall includes its first whole read on a worker (each month parsed, indexed "
        "and let go), which may still run into the goals stage.",
    ]
    return lines


def terminal_section(home: Path, quick: bool) -> list[str]:
    """The real-terminal probe (bench/term_probe.py) on the heavy history, with the bare app beside it."""
    n = 8 if quick else 24
    done = subprocess.run([PY, str(HERE / "term_probe.py"), str(home), str(n)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"term_probe failed:\n{done.stderr[-3000:]}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    bare, growth = got["bare"], got["growth"]
    lines = [
        "## Key presses in a real terminal (heavy history)",
        "",
        "growth runs behind `bench/pty_probe.py` in a private tmux server at 80x24 (`TERM=xterm-256color`); "
        "keys go in with `tmux send-keys`. A key's answer is every chunk the app writes after the key reaches "
        f"its pty, up to the first pause of {term_gap():.0f} ms once it has drawn something (a short code "
        "answered at once, the pointer's shape, does not end it); \"last byte\" is the time from the key to the "
        "answer's last chunk, \"bytes\" its size, \"escapes\" the share of those bytes that are escape "
        "sequences, \"SGR\" the colour/style changes in it, \"rows\" how many rows it moves the cursor to, "
        "\"CPU\" the app's user+system time over the same span (/proc, 10 ms ticks). "
        f"{n} presses of each stepping key; search, calendar, insights and help are opened and closed "
        f"{max(2, n // 4)} times, and z-e-b-r-a typed each time (a word found nowhere: every month searched). "
        "A lone Escape waits 10 ms for the rest of a possible key sequence (growth's driver; Textual's own "
        "waits 100 to 200 ms).",
        "",
        "| key | last byte median ms | worst ms | bytes median | escapes | SGR | rows | CPU ms median | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]

    def row(label: str, samples: list[dict[str, float]], byte_target: float | None) -> str:
        ms = [s["ms"] for s in samples]
        size = [s["bytes"] for s in samples]
        escape = sum(s["escape_bytes"] for s in samples) / max(1.0, sum(size))
        sgr = med([s["sgr"] for s in samples])
        rows = med([s["rows"] for s in samples])
        cpu = med([s["cpu_ms"] for s in samples])
        verdicts = []
        if byte_target is not None:
            verdicts.append(f"time {'met' if med(ms) <= 16 and max(ms) <= 50 else '**not met**'} (16/50)")
            verdicts.append(f"bytes {verdict(med(size), byte_target)} (<= {byte_target / 1000:.0f} KB)")
        return (
            f"| {label} | {med(ms):.0f} | {max(ms):.0f} | {med(size):,.0f} | {escape:.0%} | {sgr:.0f} | {rows:.0f} | "
            f"{cpu:.0f} | {'; '.join(verdicts)} |"
        )

    for label, samples in bare["keys"].items():
        lines.append(row(label, samples, None))
    for label, samples in growth["keys"].items():
        small = label.startswith(("time travel: day", "search: each"))
        lines.append(row(label, samples, 1000 if small else 12000))
    lines += ["", "Where a key's bytes go, screen row by screen row (the median press of each; row `-` is what comes before the first cursor move):", ""]
    for label in ("time travel: day step (Left)", "search: each typed letter (z e b r a)", "calendar: open (p)"):
        samples = sorted(growth["keys"].get(label, []), key=lambda s: s["bytes"])
        if not samples:
            continue
        middle = samples[len(samples) // 2]
        rows = sorted(middle["per_row"].items(), key=lambda item: -item[1])
        total = max(1, sum(n for _row, n in rows))
        shown = ", ".join(f"row {row}: {n:,} B" for row, n in rows[:8])
        lines.append(
            f"- {label}: {total:,} bytes over {len(rows)} rows; the largest: {shown}"
            f"{'' if len(rows) <= 8 else f', and {len(rows) - 8} more rows'}"
        )
    lines += [
        "",
        f"First frame: growth wrote {growth['first frame bytes']:,.0f} bytes, the bare Textual app "
        f"{bare['first frame bytes']:,.0f} (target: no more than the bare app's: "
        f"{verdict(growth['first frame bytes'], bare['first frame bytes'])}).",
    ]
    return lines


def term_gap() -> float:
    sys.path.insert(0, str(HERE))
    import term_probe  # type: ignore[import-not-found]

    return term_probe.GAP_MS


def app_sections(
    data: Path, runs: int, build: Callable[..., Path], histories: dict[str, Any], *, quick: bool = False
) -> list[str]:
    heavy = build("heavy (100k)", *histories["heavy (100k)"])
    million = build("1M (dense archive)", *histories["1M (dense archive)"])
    clear_drafts(heavy)
    clear_drafts(million)
    from importlib import import_module

    count = import_module("__main__").record_count if hasattr(import_module("__main__"), "record_count") else None
    records = count(heavy) if count else 0
    sections: list[str] = []
    scratch = Path(tempfile.mkdtemp(prefix="growth-bench-"))
    try:
        print("  app: first frame…", file=sys.stderr)
        sections += first_frame_section(data, 3 if quick else runs, build, histories)
        print("  app: keys in a real terminal…", file=sys.stderr)
        sections += ["", *terminal_section(fresh_copy(heavy, scratch), quick)]
        print("  app: memory…", file=sys.stderr)
        sections += ["", *memory_section(fresh_copy(heavy, scratch), records)]
        shutil.rmtree(scratch / heavy.name, ignore_errors=True)
        sections += [
            "",
            *memory_section(fresh_copy(million, scratch), count(million) if count else 0, "1M (dense archive)", 250),
        ]
        shutil.rmtree(scratch / million.name, ignore_errors=True)
        if not quick:
            print("  app: key presses, headless…", file=sys.stderr)
            sections += ["", *keys_section(fresh_copy(heavy, scratch), runs)]
            print("  app: search…", file=sys.stderr)
            sections += ["", *search_section(fresh_copy(heavy, scratch), runs)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return sections


if __name__ == "__main__":
    import asyncio

    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "keys":
        result: Any = asyncio.run(_keys(Path(rest[0]), int(rest[1])))
    elif mode == "search":
        result = asyncio.run(_search(Path(rest[0]), int(rest[1])))
    elif mode == "memory":
        result = asyncio.run(_memory(Path(rest[0])))
    elif mode == "imports":
        result = _imports(rest[0])
    elif mode == "startup-profile":
        result = asyncio.run(_startup_profile(Path(rest[0])))
    elif mode == "bare-memory":
        result = _bare_memory()
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(result))
