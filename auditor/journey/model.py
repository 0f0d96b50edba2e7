"""The journey file: a scripted way through a site the walk cannot find alone (DESIGN §11).

YAML, validated by the pydantic models below; ``auditor journey schema`` publishes their
JSON Schema (docs/journey.schema.json, checked fresh by a test).  Secrets never appear
in the file itself: a cookie, a header or a login field names the *environment variable*
that holds its value, so the file can be committed and no output can leak it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from auditor.errors import UsageError
from auditor.models import ViewportName

KNOWN_MILESTONES = ("contact", "complaint", "escalation", "cancel", "signup")
MILESTONE_NAME = r"^[a-z][a-z0-9_-]{0,39}$"
ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"


class JourneyError(UsageError):
    """A journey file that cannot be run, or a step the auditor refuses (exit 2)."""


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Target(_M):
    """Which element a step acts on: role + accessible name, visible text, or a CSS selector."""

    role: str | None = Field(None, description="ARIA role, e.g. link, button, menuitem")
    name: str | None = Field(None, description="accessible name (with role)")
    text: str | None = Field(None, description="visible text")
    selector: str | None = Field(None, description="CSS selector")
    exact: bool = Field(False, description="name/text must match exactly")

    @model_validator(mode="after")
    def _one_way(self) -> Target:
        ways = sum(1 for v in (self.role, self.text, self.selector) if v)
        if ways != 1:
            raise ValueError("give exactly one of role (+ name), text or selector")
        if self.name and not self.role:
            raise ValueError("name needs a role")
        return self

    def describe(self) -> str:
        if self.role:
            return f"{self.role} '{self.name}'" if self.name else str(self.role)
        if self.text:
            return f"text '{self.text}'"
        return f"selector {self.selector}"


class KeyPress(Target):
    key: str = Field("Enter", description="the key pressed on the element (Playwright name)")


class Fill(_M):
    """Type into a field without submitting: literal ``value`` or ``env`` (a variable name)."""

    selector: str | None = None
    role: str | None = None
    name: str | None = None
    value: str | None = None
    env: str | None = Field(None, pattern=ENV_NAME)

    @model_validator(mode="after")
    def _one_value(self) -> Fill:
        if (self.value is None) == (self.env is None):
            raise ValueError("give exactly one of value or env")
        if not self.selector and not self.role:
            raise ValueError("give a selector or a role (+ name)")
        return self


class WaitFor(_M):
    text: str | None = None
    selector: str | None = None
    url: str | None = Field(None, description="a substring of the URL")
    timeout_s: float = Field(5.0, gt=0, le=60)

    @model_validator(mode="after")
    def _one(self) -> WaitFor:
        if sum(1 for v in (self.text, self.selector, self.url) if v) != 1:
            raise ValueError("give exactly one of text, selector or url")
        return self


class Expect(_M):
    text: str | None = Field(None, description="visible on the page")
    channel: Literal["phone", "email", "form", "chat", "whatsapp", "messaging", "postal"] | None = (
        Field(None, description="a channel of this kind visible on the page")
    )
    url: str | None = Field(None, description="a substring of the URL")

    @model_validator(mode="after")
    def _one(self) -> Expect:
        if sum(1 for v in (self.text, self.channel, self.url) if v) != 1:
            raise ValueError("give exactly one of text, channel or url")
        return self


class Login(_M):
    """The one authorised action: fill a login form from env vars and submit it once."""

    url: str = Field(description="the login page (its form posts here unless `action` says)")
    fields: dict[str, str] = Field(description="CSS selector -> name of the env var to type")
    submit: str = Field(description="CSS selector of the submit control")
    action: str | None = Field(None, description="URL the form posts to (default: url)")

    @model_validator(mode="after")
    def _env_names(self) -> Login:
        for sel, env in self.fields.items():
            if not re.match(ENV_NAME, env):
                raise ValueError(f"field {sel}: '{env}' is not an environment variable name")
        return self


class JourneyStep(_M):
    """One step: exactly one of the keys below."""

    goto: str | None = Field(None, description="load a URL (a load, not a click)")
    click: Target | None = None
    hover: Target | None = None
    press: KeyPress | None = None
    fill: Fill | None = None
    wait_for: WaitFor | None = None
    expect: Expect | None = None
    milestone: str | None = Field(None, pattern=MILESTONE_NAME)
    login: Login | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> JourneyStep:
        given = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a step has exactly one of: " + ", ".join(type(self).model_fields)
                if not given
                else f"a step has exactly one action, not {', '.join(given)}"
            )
        return self

    @property
    def kind(self) -> str:
        return next(k for k in type(self).model_fields if getattr(self, k) is not None)


class Cookie(_M):
    name: str
    env: str = Field(pattern=ENV_NAME, description="environment variable holding the value")
    domain: str | None = Field(None, description="default: the start URL's host")
    path: str = "/"


class Auth(_M):
    storage_state: Path | None = Field(None, description="a Playwright storage-state JSON file")
    cookies: list[Cookie] = Field(default_factory=list)
    headers: dict[str, str] = Field(
        default_factory=dict, description="header name -> environment variable holding it"
    )

    @model_validator(mode="after")
    def _env_names(self) -> Auth:
        for header, env in self.headers.items():
            if not re.match(ENV_NAME, env):
                raise ValueError(f"header {header}: '{env}' is not an environment variable name")
        return self


def _desktop() -> list[ViewportName]:
    return ["desktop"]


class Journey(_M):
    """A scripted journey (DESIGN §11)."""

    start: str = Field(description="start URL, loaded fresh: 0 clicks")
    viewports: list[ViewportName] = Field(default_factory=_desktop, min_length=1)
    auth: Auth | None = None
    steps: list[JourneyStep] = Field(default_factory=list)
    explore: bool = Field(False, description="hand the final state over to the walk")

    @model_validator(mode="after")
    def _one_login(self) -> Journey:
        logins = [i for i, s in enumerate(self.steps) if s.login is not None]
        if len(logins) > 1:
            raise ValueError(f"one login step at most (steps {logins})")
        return self


def schema() -> dict[str, Any]:
    return Journey.model_json_schema()


def schema_text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=True) + "\n"


def _where(loc: tuple[int | str, ...]) -> str:
    """``steps.3.click.role`` → ``step 3: click.role``."""
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] == "steps":
        rest = ".".join(parts[2:])
        return f"step {parts[1]}" + (f": {rest}" if rest else "")
    return ".".join(parts) or "journey"


def parse_journey(data: Any, source: str = "journey") -> Journey:
    """Validate; the first problem becomes one line naming the step and field."""
    try:
        return Journey.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        raise JourneyError(f"{source}: {_where(tuple(err.get('loc', ())))}: {msg}") from None


def load_journey(path: Path) -> Journey:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise JourneyError(f"cannot read {path}: {exc.__class__.__name__}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise JourneyError(f"{path}: not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise JourneyError(f"{path}: a journey file is a mapping (start, steps, ...)")
    return parse_journey(data, str(path))
