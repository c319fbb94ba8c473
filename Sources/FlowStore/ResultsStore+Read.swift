import FlowEngine
import FlowExperiments
import GRDB

/// Reading runs back: to resume a run (the replications stored before the
/// interruption join those computed after) and to check a store against
/// the results it was written from.
extension ResultsStore {
    /// Every run's id, oldest first.
    public func runIDs() throws -> [Int64] {
        try queue.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM runs ORDER BY id") }
    }

    /// The identity `beginRun` stored for `run`, or nil for an unknown run.
    public func runInfo(_ run: Int64) throws -> StoreRunInfo? {
        try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [run]) else { return nil }
            return Self.info(row)
        }
    }

    /// Whether `finishRun` has summarised `run`.
    public func isFinished(_ run: Int64) throws -> Bool {
        try queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT finished FROM runs WHERE id = ?", arguments: [run]) ?? false
        }
    }

    /// The newest unfinished run with the same scenario hash, seed,
    /// generator, run length, warm-up and series interval: the run a
    /// `--resume` continues. Those fields fix every replication's results;
    /// confidence and the planned count do not, so they may differ.
    public func unfinishedRun(matching info: StoreRunInfo) throws -> Int64? {
        try queue.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM runs WHERE finished = 0 AND scenario_hash = ? ORDER BY id DESC",
                arguments: [info.scenarioHash])
            return rows.first { row in
                let s = Self.info(row)
                return s.seed == info.seed && s.generator == info.generator && s.durationDays == info.durationDays
                    && s.warmUpDays == info.warmUpDays && s.intervalDays == info.intervalDays
            }.map { $0["id"] }
        }
    }

    /// The metric layout stored for `run`, in `metric_id` order.
    public func keys(run: Int64) throws -> [MetricKey] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT metric, station, group_name FROM metrics WHERE run_id = ? ORDER BY metric_id",
                             arguments: [run])
                .map { MetricKey(metric: $0[0], station: $0[1], group: $0[2]) }
        }
    }

    /// The stored replications of `run` (all, or those in `only`) as the
    /// runner returned them: NULL back to NaN, the series in
    /// `NetworkSeries` layout of `model`.
    public func results(run: Int64, model: NetworkModel, only: Set<Int>? = nil) throws -> RunResults {
        let labels = Self.seriesLabels(model)
        var position: [String: Int] = [:]
        for (j, l) in labels.enumerated() { position[l.metric + "\u{0}" + l.station] = j }
        let keys = try keys(run: run)
        return try queue.read { db in
            var out: [ReplicationResult] = []
            let done = try Row.fetchAll(
                db, sql: "SELECT replication, events FROM completed_replications WHERE run_id = ? ORDER BY replication",
                arguments: [run])
            for row in done {
                let replication: Int = row[0]
                if let only, !only.contains(replication) { continue }
                var values = [Double](repeating: .nan, count: keys.count)
                let stored = try Row.fetchCursor(
                    db, sql: "SELECT metric_id, value FROM replications WHERE run_id = ? AND replication = ?",
                    arguments: [run, replication])
                while let v = try stored.next() {
                    let i: Int = v[0]
                    if let x: Double = v[1] { values[i] = x }
                }
                var series: [Double] = []
                var lastTime: Double?
                let census = try Row.fetchCursor(
                    db, sql: """
                        SELECT time_days, metric, station, value FROM timeseries
                        WHERE run_id = ? AND replication = ? ORDER BY time_days
                        """,
                    arguments: [run, replication])
                while let c = try census.next() {
                    let t: Double = c[0]
                    if t != lastTime {
                        series.append(contentsOf: repeatElement(Double.nan, count: labels.count))
                        lastTime = t
                    }
                    let metric: String = c[1], station: String = c[2]
                    if let j = position[metric + "\u{0}" + station], let x: Double = c[3] {
                        series[series.count - labels.count + j] = x
                    }
                }
                let events: Int64 = row[1]
                out.append(ReplicationResult(replication: replication, values: values, events: UInt64(max(0, events)),
                                             series: series))
            }
            return RunResults(keys: keys, results: out)
        }
    }

    /// The summaries `finishRun` wrote for `run`, in layout order; empty
    /// for a run not yet finished.
    public func summaries(run: Int64) throws -> [MetricSummary] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.metric, m.station, m.group_name, s.n, s.mean, s.sd, s.half_width
                FROM summaries s JOIN metrics m ON m.run_id = s.run_id AND m.metric_id = s.metric_id
                WHERE s.run_id = ? ORDER BY s.metric_id
                """, arguments: [run]).map { row in
                MetricSummary(key: MetricKey(metric: row[0], station: row[1], group: row[2]), n: row[3],
                              mean: row[4] ?? .nan, standardDeviation: row[5] ?? .nan, halfWidth: row[6] ?? .nan)
            }
        }
    }

    static func info(_ row: Row) -> StoreRunInfo {
        // The seed is an integer, or text when above Int64.max (see the schema).
        let stored: DatabaseValue = row["seed"]
        let seed: UInt64 = switch stored.storage {
        case .int64(let i): UInt64(bitPattern: i)
        case .string(let s): UInt64(s) ?? 0
        default: 0
        }
        return StoreRunInfo(
            scenarioName: row["scenario_name"], scenarioHash: row["scenario_hash"], seed: seed,
            generator: row["generator"], durationDays: row["duration_days"], warmUpDays: row["warm_up_days"],
            confidence: row["confidence"], replicationsPlanned: row["replications_planned"],
            intervalDays: row["interval_days"], startTimestamp: row["start_timestamp"],
            commandLine: row["command_line"])
    }
}
