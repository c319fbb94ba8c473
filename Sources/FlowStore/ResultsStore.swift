import FlowEngine
import FlowExperiments
import FlowStats
import Foundation
import GRDB

/// The embedded results store: one SQLite file (`results.sqlite`) that runs,
/// batches and sweeps append to, readable with the `sqlite3` command,
/// pandas and R. The schema is in `StoreSchema` and the README.
///
/// Durability is per replication: `record` commits each replication in its
/// own transaction, in WAL mode, so a process stopped by Ctrl-C or SIGKILL
/// keeps every replication it finished and a resumed run can skip them
/// (`completedReplications`). With WAL's `synchronous = NORMAL` a power
/// cut may lose the last commits, never the file's consistency.
///
/// One connection serialises every write (GRDB's `DatabaseQueue`), so
/// worker threads may call `record` directly: they queue for the single
/// writer. Result rows carry no timestamps and no surrogate ids, so the
/// same run stores the same rows whichever thread finished first.
public final class ResultsStore: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens the store at `path`, creating the file and its schema if the
    /// file does not exist (its directory must).
    public init(path: String) throws {
        var config = Configuration()
        config.journalMode = .wal
        // Another process (a reader, a shard on the same disk) may hold the write lock for a commit.
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        self.path = path
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in try StoreSchema.prepare(db, path: path) }
    }

    /// Stores the run's identity, its scenario (once per hash) and its
    /// metric layout; returns the new run's id.
    public func beginRun(_ info: StoreRunInfo, scenarioFiles: [ScenarioFile], keys: [MetricKey]) throws -> Int64 {
        try queue.write { db in try Self.insertRun(db, info, scenarioFiles: scenarioFiles, keys: keys) }
    }

    /// `beginRun` inside a caller's transaction, so an experiment's runs
    /// appear together or not at all.
    static func insertRun(_ db: Database, _ info: StoreRunInfo, scenarioFiles: [ScenarioFile], keys: [MetricKey],
                          createdAt: String = ISO8601DateFormatter().string(from: Date())) throws -> Int64 {
        let files = try Self.jsonArray(scenarioFiles.map(\.path))
        let seed: any DatabaseValueConvertible = info.seed <= UInt64(Int64.max) ? Int64(info.seed) : String(info.seed)
        // A hash names the text read, so the first files stored under it stand for every later run.
        try db.execute(sql: "INSERT OR IGNORE INTO scenarios (hash, name, files) VALUES (?, ?, ?)",
                       arguments: [info.scenarioHash, info.scenarioName, files])
        if db.changesCount == 1 {
            for (i, f) in scenarioFiles.enumerated() {
                try db.execute(sql: "INSERT INTO scenario_files (scenario_hash, position, path, text) VALUES (?, ?, ?, ?)",
                               arguments: [info.scenarioHash, i, f.path, f.text])
            }
        }
        try db.execute(
            sql: """
                INSERT INTO runs (created_at, flowsim_version, scenario_name, scenario_hash, seed, generator,
                    duration_days, warm_up_days, confidence, replications_planned, interval_days,
                    start_timestamp, command_line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [createdAt, FlowSimVersion.string, info.scenarioName, info.scenarioHash, seed, info.generator,
                        info.durationDays, info.warmUpDays, info.confidence, info.replicationsPlanned,
                        info.intervalDays, info.startTimestamp, info.commandLine])
        let run = db.lastInsertedRowID
        let insert = try db.makeStatement(
            sql: "INSERT INTO metrics (run_id, metric_id, metric, station, group_name) VALUES (?, ?, ?, ?, ?)")
        for (i, key) in keys.enumerated() {
            try insert.execute(arguments: [run, i, key.metric, key.station, key.group])
        }
        return run
    }

    /// Stores one finished replication (values and time series) in a
    /// transaction of its own. Returns false, changing nothing, when the
    /// replication is already stored: replication k of a run always has the
    /// same results, so a second copy could only be a duplicate.
    @discardableResult
    public func record(_ result: ReplicationResult, run: Int64, model: NetworkModel) throws -> Bool {
        let labels = Self.seriesLabels(model)
        guard result.series.count % labels.count == 0 else {
            throw ResultsStoreError.seriesMismatch(run: run, replication: result.replication,
                                                   valuesPerCensus: labels.count, found: result.series.count)
        }
        return try queue.write { db in
            let expected = try Self.metricCount(db, run: run)
            guard expected == result.values.count else {
                throw ResultsStoreError.layoutMismatch(run: run, expected: expected, found: result.values.count)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO completed_replications (run_id, replication, events) VALUES (?, ?, ?)",
                           arguments: [run, result.replication, Int64(clamping: result.events)])
            guard db.changesCount == 1 else { return false }
            let values = try db.cachedStatement(
                sql: "INSERT INTO replications (run_id, replication, metric_id, value) VALUES (?, ?, ?, ?)")
            for (i, v) in result.values.enumerated() {
                try values.execute(arguments: [run, result.replication, i, Self.stored(v)])
            }
            let series = try db.cachedStatement(
                sql: "INSERT INTO timeseries (run_id, replication, time_days, metric, station, value) VALUES (?, ?, ?, ?, ?, ?)")
            for k in 0..<(result.series.count / labels.count) {
                let t = NetworkSeries.time(k, model)
                for (j, label) in labels.enumerated() {
                    try series.execute(arguments: [run, result.replication, t, label.metric, label.station,
                                                   Self.stored(result.series[k * labels.count + j])])
                }
            }
            return true
        }
    }

    /// Records every replication of `results` not stored yet (each in its
    /// own transaction); returns how many were new. For replications
    /// computed outside `StoredReplications`, such as the precision
    /// advisor's extra ones.
    @discardableResult
    public func record(_ results: RunResults, run: Int64, model: NetworkModel) throws -> Int {
        let stored = Set(try completedReplications(run: run))
        var added = 0
        for r in results.results where !stored.contains(r.replication) {
            if try record(r, run: run, model: model) { added += 1 }
        }
        return added
    }

    /// The replications of `run` stored so far, ascending.
    public func completedReplications(run: Int64) throws -> [Int] {
        try queue.read { db in
            try Int.fetchAll(db, sql: "SELECT replication FROM completed_replications WHERE run_id = ? ORDER BY replication",
                             arguments: [run])
        }
    }

    /// Summarises every metric of `run` from the stored replications into
    /// `summaries` (mean, sd and Student-t half-width at the run's
    /// confidence, as in `summary.json`) and marks the run finished.
    /// Idempotent: finishing again, after more replications, recomputes.
    public func finishRun(_ run: Int64) throws {
        try queue.write { db in
            guard let confidence = try Double.fetchOne(db, sql: "SELECT confidence FROM runs WHERE id = ?", arguments: [run]) else {
                throw ResultsStoreError.unknownRun(run)
            }
            // Streamed per metric in replication order: the same additions, in the same order, as
            // RunResults.summaries makes, so the numbers match summary.json exactly; memory stays flat.
            var tallies = [Tally](repeating: Tally(), count: try Self.metricCount(db, run: run))
            let rows = try Row.fetchCursor(
                db, sql: "SELECT metric_id, value FROM replications WHERE run_id = ? ORDER BY metric_id, replication",
                arguments: [run])
            while let row = try rows.next() {
                let i: Int = row[0]
                if let v: Double = row[1], v.isFinite { tallies[i].add(v) }
            }
            try db.execute(sql: "DELETE FROM summaries WHERE run_id = ?", arguments: [run])
            let insert = try db.makeStatement(
                sql: "INSERT INTO summaries (run_id, metric_id, n, mean, sd, half_width, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for (i, tally) in tallies.enumerated() {
                let s = Summary(tally: tally, confidence: confidence)
                try insert.execute(arguments: [run, i, s.n, Self.stored(s.mean), Self.stored(s.standardDeviation),
                                               Self.stored(s.halfWidth), confidence])
            }
            try db.execute(sql: "UPDATE runs SET finished = 1 WHERE id = ?", arguments: [run])
        }
    }

    // MARK: - Helpers

    /// NaN (nothing observed) is NULL, which SQL aggregates skip.
    static func stored(_ v: Double) -> Double? { v.isNaN ? nil : v }

    /// (metric, station) of each value of a census, in `NetworkSeries` layout.
    static func seriesLabels(_ model: NetworkModel) -> [(metric: String, station: String)] {
        var labels: [(metric: String, station: String)] = []
        for st in model.stations {
            for m in NetworkSeries.stationMetrics { labels.append((m, st.name)) }
        }
        labels.append((NetworkSeries.systemMetric, NetworkMetrics.systemLabel))
        return labels
    }

    /// The number of metrics in the run's layout; throws for an unknown run.
    static func metricCount(_ db: Database, run: Int64) throws -> Int {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE id = ?)", arguments: [run]) == true else {
            throw ResultsStoreError.unknownRun(run)
        }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metrics WHERE run_id = ?", arguments: [run]) ?? 0
    }

    static func jsonArray(_ strings: [String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(strings), as: UTF8.self)
    }
}
