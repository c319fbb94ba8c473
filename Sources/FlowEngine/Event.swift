/// What an event does when it fires. Small and closed, so that dispatch is a
/// switch over a byte rather than a call through an existential.
public enum EventKind: UInt8, Sendable, BitwiseCopyable {
    case arrival
    case serviceEnd
    case renege
    case capacityChange
    case warmUpEnd
    /// A rejected person is referred again (a: station, b: slot).
    case reReferral
    /// A waiting person reaches crisis (a: station, b: slot, token).
    case crisis
    /// A booked appointment is due (a: station, b: slot, token).
    case appointment
    /// The clinic cancels a booking (a: station, b: slot, token).
    case cancellation
    /// A waiting person's need rises a level (a: station, b: slot, token).
    case escalation
    /// A census for the time series.
    case census
    /// A rejected person reaches crisis before being re-referred (a: station, b: slot, token).
    case communityCrisis
    /// Someone discharged reaches crisis within the window (a: station, b: slot, token).
    case crisisAfterDischarge
    /// A contact during an episode is due (a: station, b: slot, token of the episode).
    case contactDue
    /// A contact ends and its member of staff is free (a: station, b: slot, token).
    case contactEnd
}

/// A scheduled event: a plain value of 32 bytes, ordered by (time, sequence).
///
/// The sequence number is the order of scheduling, so events at equal times
/// fire first-scheduled-first and every run of a scenario is reproducible.
/// `a`, `b` and `token` are interpreted by the kind (source or station index,
/// entity slot, entity token that detects stale events).
public struct Event: Sendable, Equatable, BitwiseCopyable {
    public var time: Double
    public var sequence: UInt64
    public var kind: EventKind
    public var a: Int32
    public var b: Int32
    public var token: UInt32

    public init(time: Double, sequence: UInt64 = 0, kind: EventKind, a: Int32 = 0, b: Int32 = 0, token: UInt32 = 0) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.a = a
        self.b = b
        self.token = token
    }

    /// Strict (time, sequence) order.
    public static func precedes(_ l: Event, _ r: Event) -> Bool {
        l.time < r.time || (l.time == r.time && l.sequence < r.sequence)
    }
}
