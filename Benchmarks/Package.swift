// swift-tools-version: 6.1
// Engine micro-benchmarks with ordo-one/benchmark, kept out of the main
// package so that `swift test` never builds them.
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
import Foundation
import PackageDescription

// A path dependency's identity is its directory's name, which is whatever the
// clone of the repository is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "FlowSimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FlowEngine", package: root),
                .product(name: "FlowScenario", package: root),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
