import FinsamKit

extension FinsamCommandLine {
    /// The command line's words as the system gave them, each checked to be UTF-8 before Swift reads it:
    /// `CommandLine.arguments` puts U+FFFD for bytes that are not, so `\xff.csv` would be read, or written,
    /// as `�.csv`, another file.
    ///
    /// - Returns: the words after the program's name, or the message for the first word that is not UTF-8.
    static func rawArguments() -> Result<[String], CLIError> {
        var words: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            var length = 0
            while pointer[length] != 0 { length += 1 }
            let bytes = UnsafeRawBufferPointer(start: pointer, count: length).bindMemory(to: UInt8.self)
            let word = String(decoding: bytes, as: UTF8.self)
            guard word.utf8.elementsEqual(bytes) else {
                return .failure(
                    .usage(
                        "ord \(index) på kommandoraden (\(word)) är inte UTF-8; väntade namn i UTF-8, fann andra byte, som "
                            + "finsam inte kan läsa eller skriva exakt — byt namn på filen eller mappen så att namnet är UTF-8"))
            }
            words.append(word)
        }
        return .success(words)
    }
}
