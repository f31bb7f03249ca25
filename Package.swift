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
        .target(name: "FinsamKit"),
        .executableTarget(name: "finsam", dependencies: ["FinsamKit"]),
        .testTarget(name: "FinsamKitTests", dependencies: ["FinsamKit"], exclude: ["Fixtures"]),
        .testTarget(name: "finsamTests", dependencies: ["finsam"]),
    ]
)
