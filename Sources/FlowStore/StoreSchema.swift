import GRDB

/// The store's tables, written as plain SQL so the schema in the file
/// (`sqlite3 results.sqlite .schema`) reads the same as the README.
///
/// Choices made for readers rather than for GRDB:
/// - No STRICT tables: SQLite before 3.37 (older R and Python builds)
///   cannot open a file that has one.
/// - `group_name`, not `group`: GROUP is an SQL keyword, and every query
///   would have to quote it.
/// - NaN is stored as NULL, so `AVG` and `COUNT(value)` skip replications
///   that observed nothing, as the summaries in `summary.json` do.
/// - No surrogate row ids in result rows: the keys are (run, replication,
///   metric), so the rows are the same whichever thread finished first.
/// - The version is `PRAGMA user_version`, readable without any table.
enum StoreSchema {
    static let version = 2

    static let statements: [String] = [
        """
        CREATE TABLE scenarios (
            hash  TEXT PRIMARY KEY,   -- FNV-1a 64 of every file read and every --set (as in summary.json)
            name  TEXT NOT NULL,
            files TEXT NOT NULL       -- JSON array of paths: the scenario's own file, then each it extends
        )
        """,
        """
        CREATE TABLE scenario_files (
            scenario_hash TEXT NOT NULL REFERENCES scenarios(hash),
            position      INTEGER NOT NULL,   -- 0 the scenario's own file, then each it extends
            path          TEXT NOT NULL,
            text          TEXT NOT NULL,      -- the file as read for the run
            PRIMARY KEY (scenario_hash, position)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE runs (
            id                   INTEGER PRIMARY KEY,
            created_at           TEXT NOT NULL,   -- ISO 8601 UTC; the only time-dependent value in the store
            flowsim_version      TEXT NOT NULL,
            scenario_name        TEXT NOT NULL,
            scenario_hash        TEXT NOT NULL REFERENCES scenarios(hash),
            seed                 NOT NULL,        -- integer (text above 2^63 - 1, which SQLite cannot hold)
            generator            TEXT NOT NULL,
            duration_days        REAL NOT NULL,
            warm_up_days         REAL NOT NULL,
            confidence           REAL NOT NULL,
            replications_planned INTEGER NOT NULL,
            interval_days        REAL,            -- census interval of timeseries; NULL when none is kept
            start_timestamp      TEXT NOT NULL,   -- ISO 8601 date-time of time_days = 0
            command_line         TEXT NOT NULL,
            finished             INTEGER NOT NULL DEFAULT 0   -- 1 once every replication is stored and summarised
        )
        """,
        """
        CREATE TABLE metrics (
            run_id     INTEGER NOT NULL REFERENCES runs(id),
            metric_id  INTEGER NOT NULL,   -- position in the run's layout (0-based)
            metric     TEXT NOT NULL,
            station    TEXT NOT NULL,      -- 'system' for system-wide metrics
            group_name TEXT NOT NULL,      -- 'all', attribute:level or priority:k (the CSV's group)
            PRIMARY KEY (run_id, metric_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE completed_replications (
            run_id      INTEGER NOT NULL REFERENCES runs(id),
            replication INTEGER NOT NULL,
            events      INTEGER NOT NULL,   -- events the replication executed
            PRIMARY KEY (run_id, replication)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE replications (
            run_id      INTEGER NOT NULL,
            replication INTEGER NOT NULL,
            metric_id   INTEGER NOT NULL,
            value       REAL,               -- NULL: the replication observed nothing for the metric
            PRIMARY KEY (run_id, replication, metric_id),
            FOREIGN KEY (run_id, replication) REFERENCES completed_replications(run_id, replication),
            FOREIGN KEY (run_id, metric_id) REFERENCES metrics(run_id, metric_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE timeseries (
            run_id      INTEGER NOT NULL,
            replication INTEGER NOT NULL,
            time_days   REAL NOT NULL,      -- census at the end of each interval, warm-up included
            metric      TEXT NOT NULL,      -- queue_length, in_service, in_system
            station     TEXT NOT NULL,
            value       REAL,
            PRIMARY KEY (run_id, replication, metric, station, time_days),
            FOREIGN KEY (run_id, replication) REFERENCES completed_replications(run_id, replication)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE summaries (
            run_id     INTEGER NOT NULL,
            metric_id  INTEGER NOT NULL,
            n          INTEGER NOT NULL,   -- replications that observed the metric
            mean       REAL,
            sd         REAL,
            half_width REAL,               -- two-sided Student-t interval at runs.confidence
            confidence REAL NOT NULL,
            PRIMARY KEY (run_id, metric_id),
            FOREIGN KEY (run_id, metric_id) REFERENCES metrics(run_id, metric_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE VIEW replication_values AS
        SELECT r.run_id, r.replication, m.metric, m.station, m.group_name, r.value
        FROM replications r JOIN metrics m ON m.run_id = r.run_id AND m.metric_id = r.metric_id
        """,
        // Two-pass standard deviation (around the mean, not sum of squares) so
        // it agrees with the Welford tallies of summary.json to rounding.
        """
        CREATE VIEW summary AS
        WITH a AS (
            SELECT run_id, metric_id, COUNT(value) AS n, AVG(value) AS mean
            FROM replications GROUP BY run_id, metric_id
        )
        SELECT m.run_id, m.metric_id, m.metric, m.station, m.group_name, a.n, a.mean,
               CASE WHEN a.n > 1
                    THEN sqrt(SUM((r.value - a.mean) * (r.value - a.mean)) / (a.n - 1)) END AS sd
        FROM metrics m
        JOIN a ON a.run_id = m.run_id AND a.metric_id = m.metric_id
        JOIN replications r ON r.run_id = m.run_id AND r.metric_id = m.metric_id
        GROUP BY m.run_id, m.metric_id
        """,
    ]

    /// Version 2: batches, sweeps and plans, each a set of points whose
    /// runs are ordinary rows of `runs`, so every reader of version 1 still
    /// finds every replication where it was.
    static let experimentStatements: [String] = [
        """
        CREATE TABLE experiments (
            id          INTEGER PRIMARY KEY,
            kind        TEXT NOT NULL,   -- batch, sweep or plan
            name        TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,   -- FNV-1a 64 of the definition: the same plan, the same experiment
            definition  TEXT NOT NULL,   -- JSON: seed, points (label, scenario hash, overrides, replications), design
            created_at  TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE experiment_points (
            experiment_id INTEGER NOT NULL REFERENCES experiments(id),
            point         INTEGER NOT NULL,   -- 0-based position in the plan or design
            label         TEXT NOT NULL,
            overrides     TEXT NOT NULL,      -- JSON array of key.path=value applied to the scenario
            run_id        INTEGER NOT NULL REFERENCES runs(id),
            PRIMARY KEY (experiment_id, point)
        ) WITHOUT ROWID
        """,
    ]

    /// Creates the schema in an empty file, upgrades a version 1 store in
    /// place (it only gains tables), accepts a store of this version, and
    /// refuses anything else rather than guess.
    static func prepare(_ db: Database, path: String) throws {
        let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if found > version { throw ResultsStoreError.newerSchema(found: found, supported: version) }
        if found == version { return }
        if found == 1 {
            for sql in experimentStatements { try db.execute(sql: sql) }
            try db.execute(sql: "PRAGMA user_version = \(version)")
            return
        }
        let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'view')") ?? 0
        guard tables == 0 else { throw ResultsStoreError.notAStore(path) }
        for sql in statements + experimentStatements { try db.execute(sql: sql) }
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }
}
