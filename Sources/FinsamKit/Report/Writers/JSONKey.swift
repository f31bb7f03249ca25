/// A JSON object key named at run time ("deltagare", a goal's own label key), for outputs whose keys are
/// not a fixed `CodingKeys` enum: the JSON report and `status --format json`.
///
///     var c = encoder.container(keyedBy: JSONKey.self)
///     try c.encode(id, forKey: JSONKey("id"))
public struct JSONKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ s: String) { stringValue = s }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
