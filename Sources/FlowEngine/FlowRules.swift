/// A characteristic of a person drawn at arrival (risk, complexity, age band,
/// population group, ...), with ordered levels.
///
/// Each level has a numeric value used in expressions: its number when every
/// level is written as a number (complexity 1–5), else its position (low = 0,
/// medium = 1, ...), so `risk >= high` compares positions.
public struct Attribute: Sendable, Equatable {
    public var name: String
    public var levels: [String]
    public var values: [Double]

    public init(name: String, levels: [String]) {
        self.name = name
        self.levels = levels
        let numbers = levels.compactMap(Double.init)
        values = numbers.count == levels.count ? numbers : levels.indices.map(Double.init)
    }
}

/// What a station decides about someone who arrives.
public enum Decision: Sendable, Equatable {
    /// Join the queue here.
    case accept
    /// Back to the referrer: re-referred later with the station's
    /// `rejection` settings, or gone.
    case reject
    /// Passed on to another station (a hand-off).
    case redirect(Int32)
    /// Pointed to another service: a station, or away (`Routing.exit`).
    case signpost(Int32)
    /// Discharged without being seen.
    case discharge
}

/// A formal flow rule: when `condition` holds, `decision` applies, with
/// probability `adherence` (the rest of the time the rule is passed over,
/// as practitioners work around the written rule).
public struct FlowRule: Sendable, Equatable {
    public var condition: RuleExpression?
    public var decision: Decision
    /// Index into the station's `reasons`.
    public var reason: Int
    public var adherence: Double

    public init(condition: RuleExpression?, decision: Decision, reason: Int, adherence: Double = 1) {
        self.condition = condition
        self.decision = decision
        self.reason = reason
        self.adherence = adherence
    }
}

/// An informal rule: the chance of acceptance falls as the station fills.
/// Load is (waiting + in service) / capacity; the probability is linear
/// between the points and flat beyond them.
public struct AcceptanceCurve: Sendable, Equatable {
    public var load: [Double]
    public var probability: [Double]
    public var reason: Int
    /// What happens to those not accepted: `reject` (back to the referrer)
    /// unless the access model passes them on.
    public var decision: Decision = .reject

    public init(load: [Double], probability: [Double], reason: Int) {
        self.load = load
        self.probability = probability
        self.reason = reason
    }

    public func probability(atLoad x: Double) -> Double {
        guard let first = load.first, let last = load.last else { return 1 }
        if x <= first { return probability[0] }
        if x >= last { return probability[probability.count - 1] }
        var i = 1
        while load[i] < x { i += 1 }
        let t = (x - load[i - 1]) / (load[i] - load[i - 1])
        return probability[i - 1] + t * (probability[i] - probability[i - 1])
    }
}

/// What happens after a rejection back to the referrer.
public struct Rejection: Sendable, Equatable {
    /// Chance the person is referred again.
    public var reReferral: Double
    /// Delay before the new referral.
    public var delay: Distribution?

    public init(reReferral: Double = 0, delay: Distribution? = nil) {
        self.reReferral = reReferral
        self.delay = delay
    }
}

/// While someone waits, their need may rise: after a time drawn by their
/// current level of an attribute (such as risk), the level goes up by one.
/// At a station that serves by that attribute they join the back of their
/// new, more urgent class (the time already waited still counts in waits); patience and crisis clocks are drawn
/// afresh for the new level.
public struct Escalation: Sendable, Equatable {
    public var attribute: Int
    /// Time to the next level, per current level; nil = no rise from there.
    public var timeToRise: [Distribution?]

    public init(attribute: Int, timeToRise: [Distribution?]) {
        self.attribute = attribute
        self.timeToRise = timeToRise
    }
}

/// While someone waits here, a crisis may come first: the time to crisis
/// is drawn by the level of one attribute (higher risk, sooner), and the
/// person leaves the queue for the first crisis route open at that moment.
public struct Deterioration: Sendable, Equatable {
    public var attribute: Int
    /// Time to crisis per level of the attribute; nil = no crisis at that level.
    public var timeToCrisis: [Distribution?]
    /// Crisis routes in order of preference; the first with capacity on duty
    /// now is taken, the last if none is.
    public var routes: [Int32]

    public init(attribute: Int, timeToCrisis: [Distribution?], routes: [Int32]) {
        self.attribute = attribute
        self.timeToCrisis = timeToCrisis
        self.routes = routes
    }
}

/// After discharge, need can return: within `window` days of leaving the
/// system from this station, a crisis comes at a time drawn by level (as in
/// `Deterioration`); the person then takes the first open crisis route.
/// Someone whose crisis falls within the window stays on the system's books
/// until it comes (as someone rejected stays until their re-referral).
public struct AfterDischarge: Sendable, Equatable {
    public var hazard: Deterioration
    /// Days after discharge during which a crisis is counted.
    public var window: Double

    public init(hazard: Deterioration, window: Double) {
        self.hazard = hazard
        self.window = window
    }
}
