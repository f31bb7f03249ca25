import FinsamKit

ProcessControl.exit(FinsamCommandLine.main(Array(CommandLine.arguments.dropFirst())))
