from rulecase import Case, Page, Walk, observations, signal

REFUSAL = signal("adr_refusal", "/impressum", "nicht bereit … teilzunehmen")
BODY = signal("escalation_body", "/agb", "Universalschlichtungsstelle des Bundes")

CASES = [
    Case(
        "refusal is a statement",
        "pass",
        observations(Walk(pages=[Page("/impressum", signals=[REFUSAL])])),
        profile="de",
    ),
    Case(
        "ADR body named",
        "pass",
        observations(Walk(pages=[Page("/agb", signals=[BODY])])),
        profile="de",
    ),
    Case("nothing", "fail", observations(), profile="de"),
    Case("before VSBG §36", "not_applicable", observations(), profile="de", as_of="2016-06-01"),
]
