/// One step of one person's path, for event logs (process mining) and tests.
public struct TraceRecord: Sendable, Equatable {
    public enum Activity: String, Sendable {
        /// Arrived at a station (a referral).
        case arrive
        /// Service began (an appointment attended, a bed taken).
        case start
        /// Service ended.
        case end
        /// Left the system.
        case leave
    }

    public var time: Double
    /// The person's slot; with `arrivalTime`, a unique case id.
    public var slot: Int32
    /// The time the person entered the system.
    public var systemArrival: Double
    public var activity: Activity
    /// Station index, or -1 when leaving.
    public var station: Int
    /// For `start`: time waited at the station.
    public var wait: Double
}
