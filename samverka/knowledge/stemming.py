"""Words to stems, the way PostgreSQL's ``swedish`` and ``english`` text search configurations
see them (both use the Snowball stemmers), so that search on SQLite, similarity and PostgreSQL
agree on what a word is: "transporter" and "transport" → "transport", "laddstolpar" and
"laddstolpe" → "laddstolp".

Pure functions over strings; no database, nothing downloaded.
"""

import re
from functools import lru_cache

import snowballstemmer

# Letters and digits; hyphenated words split like PostgreSQL's parser splits them.
WORD = re.compile(r"[^\W_]+", re.UNICODE)
STEMMERS = {"sv": "swedish", "en": "english"}

# Words too common to say anything about a text. Short lists on purpose: PostgreSQL's
# own stop word lists for the two languages are longer, and a word on them but not here
# only costs a little ranking precision.
STOP_WORDS = {
    "sv": frozenset(
        """
        och i att det som en på är av för med till den har de inte om ett han men var jag
        sig från vi så kan man när år så även under efter hur mot där ska skulle alla
        andra eller vid sin sina sitt vara varit blir blev bli nu också hade dem denna detta
        dessa här mer mycket många inom genom samt utan över vad vilka vilken vilket vår våra
        ert era oss er hon hans hennes deras dess dig du mig min mitt mina nya ny nytt
        """.split()
    ),
    "en": frozenset(
        """
        a an and are as at be by for from has have in is it its of on or that the this to
        was were will with we our you your they their them not but can also into more
        """.split()
    ),
}


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS.get(language, "swedish"))


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, in order."""
    return WORD.findall(text.lower())


def stem(word: str, language: str = "sv") -> str:
    return _stemmer(language).stemWord(word.lower())


def stems(text: str, language: str = "sv", *, keep_stop_words: bool = False) -> list[str]:
    """The stems of the words of ``text`` in order, stop words left out unless asked for."""
    stop = frozenset() if keep_stop_words else STOP_WORDS.get(language, STOP_WORDS["sv"])
    stemmer = _stemmer(language)
    return stemmer.stemWords([word for word in words(text) if word not in stop])
