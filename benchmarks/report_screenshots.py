"""The README's screenshots of report.html on the real Jupyter survey, taken in Debian's
headless Chromium (the browser the tests use), so they can be remade after a change.

    .venv/bin/python benchmarks/report_screenshots.py [--shared ../shared/data]
                                                      [--workspace DIR] [--docs docs]

Writes, in a 1400 px window, docs/report-overview.png (the overview),
docs/report-personas.png (the persona cards and the themes x personas matrix),
docs/report-segments.png (segments compared by how often respondents use Jupyter) and
docs/persona-card.png (the first persona card); and in a 390 px window (a phone),
docs/report-phone.png (the top of the page) and docs/report-phone-source.png (a quote's
source, under the question it answered). Without --workspace the survey is analysed first
into a temporary workspace with the real models (minutes).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from report_study import SHARED, SURVEY, analysed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synth.stages import Settings, run_report  # noqa: E402
from synth.workspace import Workspace  # noqa: E402
from tests.browser import chromium, missing, open_report  # noqa: E402

WIDTH, HEIGHT = 1400, 900
PHONE, PHONE_HEIGHT = 390, 844
SEGMENT = ("How often do you use Jupyter Notebook?", "Daily")


def shoot(page, selector: str, path: Path, height: int, width: int = WIDTH) -> None:
    """The top `height` pixels of the element, across the page's width."""
    top = page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().top"
                        " + window.scrollY")
    page.screenshot(path=str(path), full_page=True,
                    clip={"x": 0, "y": top, "width": width, "height": height})
    print(f"wrote {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--workspace", type=Path, help="an analysed workspace to reuse")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    survey = args.shared / SURVEY
    if not survey.exists() or missing():
        print(f"needs {survey} and the browser: {missing() or 'ok'}", file=sys.stderr)
        return 2
    args.docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        workspace = analysed(args.workspace or Path(folder) / "ws", survey, Path(folder) / "a")
        with Workspace.open(workspace, create=False) as ws:
            report = run_report(ws, Settings(out=Path(folder) / "out"))
        with chromium() as browser:
            visit = open_report(browser, report, WIDTH, HEIGHT)
            page = visit.page
            page.add_style_tag(content="header.top { position: static; }")
            shoot(page, "#overview", args.docs / "report-overview.png", 1000)
            shoot(page, "#personas", args.docs / "report-personas.png", 1100)
            page.select_option("#segment-by", label=SEGMENT[0])
            option = page.locator("#segment-value option", has_text=f"{SEGMENT[1]} (")
            page.select_option("#segment-value", value=option.first.get_attribute("value"))
            page.wait_for_timeout(300)
            shoot(page, "#segments", args.docs / "report-segments.png", 1000)
            page.locator(".persona").first.screenshot(path=str(args.docs / "persona-card.png"))
            print(f"wrote {args.docs / 'persona-card.png'}")
            phone = open_report(browser, report, PHONE, PHONE_HEIGHT)
            phone.page.add_style_tag(content="header.top { position: static; }")
            shoot(phone.page, "header.top", args.docs / "report-phone.png", 1600, PHONE)
            phone.page.locator("#questions a.cite").first.click()
            phone.page.wait_for_selector("#source:not([hidden])")
            shoot(phone.page, "#source", args.docs / "report-phone-source.png", 900, PHONE)
            problems = visit.problems() + phone.problems()
            if problems:
                print("\n".join(problems), file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
