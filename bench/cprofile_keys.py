"""cProfile one key's handling in a growth place (benchmark-only helper).

    python bench/cprofile_keys.py HOME PLACE KEY [N] [ROWS]
Prints the top functions by cumulative time over N presses (press + pause).
"""

import asyncio
import cProfile
import pstats
import sys
from pathlib import Path


async def main(home: Path, place: str, key: str, n: int, rows: int) -> None:
    from growth_tui.tui.app import GrowthApp
    from growth_tui.core.config import Config
    from growth_tui.core.store import Store

    app = GrowthApp(Store(home), config=Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        if place != "-":
            await pilot.press(place)
            await pilot.pause(0.5)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(n):
            await pilot.press(key)
            await pilot.pause()
        profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats("cumtime").print_stats(rows)


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(
        main(
            Path(args[0]),
            args[1],
            args[2],
            int(args[3]) if len(args) > 3 else 30,
            int(args[4]) if len(args) > 4 else 60,
        )
    )
