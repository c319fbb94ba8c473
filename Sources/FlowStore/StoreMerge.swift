import FlowEngine
import Foundation
import GRDB

/// What a merge did.
public struct MergeOutcome: Sendable, Equatable {
    public var stores = 0
    /// Runs in the output that the inputs touched.
    public var runs = 0
    /// Replications new to the output, and those it already had (the same
    /// replication from two shards or a repeated merge: kept once).
    public var added = 0
    public var duplicates = 0
    /// Touched runs with every planned replication, now summarised.
    public var finishedRuns = 0

    public init(stores: Int = 0, runs: Int = 0, added: Int = 0, duplicates: Int = 0, finishedRuns: Int = 0) {
        self.stores = stores
        self.runs = runs
        self.added = added
        self.duplicates = duplicates
        self.finishedRuns = finishedRuns
    }
}

extension ResultsStore {
    /// Merges other stores into this one, exactly: shards of one
    /// experiment, or runs made apart, end as if computed in one place.
    ///
    /// A run of an experiment is matched by (experiment fingerprint,
    /// point), any other run by what fixes its results (scenario hash,
    /// seed, generator, length, warm-up, census interval). Replication k of
    /// a matched run is the same wherever it was computed, so a copy the
    /// output already holds is skipped, never duplicated. Runs that end
    /// with every planned replication are summarised (`finishRun`).
    /// Each input is copied in one transaction: a merge stopped midway
    /// leaves whole inputs merged and can simply be repeated.
    @discardableResult
    public func merge(from inputs: [String]) throws -> MergeOutcome {
        var outcome = MergeOutcome()
        var touched = Set<Int64>()
        for input in inputs {
            guard FileManager.default.fileExists(atPath: input) else { throw ResultsStoreError.noSuchStore(input) }
            // Opened through the same checks as any store, read-only: a merge never changes its inputs.
            var config = Configuration()
            config.readonly = true
            let source = try DatabaseQueue(path: input, configuration: config)
            let version = try source.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            guard version >= 1 else { throw ResultsStoreError.notAStore(input) }
            guard version <= StoreSchema.version else {
                throw ResultsStoreError.newerSchema(found: version, supported: StoreSchema.version)
            }
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [input])
                defer { try? db.execute(sql: "DETACH DATABASE src") }
                try db.inTransaction {
                    let (runs, added, duplicates) = try Self.mergeAttached(db, file: input, hasExperiments: version >= 2)
                    touched.formUnion(runs)
                    outcome.added += added
                    outcome.duplicates += duplicates
                    return .commit
                }
            }
            outcome.stores += 1
        }
        outcome.runs = touched.count
        for run in touched.sorted() {
            let (done, planned) = try queue.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM completed_replications WHERE run_id = ?", arguments: [run]) ?? 0,
                 try Int.fetchOne(db, sql: "SELECT replications_planned FROM runs WHERE id = ?", arguments: [run]) ?? 0)
            }
            if done >= planned {
                try finishRun(run)
                outcome.finishedRuns += 1
            }
        }
        return outcome
    }

    static let runColumns = """
        created_at, flowsim_version, scenario_name, scenario_hash, seed, generator, duration_days, warm_up_days,
        confidence, replications_planned, interval_days, start_timestamp, command_line
        """

    /// Copies the attached `src` into `main`; returns the output runs touched
    /// and how many replications were new and already there.
    static func mergeAttached(_ db: Database, file: String, hasExperiments: Bool) throws -> (Set<Int64>, Int, Int) {
        // Point of each source run that belongs to an experiment.
        var pointOf: [Int64: (fingerprint: String, point: Int)] = [:]
        if hasExperiments {
            for row in try Row.fetchAll(db, sql: """
                SELECT p.run_id, e.fingerprint, p.point FROM src.experiment_points p JOIN src.experiments e ON e.id = p.experiment_id
                """) {
                pointOf[row[0]] = (row[1], row[2])
            }
        }
        try db.execute(sql: "INSERT OR IGNORE INTO scenarios SELECT * FROM src.scenarios")
        try db.execute(sql: "INSERT OR IGNORE INTO scenario_files SELECT * FROM src.scenario_files")
        var map: [Int64: Int64] = [:]
        var added = 0, duplicates = 0
        for source in try Int64.fetchAll(db, sql: "SELECT id FROM src.runs ORDER BY id") {
            let target: Int64
            if let found = try matchingRun(db, source: source, point: pointOf[source]) {
                target = found
                let same = try Bool.fetchOne(db, sql: """
                    SELECT (SELECT group_concat(metric || '|' || station || '|' || group_name, ',') FROM
                              (SELECT * FROM main.metrics WHERE run_id = ? ORDER BY metric_id))
                         IS (SELECT group_concat(metric || '|' || station || '|' || group_name, ',') FROM
                              (SELECT * FROM src.metrics WHERE run_id = ? ORDER BY metric_id))
                    """, arguments: [target, source]) ?? false
                guard same else {
                    let hash = try String.fetchOne(db, sql: "SELECT scenario_hash FROM src.runs WHERE id = ?", arguments: [source]) ?? ""
                    throw ResultsStoreError.mergeLayoutMismatch(scenarioHash: hash, file: file)
                }
                try db.execute(sql: """
                    UPDATE main.runs SET replications_planned = MAX(replications_planned,
                        (SELECT replications_planned FROM src.runs WHERE id = ?)) WHERE id = ?
                    """, arguments: [source, target])
            } else {
                try db.execute(sql: "INSERT INTO main.runs (\(runColumns)) SELECT \(runColumns) FROM src.runs WHERE id = ?",
                               arguments: [source])
                target = db.lastInsertedRowID
                try db.execute(sql: """
                    INSERT INTO main.metrics (run_id, metric_id, metric, station, group_name)
                    SELECT ?, metric_id, metric, station, group_name FROM src.metrics WHERE run_id = ?
                    """, arguments: [target, source])
            }
            map[source] = target
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.completed_replications WHERE run_id = ?",
                                          arguments: [target]) ?? 0
            let offered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM src.completed_replications WHERE run_id = ?",
                                           arguments: [source]) ?? 0
            // Only replications new to the output bring their rows: a replication is all or nothing.
            try db.execute(sql: """
                CREATE TEMP TABLE IF NOT EXISTS merge_new (replication INTEGER PRIMARY KEY);
                DELETE FROM merge_new;
                """)
            try db.execute(sql: """
                INSERT INTO merge_new SELECT replication FROM src.completed_replications WHERE run_id = ?
                EXCEPT SELECT replication FROM main.completed_replications WHERE run_id = ?
                """, arguments: [source, target])
            try db.execute(sql: """
                INSERT INTO main.completed_replications (run_id, replication, events)
                SELECT ?, replication, events FROM src.completed_replications
                WHERE run_id = ? AND replication IN (SELECT replication FROM merge_new)
                """, arguments: [target, source])
            try db.execute(sql: """
                INSERT INTO main.replications (run_id, replication, metric_id, value)
                SELECT ?, replication, metric_id, value FROM src.replications
                WHERE run_id = ? AND replication IN (SELECT replication FROM merge_new)
                """, arguments: [target, source])
            try db.execute(sql: """
                INSERT INTO main.timeseries (run_id, replication, time_days, metric, station, value)
                SELECT ?, replication, time_days, metric, station, value FROM src.timeseries
                WHERE run_id = ? AND replication IN (SELECT replication FROM merge_new)
                """, arguments: [target, source])
            let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.completed_replications WHERE run_id = ?",
                                         arguments: [target]) ?? 0
            added += after - before
            duplicates += offered - (after - before)
        }
        if hasExperiments {
            for row in try Row.fetchAll(db, sql: "SELECT id, kind, name, fingerprint, definition, created_at FROM src.experiments ORDER BY id") {
                let fingerprint: String = row[3]
                try db.execute(sql: "INSERT OR IGNORE INTO main.experiments (kind, name, fingerprint, definition, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [row[1], row[2], fingerprint, row[4], row[5]])
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM main.experiments WHERE fingerprint = ?",
                                                  arguments: [fingerprint]) else { continue }
                let sourceID: Int64 = row[0]
                for p in try Row.fetchAll(db, sql: "SELECT point, label, overrides, run_id FROM src.experiment_points WHERE experiment_id = ?",
                                          arguments: [sourceID]) {
                    guard let run = map[p[3]] else { continue }
                    try db.execute(sql: "INSERT OR IGNORE INTO main.experiment_points (experiment_id, point, label, overrides, run_id) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [id, p[0], p[1], p[2], run])
                }
            }
        }
        return (Set(map.values), added, duplicates)
    }

    /// The output run that stands for a source run, if any.
    static func matchingRun(_ db: Database, source: Int64, point: (fingerprint: String, point: Int)?) throws -> Int64? {
        if let point {
            return try Int64.fetchOne(db, sql: """
                SELECT p.run_id FROM main.experiment_points p JOIN main.experiments e ON e.id = p.experiment_id
                WHERE e.fingerprint = ? AND p.point = ?
                """, arguments: [point.fingerprint, point.point])
        }
        // IS compares NULL intervals as equal; runs of experiments are matched by point only.
        return try Int64.fetchOne(db, sql: """
            SELECT m.id FROM main.runs m JOIN src.runs s ON s.id = ?
            WHERE m.scenario_hash = s.scenario_hash AND m.seed IS s.seed AND m.generator = s.generator
              AND m.duration_days = s.duration_days AND m.warm_up_days = s.warm_up_days AND m.interval_days IS s.interval_days
              AND m.id NOT IN (SELECT run_id FROM main.experiment_points)
            ORDER BY m.id LIMIT 1
            """, arguments: [source])
    }
}
