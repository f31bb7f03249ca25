// swift-tools-version: 6.0
import PackageDescription

// Foundation only: finsam is installed by förbund IT staff who should not need to vet third-party code.
let package = Package(
    name: "finsam",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "FinsamKit", targets: ["FinsamKit"]),
        .executable(name: "finsam", targets: ["finsam"]),
    ],
    targets: [
        // No unsafeFlags: a package that uses them cannot be depended on. `aggregate`'s hot path keeps its state
        // in locals and structs, so the dynamic exclusivity checks of class properties are not paid per cell.
        .target(name: "FinsamKit"),
        .executableTarget(name: "finsam", dependencies: ["FinsamKit"]),
        // What both test targets share: repository paths, temporary folders, the process runner, a seeded generator.
        .target(name: "FinsamTestSupport", path: "Tests/FinsamTestSupport"),
        .testTarget(name: "FinsamKitTests", dependencies: ["FinsamKit", "FinsamTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "finsamTests", dependencies: ["finsam", "FinsamTestSupport"]),
    ]
)
