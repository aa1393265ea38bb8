"""axe-core (vendored from npm, tests/support/vendor/axe-core) injected into a Playwright page: the serious and
critical accessibility violations of what the page shows."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


def violations(page):
    """[(rule id, impact, help, [target selectors...]), ...] of serious and critical violations, WCAG 2.x A and AA
    rules and axe's best practices."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return {checked: result.passes.length + result.violations.length, violations: result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }))};
        }"""
    )
    assert found["checked"] > 10, f"axe checked almost nothing on {page.url}"
    found = found["violations"]
    return [(v["id"], v["impact"], v["help"], v["targets"]) for v in found if v["impact"] in SEVERE]


def describe(found):
    return "\n".join(f"  {rule} ({impact}): {text}: {', '.join(targets)}" for rule, impact, text, targets in found)
