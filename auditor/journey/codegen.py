"""``playwright codegen --target python`` recording → journey file, by reading its syntax tree.

The recording is Python, and Python can do anything: it is parsed with ``ast`` and never
executed, imported or evaluated.  Only the calls a journey can express are converted
(goto, click, hover, press, fill, wait_for_url, expect(...).to_be_visible/to_have_url);
the browser set-up and tear-down calls are skipped; every other call is reported with its
line.  A value typed into a field is not copied (it may be a password): the journey reads
it from an environment variable instead.
"""

from __future__ import annotations

import ast
from typing import Any

import yaml

from auditor.journey.model import JourneyError

SETUP = frozenset(
    {
        "launch",
        "new_context",
        "new_page",
        "close",
        "run",
        "sync_playwright",
        "async_playwright",
        "set_default_timeout",
        "storage_state",
        "expect_popup",
    }
)
PAGE_NAMES = ("page",)


def _const(node: ast.expr | None) -> Any:
    return node.value if isinstance(node, ast.Constant) else None


def _kw(call: ast.Call, name: str) -> Any:
    return next((_const(k.value) for k in call.keywords if k.arg == name), None)


def _target(node: ast.expr) -> dict[str, Any] | None:
    """``page.get_by_role("link", name="Help")`` (and .first / .nth(0)) → a journey target."""
    if isinstance(node, ast.Attribute) and node.attr in ("first", "last"):
        return _target(node.value)
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    how, owner = node.func.attr, node.func.value
    if how == "nth":
        return _target(owner)
    if not (isinstance(owner, ast.Name) and owner.id.startswith(PAGE_NAMES)):
        return None
    arg = _const(node.args[0]) if node.args else None
    if not isinstance(arg, str):
        return None
    exact = {"exact": True} if _kw(node, "exact") is True else {}
    if how == "get_by_role":
        name = _kw(node, "name")
        return {"role": arg, **({"name": name} if isinstance(name, str) else {}), **exact}
    if how == "get_by_text":
        return {"text": arg, **exact}
    if how == "get_by_label":
        return {"role": "textbox", "name": arg, **exact}
    if how == "locator":
        return {"selector": arg}
    if how == "get_by_placeholder":
        return {"selector": f'[placeholder="{arg}"]'}
    if how == "get_by_test_id":
        return {"selector": f'[data-testid="{arg}"]'}
    return None


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.steps: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self.fills = 0

    def unsupported(self, node: ast.AST, why: str = "unsupported call") -> None:
        text = (ast.get_source_segment(self.source, node) or "").strip().splitlines()
        self.problems.append(
            f"line {getattr(node, 'lineno', '?')}: {why}: {text[0][:80] if text else ''}"
        )

    def call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SETUP:
            return
        if not isinstance(func, ast.Attribute):
            self.unsupported(node)
            return
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id.startswith(PAGE_NAMES):
            url = _const(node.args[0]) if node.args else None
            if name == "goto" and isinstance(url, str):
                self.steps.append({"goto": url})
                return
            if name == "wait_for_url" and isinstance(url, str):
                self.steps.append({"wait_for": {"url": url}})
                return
            self.unsupported(node)
            return
        if isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "expect":
            self.expect(node, owner)
            return
        target = _target(owner)
        if target is None:
            self.unsupported(node)
            return
        if name in ("click", "hover", "dblclick"):
            self.steps.append({"hover" if name == "hover" else "click": target})
        elif name == "press":
            key = _const(node.args[0]) if node.args else "Enter"
            self.steps.append({"press": {**target, "key": key}})
        elif name == "fill":
            self.fill(target)
        else:
            self.unsupported(node)

    def fill(self, target: dict[str, Any]) -> None:
        self.fills += 1
        spec: dict[str, Any] = {"env": f"JOURNEY_FILL_{self.fills}"}
        if "selector" in target:
            spec["selector"] = target["selector"]
        elif "role" in target:
            spec["role"] = target["role"]
            if "name" in target:
                spec["name"] = target["name"]
        else:
            spec["selector"] = f"text={target.get('text', '')}"
        self.steps.append({"fill": spec})

    def expect(self, node: ast.Call, inner: ast.Call) -> None:
        assert isinstance(node.func, ast.Attribute)
        what = node.func.attr
        arg = _const(node.args[0]) if node.args else None
        if what == "to_have_url" and isinstance(arg, str):
            self.steps.append({"expect": {"url": arg}})
            return
        target = _target(inner.args[0]) if inner.args else None
        if what == "to_be_visible" and target is not None and "text" in target:
            self.steps.append({"expect": {"text": target["text"]}})
            return
        if what in ("to_contain_text", "to_have_text") and isinstance(arg, str):
            self.steps.append({"expect": {"text": arg}})
            return
        self.unsupported(node, "unsupported expectation")


def convert(source: str, filename: str = "recording.py") -> tuple[str, list[str]]:
    """The journey YAML and the lines that could not be converted (never runs ``source``)."""
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as exc:
        raise JourneyError(f"{filename}: not Python (line {exc.lineno}): {exc.msg}") from None
    reader = _Reader(source)
    steps = _in_source_order(tree, reader)
    gotos = [s["goto"] for s in steps if "goto" in s]
    if not gotos:
        raise JourneyError(f"{filename}: the recording never opens a page (no page.goto)")
    start = gotos[0]
    if steps and steps[0].get("goto") == start:
        steps = steps[1:]
    doc = {"start": start, "viewports": ["desktop"], "steps": steps}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), reader.problems


def _in_source_order(tree: ast.Module, reader: _Reader) -> list[dict[str, Any]]:
    """Read the calls in line order (``ast.walk`` visits breadth-first)."""
    calls = [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
    ]
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        reader.call(call)
    return reader.steps
