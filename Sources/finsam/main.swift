import FinsamKit

ProcessControl.ignoreBrokenPipes()
switch FinsamCommandLine.rawArguments() {
case .success(let words): ProcessControl.exit(FinsamCommandLine.main(words))
case .failure(let error):
    FinsamCommandLine.report(error, words: ["?"], json: false)
    ProcessControl.exit(error.exitCode)
}
