/// A queueing network ready to simulate: sources, stations, routing, run
/// settings. Names are resolved to indices and every parameter has been
/// validated (by `FlowScenario`), so the simulation never checks again.
///
/// This is the engine's whole vocabulary; it knows nothing about mental
/// health. Richer models compile down to it.
public struct NetworkModel: Sendable {
    public var name: String
    public var sources: [Source]
    public var stations: [Station]
    /// Length of a replication, days.
    public var duration: Double
    /// Statistics are discarded before this time, days.
    public var warmUp: Double
    public var calendar: SimCalendar
    /// GSL generator name.
    public var generator: String
    /// Characteristics drawn for each person at arrival.
    public var attributes: [Attribute] = []
    /// Waiting-time standards (days): each station reports the share of
    /// waits within each.
    public var standards: [Double] = []
    /// The attribute whose levels are the population groups that metrics
    /// are also reported for (inequalities).
    public var groupAttribute: Int?
    /// Census interval in days for time series (waiting list and people in
    /// service at each station, counted at each interval's end); nil = none.
    public var seriesInterval: Double?
    /// `missing_middle` counts people whose second rejection came within
    /// this many days of referral and who were accepted by no team within
    /// it; infinity = at any time before they left.
    public var missingMiddleWindow = Double.infinity
    /// Teams that exist once per locality; destinations below
    /// `Routing.exit` name one of them (see `Localities`). nil = none.
    public var localities: Localities?

    public init(name: String, sources: [Source], stations: [Station], duration: Double, warmUp: Double = 0,
                calendar: SimCalendar = .standard, generator: String = "mt19937") {
        self.name = name
        self.sources = sources
        self.stations = stations
        self.duration = duration
        self.warmUp = warmUp
        self.calendar = calendar
        self.generator = generator
    }

    /// Number of distinct priority levels (0 is served first).
    public var priorityLevels: Int { (sources.map(\.priority).max() ?? 0) + 1 }
}

/// What a move after service means for the person, for counting.
public enum RouteLabel: UInt8, Sendable, CaseIterable {
    case onward = 0, stepDown, stepUp, transfer
}

/// Where people go next: destinations with probabilities; the remainder
/// leaves the system.
public struct Routing: Sendable, Equatable {
    /// Station indices; `Routing.exit` (-1) leaves the system; values below
    /// it stand for a locality team (`Localities.code`).
    public var destinations: [Int32]
    public var cumulative: [Double]
    /// Per destination, what the move means (step down, step up, ...).
    public var labels: [RouteLabel]
    public static let exit: Int32 = -1

    public init(_ pairs: [(station: Int, probability: Double)]) {
        self.init(labelled: pairs.map { ($0.station, $0.probability, .onward) })
    }

    public init(labelled: [(station: Int, probability: Double, label: RouteLabel)]) {
        var running = 0.0
        destinations = []
        cumulative = []
        labels = []
        for (s, p, l) in labelled where p > 0 {
            running += p
            destinations.append(Int32(s))
            cumulative.append(running)
            labels.append(l)
        }
    }

    /// Index of the chosen destination, or -1 to leave.
    public func chooseIndex(_ u: Double) -> Int { Self.firstExceeding(u, in: cumulative, 0..<cumulative.count) ?? -1 }

    /// The rule of every routing choice: the first of `range` in
    /// `cumulative` whose cumulative probability exceeds `u`; nil (the
    /// remainder, leaving) if none does.
    @inline(__always)
    static func firstExceeding(_ u: Double, in cumulative: [Double], _ range: Range<Int>) -> Int? {
        for i in range where u < cumulative[i] { return i }
        return nil
    }

    public static let leave = Routing([])

    public static func to(_ station: Int) -> Routing { Routing([(station, 1)]) }

    public var isDeterministic: Bool { destinations.count == 1 && cumulative[0] >= 1 - 1e-12 }

    public func choose(_ u: Double) -> Int32 {
        Self.firstExceeding(u, in: cumulative, 0..<cumulative.count).map { destinations[$0] } ?? Routing.exit
    }
}

/// The role a station plays in a pathway (for counting and reports).
public enum StationFunction: String, Sendable, CaseIterable {
    case triage, assessment, treatment, connection, crisis, bed, other
    /// An emergency department (A&E): its arrivals are `ae_attendances`.
    case ae

    public var isAssessment: Bool { self == .triage || self == .assessment }
}

/// Unit costs of a station, in any one currency.
public struct Costs: Sendable, Equatable {
    /// Per arrival (an A&E attendance, a call).
    public var perArrival = 0.0
    /// Per completed service (a contact, an assessment).
    public var perService = 0.0
    /// Per day someone is in service (a bed day, a caseload day).
    public var perDayInService = 0.0
    /// Per server (post, bed) on duty per day, whether busy or not.
    public var perServerDay = 0.0
    /// Per contact during an episode (see `Station.contacts`).
    public var perContact = 0.0

    public init(perArrival: Double = 0, perService: Double = 0, perDayInService: Double = 0, perServerDay: Double = 0) {
        self.perArrival = perArrival
        self.perService = perService
        self.perDayInService = perDayInService
        self.perServerDay = perServerDay
    }
}

public struct Source: Sendable {
    public enum Arrivals: Sendable, Equatable {
        /// Homogeneous Poisson, rate per day.
        case poisson(ratePerDay: Double)
        /// Non-stationary Poisson by thinning: rate per day × profile.
        case profile(ratePerDay: Double, ArrivalProfile)
        /// Renewal process: independent inter-arrival times.
        case renewal(Distribution)
    }

    public var name: String
    public var arrivals: Arrivals
    /// Batch size distribution (values rounded down; a batch of 0 brings
    /// nobody); nil = 1.
    public var batch: Distribution?
    public var route: Routing
    /// 0 is the most urgent.
    public var priority: Int
    /// Stop after this many arrival events; nil = no limit.
    public var limit: Int?
    /// Per model attribute, the distribution of its level index for people
    /// from this source; nil or missing = the first level.
    public var mix: [Distribution?] = []

    public init(name: String, arrivals: Arrivals, batch: Distribution? = nil, route: Routing,
                priority: Int = 0, limit: Int? = nil) {
        self.name = name
        self.arrivals = arrivals
        self.batch = batch
        self.route = route
        self.priority = priority
        self.limit = limit
    }
}

public struct Station: Sendable {
    public enum Capacity: Sendable, Equatable {
        case servers(Int)
        case infinite
        case schedule(WeeklySchedule)
    }

    public enum Discipline: String, Sendable, Equatable {
        case fifo
        /// By priority (0 first), first-in first-out within a priority.
        case priority
    }

    /// Customers who find the queue at or above `threshold` refuse to join
    /// with `probability`.
    public struct Balking: Sendable, Equatable {
        public var threshold: Int
        public var probability: Double
        public init(threshold: Int, probability: Double) {
            self.threshold = threshold
            self.probability = probability
        }
    }

    public var name: String
    public var capacity: Capacity
    public var service: Distribution
    public var discipline: Discipline
    /// Time a person will wait before leaving the queue; nil = forever.
    public var patience: Distribution?
    /// Places in the waiting room (excluding those in service); nil = unlimited.
    public var queueLimit: Int?
    /// Where people go when the waiting room is full: a station index, or
    /// `Routing.exit` for lost.
    public var overflow: Int32
    public var balking: Balking?
    public var routing: Routing

    /// When the flow rules are applied.
    public enum RulePoint: String, Sendable, Equatable {
        /// On referral, before joining the queue (acceptance criteria).
        case onArrival = "on_arrival"
        /// After service, as the outcome of screening or triage.
        case afterService = "after_service"
    }

    /// Formal flow rules in order; the first that matches (and is adhered
    /// to) decides. No match means accept.
    public var rules: [FlowRule] = []
    public var rulePoint: RulePoint = .onArrival
    /// Names of the reasons rules and the acceptance curve give, for counts.
    public var reasons: [String] = []
    /// Informal rule: acceptance that falls with load (on arrival only).
    public var acceptance: AcceptanceCurve?
    /// What follows a `reject` decision.
    public var rejection = Rejection()
    /// Crisis while waiting here.
    public var deterioration: Deterioration?
    /// Serve by this attribute's level, highest first (with `.priority`).
    public var priorityAttribute: Int?
    /// What the station does; triage and assessment count as assessments.
    public var function: StationFunction?
    public var costs = Costs()
    /// Booked appointments instead of a queue for servers.
    public var diary: Diary?
    /// Need that rises while people wait here.
    public var escalation: Escalation?
    /// Contacts during an episode (a caseload place held for the service
    /// time): one every `interval` days, each `length` days of staff time.
    /// Counted from the time in service, for staff time and costs, unless
    /// `contactStaff` makes them queue for staff.
    public var contacts: (interval: Double, length: Double)?
    /// Staff posts who make those contacts: with it, contacts are simulated
    /// and queue for staff time (see `StaffPool`); nil = counted only.
    public var contactStaff: Int?
    /// A local bed station that brings back the longest-placed person from
    /// its overflow (out-of-area) station whenever one of its beds frees.
    public var repatriate = false
    /// Crisis after leaving the system from here (discharge).
    public var afterDischarge: AfterDischarge?
    /// Chance that a person's story goes with them when this team hands
    /// them on (redirect, signpost to a team, step down, step up, transfer);
    /// when it is lost, the receiving team assesses again.
    public var informationPassed = 1.0
    /// Extra service time a person whose story was lost takes here (a
    /// repeat assessment); nil = counted only.
    public var reassessment: Distribution?

    public init(name: String, capacity: Capacity, service: Distribution, discipline: Discipline = .fifo,
                patience: Distribution? = nil, queueLimit: Int? = nil, overflow: Int32 = Routing.exit,
                balking: Balking? = nil, routing: Routing = .leave) {
        self.name = name
        self.capacity = capacity
        self.service = service
        self.discipline = discipline
        self.patience = patience
        self.queueLimit = queueLimit
        self.overflow = overflow
        self.balking = balking
        self.routing = routing
    }
}
