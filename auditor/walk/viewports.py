"""The two ways a customer meets a site: a laptop and a phone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


def context_options(
    viewport: Viewport, ua_suffix: str, scale: float | None = None
) -> dict[str, Any]:
    """Browser-context settings of one viewport: the walk and the evidence replay share them,
    so a screenshot shows the very layout whose clicks were counted."""
    return {
        "viewport": {"width": viewport.width, "height": viewport.height},
        "user_agent": f"{viewport.user_agent} {ua_suffix}",
        "is_mobile": viewport.mobile,
        "has_touch": viewport.mobile,
        "device_scale_factor": viewport.scale if scale is None else scale,
        "service_workers": "block",
        "accept_downloads": False,
        "ignore_https_errors": True,
    }
