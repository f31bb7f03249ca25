import Foundation

/// `verify` over the store's approvals (DOMAIN §11): every file an approval names — the approved report in each
/// format, the goal file, register and rules — is there with the SHA-256 the index gives it, and every
/// submission it names is in the index with the same checksum.
extension StoreVerifier {
    /// - Returns: a finding per missing or changed file and per submission the index does not have.
    func approvalFindings(_ index: StoreIndex) -> [Finding] {
        var findings: [Finding] = []
        let restore = "återställ arkivet från en säkerhetskopia: den fastställda rapporten kan inte visas byte för byte utan filen"
        for approval in index.approvals ?? [] {
            for artefact in approval.artefacts ?? [] {
                let path = "\(store.root)/\(artefact.file)"
                guard Self.isChecksum(artefact.sha256), artefact.file.hasPrefix("approvals/\(artefact.sha256).") else {
                    findings.append(
                        Finding(
                            path: store.indexPath, message: "fastställelse \(approval.sequence) pekar på \"\(artefact.file)\"",
                            advice: "indexet har redigerats för hand; återställ det från en säkerhetskopia"))
                    continue
                }
                guard let data = Store.storedData(path) else {
                    findings.append(
                        Finding(
                            path: path, message: "filen \(artefact.role) till fastställelse \(approval.sequence) (\(approval.period)) saknas",
                            advice: restore))
                    continue
                }
                if SHA256.hex(of: [UInt8](data)) != artefact.sha256 {
                    findings.append(
                        Finding(
                            path: path,
                            message: "kontrollsumman för \(artefact.role) till fastställelse \(approval.sequence) stämmer inte: filen har ändrats",
                            advice: restore))
                }
            }
            for file in approval.files ?? [] where !index.submissions.contains(where: { $0.sequence == file.sequence && $0.sha256 == file.sha256 }) {
                findings.append(
                    Finding(
                        path: store.indexPath, message: "fastställelse \(approval.sequence) nämner inlämning \(file.sequence), som indexet inte har",
                        advice: "indexet har redigerats för hand; återställ det från en säkerhetskopia"))
            }
        }
        return findings
    }
}
