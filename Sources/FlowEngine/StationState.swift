import FlowStats

/// A place in a waiting line. Stale once the person's token has moved on
/// (they reneged or left), and then skipped when reached.
public struct Ticket: Sendable, Equatable, BitwiseCopyable {
    public var slot: Int32
    public var token: UInt32
}

/// The live state of one station: servers, capacity and the waiting line.
struct StationState {
    /// One first-in first-out lane per priority level (a single lane for
    /// FIFO), written without copy-on-write checks: `makeUnique()` after a copy.
    var lanes: StationTable<TicketLine>
    /// People really waiting (lanes may also hold stale tickets).
    var waiting = 0
    /// People in service.
    var busy = 0
    /// Servers on duty now; `Int.max` for an infinite-server station.
    var capacity: Int
    /// Index of the current schedule segment (scheduled stations only).
    var segment = 0
    /// Never reset (warm-up included), for the conservation check.
    var ledger = Ledger()

    /// Gives the lanes their own storage if they share it (after a copy).
    mutating func makeLanesUnique() {
        lanes.makeUnique()
        for l in lanes.indices { lanes[l].makeUnique() }
    }

    init(levels: Int, capacity: Int) {
        lanes = StationTable((0..<max(levels, 1)).map { _ in TicketLine() })   // a line each, not one shared
        self.capacity = capacity
    }
}

/// What one station observed since the end of warm-up.
struct StationStats {
    var arrivals = 0
    var served = 0
    var reneged = 0
    var balked = 0
    var overflowed = 0
    var waitedPositive = 0
    // Flow-rule decisions, counted on arrival or after service.
    var accepted = 0
    var rejected = 0
    var redirected = 0
    var signposted = 0
    var discharged = 0
    var reReferrals = 0
    /// Crises of people waiting here.
    var crises = 0
    /// Decisions by the reason the rule gave.
    var byReason: [Int]
    /// Labelled moves after service.
    var outcomes = RouteCounts()
    var leftAfterService = 0
    var didNotAttend = 0
    var escalations = 0
    var crisesAfterRejection = 0
    var cancellations = 0
    /// People brought back from out of area into this station's beds.
    var repatriations = 0
    var crisesAfterDischarge = 0
    /// Assessments repeated here because the story was lost at a hand-off.
    var repeatAssessments = 0
    /// Crises that took this station as their route.
    var crisisArrivals = 0
    /// Waits by priority class (priority stations only).
    var laneWait: [MeanTally]
    /// By population group.
    var groupArrivals: [Int]
    var groupWait: [MeanTally]
    var groupRejected: [Int]
    var groupCrises: [Int]
    var wait = MeanTally()
    var waitQuantiles = WaitHistogram()
    var timeInStation = MeanTally()
    var queue: TimeWeighted
    var busy: TimeWeighted
    var capacity: TimeWeighted

    init(at time: Double, queue: Int, busy: Int, capacity: Int, reasons: Int = 0, lanes: Int = 0, groups: Int = 0) {
        byReason = Array(repeating: 0, count: reasons)
        laneWait = Array(repeating: MeanTally(), count: lanes)
        groupArrivals = Array(repeating: 0, count: groups)
        groupWait = Array(repeating: MeanTally(), count: groups)
        groupRejected = Array(repeating: 0, count: groups)
        groupCrises = Array(repeating: 0, count: groups)
        self.queue = TimeWeighted(level: Double(queue), at: time)
        self.busy = TimeWeighted(level: Double(busy), at: time)
        self.capacity = TimeWeighted(level: capacity == Int.max ? .infinity : Double(capacity), at: time)
    }
}

/// Labelled moves after service (step-downs, step-ups, transfers), in
/// named fields. Plain onward moves are not counted: nothing reports them,
/// and they are most moves, so the common path counts nothing (an array's
/// write checked for sharing on every routed service).
struct RouteCounts {
    private(set) var stepDown = 0, stepUp = 0, transfer = 0

    mutating func count(_ label: RouteLabel) {
        switch label {
        case .onward: break
        case .stepDown: stepDown &+= 1
        case .stepUp: stepUp &+= 1
        case .transfer: transfer &+= 1
        }
    }
}

/// What the whole system observed since the end of warm-up.
struct SystemStats {
    var arrivals = 0
    var departures = 0
    var timeInSystem = MeanTally()
    var timeInSystemQuantiles = WaitHistogram()
    var inSystem: TimeWeighted
    /// Per person who left: sums of their history counts (the count of
    /// people is `departures`), exact in integers.
    var handoffs = 0
    var rejections = 0
    var crises = 0
    var assessments = 0
    var missingMiddle = 0
    /// By `PathwayWait`.
    var pathwayWait = [MeanTally](repeating: MeanTally(), count: PathwayWait.allCases.count)
    var pathwayQuantiles = (0..<PathwayWait.allCases.count).map { _ in WaitHistogram() }   // a histogram each, not one shared
    var groupArrivals: [Int]
    var groupTime: [MeanTally]

    init(at time: Double, present: Int, groups: Int = 0) {
        inSystem = TimeWeighted(level: Double(present), at: time)
        groupArrivals = Array(repeating: 0, count: groups)
        groupTime = Array(repeating: MeanTally(), count: groups)
    }
}

/// Counts that are never reset, so conservation can be checked at any time:
/// everyone who arrived is present or has left.
struct Ledger {
    var arrived = 0
    var left = 0
}
