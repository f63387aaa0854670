"""The vocabulary of titles and names: what continues an office title and what can be
part of a person's name ("Minister of Foreign Affairs of Kazakhstan Mukhtar Tileuberdi").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

CONNECTORS = frozenset({"of", "for", "the", "and", "-", "–", "—", "on", "in", "to"})
DASHES = frozenset({"-", "–", "—"})
# Lower-case particles inside a person's name ("Bashar al-Assad", "Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "von", "van", "der", "den", "de", "da", "du", "dos", "di", "del"}
    | {"la", "le", "ter", "ben", "abu"}
    | {"arap", "wa", "binti", "ould"}  # Kalenjin, Kikuyu, Malay, Hassaniya ("Daniel arap Moi")
)
FORMER = frozenset({"former", "ex", "ex-", "late"})
# Portfolio words that follow "Minister of"/"Secretary for" and are not part of a name.
PORTFOLIO_WORDS = frozenset(
    [
        "foreign",
        "affairs",
        "defence",
        "defense",
        "economy",
        "economic",
        "finance",
        "trade",
        "industry",
        "energy",
        "justice",
        "interior",
        "internal",
        "health",
        "education",
        "agriculture",
        "culture",
        "security",
        "policy",
        "development",
        "environment",
        "transport",
        "labour",
        "labor",
        "state",
        "commerce",
        "investment",
        "digital",
        "national",
        "emergency",
        "situations",
        "ecology",
        "natural",
        "resources",
        "information",
        "social",
        "science",
        "higher",
        "youth",
        "sport",
        "sports",
        "tourism",
        "infrastructure",
        "public",
        "administration",
        "home",
        "international",
        "cooperation",
        "relations",
        "european",
        "integration",
        "homeland",
    ]
)
# Words that name an institution inside a title ("spokesperson for the Chinese Ministry of
# Foreign Affairs"): they continue the title and are never part of a person's name.
INSTITUTION_WORDS = frozenset(
    [
        "ministry",
        "department",
        "office",
        "council",
        "committee",
        "commission",
        "agency",
        "government",
        "cabinet",
        "administration",
        "service",
        "parliament",
        "assembly",
        "senate",
        "house",
        "chamber",
        "court",
        "bank",
        "fund",
        "organisation",
        "organization",
        "union",
        "federation",
        "republic",
        "kingdom",
        "state",
        "states",
        "presidency",
        "secretariat",
        "directorate",
        "bureau",
        "authority",
        # the units a sub-national title names ("Governor of the Province of ...",
        # "Minister-President of the Federal Land of Bavaria")
        "federal",
        "land",
        "province",
        "region",
        "oblast",
        "territory",
        "prefecture",
        "governorate",
        "canton",
        "county",
        "municipality",
    ]
)


def continues_title(tok: Token) -> bool:
    return tok.is_title or tok.is_upper or tok.lower_ in ("the",) or tok.text in DASHES


def is_name_token(tok: Token) -> bool:
    if tok.is_punct or tok.like_num or tok.is_space:
        return False
    text = tok.text
    if text.lower() in PORTFOLIO_WORDS or text.lower() in INSTITUTION_WORDS:
        return False
    return (
        text[:1].isupper() and (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))
    ) or (len(text) <= 3 and text.endswith(".") and text[:1].isupper())


def is_name_particle(tok: Token) -> bool:
    """A particle inside a name: lower case, and a capitalised name word follows it
    (possibly after a hyphen: "al-Assad", or after more particles: "von der Leyen")."""
    if tok.lower_ not in NAME_PARTICLES or not tok.text.islower():
        return False
    doc = tok.doc
    j = tok.i + 1
    if j < len(doc) and doc[j].text in DASHES and not tok.whitespace_:
        j += 1
    while j < len(doc) and j < tok.i + 3 and doc[j].lower_ in NAME_PARTICLES and doc[j].text.islower():
        j += 1  # "van den", "von der", "de la"
    return j < len(doc) and is_name_token(doc[j])


def name_text(span: Span) -> str:
    return clean_text(span.text)


def clean_text(text: str) -> str:
    return " ".join(text.split()).strip(" ,-–—")


#: Nouns that make a leader's name stand for their government ("the Bush administration",
#: "the Netanyahu government"), with the office the name is read under: an administration
#: or a regime is a president's (a head of state's), a government or cabinet a premier's.
LEADER_BODIES = {
    "administration": "head_of_state",
    "regime": "head_of_state",
    "government": "head_of_government",
    "cabinet": "head_of_government",
}


#: Prefixes that make the state after them the one a group favours or opposes, not its own
#: ("pro-Russian separatists" are Ukrainians; "an anti-Syria journalist" is Lebanese).
STANCE_PREFIXES = frozenset({"pro", "anti"})


def stance_prefixed(tok: Token) -> bool:
    """Whether a state's name or demonym follows "pro-" or "anti-" ("pro-Russia rebels")."""
    doc, i = tok.doc, tok.i
    return i >= 2 and doc[i - 1].text in DASHES and doc[i - 2].lower_ in STANCE_PREFIXES
