"""A path in a notification is read whole: from ~, with … for the folders in the middle,
rather than cut anywhere by the toast's wrapping."""

from collections.abc import Callable
from pathlib import Path

from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.paths import readable_paths, short_path

from .conftest import SIZE, drawn, settle


def test_paths_are_shortened_from_home_and_in_the_middle() -> None:
    home = "/home/ana"
    assert short_path("/home/ana/x.db", 30, home) == "~/x.db"
    assert short_path("/home/ana/a/b/c/d/e/f/lighthouse.db", 20, home) == "~/…/f/lighthouse.db"
    assert short_path("/var/a/b/c/d/e/lighthouse.db", 21, home) == "/…/d/e/lighthouse.db"
    name = "a-file-name-far-too-long-for-any-toast.toml"
    assert len(short_path(f"/home/ana/{name}", 24, home)) <= 24
    assert (
        readable_paths("see https://example.com/a/b/c", 5, home) == "see https://example.com/a/b/c"
    )
    assert readable_paths("cannot open /home/ana/l.db: locked", 30, home) == (
        "cannot open ~/l.db: locked"
    )


async def test_a_long_path_in_a_toast_stays_on_one_line(
    make_app: Callable[..., LighthouseApp],
) -> None:
    deep = Path.home() / "Documents" / "Clients" / "2027" / "Acme-consulting-engagements"
    async with make_app().run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        pilot.app.notify(f"{deep / 'lighthouse.db'}: database is locked", markup=False)
        for _ in range(10):  # the toast is mounted after a refresh, not by a worker
            if pilot.app.screen.query("Toast"):
                break
            await pilot.pause()
        toast = pilot.app.screen.query_one("Toast")
        lines = drawn(toast).splitlines()
        assert any("~/…/lighthouse.db:" in line for line in lines), lines
