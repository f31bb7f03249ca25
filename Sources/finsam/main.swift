import FinsamKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    finsam — uppföljning av samordningsförbundens insatser (Finsam)

    användning: finsam <verb> [flaggor] [FIL|MAPP ...]

      validate [--annotate KOPIA] FIL...  kontrollerar CSV-filer och Excel-arbetsböcker; skriver varje problem
                                          som FIL:RAD:KOL med cellen (H5); --annotate skriver en kopia av filen
                                          med felen i kolumnen x_fel
      template deltagare|indikatorsvar [--format csv|xlsx] [--register R] [--insats I] [--period P]
                                          skriver en tom mall: xlsx en arbetsbok med listor att välja i,
                                          annars CSV för Excel (UTF-8 med BOM, ;, CRLF)
      report --period P [--forbund F] [--goals mal.json] [--register forbund.json]
             [--format md|html|json|csv] [--output FIL] [--fail-on-unmet]
             [--threshold N] [--unsuppressed] [FIL...]
                                          halvårsrapporten, från filer eller från arkivet
      submit [--dry-run] [--replace] FIL...
                                          kontrollerar och sparar filer i arkivet, skriver ett kvitto;
                                          --dry-run sparar inget; --replace ersätter även med färre än hälften
      status --period P                   vilka insatser som har rapporterat och vilka som saknas
      history [--insats I] [--period P]   alla inlämningar, även ersatta
      verify [--repair]                   kontrollerar arkivets filer och kontrollsummor
      aggregate [--by NYCKLAR] [--format csv|json] [--kind deltagare|indikatorsvar]
                [--on-error stop|skip] [--jobs N] [--register forbund.json] [--output FIL] FIL|MAPP...
                                          analytikerns sammanställning över många filer

    Gemensamt: --avslutsorsaker FIL och --indikatorer FIL byter katalogerna; --store MAPP (annars
    $FINSAM_STORE, annars ./finsam-data) anger arkivet; $FINSAM_LOCK_TIMEOUT (60) hur många sekunder
    finsam väntar på arkivets lås. --output - skriver till standard ut.
    Slutkoder: 0 ok, 1 ogiltig indata eller ej uppfyllt mål (--fail-on-unmet), 2 fel i kommandoraden,
    3 internt fel eller in-/utmatningsfel.

    """

func run(_ words: [String]) throws(CLIError) {
    guard let verb = words.first else { throw .usage("ange ett verb") }
    let rest = Array(words.dropFirst())
    switch verb {
    case "validate": try ValidateCommand.run(rest)
    case "template": try TemplateCommand.run(rest)
    case "report": try ReportCommand.run(rest)
    case "submit": try StoreCommands.submit(rest)
    case "status": try StoreCommands.status(rest)
    case "history": try StoreCommands.history(rest)
    case "verify": try StoreCommands.verify(rest)
    case "aggregate": try AggregateCommand.run(rest)
    case "help", "--help", "-h":
        Output.standardOutput(usage)
    default:
        throw .usage("okänt verb \"\(verb)\"")
    }
}

let words = Array(CommandLine.arguments.dropFirst())
/// `--format json` asks for problems as a JSON list too (DOMAIN §10).
let wantsJSON = words.contains("--format=json") || zip(words, words.dropFirst()).contains { $0 == "--format" && $1 == "json" }

do {
    try run(words)
    exit(0)
} catch {
    switch error {
    case .usage(let message):
        Output.standardError("finsam: \(message)\n\n\(usage)")
    case .invalid(let problems):
        Output.problems(problems, json: wantsJSON)
    case .unmet(let message), .failure(let message):
        Output.standardError("finsam: \(message)\n")
    case .quiet:
        break
    }
    exit(error.exitCode)
}
