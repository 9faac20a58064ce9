"""Dutch wording: exact strings, and the original's sentences from its own numbers."""

from __future__ import annotations

import pytest

from monitor_pdf.model import build_model
from monitor_pdf.pipeline import load_dataset
from monitor_pdf.wording import phrases as ph
from monitor_pdf.wording.compare import Comparer, Measure, z_statistic
from monitor_pdf.wording.numbers import format_number, format_pct, format_procent, format_value
from monitor_pdf.wording.texts import build_wording


@pytest.mark.parametrize("value,text", [
    (47, "47%"), (12.5, "12,5%"), (100, "100%"), (0, "0%"),
])
def test_percentages(value, text):
    assert format_pct(value) == text


def test_numbers_and_words():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_procent(60) == "60 procent"
    assert format_value(81, True) == "81%*" and format_value(81, False) == "81%"


# Every quantifier the original uses, from the value it stands for.
@pytest.mark.parametrize("value,phrase", [
    (47, "bijna de helft"), (19, "één op de vijf"), (30, "drie op de tien"),
    (14, "één op de zeven"), (15, "één op de zeven"), (60, "zes op de tien"),
    (87, "bijna negen op de tien"), (90, "de overgrote meerderheid"),
    (52, "ruim de helft"), (25, "een kwart"), (33, "een derde"), (50, "de helft"),
    (44, "ruim vier op de tien"), (5, "een klein deel"), (98, "vrijwel alle"),
])
def test_quantifier(value, phrase):
    assert ph.quantifier(value).text == phrase


def test_quantifier_number_agreement():
    assert ph.quantifier(30).plural and ph.quantifier(60).plural
    assert not ph.quantifier(14).plural and not ph.quantifier(47).plural


@pytest.mark.parametrize("value,phrase", [
    (47, "Helft"), (90, "Bijna alle"), (60, "Zes op de tien"), (14, "Eén op de zeven"),
])
def test_headline_quantifier(value, phrase):
    assert ph.headline_quantifier(value).text == phrase


def test_comparisons_without_sample_sizes_use_the_threshold():
    cmp = Comparer()
    assert cmp.compare(47, 49) == "gelijk" and cmp.compare(47, 59) == "minder" and cmp.compare(86, 74) == "meer"
    assert cmp.compare(50, 45) == "meer"                      # 5 points: different
    assert cmp.versus_years(47, [(2020, 49), (2022, 59)]) == "evenveel als in 2020 maar minder dan in 2022"
    assert cmp.versus_years(30, [(2020, 20), (2022, 21)]) == "meer dan in 2020 en 2022"
    assert cmp.change_since(47, 25) == "bijna verdubbeld"
    assert cmp.change_since(50, 25) == "verdubbeld"
    assert cmp.change_since(30, 28) == "gelijk gebleven"
    assert cmp.change_since(20, 40) == "gehalveerd"
    assert cmp.series_against_past([(2016, 21), (2018, 22), (2020, 15), (2022, 21), (2024, 21)]) == (
        "is gelijk aan voorgaande jaren (met uitzondering van 2020)")
    assert cmp.series_against_past([(2016, 10), (2018, 20), (2020, 30)]) == "is toegenomen"
    assert cmp.split_groups({"gemeenten": 46, "provincies": 47, "waterschappen": 22}) == (
        ["gemeenten", "provincies"], ["waterschappen"])
    assert cmp.split_groups({"gemeenten": 88, "provincies": 90, "waterschappen": 89}) is None
    assert cmp.method == "drempel"


def test_comparisons_with_sample_sizes_use_a_z_test():
    cmp = Comparer()
    # 5 points apart would differ by the threshold, but with n = 150 each the
    # z-test finds no significant difference (z = -0.87).
    assert z_statistic(Measure(47, 150), Measure(52, 150)) == pytest.approx(-0.866, abs=0.01)
    assert cmp.compare(Measure(47, 150), Measure(52, 150)) == "gelijk"
    # 47% vs 50% with n = 3000 each: only 3 points, but significant (z = -2.33).
    assert cmp.compare(Measure(47, 3000), Measure(50, 3000)) == "minder"
    assert cmp.method == "toets"
    cmp.compare(47, 30)                                       # one without n
    assert cmp.method == "beide"


def test_other_phrases():
    assert ph.half_comparison(44).text == "minder dan de helft"
    assert ph.capitalize("één op de zeven") == "Eén op de zeven"
    assert ph.join(["a", "b", "c"]) == "a, b en c"


# The original factsheet's sentences (../shared/seed, OCR slips corrected).
ORIGINAL = {
    "h1": "Helft politieke ambtsdragers provincies kreeg te maken met agressie",
    "p1": "In 2024 kreeg bijna de helft (47%) van alle politieke ambtsdragers van provincies te maken met "
          "agressie. Dat is evenveel als in 2020 maar minder dan in 2022. Politieke ambtsdragers van "
          "provincies ervaren met name verbale agressie (46%), bedreiging en intimidatie (24%). Fysieke "
          "agressie komt weinig voor (Figuur 1). Ten opzichte van tien jaar geleden is het percentage "
          "ambtsdragers van provincies dat slachtoffer werd van agressie bijna verdubbeld. Van alle "
          "ambtsdragers van provincies in Nederland maakte één op de vijf (19%) in 2024 een incident mee "
          "dat zij als (zeer) ernstig beschouwen (Figuur 2).",
    "callout_lagen": "Politieke ambtsdragers van gemeenten en provincies krijgen meer te maken met agressie "
                     "dan ambtsdragers van waterschappen.",
    "h2_wijze": "Meeste agressie wordt geuit via sociale media",
    "p_wijze": "Sociale media zijn de meest genoemde wijzen waarop agressie tegen politieke ambtsdragers "
               "van provincies wordt geuit.",
    "h2_melden": "Minderheid ambtsdragers provincies besprak incident",
    "p_melden": "Van de politieke ambtsdragers van provincies die te maken kregen met agressie, besprak "
                "minder dan de helft het incident met iemand in de organisatie. Drie op de tien maakten "
                "een officiële interne melding bij de daarvoor aangewezen persoon. Eén op de zeven heeft "
                "het extern gemeld, onder andere bij de politie en/of de eigen politieke partij.",
    "h2_belangen": "Belangenverstrengeling toegenomen",
    "p_belangen": "Tussen 2016 en 2024 zijn de vermoedens van belangenverstrengeling toegenomen. Vermoedens "
                  "over meestemmen over zaken waarbij men een persoonlijk belang heeft is gelijk aan "
                  "voorgaande jaren (met uitzondering van 2020).",
    "h2_cultuur": "Politieke ambtsdragers provincies meer tevreden over organisatiecultuur dan gemeenten",
    "p_cultuur": "Bijna negen op de tien zijn tevreden met de gesprekscultuur in de organisatie en vinden "
                 "dat er voldoende aandacht is voor integriteit. Vergeleken met gemeenten zijn meer "
                 "politieke ambtsdragers van provincies tevreden hierover. Eén op de zeven is van mening "
                 "dat er alleen aandacht is voor integriteit als er sprake is van een kwestie.",
    "h2_dilemma": "Bijna alle politieke ambtsdragers van provincies voelen vrijheid om dilemma’s te bespreken",
    "p_dilemma": "De overgrote meerderheid van de politieke ambtsdragers van provincies voelt zich vrij om "
                 "dilemma’s te bespreken en vindt dat daar voldoende gelegenheid voor is in hun "
                 "organisatie. Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten, "
                 "provincies en waterschappen.",
}
ORIGINAL_TITLES = {
    "callout_gevolgen": "Zes op de tien ervaren negatieve gevolgen van agressie",
    "callout_ondermijning": "Meer politieke ambtsdragers tevreden over aandacht voor ondermijning dan voor corruptie",
}
ORIGINAL_TEXTS = {
    "callout_gevolgen": "Voor 60 procent van politieke ambtsdragers van provincies heeft het meemaken van "
                        "agressie negatieve gevolgen. Het gaat vooral om effecten op het gebruik van sociale "
                        "media en het werkplezier.",
    "callout_ondermijning": "Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten, "
                            "provincies en waterschappen.",
}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def wording_for(dataset, spec, laag):
    return build_wording(build_model(dataset, spec, laag, 2024, None), spec)


def test_provincies_sentences_are_the_originals(dataset, spec):
    blocks = wording_for(dataset, spec, "provincies").blocks
    for block_id, text in ORIGINAL.items():
        assert blocks[block_id]["text"] == text, block_id
    for block_id, title in ORIGINAL_TITLES.items():
        assert blocks[block_id]["title"] == title
        assert blocks[block_id]["text"] == ORIGINAL_TEXTS[block_id]


def test_other_lagen_get_sentences_true_for_their_numbers(dataset, spec):
    gemeenten = wording_for(dataset, spec, "gemeenten").blocks
    assert gemeenten["h2_cultuur"]["text"] == (
        "Politieke ambtsdragers gemeenten minder tevreden over organisatiecultuur dan provincies")
    assert "van gemeenten te maken met agressie" in gemeenten["p1"]["text"]
    waterschappen = wording_for(dataset, spec, "waterschappen").blocks
    total = dataset.require("agressie_totaal", "waterschappen", 2024).waarde
    assert waterschappen["h1"]["text"].startswith(ph.headline_quantifier(total).text)
    assert f"({format_pct(total)})" in waterschappen["p1"]["text"]


def test_changing_a_number_changes_the_phrase(data_copy, spec):
    path = data_copy / "agressie.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("agressie_totaal,") and ",provincies,2024,47," in line)
    lines[at] = lines[at].replace(",provincies,2024,47,", ",provincies,2024,52,")
    path.write_text("".join(lines), encoding="utf-8")
    blocks = wording_for(load_dataset(data_copy), spec, "provincies").blocks
    assert blocks["p1"]["text"].startswith("In 2024 kreeg ruim de helft (52%) van alle")


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


def test_sample_sizes_switch_the_comparisons_to_a_z_test(data_copy, spec):
    path = data_copy / "agressie.csv"
    text = path.read_text(encoding="utf-8")
    # n for every agressie_totaal row: the trend and the lagen are now tested.
    lines = [line.replace(",,illustratief", ",150,illustratief").replace(",,gepubliceerd", ",150,gepubliceerd")
             if line.startswith("agressie_totaal,") else line for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wording = wording_for(load_dataset(data_copy), spec, "provincies")
    assert "z-toets" in wording.footer["source"] and "waar de steekproefomvang bekend is" in wording.footer["source"]
    # 47 vs 59 with n = 150 each is significant (z = -2.1): still "minder dan in 2022".
    assert "evenveel als in 2020 maar minder dan in 2022" in wording.blocks["p1"]["text"]


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
    from monitor_pdf.errors import SpecError
    from monitor_pdf.spec import load_overrides

    (data_copy / "teksten").mkdir()
    (data_copy / "teksten" / "provincies-2024.toml").write_text('[p99]\ntext = "x"\n', encoding="utf-8")
    with pytest.raises(SpecError, match=r"provincies-2024.toml: \[p99\] is not a block"):
        load_overrides(spec, data_copy, "provincies", 2024)
