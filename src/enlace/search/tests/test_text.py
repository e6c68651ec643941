"""Normalisation of words, queries and the passage shown."""

from enlace.search.text import normalise, parse_query, snippet


def test_accents_case_and_plurals_become_one_word_in_spanish() -> None:
    forms = {normalise(w, "es") for w in ("víctima", "Víctimas", "VICTIMAS", "victima")}
    assert len(forms) == 1


def test_plurals_become_one_word_in_english() -> None:
    assert normalise("victims", "en") == normalise("Victim", "en")
    assert normalise("commitments", "en") == normalise("commitment", "en")


def test_a_query_word_matches_its_spanish_and_english_stems() -> None:
    query = parse_query("victims")
    assert normalise("víctimas", "es") in query.stems
    assert normalise("victims", "en") in query.stems


def test_one_letter_words_and_punctuation_are_no_query() -> None:
    assert not parse_query("a")
    assert not parse_query("  ¿? - ")
    assert len(parse_query("trata y tráfico").terms) == 2


def test_the_query_syntax_holds_only_letters_and_digits() -> None:
    query = parse_query("trata\" OR * NEAR(x) -- '; DROP")
    assert '"' not in "".join(query.stems)
    assert all(stem.isalnum() for stem in query.stems)


def test_snippet_marks_every_matching_form_and_escapes_the_text() -> None:
    text = "Las <b>víctimas</b> & la Víctima: protección."
    shown = snippet(text, "es", parse_query("victima").stems)
    assert (
        shown
        == "Las &lt;b&gt;<mark>víctimas</mark>&lt;/b&gt; &amp; la <mark>Víctima</mark>: protección."
    )


def test_snippet_of_a_long_text_is_cut_around_the_first_match() -> None:
    text = " ".join(["relleno"] * 200) + " la trata de personas " + " ".join(["fin"] * 200)
    shown = snippet(text, "es", parse_query("trata").stems, width=120)
    assert "<mark>trata</mark>" in shown
    assert shown.startswith("…")
    assert shown.endswith("…")
    assert len(shown) < 200
