"""Generate a dataset of other units: the twelve provincies, each compared with
Nederland (as the 2022 per-provincie factsheets did), over several editions.

Every value is invented (status illustratief, bron says so): this dataset
exists to show that units are data and to measure batch throughput.

    python -m bench.units_dataset OUT_DIR [--first 2008] [--last 2024]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

from monitor_pdf import resources

PROVINCIES = ["Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
              "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"]
NATIONAL = "Nederland"
BRON = "illustratief; gegenereerd door bench/units_dataset.py (geen gepubliceerde waarde)"
HEADER = ["indicator", "item", "bestuurslaag", "jaar", "waarde", "n", "status", "bron", "toelichting"]

# (indicator, items, low, high); items in display order
ITEMS = {
    "agressie_vorm": (["Verbale agressie", "Bedreiging en intimidatie", "Fysieke agressie"],
                      [(30, 48), (12, 26), (1, 6)]),
    "wijze_geuit": (["Via sociale media", "Via e-mail", "In persoon (face-to-face)", "Telefonisch",
                     "Per brief of post", "Via (online) nieuwsmedia", "Anders"],
                    [(45, 62), (25, 36), (18, 30), (6, 12), (4, 9), (3, 8), (3, 7)]),
    "besproken_gemeld": (["Intern besproken", "Intern gemeld", "Extern gemeld"], [(38, 60), (20, 34), (8, 18)]),
    "gevolg": (["…mijn sociale media professioneel", "…mijn werkplezier", "…mijn sociale media persoonlijk",
                "…mijn geestelijke gezondheid", "…manier waarop ik mijn werk doe", "…mijn gedrag privé",
                "…mijn politieke ambities", "…mijn lichamelijke gezondheid", "…manier waarop ik besluiten neem",
                "…mijn eigendommen (schade)"],
               [(26, 36), (22, 32), (18, 27), (12, 19), (10, 16), (8, 13), (6, 11), (3, 7), (2, 6), (1, 3)]),
    "reden_niet_melden": (["Ik vond het daar niet erg genoeg voor", "Dergelijke incidenten horen bij mijn functie",
                           "Heeft geen zin, er wordt toch niets mee gedaan", "Ik wist niet bij wie ik terecht kon",
                           "Anders"], [(45, 58), (33, 44), (20, 32), (8, 15), (4, 8)]),
    "reden_geen_aangifte": (["Ik vond het daar niet erg genoeg voor", "Het was mijns inziens geen strafbaar feit",
                             "Heeft geen zin, er wordt toch niets mee gedaan", "Anders"],
                            [(42, 55), (30, 40), (20, 29), (4, 9)]),
    "stelling_cultuur": (["In onze organisatie is er een open gesprekscultuur",
                          "Mijn organisatie besteedt voldoende aandacht aan integriteit",
                          ("In mijn organisatie wordt alleen aandacht aan integriteit besteed "
                           "als er sprake is van een kwestie")],
                         [(70, 90), (70, 90), (12, 25)]),
    "stelling_dilemma": (["Ik voel me vrij om een dilemma of kwestie met collega’s te bespreken",
                          ("Ik vind dat er in mijn organisatie voldoende gelegenheid is "
                           "om een dilemma of kwestie te bespreken"),
                          "Op het moment dat ik te maken krijg met een morele kwestie ga ik op zoek naar advies"],
                         [(84, 93), (80, 89), (66, 78)]),
    "stelling_ondermijning": ([("Mijn organisatie besteedt voldoende aandacht aan (het herkennen van) "
                                "corruptie in de organisatie"),
                               ("Mijn organisatie besteedt voldoende aandacht aan (het herkennen van) "
                                "ondermijnende criminaliteit in de organisatie")],
                              [(42, 52), (56, 68)]),
}
TOTALS = {"ernstig_incident": ("(Zeer) ernstig incident meegemaakt", (8, 22)),
          "gevolgen_totaal": ("Negatieve gevolgen (totaal)", (40, 65)),
          "tevreden_afhandeling": ("(Zeer) tevreden over hoe het incident met anderen is besproken", (65, 85))}
TRENDS = {"agressie_totaal": ["Agressie en intimidatie (totaal)"],
          "vermoeden_niet_integer": [("Verstrengeling van belangen van het ambt met belangen van familie, "
                                      "vrienden en collega’s"),
                                     "Meestemmen over zaken waarbij men een persoonlijk belang heeft"]}


def generate(out: Path, first: int = 2008, last: int = 2024, seed: int = 2022) -> int:
    """Write the dataset; returns how many factsheets it allows."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    units = PROVINCIES + [NATIONAL]
    years = list(range(first, last + 1, 2))
    trend_years = list(range(first - 10, last + 1, 2))
    rows = []
    for unit in units:
        for indicator, items in TRENDS.items():
            for k, item in enumerate(items):
                level = rng.uniform(15, 30) if k == 0 else rng.uniform(12, 22)
                for year in trend_years:
                    level = min(90.0, max(3.0, level + rng.uniform(-2, 4)))
                    rows.append([indicator, item, unit, year, round(level)])
        for year in years:
            for indicator, (items, ranges) in ITEMS.items():
                rows += [[indicator, item, unit, year, rng.randint(lo, hi)] for item, (lo, hi) in zip(items, ranges)]
            for indicator, (item, (lo, hi)) in TOTALS.items():
                rows.append([indicator, item, unit, year, rng.randint(lo, hi)])
            weights = [rng.uniform(5, 20) for _ in range(7)]
            scale = [round(100 * w / sum(weights)) for w in weights]
            scale[3] += 100 - sum(scale)
            rows += [["ernst_incident", str(point), unit, year, v] for point, v in enumerate(scale, start=1)]
    with (out / "tabellen.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(r + ["", "illustratief", BRON, ""] for r in rows)
    with (out / "eenheden.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["bestuurslaag", "naam", "in_zin", "vergelijk", "factsheet"])
        writer.writerows([p, p, p, NATIONAL, "ja"] for p in PROVINCIES)
        writer.writerow([NATIONAL, NATIONAL, "heel Nederland", "", "nee"])
    # Same questionnaire, same items: the bundled sentence forms of the items.
    shutil.copyfile(resources.datasets_dir() / "zinsdelen.csv", out / "zinsdelen.csv")
    return len(PROVINCIES) * len(years)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--first", type=int, default=2008)
    parser.add_argument("--last", type=int, default=2024)
    args = parser.parse_args()
    count = generate(args.out, args.first, args.last)
    print(f"wrote {args.out} ({count} factsheets: {len(PROVINCIES)} provincies x "
          f"{len(range(args.first, args.last + 1, 2))} years)")


if __name__ == "__main__":
    main()
