"""Moving through a page with the Tab key only, checking on the way that every control shows where focus is."""

FOCUS_SHOWN = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) || style.boxShadow !== 'none';
}"""
DESCRIBE = """() => {
    const element = document.activeElement;
    return element.tagName.toLowerCase() + (element.name ? `[name=${element.name}]` : '')
        + ` "${(element.innerText || element.value || '').trim().slice(0, 40)}"`;
}"""


class Walk:
    """Presses Tab until the focused element satisfies a JavaScript predicate (`element => bool`); remembers the
    controls that got focus without a visible outline."""

    def __init__(self, page):
        self.page = page
        self.unmarked = []

    def tab_to(self, predicate, limit=80, backwards=False):
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            if self.page.evaluate("() => document.activeElement !== document.body") and not self.page.evaluate(
                FOCUS_SHOWN
            ):
                self.unmarked.append(self.page.evaluate(DESCRIBE))
            if self.page.evaluate(f"() => ({predicate})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached {predicate} on {self.page.url}")

    def focus_shown(self):
        return self.page.evaluate(FOCUS_SHOWN)
