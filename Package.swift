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
        // Release builds drop the dynamic exclusivity checks: they cost a fifth of `aggregate`'s time (class
        // properties read per cell), and debug builds — which the tests use — keep them.
        .target(name: "FinsamKit", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .executableTarget(name: "finsam", dependencies: ["FinsamKit"]),
        // What both test targets share: repository paths, temporary folders, the process runner, a seeded generator.
        .target(name: "FinsamTestSupport", path: "Tests/FinsamTestSupport"),
        .testTarget(name: "FinsamKitTests", dependencies: ["FinsamKit", "FinsamTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "finsamTests", dependencies: ["finsam", "FinsamTestSupport"]),
    ]
)
