"""Dutch names: the tussenvoegsel ("van der", "de", "van 't") and the order in which Dutch schools sort.

A school list sorts "Zoë van der Berg" under B: by achternaam without tussenvoegsel, then roepnaam,
ignoring case and accents ("Ömer" beside "Omer"). The key is stored on each person (`sort_name`) so
that the database sorts and pages lists; Python never sorts a whole school.
"""

import unicodedata

# The words a Dutch tussenvoegsel is made of (lower case). A name's leading words that are all in
# this list, and are written in lower case, are its tussenvoegsel: "van der Berg" -> ("van der", "Berg").
PREFIX_WORDS = frozenset({
    "van", "de", "der", "den", "het", "'t", "t", "te", "ten", "ter", "in", "op", "aan", "bij", "uit", "onder",
    "voor", "over", "tot", "'s", "d'", "l'", "la", "le", "les", "du", "des", "di", "da", "del", "della", "dos",
    "el", "al", "von", "zu", "vom", "am", "im",
})


def split_tussenvoegsel(last_name: str) -> tuple[str, str]:
    """("van der", "Berg") for "van der Berg"; ("", "Jansen") for "Jansen". Only leading lower-case
    prefix words count, and at least one word is left as the achternaam."""
    words = last_name.split()
    prefix: list[str] = []
    while len(words) > 1 and words[0] == words[0].lower() and words[0] in PREFIX_WORDS:
        prefix.append(words.pop(0))
    return " ".join(prefix), " ".join(words)


def display_name(first_name: str, tussenvoegsel: str, last_name: str) -> str:
    """"Zoë van der Berg": roepnaam, tussenvoegsel, achternaam, with no double spaces."""
    return " ".join(part for part in (first_name.strip(), tussenvoegsel.strip(), last_name.strip()) if part)


def fold(text: str) -> str:
    """Lower case without accents: "Ömer" and "Omer" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def sort_key(*, first_name: str, last_name: str) -> str:
    """The stored sort key: achternaam (without tussenvoegsel), then roepnaam, folded."""
    return f"{fold(last_name)}\x1f{fold(first_name)}"[:300]


SYSTEM = "systeem"


def account_name(user) -> str:
    """How an account is named where a person is shown or recorded as having done something: the
    full name, else the username; "systeem" for work no person did (a command, the worker), which
    is stored as content and so stays Dutch whatever the language of the request."""
    if user is None or not getattr(user, "is_authenticated", True):
        return SYSTEM
    return user.get_full_name() or user.get_username()
