extension FileKind {
    /// What a file of this kind holds `count` of, in words: "1 formulär", "1 rad", "143 rader".
    ///
    /// - Returns: the count and its noun, for receipts, `validate` and `status`.
    public func rows(_ count: Int) -> String {
        "\(count) " + (self == .indikatorsvar ? "formulär" : count == 1 ? "rad" : "rader")
    }
}
