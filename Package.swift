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
        // No unsafe compiler flags, so that other packages can depend on FinsamKit by version. Turning off the
        // dynamic exclusivity checks used to be one; measured with callgrind, they cost nothing in `aggregate`.
        .target(name: "FinsamKit"),
        .executableTarget(name: "finsam", dependencies: ["FinsamKit"]),
        // What both test targets share: repository paths, temporary folders, the process runner, a seeded generator.
        .target(name: "FinsamTestSupport", path: "Tests/FinsamTestSupport"),
        .testTarget(name: "FinsamKitTests", dependencies: ["FinsamKit", "FinsamTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "finsamTests", dependencies: ["finsam", "FinsamTestSupport"], exclude: ["Golden"]),
    ]
)
