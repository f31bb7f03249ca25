import Foundation

/// The dimension catalogue finsam uses when no `--dimensioner` file is given: the same text as
/// `SampleData/dimensioner.json` (written by `scripts/embed-dimensions.py`; a test keeps them equal).
enum BuiltInDimensions {
    static let catalogue: DimensionCatalogue = {
        do {
            return try JSONFile.decode(DimensionCatalogue.self, from: Data(text.utf8), name: "dimensioner.json")
        } catch {
            preconditionFailure("the built-in dimension catalogue does not decode: \(error)")  // a test guards this
        }
    }()

    static let text = #"""
        {
          "$schema": "../Schemas/dimensioner.schema.json",
          "version": 1,
          "dimensions": [
            {"id": "aldersgrupp", "label": "Åldersgrupp", "appliesTo": "all", "codes": [
              {"code": "16-19", "label": "16–19 år"}, {"code": "20-24", "label": "20–24 år"}, {"code": "25-29", "label": "25–29 år"},
              {"code": "30-39", "label": "30–39 år"}, {"code": "40-49", "label": "40–49 år"}, {"code": "50-59", "label": "50–59 år"},
              {"code": "60-64", "label": "60–64 år"}],
              "folds": [
                {"id": "unga", "label": "Unga 16–29 år", "codes": ["16-19", "20-24", "25-29"]},
                {"id": "30-64", "label": "30–64 år", "codes": ["30-39", "40-49", "50-59", "60-64"]}]},
            {"id": "malgrupp", "label": "Målgrupp", "appliesTo": "all", "codes": [
              {"code": "aktivitetsersattning", "label": "Aktivitetsersättning"},
              {"code": "sjukpenning-sjukersattning", "label": "Sjukpenning eller sjukersättning", "aliases": ["sjukpenning", "sjukersättning"]},
              {"code": "forsorjningsstod", "label": "Försörjningsstöd", "aliases": ["ekonomiskt bistånd"]},
              {"code": "a-kassa", "label": "A-kassa", "aliases": ["arbetslöshetsersättning"]},
              {"code": "nyanland", "label": "Nyanländ"},
              {"code": "ingen-ersattning", "label": "Ingen ersättning", "aliases": ["ingen"]},
              {"code": "annan", "label": "Annan", "aliases": ["annat"]}]},
            {"id": "forsorjning_fore", "label": "Försörjning före insatsen", "appliesTo": "all", "codes": [
              {"code": "aktivitetsersattning", "label": "Aktivitetsersättning"},
              {"code": "sjukpenning-sjukersattning", "label": "Sjukpenning eller sjukersättning", "aliases": ["sjukpenning", "sjukersättning"]},
              {"code": "forsorjningsstod", "label": "Försörjningsstöd", "aliases": ["ekonomiskt bistånd"]},
              {"code": "a-kassa", "label": "A-kassa", "aliases": ["arbetslöshetsersättning"]},
              {"code": "nyanland", "label": "Nyanländ"},
              {"code": "ingen-ersattning", "label": "Ingen ersättning", "aliases": ["ingen"]},
              {"code": "annan", "label": "Annan", "aliases": ["annat"]},
              {"code": "arbete", "label": "Arbete"},
              {"code": "studier", "label": "Studier"}]},
            {"id": "forsorjning_efter", "label": "Försörjning efter insatsen", "appliesTo": "avslutad", "codes": [
              {"code": "aktivitetsersattning", "label": "Aktivitetsersättning"},
              {"code": "sjukpenning-sjukersattning", "label": "Sjukpenning eller sjukersättning", "aliases": ["sjukpenning", "sjukersättning"]},
              {"code": "forsorjningsstod", "label": "Försörjningsstöd", "aliases": ["ekonomiskt bistånd"]},
              {"code": "a-kassa", "label": "A-kassa", "aliases": ["arbetslöshetsersättning"]},
              {"code": "nyanland", "label": "Nyanländ"},
              {"code": "ingen-ersattning", "label": "Ingen ersättning", "aliases": ["ingen"]},
              {"code": "annan", "label": "Annan", "aliases": ["annat"]},
              {"code": "arbete", "label": "Arbete"},
              {"code": "studier", "label": "Studier"}]},
            {"id": "remittent", "label": "Remittent", "appliesTo": "all", "codes": [
              {"code": "af", "label": "Arbetsförmedlingen"}, {"code": "fk", "label": "Försäkringskassan"},
              {"code": "kommun", "label": "Kommunen"}, {"code": "region", "label": "Regionen"}, {"code": "annan", "label": "Annan", "aliases": ["annat"]}]},
            {"id": "tid_i_insats", "label": "Tid i insatsen", "appliesTo": "avslutad", "codes": [
              {"code": "0-3", "label": "0–3 månader"}, {"code": "3-6", "label": "3–6 månader"}, {"code": "6-12", "label": "6–12 månader"},
              {"code": "12-24", "label": "12–24 månader"}, {"code": "24+", "label": "Mer än 24 månader", "aliases": ["över 24"]}]},
            {"id": "handlingsplan", "label": "Handlingsplan", "appliesTo": "all", "codes": [
              {"code": "ja", "label": "Ja", "aliases": ["j"]}, {"code": "nej", "label": "Nej", "aliases": ["n"]}]}
          ]
        }
        """#
}
