#!/usr/bin/env python3
"""Writes SampleData/: a realistic small förbund (Blekinge-like register) over three halvår.

Deterministic (fixed seed), so the committed files can be re-made and reviewed. The files mix what
insats leaders really send: one row per deltagare or pre-aggregated counts with `antal`, ids or names for
insatser, and the 2023H2 deltagare file in the Swedish Excel dialect (';', Windows-1252, CRLF).
usage: scripts/make-sampledata.py [OUTDIR]
"""
import random, sys, os

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "SampleData")
FORBUND_NAME, FORBUND_ID = "Samordningsförbundet i Blekinge", "blekinge"
# id, name, deltagare per halvår, share of stegförflyttning among exits, share unga
INSATSER = [("kt-karlskrona", "Konsultationsteam Karlskrona", 46, 0.82, 0.35),
            ("kt-karlshamn", "Konsultationsteam Karlshamn", 31, 0.78, 0.30),
            ("kt-ronneby", "Konsultationsteam Ronneby", 27, 0.74, 0.30),
            ("kt-olofstrom", "Konsultationsteam Olofström", 14, 0.80, 0.25),
            ("kt-solvesborg", "Konsultationsteam Sölvesborg", 17, 0.76, 0.30),
            ("unga-vidare", "Unga vidare 16–29", 33, 0.85, 1.0)]
PERIODS = ["2022H2", "2023H1", "2023H2"]
STEG = ["arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering"]
STEG_W = [18, 12, 20, 22, 28]
ANNAN = ["sjukdom", "foraldraledig", "avbrott", "flyttat", "annat"]
ANNAN_W = [35, 8, 35, 12, 10]
UNGA, ALDRE = ["16-19", "20-24", "25-29"], ["30-39", "40-49", "50-59", "60-64"]
QUESTIONS = ["behov", "samordnad", "inflytande", "stod", "bemotande", "forstaelse", "verktyg", "planering", "redo"]
AVSLUT_ONLY = {"forstaelse", "verktyg", "planering", "redo"}
JANEJ = {"samordnad", "planering"}


def deltagare(rng, period):
    rows = []
    for ident, name, n, steg, unga in INSATSER:
        n = n + rng.randint(-4, 4)
        for _ in range(n):
            kon = rng.choices(["kvinna", "man", "annat"], [0.55, 0.43, 0.02])[0]
            alder = rng.choice(UNGA) if rng.random() < unga else rng.choice(ALDRE)
            ny = "ja" if rng.random() < 0.45 else "nej"
            if rng.random() < 0.42:
                orsak = rng.choices(STEG, STEG_W)[0] if rng.random() < steg else rng.choices(ANNAN, ANNAN_W)[0]
                rows.append((ident, name, kon, alder, ny, "avslutad", orsak))
            else:
                rows.append((ident, name, kon, alder, ny, "pagaende", ""))
    return rows


def answer(rng, q, good):
    r = rng.random()
    if r < 0.04:
        return ""
    if r < 0.07:
        return rng.choice(["vet ej", "ej aktuellt"])
    if q in JANEJ:
        return "1" if rng.random() < good + 0.05 else "0"
    return str(rng.choices([4, 3, 2, 1], [good * 0.55, good * 0.45, (1 - good) * 0.7, (1 - good) * 0.3])[0])


def forms(rng, period):
    rows = []
    for ident, name, n, steg, _ in INSATSER:
        for _ in range(max(3, n * 3 // 8 + rng.randint(-3, 3))):
            enkat = "deltagare-avslut" if rng.random() < 0.45 else "deltagare-pagaende"
            kon = rng.choices(["kvinna", "man", "annat", ""], [0.54, 0.41, 0.02, 0.03])[0]
            alder = rng.choice(UNGA + ALDRE) if rng.random() < 0.8 else ""
            good = 0.80 + (steg - 0.8)
            ans = [answer(rng, q, good) if (enkat == "deltagare-avslut" or q not in AVSLUT_ONLY) else "" for q in QUESTIONS]
            if not any(ans):
                ans[0] = "3"
            rows.append([FORBUND_ID, ident, period, enkat, kon, alder] + ans)
    return rows


def coherent_ny(rows, previous, extra_nej):
    """Marks as new (ny = ja) the fewest deltagare, last rows first, so that no insats has more deltagare that
    are not new than were pågående at the end of the halvår before (finsam's continuity warning). Uses no
    random numbers, so every other figure stays as the seed made it. `extra_nej`: not-new rows added later."""
    if previous is None:
        return rows
    pagaende = {}
    for r in previous:
        if r[5] == "pagaende":
            pagaende[r[0]] = pagaende.get(r[0], 0) + 1
    rows = list(rows)
    for ident, _, _, _, _ in INSATSER:
        allowed = pagaende.get(ident, 0) - extra_nej.get(ident, 0)
        nej = [i for i, r in enumerate(rows) if r[0] == ident and r[4] == "nej"]
        for i in reversed(nej[max(allowed, 0):]):
            rows[i] = rows[i][:4] + ("ja",) + rows[i][5:]
    return rows


def coherent_forms(forms, rows):
    """Makes the fewest avslut forms (last first) pågående forms, without the avslut-only questions, so that
    no insats has more avslut forms than avslutade deltagare (finsam's plausibility warning)."""
    avslutade = {}
    for r in rows:
        if r[5] == "avslutad":
            avslutade[r[0]] = avslutade.get(r[0], 0) + 1
    for ident, _, _, _, _ in INSATSER:
        avslut = [i for i, f in enumerate(forms) if f[1] == ident and f[3] == "deltagare-avslut"]
        for i in avslut[avslutade.get(ident, 0):]:
            f = forms[i]
            ans = ["" if q in AVSLUT_ONLY else a for q, a in zip(QUESTIONS, f[6:])]
            if not any(ans):
                ans[0] = "3"
            forms[i] = f[:3] + ["deltagare-pagaende"] + f[4:6] + ans
    return forms


def field(v, sep):
    return '"' + v.replace('"', '""') + '"' if (sep in v or '"' in v or "\n" in v) else v


def write(path, header, rows, excel=False):
    sep, nl, enc = (";", "\r\n", "cp1252") if excel else (",", "\n", "utf-8")
    with open(path, "w", encoding=enc, newline="") as f:
        for row in [header] + rows:
            f.write(sep.join(field(c, sep) for c in row) + nl)


def main():
    rng = random.Random(2023)
    previous = None
    for period in PERIODS:
        rows = coherent_ny(deltagare(rng, period), previous, {"kt-ronneby": 1})
        previous = rows
        excel = period == "2023H2"
        # Konsultationsteam Karlskrona sends pre-aggregated counts; the others one row per deltagare.
        agg = {}
        out = []
        for ident, name, kon, alder, ny, status, orsak in rows:
            if ident == "kt-karlskrona":
                key = (kon, alder, ny, status, orsak)
                agg[key] = agg.get(key, 0) + 1
            else:
                insats = name if excel else ident
                out.append([FORBUND_NAME if excel else FORBUND_ID, insats, period, kon, alder, ny, status, orsak, "", "1", ""])
        for (kon, alder, ny, status, orsak), n in sorted(agg.items()):
            out.append([FORBUND_NAME if excel else FORBUND_ID, "Konsultationsteam Karlskrona", period, kon, alder, ny, status,
                        orsak, "", str(n), "sammanräknat"])
        # One exit the insats judged a stegförflyttning although the code alone would not say so.
        out.append([FORBUND_NAME if excel else FORBUND_ID, "kt-ronneby", period, "kvinna", "30-39", "nej", "avslutad", "annat",
                     "ja", "1", "Praktik som ledde till anställning"])
        header = ["forbund", "insats", "period", "kon", "aldersgrupp", "ny", "status", "avslutsorsak", "stegforflyttning",
                  "antal", "x_kommentar"]
        write(os.path.join(OUT, f"deltagare-{period}.csv"), header, out, excel=excel)
        write(os.path.join(OUT, f"indikatorsvar-{period}.csv"),
              ["forbund", "insats", "period", "enkat", "kon", "aldersgrupp"] + QUESTIONS,
              coherent_forms(forms(rng, period), rows + [("kt-ronneby", "", "", "", "nej", "avslutad", "annat")]))


if __name__ == "__main__":
    main()
