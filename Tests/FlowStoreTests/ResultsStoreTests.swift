import FlowEngine
import FlowExperiments
import FlowStore
import Foundation
import GRDB
import Synchronization
import XCTest

/// What the store holds equals what the replications computed, once each,
/// whatever the thread count, across runs and interruptions.
final class ResultsStoreTests: XCTestCase {
    func testContentsEqualTheInMemoryResultsWithNaNAsNull() throws {
        let s = try StoreFixture.priority()
        let results = try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 3)
        XCTAssertTrue(results.results.contains { $0.values.contains(where: \.isNaN) }, "the fixture should have NaN values")
        let store = try StoreFixture.newStore()
        let run = try StoreFixture.store(results, of: s, in: store)
        try store.finishRun(run)

        let db = try DatabaseQueue(path: store.path)
        try db.read { db in
            // Every value, through the tidy view, NaN as NULL.
            let rows = try Row.fetchAll(db, sql: """
                SELECT replication, metric, station, group_name, value FROM replication_values
                WHERE run_id = ? ORDER BY replication, metric, station, group_name
                """, arguments: [run])
            XCTAssertEqual(rows.count, results.results.count * results.keys.count)
            var stored: [String: DatabaseValue] = [:]
            for r in rows {
                let rep: Int = r[0], metric: String = r[1], station: String = r[2], group: String = r[3]
                stored["\(rep)|\(metric)|\(station)|\(group)"] = r[4]
            }
            var nulls = 0
            for rep in results.results {
                for (i, key) in results.keys.enumerated() {
                    let v = try XCTUnwrap(stored["\(rep.replication)|\(key.metric)|\(key.station)|\(key.group)"])
                    if rep.values[i].isNaN {
                        XCTAssertTrue(v.isNull, "\(key) of replication \(rep.replication) should be NULL")
                        nulls += 1
                    } else {
                        XCTAssertEqual(Double.fromDatabaseValue(v), rep.values[i], "\(key) of replication \(rep.replication)")
                    }
                }
            }
            XCTAssertGreaterThan(nulls, 0)
            // Every census value.
            let per = NetworkSeries.valuesPerCensus(s.model)
            let series = try Row.fetchAll(db, sql: "SELECT * FROM timeseries WHERE run_id = ?", arguments: [run])
            XCTAssertEqual(series.count, results.results.reduce(0) { $0 + $1.series.count })
            XCTAssertEqual(series.count, 3 * 20 * per)
            let events = try Int64.fetchAll(db, sql: "SELECT events FROM completed_replications ORDER BY replication")
            XCTAssertEqual(events.map(UInt64.init), results.results.map(\.events))
            // Summaries written on finish equal summary.json's (the same code, the same order).
            let summaries = try Row.fetchAll(db, sql: "SELECT n, mean, sd, half_width FROM summaries WHERE run_id = ? ORDER BY metric_id",
                                             arguments: [run])
            let expected = results.summaries(confidence: 0.95)
            XCTAssertEqual(summaries.count, expected.count)
            for (row, e) in zip(summaries, expected) {
                XCTAssertEqual(row[0] as Int, e.summary.n, "\(e.key)")
                for (column, value) in [(1, e.summary.mean), (2, e.summary.standardDeviation), (3, e.summary.halfWidth)] {
                    let got: Double? = row[column]
                    if value.isNaN { XCTAssertNil(got, "\(e.key) column \(column)") } else { XCTAssertEqual(got, value, "\(e.key)") }
                }
            }
            // The SQL view agrees to rounding (SQLite sums in another order).
            let view = try Row.fetchAll(db, sql: "SELECT n, mean, sd FROM summary WHERE run_id = ? ORDER BY metric_id", arguments: [run])
            XCTAssertEqual(view.count, expected.count)
            for (row, e) in zip(view, expected) {
                XCTAssertEqual(row[0] as Int, e.summary.n, "\(e.key)")
                let mean: Double? = row[1], sd: Double? = row[2]
                if e.summary.n == 0 { XCTAssertNil(mean) } else {
                    XCTAssertEqual(try XCTUnwrap(mean), e.summary.mean, accuracy: 1e-12 * max(1, abs(e.summary.mean)), "\(e.key)")
                }
                if e.summary.n < 2 { XCTAssertNil(sd) } else {
                    let want = e.summary.standardDeviation
                    XCTAssertEqual(try XCTUnwrap(sd), want, accuracy: 1e-9 * max(1, abs(want)), "\(e.key)")
                }
            }
        }
        // And read back through the API, exactly.
        StoreFixture.assertSame(try store.results(run: run, model: s.model), results)
        XCTAssertEqual(try store.keys(run: run), results.keys)
        XCTAssertTrue(try store.isFinished(run))
    }

    func testEachReplicationIsStoredOnce() throws {
        let s = try StoreFixture.clinic()
        let results = try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 2)
        let store = try StoreFixture.newStore()
        let run = try StoreFixture.store(results, of: s, in: store)
        let before = try StoreFixture.dump(store.path)
        XCTAssertFalse(try store.record(results.results[0], run: run, model: s.model), "a second copy is ignored")
        XCTAssertEqual(try store.record(results, run: run, model: s.model), 0)
        // A changed copy is ignored too: replication k has one result.
        let changed = ReplicationResult(replication: 1, values: results.results[1].values.map { $0 + 1 },
                                        events: 1, series: results.results[1].series)
        XCTAssertFalse(try store.record(changed, run: run, model: s.model))
        XCTAssertEqual(try StoreFixture.dump(store.path), before)
        XCTAssertEqual(try store.completedReplications(run: run), [0, 1])
        // The schema itself refuses a duplicate row, whoever writes it.
        let db = try DatabaseQueue(path: store.path)
        XCTAssertThrowsError(try db.write { db in
            try db.execute(sql: "INSERT INTO replications (run_id, replication, metric_id, value) VALUES (?, 0, 0, 1.0)",
                           arguments: [run])
        })
    }

    func testTwoRunsInOneStore() throws {
        let a = try StoreFixture.clinic(), b = try StoreFixture.priority()
        let ra = try ReplicationRunner.run(model: a.model, seed: a.seed, replications: 2)
        let rb = try ReplicationRunner.run(model: b.model, seed: b.seed, replications: 3)
        let store = try StoreFixture.newStore()
        let runA = try StoreFixture.store(ra, of: a, in: store)
        let runB = try StoreFixture.store(rb, of: b, in: store)
        try store.finishRun(runA)
        try store.finishRun(runB)
        XCTAssertEqual(try store.runIDs(), [runA, runB])
        StoreFixture.assertSame(try store.results(run: runA, model: a.model), ra)
        StoreFixture.assertSame(try store.results(run: runB, model: b.model), rb)
        XCTAssertEqual(try store.runInfo(runA), StoreFixture.info(a, replications: 2))
        XCTAssertEqual(try store.runInfo(runB)?.scenarioName, b.name)

        let db = try DatabaseQueue(path: store.path)
        try db.read { db in
            let scenarios = try Row.fetchAll(db, sql: "SELECT hash, name, files FROM scenarios ORDER BY name")
            XCTAssertEqual(scenarios.map { $0["name"] as String }, [b.name, a.name].sorted())
            let files: String = try XCTUnwrap(String.fetchOne(db, sql: "SELECT files FROM scenarios WHERE hash = ?", arguments: [a.hash]))
            XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(files.utf8)), a.files)
            let text = try String.fetchOne(db, sql: "SELECT text FROM scenario_files WHERE scenario_hash = ? AND position = 0",
                                           arguments: [a.hash])
            XCTAssertEqual(text, try String(contentsOfFile: a.files[0], encoding: .utf8))
            let perRun = try Row.fetchAll(db, sql: "SELECT run_id, COUNT(*) FROM summary GROUP BY run_id ORDER BY run_id")
            XCTAssertEqual(perRun.map { $0[1] as Int }, [ra.keys.count, rb.keys.count])
        }
        // The same scenario again is a third run that shares the scenario row.
        let runC = try StoreFixture.store(ra, of: a, in: store)
        XCTAssertEqual(try DatabaseQueue(path: store.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM scenarios") }, 2)
        StoreFixture.assertSame(try store.results(run: runC, model: a.model), ra)
    }

    func testOneThreadAndTwoThreadsWriteTheSameStore() throws {
        let s = try StoreFixture.priority()
        var dumps: [[String: [String]]] = []
        let reference = try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 5)
        for threads in [1, 2] {
            let store = try StoreFixture.newStore()
            let run = try store.beginRun(StoreFixture.info(s, replications: 5), scenarioFiles: StoreFixture.files(s),
                                         keys: NetworkMetrics.keys(for: s.model))
            let results = try StoredReplications.run(model: s.model, seed: s.seed, replications: 5, threads: threads,
                                                     store: store, run: run)
            try store.finishRun(run)
            StoreFixture.assertSame(results, reference)
            dumps.append(try StoreFixture.dump(store.path))
        }
        XCTAssertEqual(dumps[0].keys.sorted(), dumps[1].keys.sorted())
        for table in dumps[0].keys.sorted() {
            XCTAssertFalse(dumps[0][table, default: []].isEmpty, table)
            XCTAssertEqual(dumps[0][table], dumps[1][table], "table \(table)")
        }
    }

    func testResumeComputesOnlyTheMissingReplicationsAndEndsIdentical() throws {
        let s = try StoreFixture.clinic()
        let all = try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 4)
        let info = StoreFixture.info(s, replications: 4)
        // An interrupted run: replications 0 and 2 were committed before the stop.
        let store = try StoreFixture.newStore()
        let run = try store.beginRun(info, scenarioFiles: StoreFixture.files(s), keys: all.keys)
        for k in [0, 2] { try store.record(all.results[k], run: run, model: s.model) }
        XCTAssertEqual(try store.unfinishedRun(matching: info), run)
        var other = info
        other.seed += 1
        XCTAssertNil(try store.unfinishedRun(matching: other), "another seed gives other results: not resumable")

        let calls = Calls()
        let resumed = try StoredReplications.run(model: s.model, seed: s.seed, replications: 4, threads: 2, store: store,
                                                 run: run) { done, total in calls.add(done, total) }
        XCTAssertEqual(calls.all.count, 2, "only replications 1 and 3 are computed")
        XCTAssertEqual(calls.all.map(\.1), [4, 4])
        XCTAssertEqual(calls.all.map(\.0).sorted(), [3, 4])
        StoreFixture.assertSame(resumed, all)
        try store.finishRun(run)
        XCTAssertNil(try store.unfinishedRun(matching: info))

        let whole = try StoreFixture.newStore()
        let wholeRun = try whole.beginRun(info, scenarioFiles: StoreFixture.files(s), keys: all.keys)
        _ = try StoredReplications.run(model: s.model, seed: s.seed, replications: 4, threads: 1, store: whole, run: wholeRun)
        try whole.finishRun(wholeRun)
        XCTAssertEqual(try StoreFixture.dump(store.path), try StoreFixture.dump(whole.path))
    }

    func testRefusesResultsThatDoNotFitTheRun() throws {
        let s = try StoreFixture.clinic()
        let store = try StoreFixture.newStore()
        let keys = NetworkMetrics.keys(for: s.model)
        let run = try store.beginRun(StoreFixture.info(s, replications: 1), scenarioFiles: [], keys: keys)
        let short = ReplicationResult(replication: 0, values: [1, 2], events: 3)
        XCTAssertThrowsError(try store.record(short, run: run, model: s.model)) { error in
            XCTAssertEqual(error as? ResultsStoreError, .layoutMismatch(run: run, expected: keys.count, found: 2))
        }
        let ragged = ReplicationResult(replication: 0, values: Array(repeating: 0, count: keys.count), events: 3, series: [1])
        XCTAssertThrowsError(try store.record(ragged, run: run, model: s.model)) { error in
            XCTAssertEqual(error as? ResultsStoreError,
                           .seriesMismatch(run: run, replication: 0, valuesPerCensus: NetworkSeries.valuesPerCensus(s.model), found: 1))
        }
        XCTAssertThrowsError(try store.finishRun(99)) { XCTAssertEqual($0 as? ResultsStoreError, .unknownRun(99)) }
        XCTAssertEqual(try store.completedReplications(run: run), [], "nothing half-written")
    }

    func testOpensOnlyItsOwnFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let foreign = dir.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        XCTAssertThrowsError(try ResultsStore(path: foreign)) { XCTAssertEqual($0 as? ResultsStoreError, .notAStore(foreign)) }
        let newer = dir.appendingPathComponent("newer.sqlite").path
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try ResultsStore(path: newer)) {
            XCTAssertEqual($0 as? ResultsStoreError, .newerSchema(found: 99, supported: 2))
        }
        // Reopening a store keeps what it holds, in WAL mode.
        let path = dir.appendingPathComponent("results.sqlite").path
        let s = try StoreFixture.clinic()
        let results = try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 1)
        _ = try StoreFixture.store(results, of: s, in: ResultsStore(path: path))
        let reopened = try ResultsStore(path: path)
        XCTAssertEqual(try reopened.completedReplications(run: 1), [0])
        XCTAssertEqual(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "wal")
    }
}

/// Progress calls seen from worker threads.
final class Calls: Sendable {
    private let calls = Mutex<[(Int, Int)]>([])
    func add(_ done: Int, _ total: Int) { calls.withLock { $0.append((done, total)) } }
    var all: [(Int, Int)] { calls.withLock { $0 } }
}
