"""Dutch wording: numbers, the band table, grammar, the comparison rules, the
original's sentences from its own numbers, and the checks on texts.toml."""

from __future__ import annotations

import shutil

import pytest
from monitor_pdf import resources
from monitor_pdf.errors import SpecError
from monitor_pdf.model import build_model
from monitor_pdf.pipeline import load_dataset
from monitor_pdf.spec import load_spec
from monitor_pdf.wording import grammar
from monitor_pdf.wording.bands import bands_for
from monitor_pdf.wording.compare import Comparer, Measure, z_statistic
from monitor_pdf.wording.numbers import format_number, format_pct, format_procent, format_value
from monitor_pdf.wording.texts import build_wording
from monitor_pdf.words import load_words

from tests import claimcheck, dutch
from tests.test_variants import assert_grammatical

WORDS = load_words()
BANDS = bands_for(WORDS)
band, half_band = BANDS.band, BANDS.half


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("value,decimals,text", [
    (47, 0, "47%"), (12.5, 1, "12,5%"), (100, 0, "100%"), (0, 0, "0%"),
    (12.25, 1, "12,3%"), (0.5, 0, "1%"), (2.5, 0, "3%"), (50, 1, "50,0%"), (46.45, 1, "46,5%"),
])
def test_percentages_round_half_away_from_zero(value, decimals, text):
    assert format_pct(value, decimals) == text


def test_numbers_and_words():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_procent(60) == "60 procent"
    assert format_value(81, True) == "81%*" and format_value(81, False) == "81%"


# ---------------------------------------------------------------- bands

def test_every_whole_value_gets_the_documented_words():
    """The table in docs/wording.md (copied into tests/claimcheck.py) against the code."""
    for value in range(101):
        assert band(value).wie.replace("vrijwel alle", "vrijwel iedereen") == claimcheck.words_for(value), value


def test_bands_are_monotonic_and_cover_0_to_100():
    order = [b.key for b in BANDS.table]
    previous = -1
    for tenth in range(1001):
        index = order.index(band(tenth / 10).key)
        assert index >= previous, tenth / 10
        previous = index


@pytest.mark.parametrize("value,wie,kop,kop_plural", [
    (47, "bijna de helft", "Helft", False), (45, "bijna de helft", "Helft", False),
    (19, "één op de vijf", "Eén op de vijf", False), (30, "drie op de tien", "Drie op de tien", True),
    (90, "de overgrote meerderheid", "Bijna alle", True), (99, "vrijwel iedereen", "Vrijwel alle", True),
    (100, "iedereen", "Alle", True), (0, "vrijwel niemand", "Vrijwel geen", True),
    (3, "een klein deel", "Weinig", True), (25, "een kwart", "Eén op de vier", False),
    (33, "een derde", "Eén op de drie", False), (67, "twee derde", "Twee op de drie", True),
    (74, "drie kwart", "Drie op de vier", True), (35, "ruim een derde", "Ruim één op de drie", False),
])
def test_headline_and_body_words_come_from_one_band(value, wie, kop, kop_plural):
    found = band(value)
    assert (found.wie, found.kop, found.kop_plural) == (wie, kop, kop_plural)


@pytest.mark.parametrize("value,words,headline", [
    (0, "vrijwel niemand", "Vrijwel geen"), (44, "minder dan de helft", "Minderheid"),
    (49, "de helft", "Helft"), (52, "meer dan de helft", "Meerderheid"),
    (98, "vrijwel iedereen", "Vrijwel alle"), (100, "iedereen", "Alle"),
])
def test_half_bands(value, words, headline):
    assert (half_band(value).wie, half_band(value).kop) == (words, headline)


# ---------------------------------------------------------------- grammar

def test_partitives_take_their_noun_as_dutch_does():
    group = "politieke ambtsdragers van provincies"
    assert grammar.partitive(band(47), group, "47%", "van alle") == grammar.Phrase(
        "bijna de helft (47%) van alle politieke ambtsdragers van provincies", False)
    assert grammar.partitive(band(30), group, "30%") == grammar.Phrase(
        "drie op de tien politieke ambtsdragers van provincies (30%)", True)
    assert grammar.partitive(band(14), group, None) == grammar.Phrase(
        "één op de zeven politieke ambtsdragers van provincies", False)
    assert grammar.partitive(band(99), group, "99%") == grammar.Phrase(
        "vrijwel alle politieke ambtsdragers van provincies (99%)", True)
    assert grammar.partitive(band(0), group, "0%") == grammar.Phrase(
        "vrijwel geen politieke ambtsdragers van provincies (0%)", True)


def test_word_order_lists_and_names():
    assert grammar.with_participle("geuit", ["via sociale media"], WORDS) == "geuit via sociale media"
    assert grammar.with_participle("geuit", ["telefonisch"], WORDS) == "telefonisch geuit"
    assert grammar.with_participle("geuit", ["telefonisch", "via e-mail"], WORDS) == "telefonisch en via e-mail geuit"
    assert grammar.join(["a", "b"]) == "a en b" and grammar.join(["a", "b", "c"]) == "a, b en c"
    assert grammar.join_phrases([grammar.Phrase("e-mail")]).plural is False
    assert grammar.join_phrases([grammar.Phrase("e-mail"), grammar.Phrase("post")]).plural is True
    assert grammar.unit_in_headline("provincies", WORDS) == "provincies"
    assert grammar.unit_in_headline("Fryslân", WORDS) == "van Fryslân"
    assert grammar.unit_in_headline("’s-Hertogenbosch", WORDS) == "van ’s-Hertogenbosch"
    assert grammar.capitalize("één op de zeven") == "Eén op de zeven"
    assert grammar.years_ago(10, WORDS) == "tien jaar geleden"
    assert grammar.source_name("https://www.nu.nl/politiek/123") == "nu.nl"


# ---------------------------------------------------------------- rules

def test_differences_are_decided_pair_by_pair():
    cmp = Comparer()
    m = {k: Measure(v) for k, v in (("g", 46), ("p", 42), ("w", 38))}
    assert cmp.relations(m) == [(["g"], ["w"])]                   # only the extremes differ
    m = {k: Measure(v) for k, v in (("g", 46), ("p", 47), ("w", 22))}
    assert cmp.relations(m) == [(["g", "p"], ["w"])]
    m = {k: Measure(v) for k, v in (("g", 60), ("p", 47), ("w", 22))}
    assert cmp.relations(m) == [(["g"], ["p", "w"]), (["p"], ["w"])]
    m = {k: Measure(v) for k, v in (("g", 88), ("p", 90), ("w", 89))}
    assert cmp.relations(m) == []


@pytest.mark.parametrize("series,shape", [
    ([27, 31, 33, 37, 41], "toegenomen"), ([41, 37, 33, 31, 27], "afgenomen"),
    ([21, 30, 30, 30, 21], "piek"), ([21, 22, 15, 21, 21], "dal"),
    ([20, 30, 20, 30], "wisselend"), ([30, 31, 30, 32, 31], "gelijk"),
])
def test_a_trend_describes_the_whole_series(series, shape):
    assert Comparer().shape([Measure(v) for v in series]) == shape


def test_a_top_group_stands_out_from_every_other_item():
    cmp = Comparer()

    def ranked(*values):
        return sorted(((str(i), Measure(v)) for i, v in enumerate(values)), key=lambda kv: -kv[1].value)

    assert cmp.top_group(ranked(46, 24, 3), 2, 3) == ["0", "1"]
    assert cmp.top_group(ranked(46, 24, 22), 2, 3) == ["0"]        # 24 vs 22 is no difference
    assert cmp.top_group(ranked(24, 24, 24), 2, 3) is None          # ties: nothing stands out
    assert cmp.top_group(ranked(40, 40, 20), 1, 3) == ["0", "1"]    # a tie at the top is named whole


def test_comparisons_with_sample_sizes_use_a_z_test():
    cmp = Comparer()
    assert z_statistic(Measure(47, 150), Measure(52, 150)) == pytest.approx(-0.866, abs=0.01)
    assert cmp.compare(Measure(47, 150), Measure(52, 150)) == "gelijk"
    assert cmp.compare(Measure(47, 3000), Measure(50, 3000)) == "minder"
    assert cmp.method == "toets"
    cmp.compare(47, 30)
    assert cmp.method == "beide"


# ---------------------------------------------------------------- the original

# The original factsheet's sentences (../shared/seed, OCR slips corrected), as
# printed: a statement resting on an illustrative value ends in "*". Two
# deliberate corrections (docs/wording.md): a list of two takes "en", and
# "Vermoedens ... zijn" agrees with its plural subject.
ORIGINAL = {
    "h1": "Helft politieke ambtsdragers provincies kreeg te maken met agressie",
    "p1": "In 2024 kreeg bijna de helft (47%) van alle politieke ambtsdragers van provincies te maken met "
          "agressie. Dat is evenveel als in 2020 maar minder dan in 2022. Politieke ambtsdragers van "
          "provincies ervaren met name verbale agressie (46%) en bedreiging en intimidatie (24%).* Fysieke "
          "agressie komt weinig voor (Figuur 1).* Ten opzichte van tien jaar geleden is het percentage "
          "ambtsdragers van provincies dat slachtoffer werd van agressie bijna verdubbeld.* Van alle "
          "ambtsdragers van provincies in Nederland maakte één op de vijf (19%) in 2024 een incident mee "
          "dat zij als (zeer) ernstig beschouwen (Figuur 2).",
    "callout_lagen": "Politieke ambtsdragers van gemeenten en provincies krijgen meer te maken met agressie "
                     "dan ambtsdragers van waterschappen.*",
    "h2_wijze": "Meeste agressie wordt geuit via sociale media*",
    "p_wijze": "Sociale media zijn de meest genoemde wijzen waarop agressie tegen politieke ambtsdragers "
               "van provincies wordt geuit.*",
    "h2_melden": "Minderheid ambtsdragers provincies besprak incident*",
    "p_melden": "Van de politieke ambtsdragers van provincies die te maken kregen met agressie, besprak "
                "minder dan de helft het incident met iemand in de organisatie.* Drie op de tien maakten "
                "een officiële interne melding bij de daarvoor aangewezen persoon.* Eén op de zeven heeft "
                "het extern gemeld, onder andere bij de politie en/of de eigen politieke partij.*",
    "h2_belangen": "Belangenverstrengeling toegenomen*",
    "p_belangen": "Tussen 2016 en 2024 zijn de vermoedens van belangenverstrengeling toegenomen.* Vermoedens "
                  "over meestemmen over zaken waarbij men een persoonlijk belang heeft zijn even vaak gezien "
                  "als in voorgaande jaren (met uitzondering van 2020).*",
    "h2_cultuur": "Politieke ambtsdragers provincies meer tevreden over organisatiecultuur dan gemeenten*",
    "p_cultuur": "Bijna negen op de tien zijn tevreden met de gesprekscultuur in de organisatie en vinden "
                 "dat er voldoende aandacht is voor integriteit.* Vergeleken met gemeenten zijn meer "
                 "politieke ambtsdragers van provincies tevreden hierover.* Eén op de zeven is van mening "
                 "dat er alleen aandacht is voor integriteit als er sprake is van een kwestie.*",
    "h2_dilemma": "Bijna alle politieke ambtsdragers van provincies voelen vrijheid om dilemma’s te bespreken*",
    "p_dilemma": "De overgrote meerderheid van de politieke ambtsdragers van provincies voelt zich vrij om "
                 "dilemma’s te bespreken en vindt dat daar voldoende gelegenheid voor is in hun "
                 "organisatie.* Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten, "
                 "provincies en waterschappen.*",
}
ORIGINAL_CALLOUTS = {
    "callout_gevolgen": ("Zes op de tien ervaren negatieve gevolgen van agressie",
                         ("Voor 60 procent van politieke ambtsdragers van provincies heeft het meemaken van "
                          "agressie negatieve gevolgen. Het gaat vooral om effecten op het gebruik van sociale "
                          "media en het werkplezier.*")),
    "callout_ondermijning": ("Meer politieke ambtsdragers tevreden over aandacht voor ondermijning dan voor corruptie*",
                             ("Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten, provincies "
                              "en waterschappen.*")),
}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def wording_for(dataset, spec, laag, data_dir=None):
    return build_wording(build_model(dataset, spec, laag, 2024, data_dir), spec)


def test_provincies_sentences_are_the_originals(dataset, spec):
    blocks = wording_for(dataset, spec, "provincies").blocks
    for block_id, text in ORIGINAL.items():
        assert blocks[block_id]["text"] == text, block_id
    for block_id, (title, text) in ORIGINAL_CALLOUTS.items():
        assert (blocks[block_id]["title"], blocks[block_id]["text"]) == (title, text)


@pytest.mark.parametrize("laag", ["provincies", "gemeenten", "waterschappen"])
def test_every_bundled_claim_recomputes_from_the_tables(dataset, spec, laag):
    wording = wording_for(dataset, spec, laag)
    assert claimcheck.check(wording, resources.datasets_dir(), laag, 2024) == []
    assert_grammatical(wording, spec)


def test_other_lagen_get_sentences_true_for_their_numbers(dataset, spec):
    gemeenten = wording_for(dataset, spec, "gemeenten").blocks
    assert gemeenten["h2_cultuur"]["text"] == (
        "Politieke ambtsdragers gemeenten minder tevreden over organisatiecultuur dan provincies*")
    assert gemeenten["p1"]["text"].startswith(
        "In 2024 kreeg bijna de helft (46%) van alle politieke ambtsdragers van gemeenten te maken met agressie.*")
    waterschappen = wording_for(dataset, spec, "waterschappen").blocks
    assert waterschappen["h1"]["text"] == ("Ruim één op de vijf politieke ambtsdragers waterschappen kreeg te "
                                           "maken met agressie*")                    # 22%: singular 'één op de'
    assert ("In 2024 kreeg ruim één op de vijf politieke ambtsdragers van waterschappen (22%)"
            in waterschappen["p1"]["text"])


def test_the_source_line_and_author_come_from_the_data(dataset, spec):
    wording = wording_for(dataset, spec, "provincies")
    assert wording.footer["source"] == (
        "Bron: Factsheet Monitor Integriteit en Veiligheid 2024, Provincies (BZK); nu.nl; statenlidnu.nl; "
        "overige waarden illustratief. Verschillen kleiner dan 5 procentpunt gelden als gelijk.")
    assert "Ministerie van Binnenlandse Zaken" not in wording.meta["author"]
    assert wording.meta["author"].startswith("Factsheet Monitor Integriteit en Veiligheid 2024, Provincies (BZK)")


def test_a_sentence_is_marked_exactly_when_it_rests_on_an_illustrative_value(dataset, spec):
    blocks = wording_for(dataset, spec, "provincies").blocks
    p1 = blocks["p1"]["text"]
    assert "te maken met agressie. Dat is" in p1              # 47, 49, 59: published, no mark
    assert "(Figuur 2)." in p1 and not p1.endswith("*")        # 19: published
    assert "komt weinig voor (Figuur 1).*" in p1               # fysieke agressie 3%: illustrative


def test_alt_text_lists_the_numbers(dataset, spec):
    alt = wording_for(dataset, spec, "provincies").alt["fig1"]
    assert alt == ("Staafdiagram. Agressie en intimidatie (totaal): 47%, Verbale agressie: 46%, "
                   "Bedreiging en intimidatie: 24% en Fysieke agressie: 3% (illustratief).")
    fig5 = wording_for(dataset, spec, "provincies").alt["fig5"]
    assert fig5.endswith("Extern gemeld: 14%. Alle waarden zijn illustratief, niet gepubliceerd.")


def test_source_line_names_the_comparison_method(provincies_pdf):
    from tests.conftest import normalise

    for page in provincies_pdf.pages:
        assert "Verschillen kleiner dan 5 procentpunt gelden als gelijk." in normalise(page.extract_text())


def test_override_file_replaces_a_text_word_for_word(data_copy, spec):
    from monitor_pdf.spec import load_overrides

    (data_copy / "teksten").mkdir()
    (data_copy / "teksten" / "provincies-2024.toml").write_text(
        '[h1]\ntext = "Bijna de helft kreeg te maken met agressie {niet ingevuld}"\n', encoding="utf-8")
    overrides = load_overrides(spec, data_copy, "provincies", 2024)
    wording = build_wording(build_model(load_dataset(data_copy), spec, "provincies", 2024, data_copy),
                            spec, overrides)
    assert wording.blocks["h1"]["text"] == "Bijna de helft kreeg te maken met agressie {niet ingevuld}"
    assert wording.blocks["p1"]["text"].startswith("In 2024 kreeg bijna de helft (47%)")   # others generated
    assert load_overrides(spec, data_copy, "gemeenten", 2024) == {}                        # per laag and year


def test_override_file_with_an_unknown_block_is_refused(data_copy, spec):
    from monitor_pdf.spec import load_overrides

    (data_copy / "teksten").mkdir()
    (data_copy / "teksten" / "provincies-2024.toml").write_text('[p99]\ntext = "x"\n', encoding="utf-8")
    with pytest.raises(SpecError, match=r"provincies-2024.toml: \[p99\] is not a block"):
        load_overrides(spec, data_copy, "provincies", 2024)


# ---------------------------------------------------------------- texts.toml is checked on load

@pytest.mark.parametrize("edit,message", [
    (("{totaal.kop|kreeg|kregen}", "{totaal.kopp|kreeg|kregen}"),
     r"texts.toml:\d+ \[h1\]: .*'totaal' has no form 'kopp'"),
    (("{Totaal.kop}", "{Totaaal.kop}"), r"texts.toml:\d+ \[h1\]: no claim 'totaaal'"),
    (('text.eerste = "Dat is de eerste meting."\n', ""),
     r"texts.toml:\d+ \[p1.sentences\]: no text for outcome eerste"),
    (('rule = "compare_items"', 'rule = "compare_itemz"'),
     r"texts.toml:\d+ \[claim.ondermijning\]: rule 'compare_itemz'"),
    (("prefer = 2\nmax = 3\n", "prefer = 2\nmax = 3\nmaximum = 4\n"), r"\[claim.vormen\]: does not take maximum"),
    (("title.meer = \"Meer politieke", "title.meest = \"Meer politieke"), r"'ondermijning' has no outcome meest"),
])
def test_a_mistake_in_texts_toml_is_reported_with_its_line(tmp_path, edit, message):
    folder = tmp_path / "factsheet"
    shutil.copytree(resources.factsheet_dir(), folder)
    path = folder / "texts.toml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(SpecError, match=message):
        load_spec(folder)


def test_the_grammar_check_finds_the_mistakes_it_is_meant_to():
    """The independent checker (tests/dutch.py) on the issue's broken sentences."""
    assert dutch.problems("Drie op de tien politieke ambtsdragers provincies kreeg te maken met agressie", True)
    assert dutch.problems("In 2024 kreeg vrijwel alle (99%) van alle politieke ambtsdragers van provincies.")
    assert dutch.problems("Vrijwel alle zijn tevreden.")
    assert dutch.problems("Negen op de tien van de politieke ambtsdragers voelen zich vrij.")
    assert dutch.problems("Vermoedens over meestemmen is gelijk aan voorgaande jaren.")
    assert dutch.problems("Meeste agressie wordt geuit telefonisch", True)
    assert dutch.problems("Het gaat vooral om effecten op …mijn werkplezier en mijn motivatie.")
    assert dutch.problems("Helft politieke ambtsdragers ’s-Hertogenbosch kreeg te maken met agressie", True)
    assert dutch.problems("Zij ervaren met name verbale agressie (46%), bedreiging en intimidatie (24%).")
    assert not dutch.problems("Drie op de tien maakten een officiële interne melding.*")
