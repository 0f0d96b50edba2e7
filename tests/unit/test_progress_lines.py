"""Progress lines name a milestone's page clicks as what they are: a lower bound."""

from __future__ import annotations

import io

from auditor.models import ChannelSighting, PageFacts
from auditor.progress import Progress


def _contact_page(url: str) -> PageFacts:
    phone = ChannelSighting(
        kind="phone", value="+441234567890", raw="01234 567890", human=True, url=url
    )
    return PageFacts(url=url, channels=[phone])


def test_a_milestone_is_said_to_lie_on_a_page_so_many_clicks_in() -> None:
    out = io.StringIO()
    progress = Progress(rich=False, stream=out)
    progress.page("desktop", 1, "https://brand.example/contact", 200, clicks=4)
    progress.found(
        "desktop", "https://brand.example/contact", _contact_page("https://brand.example/contact")
    )
    progress.found(
        "mobile", "https://brand.example/late", _contact_page("https://brand.example/late")
    )
    lines = out.getvalue().splitlines()
    assert "desktop found contact on a page 4 clicks in: https://brand.example/contact" in lines
    assert "mobile found contact on a page reached by a press: https://brand.example/late" in lines
    assert not any(" at " in line and "clicks" in line for line in lines)
