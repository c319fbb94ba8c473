import FlowEngine
import XCTest

final class RandomStreamTests: XCTestCase {
    private func draws(_ s: RandomStream, _ n: Int = 1_000) -> [Double] { (0..<n).map { _ in s.uniform() } }

    func testSameSeedSameSequence() throws {
        for generator in ["mt19937", "ranlxd2", "taus2"] {
            let a = try RandomStream(generator: generator, seed: 12_345)
            let b = try RandomStream(generator: generator, seed: 12_345)
            XCTAssertEqual(draws(a), draws(b), generator)
            XCTAssertEqual(a.generatorName, generator)
        }
    }

    func testDifferentSeedsDiffer() throws {
        let a = draws(try RandomStream(seed: 1))
        let b = draws(try RandomStream(seed: 2))
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(zip(a, b).filter { $0 == $1 }.count, 0, "independent streams share no draws")
        let c = draws(try RandomStream(generator: "ranlxd2", seed: 1))
        XCTAssertNotEqual(a, c, "different generators give different numbers")
    }

    /// GSL's mt19937 keeps the low 32 bits of the seed (documented in StreamSeed).
    func testMT19937UsesLow32BitsOfSeed() throws {
        let a = draws(try RandomStream(seed: 77), 10)
        let b = draws(try RandomStream(seed: 77 + (1 << 32)), 10)
        XCTAssertEqual(a, b)
    }

    func testRanges() throws {
        let s = try RandomStream(seed: 9)
        var sum = 0.0
        for _ in 0..<100_000 {
            let u = s.uniform()
            XCTAssertTrue(u >= 0 && u < 1)
            let v = s.uniformPositive()
            XCTAssertTrue(v > 0 && v < 1)
            sum += u
        }
        let z = (sum / 100_000 - 0.5) / (1.0 / 12 / 100_000).squareRoot()
        print("uniform mean z = \(z)")
        XCTAssertLessThan(abs(z), 4)
    }

    func testExponentialMean() throws {
        let s = try RandomStream(seed: 10)
        let n = 100_000
        var sum = 0.0
        for _ in 0..<n { sum += s.exponential(mean: 2.5) }
        let z = (sum / Double(n) - 2.5) / (2.5 / Double(n).squareRoot())
        print("exponential(2.5) mean z = \(z)")
        XCTAssertLessThan(abs(z), 4)
    }

    func testUnknownGeneratorThrowsWithListOfGenerators() {
        do {
            _ = try RandomStream(generator: "no-such-rng", seed: 1)
            XCTFail("an unknown generator must throw")
        } catch {
            XCTAssertEqual(error, .unknownGenerator("no-such-rng"))
            let message = error.description
            XCTAssertTrue(message.contains("'no-such-rng'"), message)
            XCTAssertTrue(message.contains("mt19937"), message)
            XCTAssertTrue(message.contains("ranlxd2"), message)
            for name in RandomStream.availableGenerators {
                XCTAssertTrue(message.contains(name), "\(name) missing from: \(message)")
            }
        }
    }

    func testAvailableGenerators() {
        let names = RandomStream.availableGenerators
        XCTAssertTrue(names.contains("mt19937"))
        XCTAssertTrue(names.contains("ranlxd2"))
        XCTAssertGreaterThan(names.count, 20)
        XCTAssertEqual(Set(names).count, names.count, "no duplicates")
    }
}

final class StreamSeedTests: XCTestCase {
    /// The documented formula, written out again independently:
    /// FNV-1a 64 over "<seed>/<replication>/<name>", then SplitMix64's finaliser.
    private func reference(_ seed: UInt64, _ replication: Int, _ name: String) -> UInt64 {
        var h: UInt64 = 14_695_981_039_346_656_037          // FNV offset basis
        for byte in Array("\(seed)/\(replication)/\(name)".utf8) {
            h = (h ^ UInt64(byte)) &* 1_099_511_628_211      // FNV prime
        }
        var z = h &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func testMatchesDocumentedFormula() {
        for seed: UInt64 in [0, 1, 42, 12_345, .max] {
            for replication in [0, 1, 7, 999] {
                for name in ["", "source.walkin.arrivals", "station.desk.service", "ünïcode · stream"] {
                    XCTAssertEqual(StreamSeed.derive(masterSeed: seed, replication: replication, stream: name),
                                   reference(seed, replication, name), "\(seed)/\(replication)/\(name)")
                }
            }
        }
    }

    /// Values computed outside Swift (Python), pinning the reproducibility promise.
    func testKnownValues() {
        XCTAssertEqual(StreamSeed.derive(masterSeed: 42, replication: 0, stream: "source.walkin.arrivals"), 0xbf8e_9ee7_2f09_264f)
        XCTAssertEqual(StreamSeed.derive(masterSeed: 0, replication: 0, stream: ""), 0xceb6_e572_6aad_2183)
        XCTAssertEqual(StreamSeed.derive(masterSeed: 12_345, replication: 7, stream: "station.desk.service"), 0x6f5c_6586_2dc3_5d35)
    }

    func testDeterministicAndDistinct() {
        let a = StreamSeed.derive(masterSeed: 42, replication: 3, stream: "station.a.service")
        XCTAssertEqual(a, StreamSeed.derive(masterSeed: 42, replication: 3, stream: "station.a.service"))
        var seen = Set<UInt64>()
        var lowBits = Set<UInt32>()
        for replication in 0..<50 {
            for name in ["station.a.service", "station.b.service", "station.a.patience", "source.x.arrivals"] {
                let s = StreamSeed.derive(masterSeed: 42, replication: replication, stream: name)
                XCTAssertTrue(seen.insert(s).inserted, "collision at \(replication) \(name)")
                lowBits.insert(UInt32(truncatingIfNeeded: s))
            }
        }
        XCTAssertEqual(lowBits.count, 200, "the 32 bits mt19937 keeps differ too")
        XCTAssertNotEqual(StreamSeed.derive(masterSeed: 42, replication: 0, stream: "x"),
                          StreamSeed.derive(masterSeed: 43, replication: 0, stream: "x"))
        // "1/23/x" and "12/3/x" are different texts, so different seeds.
        XCTAssertNotEqual(StreamSeed.derive(masterSeed: 1, replication: 23, stream: "x"),
                          StreamSeed.derive(masterSeed: 12, replication: 3, stream: "x"))
    }
}
