import CGSL

/// Per-station facts the event loop reads on every event, flattened at
/// start so that no `Station` value (and none of its arrays) is copied, and
/// no reference is counted, on the hot path. Measured: see Benchmarks/.
struct HotStation {
    var queueLimit: Int
    var overflow: Int32
    var hasBalking: Bool
    var hasPatience: Bool
    var hasDiary: Bool
    var hasDeterioration: Bool
    var hasEscalation: Bool
    var isAssessment: Bool
    /// No routing: everyone leaves after service.
    var routingEmpty: Bool
    /// A single destination taken with certainty.
    var routingDeterministic: Bool
    var firstDestination: Int32
    var firstLabel: RouteLabel
    /// Has a function: counts towards first contact and repeat assessments.
    var hasFunction: Bool
    /// `PathwayWait` raw value this station's waits add to; -1 = none.
    var pathwayWait: Int8
    /// Service starts go through `pathwayStart` (set with model-wide facts).
    var marksPathway = false
    /// The out-of-area station of a bed that repatriates.
    var isPlacementTarget = false
    var repatriates: Bool
    var hasAfterDischarge: Bool
    var losesInformation: Bool
    /// Contacts during episodes queue for this station's staff.
    var hasStaffContacts: Bool
    /// Applies flow rules on arrival / after service.
    var rulesOnArrival: Bool
    var rulesAfterService: Bool

    init(_ s: Station) {
        queueLimit = s.queueLimit ?? Int.max
        overflow = s.overflow
        hasBalking = s.balking != nil
        hasPatience = s.patience != nil
        hasDiary = s.diary != nil
        hasDeterioration = s.deterioration != nil
        hasEscalation = s.escalation != nil
        isAssessment = s.function?.isAssessment ?? false
        routingEmpty = s.routing.destinations.isEmpty
        routingDeterministic = s.routing.isDeterministic
        firstDestination = s.routing.destinations.first ?? Routing.exit
        firstLabel = s.routing.labels.first ?? .onward
        hasFunction = s.function != nil
        pathwayWait = PathwayWait.kind(of: s.function).map { Int8($0.rawValue) } ?? -1
        repatriates = s.repatriate && s.overflow != Routing.exit
        hasAfterDischarge = s.afterDischarge != nil
        losesInformation = s.informationPassed < 1
        hasStaffContacts = s.contacts != nil && (s.contactStaff ?? 0) > 0
        rulesOnArrival = s.rulePoint == .onArrival && (!s.rules.isEmpty || s.acceptance != nil)
        rulesAfterService = s.rulePoint == .afterService && !s.rules.isEmpty
    }
}

/// Per-source facts for the hot path.
struct HotSource {
    enum ArrivalKind: UInt8 { case poisson, renewal, profile }

    var limit: Int
    /// Mean inter-arrival time of a homogeneous Poisson source; 0 otherwise.
    var poissonMean: Double = 0
    var priority: Int32
    var hasBatch: Bool
    var hasMix: Bool
    var routeDeterministic: Bool
    var firstDestination: Int32
    var arrivals: ArrivalKind
    /// A profile source's base rate.
    var rate: Double = 0
    /// A profile's peak rate, `rate × profile.peakMultiplier`, for thinning.
    var peakRate: Double = 0
    /// Where this source's multipliers (`ArrivalProfile.flat`) start in the
    /// simulation's `profileMultipliers`.
    var profileStart = 0
    /// A renewal source's inter-arrival time.
    var interArrival = Sampler(.constant(0))

    /// Adds a renewal source's table points to `tables` and a profile's
    /// multipliers to `profiles`.
    init(_ s: Source, tables: inout SamplerTables, profiles: inout [Double]) {
        limit = s.limit ?? Int.max
        priority = Int32(s.priority)
        hasBatch = s.batch != nil
        hasMix = s.mix.contains { $0 != nil }
        routeDeterministic = s.route.isDeterministic
        firstDestination = s.route.destinations.first ?? Routing.exit
        switch s.arrivals {
        case .poisson(let r):
            arrivals = .poisson
            poissonMean = 1 / r
        case .renewal(let d):
            arrivals = .renewal
            interArrival = Sampler(d, tables: &tables)
        case .profile(let r, let profile):
            arrivals = .profile
            rate = r
            peakRate = r * profile.peakMultiplier
            profileStart = profiles.count
            profiles += profile.flat
        }
    }
}

/// One attribute drawn for people from a source (`Source.mix`), flat.
struct MixDraw: BitwiseCopyable {
    var attribute: Int
    var sampler: Sampler
    var rng: UnsafeMutablePointer<gsl_rng>
}

/// Every station's routing after service in three flat arrays, so that a
/// routing choice reads plain numbers: choosing through
/// `model.stations[s].routing` copied the station's arrays out of the
/// shared model (a retain and a release each, atomic, per choice).
struct HotRoutes {
    /// Station `s`'s choices are `start[s] ..< start[s + 1]`.
    let start: [Int]
    let cumulative: [Double]
    let destinations: [Int32]
    let labels: [RouteLabel]

    init(_ stations: [Station]) {
        var start = [0], cumulative: [Double] = [], destinations: [Int32] = [], labels: [RouteLabel] = []
        for st in stations {
            cumulative += st.routing.cumulative
            destinations += st.routing.destinations
            labels += st.routing.labels
            start.append(cumulative.count)
        }
        (self.start, self.cumulative, self.destinations, self.labels) = (start, cumulative, destinations, labels)
    }

    /// Where someone goes after service at `s` for the uniform draw `u`
    /// (`Routing.firstExceeding`; `Routing.exit` and `.onward` past the last).
    @inline(__always)
    func choose(from s: Int, _ u: Double) -> (next: Int32, label: RouteLabel) {
        guard let i = Routing.firstExceeding(u, in: cumulative, start[s]..<start[s + 1]) else { return (Routing.exit, .onward) }
        return (destinations[i], labels[i])
    }
}
