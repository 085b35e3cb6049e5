"""The data the conflict check uses to see one person behind names written differently.

Plain tables, in one place, so that a coordinator's "these two are the same name" becomes a one-line
change. Every entry is lower-case ASCII, as `intake.normalise.conflict_tokens` sees words after
transliteration. After editing a table, rebuild the name index (`manage.py conflict_index_rebuild`):
the index stores names in their canonical form.
"""

# Short forms of names as clinics and consulates write them: abbreviations ("Ma." for María, with or
# without the full stop), and the familiar names people give at intake ("Paco" for Francisco). Each
# stands for one full name. Surname abbreviations common on Mexican documents are included.
SHORT_FORMS: dict[str, str] = {
    # given names
    "ma": "maria",
    "fco": "francisco",
    "jse": "jose",
    "jos": "jose",
    "gpe": "guadalupe",
    "guad": "guadalupe",
    "fdo": "fernando",
    "ant": "antonio",
    "anto": "antonio",
    "mgda": "magdalena",
    "mgdo": "magdaleno",
    "mnl": "manuel",
    "migl": "miguel",
    "ign": "ignacio",
    "sgo": "santiago",
    "stgo": "santiago",
    "alfo": "alfonso",
    "glmo": "guillermo",
    "concep": "concepcion",
    # familiar names (hipocorísticos) that stand for one given name
    "pepe": "jose",
    "paco": "francisco",
    "pancho": "francisco",
    "chuy": "jesus",
    "chucho": "jesus",
    "lupe": "guadalupe",
    "nacho": "ignacio",
    "memo": "guillermo",
    "lalo": "eduardo",
    "quique": "enrique",
    "tono": "antonio",
    "chela": "graciela",
    "chayo": "rosario",
    "meche": "mercedes",
    "concha": "concepcion",
    "conchita": "concepcion",
    "lencho": "lorenzo",
    # English abbreviations still seen on older documents
    "wm": "william",
    "chas": "charles",
    "thos": "thomas",
    "jas": "james",
    "geo": "george",
    "robt": "robert",
    # Muhammad as abbreviated in South Asian documents
    "md": "muhammad",
    "mohd": "muhammad",
    # surnames
    "hdez": "hernandez",
    "hndz": "hernandez",
    "fdez": "fernandez",
    "glez": "gonzalez",
    "gzlz": "gonzalez",
    "rguez": "rodriguez",
    "rdz": "rodriguez",
    "rodz": "rodriguez",
    "mtz": "martinez",
    "mtnez": "martinez",
    "gtz": "gutierrez",
    "gtrrez": "gutierrez",
    "sanchz": "sanchez",
}

# Transliterations of one name: every spelling in a group becomes the group's first one.
VARIANT_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "muhammad",
        "mohammed",
        "mohammad",
        "mohamed",
        "mohamad",
        "muhammed",
        "muhamad",
        "muhamed",
        "mohamud",
        "mohammod",
        "mouhamed",
        "mouhamad",
        "mahomed",
        "muhamet",
        "mehmet",
        "mehmed",
    ),
    ("yusuf", "youssef", "yousef", "yousif", "yusef", "youssif", "yousuf", "yussuf", "yosef", "youcef"),
    ("hussein", "husain", "hussain", "husein", "hossein", "husayn", "hosein", "houssein", "hussien"),
    ("hassan", "hasan", "hasson"),
    ("hussam", "hossam", "husam"),
    ("ahmed", "ahmad", "ahmet", "ahmid"),
    ("mahmoud", "mahmud", "mahmood", "mehmood"),
    ("mustafa", "mustapha", "moustafa", "mostafa", "mustafah"),
    ("omar", "umar", "omer"),
    ("osama", "usama", "oussama"),
    ("ibrahim", "ebrahim", "ibraheem", "ibrahem"),
    ("khaled", "khalid", "khaleed"),
    ("abdallah", "abdalla"),
    ("fatima", "fatimah", "fatma", "fatemeh"),
    ("aisha", "aysha", "ayesha", "aicha", "aishah"),
    ("yasmin", "yasmine", "yasmeen", "jasmin", "jazmin"),
    ("oleksandr", "aleksandr", "alexander", "alexandr", "aleksander", "oleksander", "olexandr", "alexandre"),
    ("oleksiy", "oleksii", "aleksei", "alexei", "alexey", "aleksey"),
    ("sergei", "sergey", "serhiy", "serhii", "sergii", "sergiy", "serguei"),
    ("yevgeny", "evgeny", "evgeni", "evgenii", "evgeniy", "yevgeniy", "yevgeni", "yevhen", "ievgen"),
    ("dmitri", "dmitry", "dmitriy", "dmytro", "dimitri", "dimitry"),
    ("yuri", "yury", "yuriy", "yurii", "iurii"),
    ("andriy", "andrii", "andrei", "andrey"),
    ("mykola", "nikolai", "nikolay", "nicolai"),
    ("volodymyr", "vladimir", "wladimir"),
    ("tetiana", "tatiana", "tatyana", "tatjana"),
    ("nataliya", "natalia", "natalya", "natalija"),
    ("yuliya", "yulia", "iuliia", "julija"),
    ("olena", "elena", "yelena", "jelena", "alena"),
    ("nguyen", "ngyuen", "nguyn", "nguen", "nuyen", "nquyen", "ngueyn"),
    ("jesus", "jezus"),
)

# Words that belong to the surname that follows them: "de la Cruz" is written "Delacruz" as often,
# so these are joined to the next word. Le, Du and Do are left out: they are also Vietnamese and
# Chinese surnames. Van is a particle only outside Vietnamese names (Nguyễn Văn Minh).
PARTICLES: frozenset[str] = frozenset(
    {
        "de",
        "del",
        "dela",
        "della",
        "delle",
        "degli",
        "di",
        "da",
        "das",
        "dos",
        "la",
        "las",
        "los",
        "van",
        "vander",
        "vanden",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "vom",
        "zu",
        "abu",
        "abou",
    }
)
VIETNAMESE_MARKERS: frozenset[str] = frozenset(
    {
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ngo",
        "duong",
        "thi",
    }
)

# "y" joining two surnames: "García y López" is "García López".
CONJUNCTIONS: frozenset[str] = frozenset({"y"})

# The Arabic article: "al-", "el-", and its assimilated forms before sun letters (ar-Rashid, as-Sayed).
ARTICLES: frozenset[str] = frozenset({"al", "el", "ul"})
ASSIMILATED_ARTICLES: frozenset[str] = frozenset(
    {"ad", "ar", "as", "at", "az", "an", "ash", "ath", "adh", "ud", "ur", "us", "un", "ut"}
)
# "Abd" (servant of) with the article: Abd al-Rahman, Abdel Rahman, Abdul Rahman, Abdulrahman.
ABD_FORMS: frozenset[str] = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdur", "abdus"})


def _variant_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for group in VARIANT_GROUPS:
        for spelling in group:
            index[spelling] = group[0]
    return index


CANONICAL_SPELLING: dict[str, str] = _variant_index()
