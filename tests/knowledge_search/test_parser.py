"""The websearch-style parser and what it says to each engine (pure: no database)."""

from samverka.knowledge.search_parser import Query, Term, compile_query, parse


def test_words_must_all_match():
    assert parse("laddstolpar Norrbotten") == Query(groups=((Term(("laddstolpar",)),), (Term(("norrbotten",)),)))


def test_quoted_phrase():
    assert parse('"vätgas i norrbotten"').groups == ((Term(("vätgas", "i", "norrbotten"), phrase=True),),)


def test_unclosed_quote_runs_to_the_end():
    assert parse('sol "vätgas i').groups[1] == (Term(("vätgas", "i"), phrase=True),)


def test_hyphenated_word_is_a_phrase():
    assert parse("e-post").groups == ((Term(("e", "post"), phrase=True),),)


def test_or_joins_two_terms_in_either_case():
    expected = ((Term(("sol",)), Term(("vind",))), (Term(("el",)),))
    assert parse("sol or vind el").groups == expected
    assert parse("sol OR vind el").groups == expected


def test_or_at_the_edges_is_nothing():
    assert parse("or sol or").groups == ((Term(("sol",)),),)


def test_minus_excludes_a_word_or_a_phrase():
    query = parse('sol -vind -"havs bas"')
    assert query.groups == ((Term(("sol",)),),)
    assert query.excluded == (Term(("vind",)), Term(("havs", "bas"), phrase=True))


def test_punctuation_alone_is_left_out():
    assert not parse('" - ... !!')


def test_only_exclusions_is_no_query():
    assert not compile_query(parse("-vind"), "sv")


def test_stop_words_are_left_out_and_only_stop_words_is_no_query():
    assert not compile_query(parse("och i att"), "sv")
    assert compile_query(parse("och vätgas"), "sv").tsquery() == "('vätgas':*)"


def test_tsquery_for_postgresql():
    compiled = compile_query(parse('laddstolpar "vätgas i norrbotten" sol or vind -diesel'), "sv")
    assert compiled.tsquery() == (
        "('laddstolpar':*) & (('vätgas' <-> 'i' <-> 'norrbotten')) & ('sol' | 'vind':*) & !('diesel':*)"
    )


def test_fts5_match_for_sqlite_uses_stems_without_stop_words():
    compiled = compile_query(parse('laddstolpar "vätgas i norrbotten" sol or vind -diesel'), "sv")
    assert compiled.fts5() == '("laddstolp"*) AND ("vätg norrbot") AND ("sol" OR "vind"*) NOT ("diesel"*)'


def test_english_stems_for_english_entries():
    assert compile_query(parse("charging stations"), "en").fts5() == '("charg"*) AND ("station"*)'


def test_prefix_only_for_stems_of_four_letters_or_more_and_not_numbers():
    compiled = compile_query(parse("el sol bilar 20200181 energieffektiv"), "sv")
    assert compiled.fts5() == '("el") AND ("sol") AND ("bil") AND ("20200181") AND ("energieffektiv"*)'


def test_highlights_words_whose_stem_the_query_looks_for():
    compiled = compile_query(parse('energieffektiv "vätgas i norrbotten" -diesel'), "sv")
    assert compiled.highlights("Energieffektiviseringen")
    assert compiled.highlights("Vätgas")
    assert not compiled.highlights("diesel")
    assert not compiled.highlights("energi")
