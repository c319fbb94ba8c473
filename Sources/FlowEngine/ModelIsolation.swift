/// A simulation's own copy of the model's arrays and strings.
///
/// Copying a Swift array or string shares its buffer and counts a reference
/// to it; the count is an atomic operation on the buffer's header. Replications
/// on different threads that all read one `NetworkModel` therefore write the
/// same cache lines on every rule evaluation, diary booking and crisis draw
/// that copies part of the model, and the two cores take turns to own them:
/// measured on dorset-baseline, two processes ran 2.06× as fast as one, two
/// threads of one process 1.68×. Each `NetworkSimulation` reads from
/// `model.isolated()`, whose buffers no other simulation counts. The values
/// are equal; only the storage differs.
extension NetworkModel {
    /// The same model in buffers of its own (see above).
    public func isolated() -> NetworkModel {
        var m = self
        m.stations = stations.map { $0.isolated() }
        m.sources = sources.map { $0.isolated() }
        m.attributes = attributes.map { a in
            var c = a
            c.name = a.name.inOwnStorage()
            c.levels = a.levels.map { $0.inOwnStorage() }
            c.values = a.values.inOwnBuffer()
            return c
        }
        m.standards = standards.inOwnBuffer()
        return m
    }
}

extension Station {
    func isolated() -> Station {
        var s = self
        s.name = name.inOwnStorage()
        s.service = service.isolated()
        s.patience = patience?.isolated()
        s.routing = routing.isolated()
        s.rules = rules.map { r in
            var c = r
            c.condition = r.condition?.isolated()
            return c
        }
        s.reasons = reasons.map { $0.inOwnStorage() }
        if var a = acceptance {
            a.load = a.load.inOwnBuffer()
            a.probability = a.probability.inOwnBuffer()
            s.acceptance = a
        }
        s.rejection.delay = rejection.delay?.isolated()
        s.deterioration = deterioration?.isolated()
        if var d = diary {
            d.slots = d.slots.inOwnBuffer()
            d.urgent = d.urgent?.isolated()
            d.pool = d.pool.inOwnBuffer()
            s.diary = d
        }
        if var e = escalation {
            e.timeToRise = e.timeToRise.map { $0?.isolated() }
            s.escalation = e
        }
        if var a = afterDischarge {
            a.hazard = a.hazard.isolated()
            s.afterDischarge = a
        }
        s.reassessment = reassessment?.isolated()
        return s
    }
}

extension Source {
    func isolated() -> Source {
        var s = self
        s.name = name.inOwnStorage()
        switch arrivals {
        case .poisson: break
        case .renewal(let d): s.arrivals = .renewal(d.isolated())
        case .profile(let rate, let p):
            s.arrivals = .profile(ratePerDay: rate, ArrivalProfile(hourly: p.hourly.inOwnBuffer(), weekly: p.weekly.inOwnBuffer(),
                                                             monthly: p.monthly.inOwnBuffer()))
        }
        s.batch = batch?.isolated()
        s.route = route.isolated()
        s.mix = mix.map { $0?.isolated() }
        return s
    }
}

extension Deterioration {
    func isolated() -> Deterioration {
        var d = self
        d.timeToCrisis = timeToCrisis.map { $0?.isolated() }
        d.routes = routes.inOwnBuffer()
        return d
    }
}

extension Routing {
    func isolated() -> Routing {
        var r = self
        r.destinations = destinations.inOwnBuffer()
        r.cumulative = cumulative.inOwnBuffer()
        r.labels = labels.inOwnBuffer()
        return r
    }
}

extension RuleExpression {
    func isolated() -> RuleExpression { RuleExpression(code: code.inOwnBuffer(), text: text.inOwnStorage()) }
}

extension Distribution {
    func isolated() -> Distribution {
        switch self {
        case .discrete(let v, let c): .discrete(values: v.inOwnBuffer(), cumulative: c.inOwnBuffer())
        case .continuousEmpirical(let x, let f): .continuousEmpirical(x: x.inOwnBuffer(), cdf: f.inOwnBuffer())
        default: self
        }
    }
}

extension Array {
    /// The same elements in a buffer of its own (`Array(self)` would share this one).
    func inOwnBuffer() -> [Element] {
        guard !isEmpty else { return [] }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}

extension String {
    /// The same text in storage of its own (short strings are stored inline anyway).
    func inOwnStorage() -> String { String(decoding: Array(utf8), as: UTF8.self) }
}
