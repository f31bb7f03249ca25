import FinsamKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(FinsamCommandLine.main(Array(CommandLine.arguments.dropFirst())))
