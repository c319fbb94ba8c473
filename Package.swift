// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "FlowSim",
    products: [
        .executable(name: "flowsim", targets: ["flowsim"]),
        .library(name: "FlowEngine", targets: ["FlowEngine"]),
        .library(name: "FlowScenario", targets: ["FlowScenario"]),
        .library(name: "FlowStats", targets: ["FlowStats"]),
        .library(name: "FlowDesign", targets: ["FlowDesign"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(
            name: "FlowStats",
            dependencies: ["CGSL"],
            swiftSettings: strict
        ),
        .target(
            name: "FlowDesign",
            dependencies: ["CGSL", "FlowStats"],
            swiftSettings: strict
        ),
        .target(
            name: "FlowEngine",
            dependencies: [
                "CGSL", "FlowStats",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FlowScenario",
            dependencies: ["FlowEngine", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "FlowExperiments",
            dependencies: ["FlowEngine", "FlowScenario", "FlowStats", "FlowDesign"],
            swiftSettings: strict
        ),
        .target(
            name: "FlowReport",
            dependencies: ["FlowExperiments", "FlowStats"],
            swiftSettings: strict
        ),
        .target(
            name: "FlowStore",
            dependencies: ["FlowEngine", "FlowExperiments", "FlowStats", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "flowsim",
            dependencies: [
                "FlowEngine", "FlowScenario", "FlowStats", "FlowExperiments", "FlowReport", "FlowStore", "FlowDesign",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FlowStatsTests",
            // The Histogram package is the reference QuantileSketch is checked against.
            dependencies: ["FlowStats", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "FlowDesignTests", dependencies: ["FlowDesign"], swiftSettings: strict),
        .testTarget(name: "FlowEngineTests", dependencies: ["FlowEngine", "FlowStats"], swiftSettings: strict),
        .testTarget(
            name: "FlowScenarioTests",
            dependencies: ["FlowScenario", "FlowEngine", "FlowExperiments", "FlowStats"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FlowRulesTests",
            dependencies: ["FlowScenario", "FlowExperiments", "FlowEngine", "FlowStats"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FlowExperimentsTests",
            dependencies: ["FlowExperiments", "FlowScenario", "FlowEngine", "FlowStats"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ValidationTests",
            dependencies: ["FlowScenario", "FlowExperiments", "FlowEngine", "FlowStats", "CGSL"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FlowReportTests",
            dependencies: ["FlowReport", "FlowExperiments", "FlowScenario", "FlowEngine", "FlowStats"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FlowsimTests",
            dependencies: ["FlowScenario", "FlowExperiments", "FlowReport", "FlowStats", "FlowEngine"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FlowStoreTests",
            dependencies: [
                "FlowStore", "FlowExperiments", "FlowScenario", "FlowEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
