import FlowEngine
import Foundation

/// Writes one replication's path of every person as an event log that
/// process-mining tools read without conversion.
///
/// Columns follow the XES standard names that pm4py and ProM recognise:
/// `case:concept:name` (the person), `concept:name` (the activity),
/// `time:timestamp` (ISO 8601 from the scenario's start date),
/// `org:resource` (the team), `lifecycle:transition` (start or complete).
/// Arrivals are `referral to <team>`, services `<team>` with a start and a
/// complete row, and departures `leave`.
public final class EventLogWriter {
    private let handle: FileHandle
    private let model: NetworkModel
    private var cases: [CaseKey: Int] = [:]
    private var nextCase = 1
    private var buffer = ""
    public private(set) var rows = 0

    struct CaseKey: Hashable {
        var slot: Int32
        var arrival: UInt64
    }

    public init(path: String, model: NetworkModel) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = h
        self.model = model
        buffer = "case:concept:name,concept:name,time:timestamp,org:resource,lifecycle:transition\n"
    }

    public func record(_ r: TraceRecord) {
        // A slot is reused once its person leaves; slot and arrival time together name a person.
        let key = CaseKey(slot: r.slot, arrival: r.systemArrival.bitPattern)
        let id: Int
        if let known = cases[key] { id = known } else {
            id = nextCase
            nextCase += 1
            cases[key] = id
        }
        let team = r.station >= 0 ? CSVText.field(model.stations[r.station].name) : ""
        let activity: String, lifecycle: String
        switch r.activity {
        case .arrive: activity = CSVText.field("referral to " + model.stations[r.station].name); lifecycle = "complete"
        case .start: activity = team; lifecycle = "start"
        case .end: activity = team; lifecycle = "complete"
        case .leave: activity = "leave"; lifecycle = "complete"
        }
        buffer += "\(id),\(activity),\(model.calendar.isoTimestamp(r.time)),\(team),\(lifecycle)\n"
        rows += 1
        if r.activity == .leave { cases[key] = nil }
        if buffer.utf8.count > 1 << 20 { flush() }
    }

    public func flush() {
        handle.write(Data(buffer.utf8))
        buffer = ""
    }

    public func close() {
        flush()
        try? handle.close()
    }
}
