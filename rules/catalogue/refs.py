"""Legal and guidance anchors shared by the rules, each with the date it binds from.

One constant per instrument so a date is written once: profiles decide whether a rule is
in force on an ``--as-of`` date from these dates (see ``rules.engine``), so a wrong date
here would switch a rule on or off for a whole jurisdiction.  Sources: REFERENCE.md §2;
wording must be verified against the official text before it is quoted to a client.
"""

from __future__ import annotations

from rules.model import Reference

# --- guidance that applies everywhere (jurisdiction "") ---------------------------------

ISO_10002 = Reference(
    instrument="ISO 10002:2018 Customer satisfaction — Guidelines for complaints handling",
    article="§5, §7 (visibility, accessibility, responsiveness)",
    url="https://www.iso.org/standard/71580.html",
    effective_from="always",
    note="International standard: good practice, not law.",
)
OECD_ECOMMERCE = Reference(
    instrument="OECD Recommendation on Consumer Protection in E-commerce",
    article="Part Two, Section C (information about the business)",
    url="https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0422",
    effective_from="2016-03-24",
    note="Adopted 24 March 2016. Guidance, not law.",
)

# --- European Union ----------------------------------------------------------------------

ECD_ART5 = Reference(
    instrument="EU e-Commerce Directive 2000/31/EC",
    article="Art. 5(1)(c)",
    url="https://eur-lex.europa.eu/eli/dir/2000/31/oj",
    effective_from="2002-01-17",
    jurisdiction="EU",
    note="Contact details, incl. e-mail, 'easily, directly and permanently accessible'.",
)
CJEU_C298_07 = Reference(
    instrument="CJEU C-298/07 (Bundesverband v deutsche internet versicherung)",
    article="ECD Art. 5(1)(c): e-mail alone is not enough; a second rapid, direct means",
    url="https://curia.europa.eu/juris/liste.jsf?num=C-298/07",
    effective_from="2008-10-16",
    jurisdiction="EU",
)
CRD_ART6 = Reference(
    instrument="EU Consumer Rights Directive 2011/83/EU",
    article="Art. 6(1)(c)",
    url="https://eur-lex.europa.eu/eli/dir/2011/83/oj",
    effective_from="2014-06-13",
    jurisdiction="EU",
    note="Address, phone and e-mail before a contract (no duty to create a phone line: C-649/17).",
)
CRD_ART21 = Reference(
    instrument="EU Consumer Rights Directive 2011/83/EU",
    article="Art. 21 (communication by telephone: no more than the basic rate)",
    url="https://eur-lex.europa.eu/eli/dir/2011/83/oj",
    effective_from="2014-06-13",
    jurisdiction="EU",
)
CRD_ART11A = Reference(
    instrument="EU Consumer Rights Directive 2011/83/EU, as amended by Directive (EU) 2023/2673",
    article="Art. 11a (withdrawal function)",
    url="https://eur-lex.europa.eu/eli/dir/2023/2673/oj",
    effective_from="2026-06-19",
    jurisdiction="EU",
    note="'Withdraw from contract here', then 'confirm withdrawal'; prominent, easily reachable.",
)
DSA_ART12 = Reference(
    instrument="EU Digital Services Act, Regulation (EU) 2022/2065",
    article="Art. 12 (points of contact for recipients of the service)",
    url="https://eur-lex.europa.eu/eli/reg/2022/2065/oj",
    effective_from="2024-02-17",
    jurisdiction="EU",
    note="Binds providers of intermediary services: a means of contact not solely automated.",
)
DSA_ART25 = Reference(
    instrument="EU Digital Services Act, Regulation (EU) 2022/2065",
    article="Art. 25 (online interface design: no dark patterns)",
    url="https://eur-lex.europa.eu/eli/reg/2022/2065/oj",
    effective_from="2024-02-17",
    jurisdiction="EU",
    note="Binds online platforms; names termination harder than sign-up as a practice.",
)
ODR_ART14 = Reference(
    instrument="EU ODR Regulation (EU) No 524/2013",
    article="Art. 14(1) (link to the ODR platform)",
    url="https://eur-lex.europa.eu/eli/reg/2013/524/oj",
    effective_from="2016-01-09",
    effective_to="2025-07-19",
    jurisdiction="EU",
    note="Online traders had to link the ODR platform until it closed.",
)
ODR_REPEAL = Reference(
    instrument="Regulation (EU) 2024/3228 repealing the ODR Regulation",
    article="Art. 1-2 (ODR platform discontinued)",
    url="https://eur-lex.europa.eu/eli/reg/2024/3228/oj",
    effective_from="2025-07-20",
    jurisdiction="EU",
    note="Platform stopped taking complaints 20 March 2025 and closed 20 July 2025.",
)
ADR_DIRECTIVE_ART13 = Reference(
    instrument="EU ADR Directive 2013/11/EU",
    article="Art. 13 (information on ADR entities)",
    url="https://eur-lex.europa.eu/eli/dir/2013/11/oj",
    effective_from="2015-07-09",
    jurisdiction="EU",
)

# --- Member states and others ------------------------------------------------------------

ES_LEY_SAC = Reference(
    instrument="ES Ley de Servicios de Atención a la Clientela",
    article="right to a human agent; no premium or shared-cost lines; 15 working days",
    url="https://www.boe.es/",
    effective_from="2026-12-27",
    jurisdiction="ES",
    note="Published in the BOE on 27 Dec 2025 with 12 months to adapt: we date it 2026-12-27.",
)
ES_RDL_1_2007_ART21 = Reference(
    instrument="ES Real Decreto Legislativo 1/2007 (TRLGDCU), as amended by Ley 3/2014",
    article="Art. 21.2 (customer-service lines no dearer than a basic-rate call)",
    url="https://www.boe.es/eli/es/rdlg/2007/11/16/1/con",
    effective_from="2014-03-29",
    jurisdiction="ES",
)
ES_HOJAS = Reference(
    instrument="ES hojas de reclamaciones (regional consumer rules)",
    article="official complaint sheets, online sellers included",
    url="https://www.consumo.gob.es/",
    effective_from="always",
    jurisdiction="ES",
    note="Regional rules; dates differ by region.",
)
DE_BGB_312K = Reference(
    instrument="DE Bürgerliches Gesetzbuch",
    article="§312k (Kündigungsbutton)",
    url="https://www.gesetze-im-internet.de/bgb/__312k.html",
    effective_from="2022-07-01",
    jurisdiction="DE",
    note="Courts held a login requirement or hiding among many links non-compliant.",
)
DE_BGB_312A5 = Reference(
    instrument="DE Bürgerliches Gesetzbuch",
    article="§312a(5) (no surcharge above the basic rate for service calls)",
    url="https://www.gesetze-im-internet.de/bgb/__312a.html",
    effective_from="2014-06-13",
    jurisdiction="DE",
)
DE_VSBG_36 = Reference(
    instrument="DE Verbraucherstreitbeilegungsgesetz (VSBG)",
    article="§36 (statement on taking part in consumer dispute resolution)",
    url="https://www.gesetze-im-internet.de/vsbg/__36.html",
    effective_from="2017-02-01",
    jurisdiction="DE",
)
DE_TMG_DDG_IMPRESSUM = Reference(
    instrument="DE Digitale-Dienste-Gesetz (formerly §5 TMG)",
    article="§5 DDG (Impressum: rapid electronic contact and e-mail)",
    url="https://www.gesetze-im-internet.de/ddg/__5.html",
    effective_from="2024-05-14",
    jurisdiction="DE",
    note="§5 TMG carried the same duty from 2007 until the DDG replaced it.",
)
FR_L612_1 = Reference(
    instrument="FR Code de la consommation",
    article="L.612-1 (free access to a consumer mediator), L.616-1 (mediator's details)",
    url="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000032224810",
    effective_from="2016-01-01",
    jurisdiction="FR",
)
IL_CONSUMER = Reference(
    instrument="IL Consumer Protection Law 5741-1981",
    article="§13D, §18B (cancellation; call-centre waiting time)",
    url="https://www.gov.il/he/departments/consumer_protection_and_fair_trade_authority",
    effective_from="always",
    jurisdiction="IL",
    note="Amendments already in force; verify the date of each amendment before quoting.",
)
UK_DISP1 = Reference(
    instrument="UK FCA Handbook DISP 1",
    article="DISP 1.2 (published procedure), 1.6 (8-week final response, FOS referral)",
    url="https://www.handbook.fca.org.uk/handbook/DISP/1/",
    effective_from="always",
    jurisdiction="UK",
    note="FCA-regulated firms only.",
)
UK_CONSUMER_DUTY = Reference(
    instrument="UK FCA Consumer Duty",
    article="PRIN 2A (no unreasonable barriers to complain, switch or cancel)",
    url="https://www.handbook.fca.org.uk/handbook/PRIN/2A/",
    effective_from="2023-07-31",
    jurisdiction="UK",
)
UK_CCR_REG41 = Reference(
    instrument="UK Consumer Contracts Regulations 2013",
    article="reg. 41 (helplines no dearer than the basic rate)",
    url="https://www.legislation.gov.uk/uksi/2013/3134/regulation/41",
    effective_from="2014-06-13",
    jurisdiction="UK",
)
US_FTC_CLICK_TO_CANCEL = Reference(
    instrument="US FTC Negative Option Rule ('click to cancel'), 16 CFR 425",
    article="§425.6 (simple cancellation mechanism)",
    url="https://www.ftc.gov/legal-library/browse/federal-register-notices/16-cfr-part-425",
    effective_from="2025-01-14",
    effective_to="2025-07-07",
    jurisdiction="US",
    note="Vacated by the 8th Circuit on 8 July 2025: a benchmark only, not law.",
)
US_CA_ARL = Reference(
    instrument="US California Automatic Renewal Law (Bus. & Prof. Code §17602), AB 2863",
    article="§17602(d) (cancel online in the same medium)",
    url="https://leginfo.legislature.ca.gov/",
    effective_from="2025-07-01",
    jurisdiction="US-CA",
)
