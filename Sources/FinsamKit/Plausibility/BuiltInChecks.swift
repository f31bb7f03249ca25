/// The built-in plausibility checks of DOMAIN §11, over what a command sees (a ``Dataset``): continuity of
/// pågående between halvår, more avslut forms than avslutade, more pågående forms than deltagare, an
/// active individinriktad insats without deltagare, and rows for a halvår outside the insats's first and
/// last. Each warning names the file and the figures it compared.
public struct BuiltInChecks: Sendable {
    public let dataset: Dataset
    /// The halvår whose units are checked; `nil`: every halvår in the data.
    public let focus: Set<Period>?
    /// The register's file, named by the warning about an insats without deltagare.
    public let registerName: String
    /// The insatser (register ids) whose missing deltagare are judged; `nil`: every insats of the register.
    /// A submit judges only the insatser of the files it was given: the others have not sent theirs yet, which
    /// `status` says, and "0 deltagare" for them would be noise on a receipt (issue #26).
    public var judgedInsatser: Set<String>? = nil

    public init(dataset: Dataset, focus: Set<Period>?, registerName: String = "forbund.json") {
        self.dataset = dataset
        self.focus = focus
        self.registerName = registerName
    }

    private struct Unit: Hashable {
        var forbund: Int32, insats: Int32, period: Period
    }

    private struct Figures {
        var total = 0, avslutade = 0, pagaende = 0, notNy = 0, withNy = 0
        var avslutForms = 0, pagaendeForms = 0
        var hasDeltagare = false
    }

    /// Every warning, in file order.
    ///
    /// - Returns: the warnings, sorted by file and message.
    public func warnings() -> [PlausibilityWarning] {
        let catalogue = dataset.catalogues.avslutsorsaker
        var figures: [Unit: Figures] = [:]
        for r in dataset.deltagare where catalogue.counts(r) {
            let unit = Unit(forbund: r.forbund, insats: r.insats, period: r.period)
            figures[unit, default: Figures()].hasDeltagare = true
            figures[unit]!.total += r.antal
            if r.status == .avslutad { figures[unit]!.avslutade += r.antal } else { figures[unit]!.pagaende += r.antal }
            if let ny = r.ny {
                figures[unit]!.withNy += r.antal
                if !ny { figures[unit]!.notNy += r.antal }
            }
        }
        let avslut = dataset.catalogues.indikatorer.enkatIndex("deltagare-avslut").map(Int16.init)
        let pagaende = dataset.catalogues.indikatorer.enkatIndex("deltagare-pagaende").map(Int16.init)
        for f in dataset.forms {
            let unit = Unit(forbund: f.forbund, insats: f.insats, period: f.period)
            if f.enkat == avslut { figures[unit, default: Figures()].avslutForms += 1 }
            if f.enkat == pagaende { figures[unit, default: Figures()].pagaendeForms += 1 }
        }
        let files = fileOfUnit()
        func file(_ unit: Unit, _ kind: FileKind) -> String { files[FileUnit(unit: unit, kind: kind)] ?? "(okänd fil)" }
        func inFocus(_ period: Period) -> Bool { focus.map { $0.contains(period) } ?? true }

        var warnings: [PlausibilityWarning] = []
        for (unit, f) in figures where inFocus(unit.period) {
            let name = insatsText(unit.insats)
            if f.hasDeltagare, f.withNy > 0, unit.period.isHalfYear,
                let before = figures[Unit(forbund: unit.forbund, insats: unit.insats, period: unit.period.previous)], before.hasDeltagare,
                f.notNy > before.pagaende
            {
                warnings.append(
                    PlausibilityWarning(
                        file: file(unit, .deltagare),
                        message:
                            "\(name) \(unit.period): \(f.notNy) deltagare som inte är nya (ny = nej), men \(before.pagaende) pågående vid slutet av "
                            + "\(unit.period.previous) (\(file(Unit(forbund: unit.forbund, insats: unit.insats, period: unit.period.previous), .deltagare))); "
                            + "väntade högst \(before.pagaende) — kontrollera kolumnerna ny och status i båda halvåren"))
            }
            if f.hasDeltagare, f.avslutForms > f.avslutade {
                warnings.append(
                    PlausibilityWarning(
                        file: file(unit, .indikatorsvar),
                        message:
                            "\(name) \(unit.period): \(f.avslutForms) avslutsformulär (deltagare-avslut), men \(f.avslutade) avslutade deltagare "
                            + "(\(file(unit, .deltagare))); väntade högst ett avslutsformulär per avslutad deltagare"))
            }
            if f.hasDeltagare, f.pagaendeForms > f.total {
                warnings.append(
                    PlausibilityWarning(
                        file: file(unit, .indikatorsvar),
                        message:
                            "\(name) \(unit.period): \(f.pagaendeForms) formulär under insatsen (deltagare-pagaende), men \(f.total) deltagare "
                            + "(\(file(unit, .deltagare))); väntade högst ett formulär per deltagare"))
            }
            if let insats = dataset.register?.insats(named: dataset.name(unit.insats)), !insats.isActive(in: unit.period) {
                let span = "\(insats.forstaHalvar)–\(insats.sistaHalvar.map(\.description) ?? "")"
                let kind: FileKind = f.hasDeltagare ? .deltagare : .indikatorsvar
                warnings.append(
                    PlausibilityWarning(
                        file: file(unit, kind),
                        message:
                            "\(name) \(unit.period): väntade uppgifter bara för insatsens halvår enligt registret (\(span)), fann \(unit.period) — "
                            + "kontrollera perioden i filen, eller insatsens första och sista halvår i \(registerName)"))
            }
        }
        warnings += withoutDeltagare(figures)
        return warnings.sorted()
    }

    /// Individinriktade insatser of the register, active in a halvår for which deltagare were reported, that
    /// have none in it.
    private func withoutDeltagare(_ figures: [Unit: Figures]) -> [PlausibilityWarning] {
        guard let register = dataset.register else { return [] }
        var reported: [Period: Set<String>] = [:]
        for (unit, f) in figures where f.hasDeltagare && unit.period.isHalfYear {
            reported[unit.period, default: []].insert(register.insats(named: dataset.name(unit.insats))?.id ?? dataset.name(unit.insats))
        }
        let halves = focus.map { focus in
            Set(focus.flatMap { $0.half == nil ? [Period(year: $0.year, half: 1), Period(year: $0.year, half: 2)] : [$0] })
        }
        // The warning names the halvår's deltagare files, where the insats's rows are missing, not the register.
        var deltagareFiles: [Period: Set<String>] = [:]
        for (unit, file) in fileOfUnit() where unit.kind == .deltagare { deltagareFiles[unit.unit.period, default: []].insert(file) }
        var warnings: [PlausibilityWarning] = []
        for (period, ids) in reported.sorted(by: { $0.key < $1.key }) where halves.map({ $0.contains(period) }) ?? true {
            let files = deltagareFiles[period].map { $0.sorted().joined(separator: ", ") } ?? registerName
            let others = ids.count == 1 ? "1 annan insats har" : "\(ids.count) andra insatser har"
            for insats in register.insatser
            where insats.typ == .individ && insats.isActive(in: period) && !ids.contains(insats.id) && judgedInsatser?.contains(insats.id) != false {
                warnings.append(
                    PlausibilityWarning(
                        file: files,
                        message:
                            "\(insats.namn) (\(insats.id)) \(period): individinriktad och aktiv enligt registret, men 0 deltagare i underlaget "
                            + "(\(others) rapporterat deltagare); väntade deltagare, eller att registret anger ett sista halvår före \(period) "
                            + "om insatsen har upphört"
                    ))
            }
        }
        return warnings
    }

    private struct FileUnit: Hashable {
        var unit: Unit
        var kind: FileKind
    }

    /// The file each unit and kind was read from (the last one that has it, as the store's latest wins).
    private func fileOfUnit() -> [FileUnit: String] {
        var result: [FileUnit: String] = [:]
        for summary in dataset.files where summary.isValid {
            guard let kind = summary.kind else { continue }
            for key in summary.keys {
                result[FileUnit(unit: Unit(forbund: key.forbund, insats: key.insats, period: key.period), kind: kind)] = summary.file
            }
        }
        return result
    }

    /// "Konsultationsteam Ronneby (kt-ronneby)", or the name as the file wrote it.
    func insatsText(_ id: Int32) -> String {
        let name = dataset.name(id)
        guard let insats = dataset.register?.insats(named: name) else { return name }
        return "\(insats.namn) (\(insats.id))"
    }
}
