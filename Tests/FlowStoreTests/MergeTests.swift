import FlowEngine
import FlowExperiments
import FlowScenario
import FlowStore
import Foundation
import GRDB
import XCTest

/// `ResultsStore.merge` on runs made apart, and schema upgrades.
final class MergeTests: XCTestCase {
    /// Plain runs (no experiment) split by replication into two stores
    /// merge into the store of the whole run, time series included.
    func testRunsSplitAcrossStoresMergeToTheWholeRun() throws {
        let s = try StoreFixture.clinic()
        let results = try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 4, threads: 2)
        let whole = try StoreFixture.newStore()
        let run = try StoreFixture.store(results, of: s, in: whole)
        try whole.finishRun(run)
        var parts: [ResultsStore] = []
        for half in [[0, 2], [1, 3, 2]] {
            let part = try StoreFixture.newStore()
            let id = try part.beginRun(StoreFixture.info(s, replications: 4), scenarioFiles: StoreFixture.files(s), keys: results.keys)
            for r in results.results where half.contains(r.replication) { try part.record(r, run: id, model: s.model) }
            parts.append(part)
        }
        let merged = try StoreFixture.newStore()
        let outcome = try merged.merge(from: parts.map(\.path))
        XCTAssertEqual(outcome, MergeOutcome(stores: 2, runs: 1, added: 4, duplicates: 1, finishedRuns: 1))
        XCTAssertEqual(try StoreFixture.dump(merged.path), try StoreFixture.dump(whole.path))
        // Merging again changes nothing.
        let again = try merged.merge(from: parts.map(\.path))
        XCTAssertEqual(again.added, 0)
        XCTAssertEqual(again.duplicates, 5)
        XCTAssertEqual(try StoreFixture.dump(merged.path), try StoreFixture.dump(whole.path))
    }

    /// A run with another seed is another run, not more replications of the first.
    func testRunsThatDifferInWhatFixesResultsStayApart() throws {
        let s = try StoreFixture.clinic()
        let a = try StoreFixture.newStore(), b = try StoreFixture.newStore()
        _ = try StoreFixture.store(try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 1), of: s, in: a)
        var other = s
        other.seed = s.seed + 1
        _ = try StoreFixture.store(try ReplicationRunner.run(model: s.model, seed: other.seed, replications: 1), of: other, in: b)
        let merged = try StoreFixture.newStore()
        XCTAssertEqual(try merged.merge(from: [a.path, b.path]).runs, 2)
        XCTAssertEqual(try merged.runIDs(), [1, 2])
    }

    func testMergeRefusesWhatItCannotMergeExactly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let merged = try StoreFixture.newStore()
        let missing = dir.appendingPathComponent("none.sqlite").path
        XCTAssertThrowsError(try merged.merge(from: [missing])) { XCTAssertEqual($0 as? ResultsStoreError, .noSuchStore(missing)) }
        let foreign = dir.appendingPathComponent("foreign.sqlite").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        XCTAssertThrowsError(try merged.merge(from: [foreign])) { XCTAssertEqual($0 as? ResultsStoreError, .notAStore(foreign)) }
        let newer = dir.appendingPathComponent("newer.sqlite").path
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try merged.merge(from: [newer])) {
            XCTAssertEqual($0 as? ResultsStoreError, .newerSchema(found: 99, supported: 2))
        }
        // The same scenario and seed with another metric layout (another flowsim) is not silently mixed.
        let s = try StoreFixture.clinic()
        let a = try StoreFixture.newStore(), b = try StoreFixture.newStore()
        _ = try StoreFixture.store(try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 1), of: s, in: a)
        _ = try b.beginRun(StoreFixture.info(s, replications: 1), scenarioFiles: StoreFixture.files(s),
                           keys: [MetricKey(metric: "other", station: "x")])
        XCTAssertThrowsError(try merged.merge(from: [a.path, b.path])) {
            XCTAssertEqual($0 as? ResultsStoreError, .mergeLayoutMismatch(scenarioHash: s.hash, file: b.path))
        }
        XCTAssertEqual(try merged.completedReplications(run: 1), [0], "the first input stays merged")
    }

    /// A version 1 store (before experiments) opens as version 2 with every row kept.
    func testVersionOneStoresAreUpgradedInPlace() throws {
        let s = try StoreFixture.clinic()
        let store = try StoreFixture.newStore()
        let run = try StoreFixture.store(try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 2), of: s, in: store)
        try store.finishRun(run)
        let before = try StoreFixture.dump(store.path)
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "DROP TABLE experiment_points; DROP TABLE experiments; PRAGMA user_version = 1")
        }
        let reopened = try ResultsStore(path: store.path)
        XCTAssertEqual(try DatabaseQueue(path: store.path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }, 2)
        XCTAssertEqual(try StoreFixture.dump(reopened.path), before)
        XCTAssertEqual(try DatabaseQueue(path: store.path).read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('experiments', 'experiment_points')")
        }, 2)
    }
}
