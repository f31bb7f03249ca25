import FinsamKit

/// How a command fails, and so which exit code it ends with (DOMAIN §10).
enum CLIError: Error {
    /// Exit 2: the command line itself is wrong.
    case usage(String)
    /// Exit 1 (or 3 when a file could not be read at all): the input is invalid.
    case invalid([Problem])
    /// Exit 1: `--fail-on-unmet` and a goal was not met.
    case unmet(String)
    /// Exit 3: finsam could not do its work (I/O, the store).
    case failure(String)
    /// The command has already said what is wrong; exit with this code.
    case quiet(Int32)

    var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .invalid(let problems): problems.contains(where: \.isIOFailure) ? 3 : 1
        case .unmet: 1
        case .failure: 3
        case .quiet(let code): code
        }
    }
}
