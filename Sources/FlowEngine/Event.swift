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
///
/// Time and sequence are kept as one 128-bit key, the time's bits above
/// (made to order as the times do) and the sequence below, so that ordering
/// two events is one integer comparison without branches. Comparing the
/// doubles and then the sequences was two branches, the first a coin toss
/// for the branch predictor on about every other comparison the heap made.
public struct Event: Sendable, Equatable, BitwiseCopyable {
    @usableFromInline var order: UInt128
    public var a: Int32
    public var b: Int32
    public var token: UInt32
    // A word for the kind, so the layout has no padding and the heap moves
    // an event as two 16-byte copies rather than field by field.
    private var kindWord: UInt32

    public init(time: Double, sequence: UInt64 = 0, kind: EventKind, a: Int32 = 0, b: Int32 = 0, token: UInt32 = 0) {
        order = UInt128(Self.key(ofTime: time)) << 64 | UInt128(sequence)
        kindWord = UInt32(kind.rawValue)
        self.a = a
        self.b = b
        self.token = token
    }

    /// When the event fires. An event made at -0 fires at +0 (the two are
    /// one time).
    public var time: Double {
        get { Self.time(ofKey: UInt64(truncatingIfNeeded: order &>> 64)) }
        set { order = UInt128(Self.key(ofTime: newValue)) << 64 | UInt128(sequence) }
    }

    public var sequence: UInt64 {
        get { UInt64(truncatingIfNeeded: order) }
        set { order = (order &>> 64) &<< 64 | UInt128(newValue) }
    }

    public var kind: EventKind {
        get { unsafeBitCast(UInt8(truncatingIfNeeded: kindWord), to: EventKind.self) }   // only ever set from a kind
        set { kindWord = UInt32(newValue.rawValue) }
    }

    /// Strict (time, sequence) order.
    @inline(__always)
    public static func precedes(_ l: Event, _ r: Event) -> Bool { l.order < r.order }

    /// The bits of `t` as an integer that orders as the times do: a
    /// negative time has every bit flipped, any other only its sign bit.
    /// -0 is taken as +0, so equal times tie.
    @inline(__always)
    static func key(ofTime t: Double) -> UInt64 {
        let bits = (t + 0).bitPattern
        return bits ^ (UInt64(bitPattern: Int64(bitPattern: bits) &>> 63) | 1 &<< 63)
    }

    @inline(__always)
    static func time(ofKey k: UInt64) -> Double {
        Double(bitPattern: k ^ (UInt64(bitPattern: Int64(bitPattern: ~k) &>> 63) | 1 &<< 63))
    }
}
