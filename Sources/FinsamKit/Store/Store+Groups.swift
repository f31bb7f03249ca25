/// The respondent groups of a submitted survey file, for its slots (``StoreIndex/GroupedKey``).
extension Store {
    /// A sink that keeps, of a survey file, only which enkäter each unit has forms of.
    struct EnkatSink: RecordSink {
        var enkater: [RecordKey: Set<Int16>] = [:]

        mutating func add(_ record: DeltagareRecord) {}

        mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) {
            enkater[RecordKey(forbund: form.forbund, insats: form.insats, period: form.period), default: []].insert(form.enkat)
        }

        /// Per unit, by name, the sorted respondent groups of its forms.
        ///
        /// - Returns: one entry per unit with forms, in key order.
        func groupedKeys(names: (Int32) -> String, catalogue: IndicatorCatalogue) -> [StoreIndex.GroupedKey] {
            enkater.map { key, enkater in
                StoreIndex.GroupedKey(
                    key: NamedKey(forbund: names(key.forbund), insats: names(key.insats), period: key.period),
                    groups: Set(enkater.map { catalogue.enkater[Int($0)].group }).sorted())
            }.sorted { $0.key < $1.key }
        }
    }

    /// A unit and group whose size the "less than half" check compares: the group is `nil` for deltagare
    /// rows, the forms' respondent group for survey forms — so that a deltagare survey is compared with the
    /// deltagare survey it replaces, never with a staff survey.
    struct SizedSlot: Hashable {
        var key: NamedKey
        var group: Respondent?
    }
}
