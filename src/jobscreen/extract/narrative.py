"""Posts told in sentences: where the title and the employer are in a line of prose."""

from __future__ import annotations

import re

from jobscreen.extract.state import _tidy
from jobscreen.extract.words import _alternation, _listed

Role = tuple[str | None, str | None, str]  # title, organisation, doubt
_ORG_STOP = (
    # an acronym in brackets is the employer's own: 'Green Climate Fund (GCF)'
    r"(?=\s*[,;]|\s*\((?![A-Z][A-Za-z&./-]{1,11}\))|\.(?:\s|$)|\s+in\s+(?:the\s+)?[A-Z\d]|\s*$"
    r"|\s+(?:where|from|until|since|covering|working|leading|based)\b|\s+and\s+[a-z])"
)
# the words before a title told in a sentence ('was appointed Head of Unit at ...')
_TOLD_AS = r"(?:as|was|is|been|became|(?:was\s+|been\s+)?(?:appointed|named)(?:\s+as)?)"
_TITLE_FIRST = tuple(
    re.compile(
        rf"\b{_TOLD_AS}\s+(?:an?\s+|the\s+)?(?P<title>[A-Z][^,;.]{{0,80}}?)"
        rf"\s+{connector}\s+(?:the\s+)?(?P<org>[A-Z][^,;]{{0,120}}?){_ORG_STOP}"
    )
    for connector in ("(?:at|with)", "for", "in")
)
# 'I was Director of the Technical Cooperation Office of AECID': where the title ends is a
# guess (the first 'of'), so the post is uncertain
_TITLE_OF = re.compile(
    rf"\b{_TOLD_AS}\s+(?:an?\s+|the\s+)?(?P<title>[A-Z][^,;.]{{0,80}}?)"
    rf"\s+of\s+(?:the\s+)?(?P<org>[A-Z][^,;]{{0,120}}?){_ORG_STOP}"
)
# the same in other languages, from the wording files: 'elle est Représentante adjointe du
# Haut-Commissariat ...', 'en tant que Chercheuse à Amnesty International'
_LOCAL_TITLE_FIRST = re.compile(
    rf"(?<!\w)(?:{_alternation(_listed('title_before'))})\s+(?:une?\s+)?"
    r"(?P<title>[A-ZÀ-Þ][^,;.]{0,80}?)\s+"
    rf"(?:{_alternation(_listed('employer_before'))})\s*(?P<org>[A-ZÀ-Þ][^,;]{{0,120}}?)"
    r"(?=\s*[,;(]|\.(?:\s|$)|\s*$)"
)
_ORG_FIRST = re.compile(
    r"\b(?:(?:worked|served|was|been)\s+(?:at|with|for|in)|joined)\s+(?:the\s+)?"
    rf"(?P<org>[A-Z](?:(?!\s(?:in|and|from|until|where)\s)[^,;]){{0,120}}?)"
    rf"\s+as\s+(?:an?\s+|the\s+)?(?P<title>[A-Z][^,;.]{{0,80}}?){_ORG_STOP}"
)
# French writes a title in lower case after 'comme': 'comme attaché culturel à l'ambassade de
# France', and 'a servi à l'ambassade de France au Caire, d'abord comme attaché culturel'
_AS = rf"(?<!\w)(?:(?:{_alternation(_listed('title_as'))})\s+(?:une?\s+)?)+"
_AT = rf"(?<!\w)(?:{_alternation(_listed('employer_at'))})\s*"
_LOCAL_AS = re.compile(
    rf"{_AS}(?P<title>[^\W\d_][^,;.()]{{0,80}}?)(?:\s+{_AT}(?P<org>[^\W\d_][^,;]{{0,120}}?))?"
    r"(?=\s*[,;(]|\.(?:\s|$)|\s*$)"
)
_LOCAL_ORG_FIRST = re.compile(
    rf"^[^,;]*?{_AT}(?P<org>[^\W\d_][^,;]{{0,120}}?)(?:,[^,;]{{0,60}})?,\s+"
    rf"(?:(?:{_alternation(_listed('joiners'))})\s+)*{_AS}"
    r"(?P<title>[^\W\d_][^,;.()]{0,80}?)(?=\s*[,;(]|\.(?:\s|$)|\s*$)"
)
_ORG_ONLY = re.compile(
    rf"\b(?:worked|served)\s+(?:at|with|for)\s+(?:the\s+)?(?P<org>[A-Z][^,;]{{0,120}}?){_ORG_STOP}"
)


def _narrative_role(rest: str) -> Role | None:
    """'he was a Policy Adviser at the Ministry ...' -> ('Policy Adviser', 'Ministry ...');
    'She joined the OSCE as Senior Adviser', 'elle est Représentante adjointe du HCDH'."""
    patterns = (*_TITLE_FIRST, _ORG_FIRST, _LOCAL_TITLE_FIRST, _LOCAL_ORG_FIRST, _TITLE_OF)
    for pattern in (*patterns, _LOCAL_AS):
        match = pattern.search(rest)
        if match and len(match["title"].split()) <= 8:
            doubt = _TITLE_OF_DOUBT if pattern is _TITLE_OF else ""
            return _tidy(match["title"]), _tidy(match["org"] or "") or None, doubt
    employer = _ORG_ONLY.search(rest)
    return (None, _tidy(employer["org"]), "") if employer else None


_TITLE_OF_DOUBT = "told in a sentence: where the title ends and the employer begins is a guess"
