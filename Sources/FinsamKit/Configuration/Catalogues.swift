import Foundation

/// The catalogues every verb needs: exit reasons, indicator questions and activities. Built in by default; a
/// förbund that edits its own copies passes them with `--avslutsorsaker`, `--indikatorer` and `--aktiviteter`.
public struct Catalogues: Sendable {
    public var avslutsorsaker: AvslutsorsakCatalogue
    public var indikatorer: IndicatorCatalogue
    public var aktiviteter: AktivitetCatalogue
    /// The background dimensions (DOMAIN §4.5): the built-in ones, with a förbund's `--dimensioner` file
    /// replacing those it lists.
    public var dimensioner: DimensionCatalogue = BuiltInDimensions.catalogue
    /// The dimensions a förbund's own `--dimensioner` file lists (besides åldersgrupp): the columns its
    /// templates get. Empty with the built-in catalogue alone.
    public var templateDimensions: [String] = []

    public init(avslutsorsaker: AvslutsorsakCatalogue, indikatorer: IndicatorCatalogue, aktiviteter: AktivitetCatalogue? = nil) {
        self.avslutsorsaker = avslutsorsaker
        self.indikatorer = indikatorer
        self.aktiviteter = aktiviteter ?? Self.builtInAktiviteter
    }

    /// The built-in aktivitet catalogue (`SampleData/aktiviteter.json`).
    static let builtInAktiviteter: AktivitetCatalogue = {
        do {
            return try JSONFile.decode(AktivitetCatalogue.self, from: Data(BuiltInCatalogues.aktiviteter.utf8), name: "aktiviteter.json")
        } catch {
            preconditionFailure("the built-in aktivitet catalogue does not decode: \(error)")  // a test guards this
        }
    }()

    public static let builtIn: Catalogues = {
        do {
            return Catalogues(
                avslutsorsaker: try JSONFile.decode(
                    AvslutsorsakCatalogue.self, from: Data(BuiltInCatalogues.avslutsorsaker.utf8),
                    name: "avslutsorsaker.json"),
                indikatorer: try JSONFile.decode(
                    IndicatorCatalogue.self, from: Data(BuiltInCatalogues.indikatorer.utf8),
                    name: "indikatorer.json"))
        } catch {
            preconditionFailure("the built-in catalogues do not decode: \(error)")  // a test guards this
        }
    }()

    /// Loads the given catalogue files (or the built-in ones), checking them beyond their JSON shape.
    /// A `nil` path keeps that built-in catalogue; a `dimensioner` file replaces the dimensions it lists.
    ///
    ///     let catalogues = try Catalogues.load(avslutsorsaker: nil, indikatorer: "indikatorer.json")
    ///
    /// - Returns: the catalogues to decode files and compute reports with.
    /// - Throws: ``ValidationFailure`` with every problem of every file given, each at its line and column.
    public static func load(avslutsorsaker: String?, indikatorer: String?, aktiviteter: String? = nil, dimensioner: String? = nil)
        throws(ValidationFailure) -> Catalogues
    {
        var catalogues = builtIn
        var problems: [Problem] = []
        /// Loads one catalogue and checks it beyond its JSON shape; `nil` (with problems) when it cannot be used.
        func load<T: Decodable>(_ type: T.Type, _ path: String, check: (T) -> [Problem]) -> T? {
            do {
                let (loaded, document) = try JSONFile.document(type, from: path)
                problems += JSONFile.locating(check(loaded), in: document)
                return loaded
            } catch {
                problems += error.problems
                return nil
            }
        }
        if let path = avslutsorsaker, let loaded = load(AvslutsorsakCatalogue.self, path, check: { $0.problems(file: JSONFile.displayName(path)) }) {
            catalogues.avslutsorsaker = loaded
        }
        if let path = indikatorer, let loaded = load(IndicatorCatalogue.self, path, check: { $0.problems(file: JSONFile.displayName(path)) }) {
            catalogues.indikatorer = loaded
        }
        if let path = aktiviteter, let loaded = load(AktivitetCatalogue.self, path, check: { $0.problems(file: JSONFile.displayName(path)) }) {
            catalogues.aktiviteter = loaded
        }
        if let path = dimensioner, let loaded = load(DimensionCatalogue.self, path, check: { $0.problems(file: JSONFile.displayName(path)) }) {
            let merged = catalogues.dimensioner.merged(with: loaded)
            problems += merged.problems(file: JSONFile.displayName(path)).filter { $0.message.hasPrefix("dimensions:") }
            catalogues.dimensioner = merged
            catalogues.templateDimensions = loaded.dimensions.map(\.id).filter { $0 != DimensionCatalogue.aldersgruppID }
        }
        guard problems.isEmpty else { throw ValidationFailure(StrictDecoder.capped(problems, file: problems[0].file)) }
        return catalogues
    }
}
