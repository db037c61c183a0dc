"""Headless Chromium for the report's browser tests and its README screenshots: Debian's
/usr/bin/chromium (`make test` installs it) driven by Playwright, never a downloaded browser.

`open_report` loads a report.html from file:// and records what a test asserts on: console
messages, uncaught errors, dialogs and every request the page makes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("SYNTH_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def missing() -> str | None:
    """Why the browser cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent: `apt-get install chromium` (make test does)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[dev]'"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    page: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and dialogs."""
        return ([f"{kind}: {text}" for kind, text in self.console
                 if kind in ("error", "warning")]
                + [f"exception: {e}" for e in self.errors]
                + [f"dialog: {d}" for d in self.dialogs])

    def fetched(self, report: Path) -> list[str]:
        """Every request other than the report itself (data: and about: excepted)."""
        own = report.resolve().as_uri()
        return [url for url in self.requests
                if url.split("#")[0] != own and not url.startswith(("data:", "about:"))]


def open_report(browser: Any, report: Path, width: int = 1400, height: int = 900) -> Visit:
    """A new page showing `report`, once its charts are drawn."""
    page = browser.new_page(viewport={"width": width, "height": height})
    visit = Visit(page)
    page.on("console", lambda message: visit.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("request", lambda request: visit.requests.append(request.url))

    def dialog(opened: Any) -> None:
        visit.dialogs.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    page.goto(report.resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=120_000)
    return visit
