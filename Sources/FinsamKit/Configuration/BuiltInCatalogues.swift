/// The catalogues finsam uses when none is given on the command line: the same text as
/// `SampleData/avslutsorsaker.json`, `SampleData/indikatorer.json` and `SampleData/aktiviteter.json` (written by `scripts/embed-catalogues.py`;
/// a test keeps them equal), compiled in so that the binary works from any folder without resource bundles.
enum BuiltInCatalogues {
    static let avslutsorsaker = #"""
        {
          "$schema": "../Schemas/avslutsorsaker.schema.json",
          "version": 1,
          "susGroups": [
            {"code": "forvarvsarbete", "label": "Förvärvsarbete"},
            {"code": "studier", "label": "Studier"},
            {"code": "aktivt-arbetssokande", "label": "Aktivt arbetssökande som ej arbetar eller studerar"},
            {"code": "ovriga", "label": "Övriga avslutade"}
          ],
          "avslutsorsaker": [
            {"code": "arbete", "label": "Arbete (osubventionerat)", "stegforflyttning": true, "inDenominator": true, "counted": true, "susGroup": "forvarvsarbete"},
            {"code": "arbete-med-stod", "label": "Arbete med stöd (lönebidrag, nystartsjobb m.m.)", "stegforflyttning": true, "inDenominator": true, "counted": true, "susGroup": "forvarvsarbete"},
            {"code": "studier", "label": "Studier (arbetsmarknadsutbildning räknas hit)", "stegforflyttning": true, "inDenominator": true, "counted": true, "susGroup": "studier"},
            {"code": "arbetssokande", "label": "Aktivt arbetssökande", "stegforflyttning": true, "inDenominator": true, "counted": true, "susGroup": "aktivt-arbetssokande"},
            {"code": "annan-rehabilitering", "label": "Vidare till annan insats eller rehabilitering", "stegforflyttning": true, "inDenominator": true, "counted": true, "susGroup": "ovriga"},
            {"code": "sjukdom", "label": "Sjukskrivning / ohälsa", "stegforflyttning": false, "inDenominator": true, "counted": true, "susGroup": "ovriga"},
            {"code": "foraldraledig", "label": "Föräldraledighet", "stegforflyttning": false, "inDenominator": true, "counted": true, "susGroup": "ovriga"},
            {"code": "avbrott", "label": "Avbrutet: på egen begäran / uteblivit, utan plan", "stegforflyttning": false, "inDenominator": true, "counted": true, "susGroup": "ovriga"},
            {"code": "flyttat", "label": "Flyttat från området", "stegforflyttning": false, "inDenominator": false, "counted": true, "susGroup": "ovriga"},
            {"code": "avliden", "label": "Avliden", "stegforflyttning": false, "inDenominator": false, "counted": true, "susGroup": "ovriga"},
            {"code": "annat", "label": "Annat / okänt", "stegforflyttning": false, "inDenominator": true, "counted": true, "susGroup": "ovriga"},
            {"code": "felregistrering", "label": "Felregistrering", "stegforflyttning": false, "inDenominator": false, "counted": false}
          ]
        }

        """#

    static let indikatorer = #"""
        {
          "$schema": "../Schemas/indikatorer.schema.json",
          "version": 1,
          "enkater": [
            {"id": "deltagare-pagaende", "label": "Deltagare, pågående insats", "aliases": ["pågående", "pagaende"], "respondent": "deltagare"},
            {"id": "deltagare-avslut", "label": "Deltagare, vid avslut", "aliases": ["avslut", "avslutad"], "respondent": "deltagare"},
            {"id": "personal", "label": "Insatspersonal", "aliases": ["insatspersonal", "medarbetare"], "respondent": "personal"},
            {"id": "chefer", "label": "Chefer i samverkan", "aliases": ["chefsgrupp"], "respondent": "chefer"},
            {"id": "styrelse", "label": "Styrelse", "aliases": ["förbundsstyrelse"], "respondent": "styrelse"},
            {"id": "remittenter", "label": "Remittenter", "aliases": ["remittent"], "respondent": "remittenter"},
            {"id": "samverkansgrupp", "label": "Samverkansgrupp", "aliases": ["samverkansenkät"], "respondent": "samverkansgrupp"}
          ],
          "scales": [
            {"id": "del4", "positiveFrom": 3, "values": [
              {"value": 4, "label": "Till mycket stor del"}, {"value": 3, "label": "Till stor del"},
              {"value": 2, "label": "Till liten del"}, {"value": 1, "label": "Inte alls"}]},
            {"id": "utstrackning4", "positiveFrom": 3, "values": [
              {"value": 4, "label": "I mycket stor utsträckning"}, {"value": 3, "label": "I stor utsträckning"},
              {"value": 2, "label": "I liten utsträckning"}, {"value": 1, "label": "I mycket liten utsträckning"}]},
            {"id": "betyg4", "positiveFrom": 3, "values": [
              {"value": 4, "label": "Mycket bra"}, {"value": 3, "label": "Bra"},
              {"value": 2, "label": "Dåligt"}, {"value": 1, "label": "Mycket dåligt"}]},
            {"id": "vikt4", "positiveFrom": 3, "values": [
              {"value": 4, "label": "Mycket viktigt"}, {"value": 3, "label": "Viktigt"},
              {"value": 2, "label": "Inte så viktigt"}, {"value": 1, "label": "Inte alls viktigt"}]},
            {"id": "janej", "positiveFrom": 1, "values": [
              {"value": 1, "label": "Ja"}, {"value": 0, "label": "Nej"}]},
            {"id": "skala10", "positiveFrom": 7, "values": [
              {"value": 1, "label": "1"}, {"value": 2, "label": "2"}, {"value": 3, "label": "3"}, {"value": 4, "label": "4"},
              {"value": 5, "label": "5"}, {"value": 6, "label": "6"}, {"value": 7, "label": "7"}, {"value": 8, "label": "8"},
              {"value": 9, "label": "9"}, {"value": 10, "label": "10"}]}
          ],
          "questions": [
            {"id": "behov", "enkater": ["deltagare-pagaende", "deltagare-avslut"], "scale": "del4", "label": "Insatsen utgår från mina behov"},
            {"id": "samordnad", "enkater": ["deltagare-pagaende", "deltagare-avslut"], "scale": "janej", "label": "Jag har haft en person eller ett team att vända mig till"},
            {"id": "inflytande", "enkater": ["deltagare-pagaende", "deltagare-avslut"], "scale": "del4", "label": "Jag har fått vara med och bestämma om mitt stöd"},
            {"id": "stod", "enkater": ["deltagare-pagaende", "deltagare-avslut"], "scale": "del4", "label": "Jag får det stöd jag behöver"},
            {"id": "bemotande", "enkater": ["deltagare-pagaende", "deltagare-avslut"], "scale": "betyg4", "label": "Hur jag har blivit bemött"},
            {"id": "forstaelse", "enkater": ["deltagare-avslut"], "scale": "del4", "label": "Större förståelse för min situation"},
            {"id": "verktyg", "enkater": ["deltagare-avslut"], "scale": "del4", "label": "Verktyg att hantera min situation"},
            {"id": "planering", "enkater": ["deltagare-avslut"], "scale": "janej", "label": "Det finns en plan för tiden efter insatsen"},
            {"id": "redo", "enkater": ["deltagare-avslut"], "scale": "del4", "label": "Mer redo att arbeta eller studera"},
            {"id": "medskapare", "enkater": ["personal"], "scale": "del4", "label": "Jag är medskapare i samverkan"},
            {"id": "helhetssyn", "enkater": ["personal", "chefer"], "scale": "del4", "label": "Vi arbetar utifrån individens hela situation"},
            {"id": "trygghet", "enkater": ["personal", "samverkansgrupp"], "scale": "del4", "label": "Det är tryggt att ta upp problem i samverkan"},
            {"id": "jamstalldhet", "enkater": ["personal", "chefer"], "scale": "del4", "label": "Jämställdhet och jämlikhet finns i rutinerna"},
            {"id": "styrning", "enkater": ["styrelse", "chefer"], "scale": "del4", "label": "Styrningen stimulerar samverkan"},
            {"id": "forutsattningar", "enkater": ["remittenter"], "scale": "del4", "label": "Insatsen passar dem jag remitterar"}
          ]
        }

        """#

    static let aktiviteter = #"""
        {
          "$schema": "../Schemas/aktiviteter.schema.json",
          "version": 1,
          "aktiviteter": [
            {"code": "utbildning", "label": "Utbildning", "aliases": ["kurs", "utbildningsdag"]},
            {"code": "konferens", "label": "Konferens", "aliases": ["arbetskonferens", "seminarium"]},
            {"code": "natverksmote", "label": "Nätverksmöte", "aliases": ["nätverk"]},
            {"code": "dialogmote", "label": "Dialogmöte", "aliases": ["dialog"]},
            {"code": "agarsamrad", "label": "Ägarsamråd"},
            {"code": "samverkansmote", "label": "Samverkansmöte", "aliases": ["samverkan"]},
            {"code": "kartlaggning", "label": "Kartläggning", "aliases": ["analys"]},
            {"code": "information", "label": "Information", "aliases": ["informationsträff"]},
            {"code": "styrelsemote", "label": "Styrelsemöte", "aliases": ["styrelsesammanträde"]},
            {"code": "annat", "label": "Annat", "aliases": ["annan"]}
          ]
        }

        """#
}
