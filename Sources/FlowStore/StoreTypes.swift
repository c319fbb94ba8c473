import FlowEngine
import Foundation

/// What identifies a run in the store: one row of `runs`.
///
/// A separate type from FlowReport's `RunInfo` because FlowStore sits beside
/// FlowReport, not on it, and because a store also keeps what only matters
/// for appending and resuming (planned replications, the series interval,
/// the command line).
public struct StoreRunInfo: Sendable, Equatable {
    public var scenarioName: String
    /// FNV-1a 64 of every file read and every `--set`, as in `summary.json`.
    public var scenarioHash: String
    public var seed: UInt64
    public var generator: String
    public var durationDays: Double
    public var warmUpDays: Double
    public var confidence: Double
    public var replicationsPlanned: Int
    /// Census interval of the time series in days; nil when none is kept.
    public var intervalDays: Double?
    /// ISO 8601 date-time of simulation time 0, so readers can turn
    /// `time_days` into dates without the scenario.
    public var startTimestamp: String
    /// The command as typed, so a run can be repeated from the store alone.
    public var commandLine: String

    public init(scenarioName: String, scenarioHash: String, seed: UInt64, generator: String,
                durationDays: Double, warmUpDays: Double, confidence: Double = 0.95,
                replicationsPlanned: Int, intervalDays: Double? = nil,
                startTimestamp: String = "", commandLine: String = "") {
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.seed = seed
        self.generator = generator
        self.durationDays = durationDays
        self.warmUpDays = warmUpDays
        self.confidence = confidence
        self.replicationsPlanned = replicationsPlanned
        self.intervalDays = intervalDays
        self.startTimestamp = startTimestamp
        self.commandLine = commandLine
    }

    /// The identifying fields taken from a model, as `flowsim run` fills them.
    public init(scenarioName: String, scenarioHash: String, seed: UInt64, model: NetworkModel,
                confidence: Double = 0.95, replicationsPlanned: Int, commandLine: String = "") {
        self.init(scenarioName: scenarioName, scenarioHash: scenarioHash, seed: seed, generator: model.generator,
                  durationDays: model.duration, warmUpDays: model.warmUp, confidence: confidence,
                  replicationsPlanned: replicationsPlanned,
                  intervalDays: NetworkSeries.censusCount(model) > 0 ? model.seriesInterval : nil,
                  startTimestamp: model.calendar.isoTimestamp(0), commandLine: commandLine)
    }
}

/// One scenario file as read: the scenario's own file first, then each it
/// extends. The text is kept so a stored run can be reproduced (or diffed)
/// when the files have since changed.
public struct ScenarioFile: Sendable, Equatable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Why the store refused something; other failures are GRDB's
/// `DatabaseError` with SQLite's message. Both read well through
/// `localizedDescription`, as Foundation's file errors do.
public enum ResultsStoreError: LocalizedError, Equatable, CustomStringConvertible {
    /// The file's `user_version` is newer than this flowsim knows.
    case newerSchema(found: Int, supported: Int)
    /// The file has tables but is not a FlowSim store.
    case notAStore(String)
    case unknownRun(Int64)
    /// A result whose values do not follow the run's metric layout.
    case layoutMismatch(run: Int64, expected: Int, found: Int)
    /// A series whose length is not a whole number of censuses.
    case seriesMismatch(run: Int64, replication: Int, valuesPerCensus: Int, found: Int)
    /// The store holds this experiment already and `--resume` was not given.
    case experimentExists(name: String, done: Int, planned: Int)
    /// A stored experiment with the same fingerprint but other points: a damaged store.
    case experimentMismatch(name: String, points: Int, found: Int)
    /// Stores to merge that disagree about a run's metric layout.
    case mergeLayoutMismatch(scenarioHash: String, file: String)
    case noSuchStore(String)

    public var description: String {
        switch self {
        case let .newerSchema(found, supported):
            "the results store has schema version \(found); this flowsim reads up to \(supported): use a newer flowsim"
        case let .notAStore(path): "\(path) is an SQLite file but not a FlowSim results store"
        case let .unknownRun(id): "no run \(id) in the results store"
        case let .layoutMismatch(run, expected, found):
            "run \(run) has \(expected) metrics but the replication has \(found) values"
        case let .seriesMismatch(run, replication, per, found):
            "replication \(replication) of run \(run) has \(found) series values, not a multiple of \(per)"
        case let .experimentExists(name, done, planned):
            "the store already holds '\(name)' (\(done) of \(planned) replications): "
                + "give --resume to continue it, or --store with another file to start again"
        case let .experimentMismatch(name, points, found):
            "the store's '\(name)' has \(found) points where the plan has \(points): the store is damaged"
        case let .noSuchStore(path): "no results store at \(path)"
        case let .mergeLayoutMismatch(hash, file):
            "\(file) has scenario \(hash) with another metric layout than the stores before it "
                + "(written by another flowsim version?)"
        }
    }

    public var errorDescription: String? { description }
}

