#!/usr/bin/env python3
"""Writes SampleData/<förbund>/ for the four seed förbund beside Blekinge: deltagare and indikatorsvar per
halvår, enough to exercise every goal in SampleData/mal-<förbund>.json. Deterministic (fixed seed).

Gotland's deltagare also have the background dimensions of DOMAIN §4.5 (drawn from a second generator, so the
other columns are as before); Malmö uses its own age bands 16–30 (SampleData/malmo/dimensioner.json)."""
import os, random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SampleData")
AGES = ["16-19", "20-24", "25-29", "30-39", "40-49", "50-59", "60-64"]
ORSAKER = ["arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering", "sjukdom", "avbrott", "flyttat", "annat"]
WEIGHTS = [3, 2, 3, 2, 2, 2, 2, 1, 1]
QUESTIONS = ["behov", "samordnad", "inflytande", "stod", "bemotande", "forstaelse", "verktyg", "planering", "redo"]
AVSLUT_ONLY = {"forstaelse", "verktyg", "planering", "redo"}
JANEJ = {"samordnad", "planering"}
DIMENSIONS = ["malgrupp", "forsorjning_fore", "forsorjning_efter", "remittent", "tid_i_insats", "handlingsplan"]
MALGRUPP = ["aktivitetsersattning", "sjukpenning-sjukersattning", "forsorjningsstod", "a-kassa", "nyanland", "ingen-ersattning", "annan"]
MALGRUPP_WEIGHTS = [4, 3, 5, 2, 3, 2, 1]
# Malmö's own bands (unga vuxna 16–30): the generated bands renamed.
MALMO_BANDS = {"25-29": "25-30", "30-39": "31-39"}


def dimensions(rng, status, orsak):
    """A Gotland deltagare's background: målgrupp and försörjning före, efter (avslutade), remittent, time."""
    malgrupp = rng.choices(MALGRUPP, MALGRUPP_WEIGHTS)[0]
    fore = malgrupp if rng.random() < 0.85 else rng.choice(MALGRUPP)
    efter = tid = ""
    if status == "avslutad":
        if orsak in ("arbete", "arbete-med-stod"):
            efter = "arbete"
        elif orsak == "studier":
            efter = "studier"
        else:
            efter = fore if rng.random() < 0.7 else rng.choice(MALGRUPP)
        tid = rng.choices(["0-3", "3-6", "6-12", "12-24", "24+"], [2, 3, 4, 2, 1])[0]
    remittent = rng.choices(["af", "fk", "kommun", "region", "annan"], [4, 3, 4, 2, 1])[0]
    plan = "ja" if rng.random() < 0.7 else "nej"
    return (malgrupp, fore, efter, remittent, tid, plan)

FORBUND = {
    "gotland": ("FinsamGotland", {"JobbSam 3.0": (160, 0.45)}, ["2021H1", "2021H2"]),
    "gavleborg": ("Samordningsförbund Gävleborg", {"Trisam": (30, 0.35), "ASF-stöd": (14, 0.3)}, ["2016H1", "2016H2", "2017H1", "2017H2"]),
    "skelleftea": ("Samordningsförbundet Skellefteå-Norsjö", {"READY": (22, 0.95), "Aktiv uppföljning": (24, 0.2)}, ["2015H1", "2015H2"]),
    "malmo": ("Finsam i Malmö", {"Supported Employment": (35, 0.3), "Aktivitetsarenan": (45, 0.3), "Stegen": (20, 0.4)}, ["2010H1", "2010H2"]),
}


def age(rng, young):
    return rng.choice(AGES[:3]) if rng.random() < young else rng.choice(AGES[3:])


def coherent_ny(counts, pagaende_before):
    """Moves the fewest not-new deltagare (ny = nej, last keys first) to ny = ja, so that no insats has more
    deltagare that are not new than were pågående at the end of the halvår before (finsam's continuity
    warning). Uses no random numbers, so every other figure stays as the seed made it."""
    if pagaende_before is None:
        return counts
    counts = dict(counts)
    for insats in {key[0] for key in counts} & set(pagaende_before):
        excess = sum(n for key, n in counts.items() if key[0] == insats and key[3] == "nej") - pagaende_before.get(insats, 0)
        for key in sorted((k for k in counts if k[0] == insats and k[3] == "nej"), reverse=True):
            if excess <= 0:
                break
            moved = min(excess, counts[key])
            counts[key] -= moved
            if counts[key] == 0:
                del counts[key]
            new = key[:3] + ("ja",) + key[4:]
            counts[new] = counts.get(new, 0) + moved
            excess -= moved
    return counts


def main():
    for slug, (namn, insatser, periods) in FORBUND.items():
        pagaende_before = None
        rng = random.Random(slug)
        dims = random.Random(slug + "-dimensioner") if slug == "gotland" else None
        folder = os.path.join(ROOT, slug)
        os.makedirs(folder, exist_ok=True)
        for p, period in enumerate(periods):
            drows, frows, all_counts = [], [], {}
            for insats, (size, young) in insatser.items():
                if insats == "READY":
                    young = 1.0
                    size = 0 if period.endswith("H1") else size  # READY starts hösten 2015
                if insats == "READY" and size == 0:
                    continue
                counts = {}
                # Improve a little each halvår, so that change goals have something to find.
                good = 0.45 + 0.05 * p
                for _ in range(size):
                    kon = rng.choices(["kvinna", "man", "annat"], [10, 9, 1])[0]
                    a = "16-19" if insats == "READY" else age(rng, young)
                    ny = "ja" if rng.random() < 0.5 else "nej"
                    if rng.random() < 0.45:
                        orsak = rng.choices(ORSAKER, WEIGHTS)[0]
                        status = "avslutad"
                    else:
                        orsak, status = "", "pagaende"
                    if slug == "malmo":
                        a = MALMO_BANDS.get(a, a)
                    key = (insats, kon, a, ny, status, orsak) + (dimensions(dims, status, orsak) if dims else ())
                    counts[key] = counts.get(key, 0) + 1
                    # A survey form from most deltagare.
                    if rng.random() < 0.8:
                        enkat = "deltagare-avslut" if status == "avslutad" else "deltagare-pagaende"
                        answers = []
                        for q in QUESTIONS:
                            if q in AVSLUT_ONLY and enkat != "deltagare-avslut":
                                answers.append("")
                            elif q in JANEJ:
                                positive = rng.random() < (0.97 if insats == "READY" and q == "planering" else 0.55 + 0.1 * p)
                                answers.append("1" if positive else "0")
                            elif rng.random() < 0.05:
                                answers.append("vet ej")
                            else:
                                answers.append(str(rng.choices([4, 3, 2, 1], [good, good, 1 - good, (1 - good) / 2])[0]))
                        frows.append([namn, insats, period, enkat, kon, a] + answers)
                all_counts.update(counts)
            all_counts = coherent_ny(all_counts, pagaende_before)
            # Every insats that reported, with its pågående (0 when none): finsam compares only insatser that
            # reported the halvår before.
            pagaende_before = {key[0]: 0 for key in all_counts}
            for key, n in all_counts.items():
                if key[4] == "pagaende":
                    pagaende_before[key[0]] = pagaende_before.get(key[0], 0) + n
            for insats in insatser:
                for (insats_, kon, a, ny, status, orsak, *background), n in sorted(all_counts.items()):
                    if insats_ == insats:
                        drows.append([namn, insats_, period, kon, a, ny, status, orsak, str(n)] + background)
            with open(os.path.join(folder, f"deltagare-{period}.csv"), "w", encoding="utf-8", newline="") as f:
                f.write(";".join(["forbund", "insats", "period", "kon", "aldersgrupp", "ny", "status", "avslutsorsak", "antal"]
                                 + (DIMENSIONS if dims else [])) + "\n")
                for row in drows:
                    f.write(";".join(row) + "\n")
            with open(os.path.join(folder, f"indikatorsvar-{period}.csv"), "w", encoding="utf-8", newline="") as f:
                f.write(";".join(["forbund", "insats", "period", "enkat", "kon", "aldersgrupp"] + QUESTIONS) + "\n")
                for row in frows:
                    f.write(";".join(row) + "\n")


if __name__ == "__main__":
    main()
