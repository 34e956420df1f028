"""jobscreen's vocabularies: data files the concept matcher will read, not code.

- ``concepts.yaml``: a SKOS-like thesaurus of what vacancies ask for (diplomacy, mine action,
  anti-racism, programme management ...): preferred and alternative labels in English and
  French, acronyms, broader and related concepts, false friends and a scope note for each.
- ``contexts.yaml``: phrases that change what a match means: the text is *about* a concept
  rather than practising it ("thesis on"), an organisation *funded* or *partnered* the work
  rather than employing the candidate ("funded by"), or the concept is *negated*.
- ``organisations.yaml``: kinds of employer (ministries of foreign affairs, permanent
  missions, the UN system, NATO ...), their names and case-sensitive acronyms, and the
  qualifiers (international, multilateral, diplomatic, governmental, defence) they imply.
- ``fields.yaml``: fields of study on ISCED-F 2013 (broad, narrow and detailed codes) with the
  names people give their degree's subject.
- ``degrees.yaml``: degree names from many national systems mapped to ISCED 2011 levels.

Their JSON Schemas are in ``schemas/vocabulary/``. The loader comes later, with the engine
change that matches concepts; until then nothing in jobscreen reads these files.
"""
