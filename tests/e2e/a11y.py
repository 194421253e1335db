"""Automated accessibility check: axe-core (bundled by axe-playwright-python) run in the page.

Rules of WCAG 2.0/2.1 levels A and AA; a violation of impact "serious" or "critical" fails the test
and names the rule and the elements. Minor and moderate findings are returned for the report.
"""

from pathlib import Path
from typing import Any

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )
    return list(result["violations"])


def assert_accessible(page: Any, where: str) -> list[dict[str, Any]]:
    """Fail on serious or critical violations on the current page; return the lesser ones."""
    violations = axe_violations(page)
    blocking = [v for v in violations if v.get("impact") in BLOCKING]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in v["nodes"][:5]
        )
        for v in blocking
    )
    assert not blocking, f"axe-core on {where} ({page.url}):\n{details}"
    return [v for v in violations if v.get("impact") not in BLOCKING]
