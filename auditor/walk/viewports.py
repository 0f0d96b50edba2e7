"""The two ways a customer meets a site: a laptop and a phone."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.models import ViewportName

DESKTOP_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@dataclass(frozen=True)
class Viewport:
    name: ViewportName
    width: int
    height: int
    mobile: bool
    user_agent: str
    scale: float = 1.0


VIEWPORTS: dict[str, Viewport] = {
    "desktop": Viewport("desktop", 1366, 768, False, DESKTOP_UA),
    "mobile": Viewport("mobile", 390, 844, True, MOBILE_UA, 2.0),
}
