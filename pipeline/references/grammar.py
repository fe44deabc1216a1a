"""Yargy grammar of legal and policy references: the rules only; ``pipeline.references.find`` reads matches.

Vocabularies come from ``data/act_types.tsv``, ``issuers.tsv``, ``jurisdictions.tsv`` and
``ref_words.tsv``. Words are matched by pymorphy lemma, so every case form of a head counts. Tokens
and the parser are ``pipeline.references.parser``'s. Top-level rules:

>>> match(ARTICLE, "в соответствии со статьями 10 и 17")
'статьями 10 и 17'
>>> match(ISSUER, "Кабинета Министров")
'Кабинета Министров'
>>> match(JURISDICTION, "Республики Казахстан")
'Республики Казахстан'
>>> match(NUMBER, "№ 934-Р")
'№ 934-Р'
>>> match(TITLE, "Закон «Об охране здоровья»")
'«Об охране здоровья»'
>>> match(PERIOD, "на 2019–2030 годы")
'на 2019–2030 годы'
>>> match(DESCRIPTOR, "по охране здоровья населения")
'по охране здоровья населения'
>>> match(BRACKETS, "(12.01.2024г., №10)")
'(12.01.2024г., №10)'
>>> match(ACT, "постановлением Правительства КР от 19 февраля 2019 года № 64")
'постановлением Правительства КР от 19 февраля 2019 года № 64'
>>> match(PROGRAMME, "Стратегии лекарственного обеспечения на период до 2025 года")
'Стратегии лекарственного обеспечения на период до 2025 года'
>>> match(NAME, "Международных медико-санитарных правил (ММСП)")
'Международных медико-санитарных правил (ММСП)'
>>> match(GENERIC, "действующего законодательства")
'действующего законодательства'
>>> match(FORM, "по форме №7")
'форме №7'
"""

from __future__ import annotations

import re

from yargy import and_, not_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import (
    caseless,
    custom,
    dictionary,
    eq,
    gram,
    in_,
    in_caseless,
    is_capitalized,
    is_upper,
    normalized,
)
from yargy.predicates import type as is_type

from pipeline.data.lexicon import act_types, rows
from pipeline.dates.mentions import YEAR_ONLY
from pipeline.nlp.morph import parse
from pipeline.references.parser import RefParser

ACT_TYPES = [(a.phrase, a.ref_type, a.kind) for a in act_types()]
ISSUERS = [(canonical, phrase) for canonical, phrase in rows("issuers.tsv")]
JURISDICTIONS = [(code, phrase) for code, phrase in rows("jurisdictions.tsv")]
REF_WORDS = {word: role for word, role in rows("ref_words.tsv")}
WORD = re.compile(r"[а-яёa-z]+(?:-[а-яёa-z]+)*", re.IGNORECASE)
ARTICLE_WORDS = {"статья", "часть", "пункт", "подпункт", "абзац", "ст", "ч", "п", "пп", "подп", "абз"}


def phrase(text: str):
    """A rule matching the words of a phrase by lemma, in any case form."""
    return rule(*[normalized(w) for w in WORD.findall(text.lower())])


def _heads(*kinds: str):
    """Head phrases of the given kinds of data/act_types.tsv."""
    return or_(*[phrase(p) for p, _, kind in ACT_TYPES if kind in kinds])


def _is_year(value: str) -> bool:
    """A DATE token that is a single year («2025 года»)."""
    return YEAR_ONLY.fullmatch(value) is not None


def _is_action_noun(value: str) -> bool:
    """A noun of action, which may govern a dative or an instrumental («оказания», «обеспечению»)."""
    return any(p.tag.POS == "NOUN" and p.normal_form.endswith(("ние", "тие")) for p in parse(value.lower()))


Ref = fact(
    "Ref",
    ["article", "self_word", "modifier", "head", "acting", "issuer", "jurisdiction", "co_issuer", "signer"]
    + ["descriptor", "about", "period", "date", "number", "title", "abbr"],
)

STRONG_HEAD = dictionary({p for p, _, k in ACT_TYPES if " " not in p and k in ("act", "name")})
STRONG_HEAD = or_(STRONG_HEAD, dictionary({"программа", "стратегия", "концепция", "план", "конвенция"}))
ADJ = and_(gram("ADJF"), not_(gram("Apro")), not_(gram("PRTF")))
NOUN = and_(gram("NOUN"), not_(STRONG_HEAD))
ABBR = and_(is_upper(), custom(lambda v: len(v) >= 2, types=["RU", "LATIN"]))
DASH = in_("-–—")
SHORT = custom(lambda v: len(v) <= 4 and v.lower() not in {"о", "об", "в", "с", "и", "на", "по", "к"})

ART_WORD = or_(
    rule(dictionary({w for w in ARTICLE_WORDS if len(w) > 4})),
    rule(in_caseless({w for w in ARTICLE_WORDS if len(w) <= 4}), eq(".").optional()),
)
ORDINAL = and_(gram("ADJF"), gram("Anum"))  # «части третьей», «абзацами вторым и четвертым»
ART_NUM = or_(
    rule(
        is_type("INT"), rule(in_(".-"), is_type("INT")).repeatable(max=3).optional(), rule(eq(")")).optional()
    ),
    rule(ORDINAL),
)
ART_PART = rule(
    ART_WORD, ART_NUM, rule(or_(eq(","), caseless("и"), DASH), ART_NUM).repeatable(max=8).optional()
)
ARTICLE = rule(
    ART_PART, rule(rule(or_(eq(","), caseless("и"))).optional(), ART_PART).repeatable(max=8).optional()
)
ARTICLE = ARTICLE.interpretation(Ref.article)

# Adjectival only: dictionary() also admits the verb lemma of a participle («действующий» → «действовать»).
ADJECTIVAL = or_(gram("ADJF"), gram("PRTF"))
SELF_WORD = and_(dictionary({w for w, role in REF_WORDS.items() if role == "self"}), ADJECTIVAL)
SELF = rule(SELF_WORD).interpretation(Ref.self_word)
MODIFIER_WORD = or_(
    and_(dictionary({w for w, role in REF_WORDS.items() if role == "modifier"}), ADJECTIVAL),
    and_(ADJ, is_capitalized(), not_(SELF_WORD)),
)
MODIFIER = rule(MODIFIER_WORD).repeatable(max=2).interpretation(Ref.modifier)

LOWER_GENT = and_(gram("gent"), or_(gram("NOUN"), ADJ), custom(str.islower))
MINISTRY = rule(
    dictionary({"министерство", "министр", "агентство", "служба", "комитет", "департамент"}),
    or_(rule(LOWER_GENT), rule(caseless("и"), LOWER_GENT)).repeatable(max=5),
)
TERRITORY = dictionary({"область", "край", "округ", "район"})
# «губернатора Костромской области», «акимата города Шымкента»: a regional issuer keeps its region; «Закону
# края», «администрации муниципального округа», «Правительства Республики Калмыкия», «врача по городу Энску»
REGION = or_(
    rule(and_(ADJ, is_capitalized(), gram("gent")), TERRITORY),
    rule(dictionary({"город"}), and_(is_capitalized(), gram("gent"))),
    rule(dictionary({"республика"}), and_(is_capitalized(), not_(gram("ADJF")))),
    rule(and_(ADJ, custom(str.islower)).optional(), or_(TERRITORY, dictionary({"город", "образование"}))),
    rule(
        caseless("по"),
        or_(rule(dictionary({"город"}), is_capitalized()), rule(and_(ADJ, is_capitalized()), TERRITORY)),
    ),
)
# «исполняющего обязанности», «и.о.» before an official
ACTING = or_(phrase("исполняющий обязанности"), rule(caseless("и"), eq("."), caseless("о"), eq(".")))
ACTING = ACTING.interpretation(Ref.acting)
ISSUER_WORDS = or_(rule(or_(*[phrase(p) for _, p in ISSUERS], MINISTRY), REGION.optional()), REGION)
ISSUER = rule(ISSUER_WORDS).interpretation(Ref.issuer)
JURISDICTION_WORDS = or_(*[phrase(p) for _, p in JURISDICTIONS])
JURISDICTION = JURISDICTION_WORDS.interpretation(Ref.jurisdiction)

SIGN = or_(eq("№"), in_caseless({"n", "no"}))
ID_PART = or_(is_type("INT"), SHORT, in_({"о", "в", "с", "к"}))  # «131/о»
# Letters glued to an order's number: «№ 1183н», «№ 934-р» is a LETTERED part, «№ 25рп».
LAW_SERIES = in_({"ЗРК", "ҚРЗ", "ЗРУ", "ЗРТ"})  # the series after a Kazakh or Uzbek law's number
NUMBER_SUFFIX = in_({"н", "р", "рп", "у", "п", "пр", "нк", "нд", "ц", "о"})
LETTERED_ID = rule(SHORT, eq("-"), is_type("INT"), rule(in_("-/"), ID_PART).repeatable(max=2).optional())
# «№ 01И-223/05», «№ 12Д-3/2021»: letters glued to the digits, then more parts after a hyphen or slash
GLUED_LETTERS = and_(is_type("RU"), custom(lambda v: len(v) <= 3))
NUM_ID = or_(
    rule(is_type("INT"), NUMBER_SUFFIX.optional(), rule(in_("-/."), ID_PART).repeatable(max=6).optional()),
    rule(
        is_type("INT"),
        GLUED_LETTERS,
        rule(in_("-/"), ID_PART),
        rule(in_("-/."), ID_PART).repeatable(max=5).optional(),
    ),
    LETTERED_ID,
    rule(ABBR, LETTERED_ID),  # «ҚР ДСМ-175/2020»
)
# «УП № 105»: Kyrgyz edicts and ordinances print a series before the sign.
NUMBER = or_(
    rule(SIGN, rule(NUM_ID, LAW_SERIES.optional()).interpretation(Ref.number)),  # «№ 360-VI ЗРК»
    rule(ABBR, SIGN, NUM_ID).interpretation(Ref.number),
)
BARE_ID = rule(and_(SHORT, is_capitalized()), eq("-"), is_type("INT")).interpretation(Ref.number)
DATED = rule(caseless("от"), rule(is_type("DATE")).interpretation(Ref.date))
# «от 30 декабря 2023 года, № 612», «№ 612 от …»: one date and one number; a second «от …» starts a chain
# member (pipeline/references/chains.py)
ATTRS = rule(
    eq(",").optional(),
    or_(
        rule(DATED, rule(eq(",").optional(), or_(NUMBER, BARE_ID)).optional()),
        rule(or_(NUMBER, BARE_ID), rule(eq(",").optional(), DATED).optional()),
    ),
)

INNER_QUOTE = rule(eq("«"), rule(not_(in_("«»"))).repeatable(), eq("»"))
TITLE = or_(
    rule(eq("«"), or_(rule(not_(in_("«»"))), INNER_QUOTE).repeatable().interpretation(Ref.title), eq("»")),
    rule(eq('"'), rule(not_(eq('"'))).repeatable().interpretation(Ref.title), eq('"')),
    rule(eq("“"), rule(not_(in_("“”"))).repeatable().interpretation(Ref.title), eq("”")),
    rule(eq("„"), rule(not_(in_("„“"))).repeatable().interpretation(Ref.title), eq("“")),
)
ABOUT_WORD = and_(or_(gram("NOUN"), ADJ), not_(STRONG_HEAD))
# «о государственном надзоре за общественным здоровьем», «об охране здоровья граждан в Российской Федерации»
ABOUT_PREP = or_(
    rule(caseless("за"), rule(ADJ).repeatable(max=3).optional(), ABOUT_WORD),
    rule(in_caseless({"в", "во"}), and_(ABOUT_WORD, is_capitalized())),
)
ABOUT = rule(
    in_caseless({"о", "об"}),
    ABOUT_WORD,
    or_(rule(rule(caseless("и")).optional(), ABOUT_WORD), ABOUT_PREP).repeatable(max=8),
)
ABOUT = or_(ABOUT, rule(in_caseless({"о", "об"}), ABOUT_WORD)).interpretation(Ref.about)

PREP = in_caseless({"по", "в", "во", "для", "о", "об", "на", "с", "со", "против", "при"})
GENT_WORD = or_(and_(or_(NOUN, ADJ), gram("gent")), ABBR)
PREP_PHRASE = rule(PREP, rule(ADJ).repeatable(max=3).optional(), NOUN)
AND_PHRASE = rule(caseless("и"), rule(ADJ).repeatable(max=3).optional(), NOUN)
# «оказания гражданам», «предоставления субсидий медицинским организациям», «по обеспечению граждан
# медико-санитарной помощью»: the dative or instrumental object of a noun of action, after its genitive one
# if any, in lower case (a capitalised one is a body the sentence addresses: «… Министерству»)
ACTION_NOUN = and_(NOUN, custom(_is_action_noun, types="RU"))
OBJECT_WORD = and_(or_(NOUN, ADJ), or_(gram("datv"), gram("ablt")), custom(str.islower))
GOVERNED = rule(
    or_(
        rule(and_(ACTION_NOUN, gram("gent"))), rule(PREP, rule(ADJ).repeatable(max=3).optional(), ACTION_NOUN)
    ),
    rule(GENT_WORD).repeatable(max=4).optional(),
    rule(OBJECT_WORD).repeatable(max=4),
)
DESCRIPTOR = rule(
    or_(GOVERNED, rule(GENT_WORD), PREP_PHRASE),
    or_(GOVERNED, rule(GENT_WORD), PREP_PHRASE, AND_PHRASE, JURISDICTION_WORDS).repeatable(max=14).optional(),
).interpretation(Ref.descriptor)

YEAR_INT = custom(lambda v: 1900 <= int(v) <= 2100, types="INT")
YEAR_DATE = custom(_is_year, types="DATE")
YEARS_WORD = or_(
    rule(and_(dictionary({"год"}), not_(in_caseless({"гг", "г"})))),
    rule(in_caseless({"гг", "г"}), eq(".").optional()),
)
# The date tokenizer reads «год» of «2027 годов», «2025 годы» as a year and leaves the ending a token.
PLURAL_YEARS = rule(YEAR_DATE, in_caseless({"ов", "ы", "ам", "ах"}).optional())
LAST_YEAR = or_(rule(YEAR_INT, YEARS_WORD), PLURAL_YEARS)
YEAR_RANGE = rule(YEAR_INT, DASH, or_(rule(YEAR_INT, YEARS_WORD.optional()), PLURAL_YEARS))
ON_PERIOD = rule(caseless("на"), rule(caseless("период")).optional())
# «на 2025 год и на плановый период 2026 и 2027 годов»
PLANNED = rule(
    caseless("и"),
    caseless("на"),
    normalized("плановый"),
    normalized("период"),
    YEAR_INT,
    caseless("и"),
    LAST_YEAR,
)
PERIOD = or_(
    rule(ON_PERIOD, or_(YEAR_RANGE, PLURAL_YEARS), PLANNED.optional()),
    rule(ON_PERIOD, caseless("с"), YEAR_INT, caseless("по"), LAST_YEAR),
    rule(ON_PERIOD.optional(), caseless("до"), YEAR_DATE),
).interpretation(Ref.period)

# «приказу Минздрава России и РАМН»: a second issuer, named or abbreviated (not a head such as «НПА»)
HEAD_ABBR = in_caseless({p for p, _, _ in ACT_TYPES if " " not in p})
CO_ISSUER = rule(caseless("и"), or_(rule(ISSUER_WORDS), rule(and_(ABBR, not_(HEAD_ABBR)))))
CO_ISSUER = CO_ISSUER.interpretation(Ref.co_issuer)
# «врача по городу Энску В. А. Петрова от …»: the official's name between the issuer and the date
INITIAL = and_(is_capitalized(), custom(lambda v: len(v) == 1, types="RU"))
SIGNER = rule(rule(INITIAL, eq(".")).repeatable(max=2), and_(is_capitalized(), gram("NOUN")))
SIGNER = SIGNER.interpretation(Ref.signer)

BR_ITEM = or_(rule(is_type("DATE")).interpretation(Ref.date), NUMBER, rule(ABBR).interpretation(Ref.abbr))
BRACKETS = rule(eq("("), BR_ITEM, rule(in_(",;"), BR_ITEM).repeatable(max=3).optional(), eq(")"))
TAIL = or_(rule(ATTRS, TITLE.optional()), rule(TITLE, PERIOD.optional(), ATTRS.optional()))
LEAD = rule(ARTICLE.optional(), SELF.optional(), MODIFIER.optional())

ACT = rule(
    LEAD,
    _heads("act").interpretation(Ref.head),
    ACTING.optional(),
    ISSUER.optional(),
    JURISDICTION.optional(),
    CO_ISSUER.optional(),
    SIGNER.optional(),
    or_(
        rule(ATTRS, or_(TITLE, ABOUT).optional()), rule(TITLE, PERIOD.optional(), ATTRS.optional()), ABOUT
    ).optional(),
    BRACKETS.optional(),
)
PROGRAMME = rule(
    LEAD,
    _heads("programme").interpretation(Ref.head),
    DESCRIPTOR.optional(),
    PERIOD.optional(),
    TAIL.optional(),
    BRACKETS.optional(),
)
NAME = rule(LEAD, _heads("name").interpretation(Ref.head), JURISDICTION.optional(), BRACKETS.optional())
GENERIC = rule(
    SELF.optional(), MODIFIER.optional(), _heads("generic").interpretation(Ref.head), JURISDICTION.optional()
)
FORM_ID = rule(is_type("INT"), eq("/"), SHORT, rule(in_("-/"), ID_PART).repeatable(max=2).optional())
FORM_ID = FORM_ID.interpretation(Ref.number)
FORM = rule(_heads("form").interpretation(Ref.head), or_(NUMBER, FORM_ID))
REFERENCE = or_(ACT, PROGRAMME, NAME, GENERIC, FORM).interpretation(Ref)


def can_start(token) -> bool:
    """Whether a token may open a reference: a head's, article's or modifier's first word."""
    forms = getattr(token, "forms", None)
    if not forms:
        return token.value.lower() in START_WORDS
    if token.value[:1].isupper() and any("ADJF" in f.grams for f in forms):
        return True
    return token.value.lower() in START_WORDS or any(f.normalized in START_WORDS for f in forms)


START_WORDS = {
    lemma
    for word in ARTICLE_WORDS | set(REF_WORDS) | {WORD.findall(p)[0] for p, _, _ in ACT_TYPES}
    for lemma in {word, *(p.normal_form for p in parse(word))}
}
_PARSERS: dict[int, RefParser] = {}


def parser(top=REFERENCE) -> RefParser:
    """A parser of a rule over the shared tokenizer (REFERENCE unless told), built once per rule."""
    if id(top) not in _PARSERS:
        _PARSERS[id(top)] = RefParser(top, starts=can_start if top is REFERENCE else None)
    return _PARSERS[id(top)]


def match(top, text: str) -> str | None:
    """The text of the first match of a rule in a text (for examples and tests)."""
    found = parser(top).find(text)
    return text[found.span.start : found.span.stop] if found else None
