"""report.html: the whole study in one self-contained page that works offline from file://.

The page is the `report.html.j2` template (with `report.css` and `report.js` inlined from
the same template folder), the data from `report_data`, and the Vega, Vega-Lite and
vega-embed JavaScript that `vl-convert-python` bundles, inlined too: nothing is fetched, and a
Content-Security-Policy in the page forbids fetching anything, and eval.

Research text never becomes markup: the template autoescapes it, and the data the script
reads sits in a `<script type="application/json">` block with `<`, `>` and `&` written as
`\\u003c`, `\\u003e` and `\\u0026` (so no `</script>` or `<!--` can end or bend the block);
the script builds the page with `textContent`, never `innerHTML`. The same inputs give a
byte-identical file: no timestamps, sorted keys.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from markupsafe import Markup

from synth import __version__
from synth.analyse.framework import Framework
from synth.errors import SynthError
from synth.privacy import Privacy
from synth.render import render_template, write_outputs
from synth.render.report_data import report_data
from synth.workspace import Workspace

NAME = "report.html"
# Exposes the bundle's libraries to the page's own script (a second module).
_EXPOSE = "window.synthCharts = {vegaEmbed, vega, vegaLite};"
_UNSAFE_IN_SCRIPT = ("</script", "<!--", "<script")


def check_analysed(workspace: Workspace) -> None:
    """Fail with the command to run when there is nothing to report yet."""
    if not workspace.query("SELECT 1 FROM units LIMIT 1"):
        raise SynthError(f"the workspace {workspace.directory} holds no statements yet. "
                         "Run `synth run PATH...` (or `synth ingest PATH...` then `synth "
                         "themes`) first")
    if not workspace.query("SELECT 1 FROM placements LIMIT 1"):   # themes has not run
        # (once it has, a study may have no theme: every statement uncoded is a result)
        raise SynthError(f"the workspace {workspace.directory} has no themes yet. Run "
                         "`synth themes` (and `synth personas`, `synth icp`), or `synth run "
                         "PATH...`, first")


def write_report(workspace: Workspace, out: Path, framework: Framework, privacy: Privacy,
                 templates: Path | None = None) -> Path:
    """Render report.html into `out`, atomically, listed in the outputs manifest."""
    check_analysed(workspace)
    prepare_chart_library()
    html = render_report(report_data(workspace, framework, privacy), templates)
    path = out / NAME
    write_outputs(out, {path: html})
    return path


def render_report(data: dict, templates: Path | None = None) -> str:
    library, versions = chart_library()
    context = {**data, "app_json": Markup(script_json(data["app"])),
               "chart_library": Markup(library), "versions": versions,
               "synth_version": __version__}
    return render_template("report.html.j2", context, templates)


def script_json(value: object) -> str:
    """JSON safe inside a <script> block: sorted keys, and `<`, `>`, `&`, U+2028 and U+2029
    escaped, so the text can never close the block or open a comment."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


_bundling: Future[tuple[str, dict[str, str]]] | None = None
_lock = threading.Lock()


def prepare_chart_library() -> None:
    """Start bundling the chart library in the background, once per process: vl-convert
    releases the GIL, so reading the workspace and redacting overlap its second or so."""
    global _bundling
    with _lock:
        if _bundling is None:
            _bundling = ThreadPoolExecutor(1, thread_name_prefix="synth-charts").submit(
                _bundle)


def chart_library() -> tuple[str, dict[str, str]]:
    """The Vega, Vega-Lite and vega-embed bundle (an ES module) and their versions."""
    prepare_chart_library()
    assert _bundling is not None
    return _bundling.result()


def _bundle() -> tuple[str, dict[str, str]]:
    try:
        import vl_convert
    except ImportError:
        raise SynthError("the HTML report needs vl-convert-python for its charts. Install "
                         "it with `pip install vl-convert-python`") from None
    bundle = vl_convert.javascript_bundle(_EXPOSE)
    if any(marker in bundle.lower() for marker in _UNSAFE_IN_SCRIPT):
        raise SynthError("this vl-convert-python's chart bundle holds '</script' or '<!--' "
                         "and cannot be inlined. Install another version of vl-convert-python")
    versions = {"vega": vl_convert.get_vega_version(),
                "vega-lite": vl_convert.get_vegalite_versions()[-1],
                "vega-embed": vl_convert.get_vega_embed_version()}
    return bundle, versions
