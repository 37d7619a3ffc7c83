"""The fixed lists of the processing agreement: categories, instruments, standards.

Each list is data with the place in the VWO it comes from; the API takes the codes and
answers them with their names, so a gemeente and Logius fill in Bijlage 1 and 2 with the
same words. The names are the usual Dutch terms, not the seed's sentences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Categorie:
    """A category of personal data (Bijlage 1 tabel 1, column 'categorieën
    persoonsgegevens'); ``bijzonder`` marks the special and sensitive ones."""

    code: str
    naam: str
    bijzonder: bool = False


#: VWO Bijlage 1 tabel 1 (toelichting): the usual categories of personal data, then the
#: special and sensitive ones, the BSN among them.
PERSOONSGEGEVENS: tuple[Categorie, ...] = (
    Categorie("arbeidsgegevens", "Arbeidsgegevens"),
    Categorie("beeldmateriaal", "Beeld- en geluidsmateriaal"),
    Categorie("contactgegevens", "Contactgegevens"),
    Categorie("identiteitsgegevens", "Identificerende nummers"),
    Categorie("inloggegevens", "Inloggegevens"),
    Categorie("internetgegevens", "Internetgegevens"),
    Categorie("locatiegegevens", "Locatiegegevens"),
    Categorie("persoonlijke-gegevens", "Persoonlijke gegevens (naam, geboortedatum, ...)"),
    Categorie("biometrische-gegevens", "Biometrische gegevens voor unieke identificatie",
              True),
    Categorie("bsn", "Burgerservicenummer (BSN)", True),
    Categorie("financiele-gegevens", "Financiële gegevens", True),
    Categorie("genetische-gegevens", "Genetische gegevens", True),
    Categorie("gezondheidsgegevens", "Gezondheidsgegevens", True),
    Categorie("vakbondslidmaatschap", "Lidmaatschap van een vakbond", True),
    Categorie("politieke-opvattingen", "Politieke opvattingen", True),
    Categorie("ras-of-etnische-afkomst", "Ras of etnische afkomst", True),
    Categorie("religie-of-levensovertuiging", "Religie of levensovertuiging", True),
    Categorie("seksueel-gedrag-of-gerichtheid", "Seksueel gedrag of seksuele gerichtheid",
              True),
    Categorie("strafrechtelijke-gegevens", "Strafrechtelijke persoonsgegevens", True),
)
CATEGORIEEN = {c.code: c for c in PERSOONSGEGEVENS}
BSN = "bsn"

#: VWO Bijlage 1 tabel 1: the instruments for a transfer outside the EER, by number.
DOORGIFTE_INSTRUMENTEN: dict[int, str] = {
    1: "Adequaatheidsbesluit (AVG art. 45)",
    2: "Specifieke uitzondering (AVG art. 49)",
    3: "Standaardcontractbepalingen (SCC's)",
    4: "Bindende bedrijfsvoorschriften (BCR's)",
    5: "Gedragscode of certificering",
    6: "Ad-hoc contractbepalingen",
}
#: VWO Bijlage 1 tabel 1 with EDPB Recommendations 01/2020 (after Schrems II): these
#: instruments need additional measures.
MET_AANVULLENDE_MAATREGELEN = frozenset({3, 4, 5, 6})

#: The EER: the EU member states, Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2).
#: A transfer names countries outside it.
EER = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    "IS", "LI", "NO",
})

#: VWO Bijlage 2 (normenstelsel): the standard the processor works to.
NORMENSTELSELS: dict[str, str] = {
    "bio": "Baseline Informatiebeveiliging Overheid (BIO)",
    "iso-27001": "NEN-EN-ISO/IEC 27001",
    "nen-7510": "NEN 7510",
    "anders": "Een andere norm (noem die)",
}

#: VWO Bijlage 2 (toereikendheid): how the processor shows its security is adequate.
TOEREIKENDHEID: dict[str, str] = {
    "certificaat-vvt": "Geldig certificaat met verklaring van toepasselijkheid",
    "externe-controles": "Rapporten van periodieke externe controles (audits, pentesten)",
    "tpm-norea": "Assurancerapport (TPM) van een NOREA-auditor",
    "eigen-controles": "Eigen controles of mededelingen (beschrijf ze)",
}

#: How the data ended when an agreement ends (VWO 2.2 with 7.1).
AFHANDELING: dict[str, str] = {
    "teruggegeven": "Teruggegeven aan de gemeente",
    "gewist": "Gewist",
    "teruggegeven-en-gewist": "Teruggegeven en daarna gewist",
}


@dataclass(frozen=True)
class Verzoeksoort:
    """What a gemeente may ask Logius' help with, and on which article."""

    code: str
    naam: str
    artikel: str


#: VWO 4.6 (a data subject's rights), 4.7 (DPIA, prior consultation) and 3.1 (an
#: instruction of the gemeente).
VERZOEKSOORTEN: tuple[Verzoeksoort, ...] = (
    Verzoeksoort("dpia", "Medewerking aan een DPIA (AVG art. 35)", "VWO 4.7"),
    Verzoeksoort("voorafgaande-raadpleging",
                 "Medewerking aan een voorafgaande raadpleging (AVG art. 36)", "VWO 4.7"),
    Verzoeksoort("verzoek-betrokkene",
                 "Hulp bij een verzoek van een betrokkene (AVG art. 12 tot en met 22)",
                 "VWO 4.6"),
    Verzoeksoort("instructie", "Een schriftelijke instructie aan Logius", "VWO 3.1"),
)
VERZOEKEN = {s.code: s for s in VERZOEKSOORTEN}
