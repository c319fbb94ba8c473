import CGSL
import DequeModule
import FlowStats

/// One replication of a `NetworkModel`: the event loop and the state it
/// drives.
///
///     var sim = try NetworkSimulation(model: model, masterSeed: 42, replication: 0)
///     sim.run()
///     let values = sim.result().values   // laid out as NetworkMetrics.keys(for: model)
///
/// Each `step()` pops the earliest event, advances the clock and applies the
/// event: a page of code, as in SimPy's core. Tests step through small runs
/// and call `checkInvariants()` after every event.
public struct NetworkSimulation {
    public let model: NetworkModel
    public let replication: Int
    /// Called for each step of each person's path when set (event logs,
    /// tests); a nil check per record otherwise.
    public var trace: ((TraceRecord) -> Void)?
    public private(set) var now: Double = 0
    public private(set) var eventsProcessed: UInt64 = 0

    var events = EventQueue()
    public internal(set) var people: EntityStore
    var stations: StationTable<StationState> = []
    var stats: StationTable<StationStats> = []
    var system: SystemStats
    /// Shared by every copy of this simulation, so one uniqueness check per
    /// event tells whether the tables above may be shared (see StationTable).
    var copyDetector = CopyDetector()
    var systemLedger = Ledger()
    /// Arrivals scheduled per source (a table: written on every arrival).
    var arrivalsIssued: StationTable<Int>
    /// Current month index for sources with monthly profiles (cached per day).
    /// People stopped after being passed round more than `maxHops` times in one instant.
    public internal(set) var loopsBroken = 0
    static let maxHops = 1000
    let groupLevels: Int
    /// Census values in `NetworkSeries` layout.
    var series: [Double] = []
    /// Free slots of each diary station (empty for the others).
    var books: [DiaryBook]
    var monthCacheDay = -1
    /// Per station that takes a repatriating bed's overflow: its placements, oldest first.
    var placements: [Deque<Placement>]
    /// Staff for contacts during episodes (capacity 0 where contacts are counted only).
    var staff: [StaffPool]
    var staffStats: [StaffStats]
    var monthCache = 0
    /// Locality copies by family × level, flat (see `Localities`); empty without localities.
    let localityTable: [Int32]
    let localityLevels: Int
    let localityAttribute: Int

    // One stream per purpose, so a change to one station leaves all other
    // draws as they were (common random numbers).
    let arrivalStreams: [RandomStream]
    let batchStreams: [RandomStream]
    let sourceRoutingStreams: [RandomStream]
    let serviceStreams: [RandomStream]
    let patienceStreams: [RandomStream]
    let routingStreams: [RandomStream]
    let balkingStreams: [RandomStream]
    /// Per source, per attribute: the draw of a person's level.
    let mixStreams: [[RandomStream]]
    let ruleStreams: [RandomStream]
    let rejectionStreams: [RandomStream]
    let deteriorationStreams: [RandomStream]
    let escalationStreams: [RandomStream]
    /// Only for stations that use them (nil elsewhere).
    let dischargeStreams: [RandomStream?]
    let informationStreams: [RandomStream?]
    let reassessmentStreams: [RandomStream?]
    let hotStations: [HotStation]
    let hotSources: [HotSource]
    let routes: HotRoutes
    /// Service time of each station, flattened.
    let services: [Sampler]
    /// The points of every table-kind sampler (services, mixes, renewals).
    let samplerTables: SamplerTables
    /// Arrival profiles' multipliers, `ArrivalProfile.flat` per profile source (see HotSource).
    let profileMultipliers: [Double]
    /// The attribute draws of source i are `mixDraws[mixStart[i] ..< mixStart[i + 1]]`.
    let mixDraws: [MixDraw]
    let mixStart: [Int]
    // Raw generators of the streams above (kept alive by them) for the hot path.
    let arrivalRNG: [UnsafeMutablePointer<gsl_rng>]
    let serviceRNG: [UnsafeMutablePointer<gsl_rng>]
    let routingRNG: [UnsafeMutablePointer<gsl_rng>]

    public init(model: NetworkModel, masterSeed: UInt64, replication: Int) throws(RandomStreamError) {
        self.model = model.isolated()   // buffers no other replication counts (see ModelIsolation)
        self.replication = replication
        func streams(_ names: [String], _ purpose: String) throws(RandomStreamError) -> [RandomStream] {
            var out: [RandomStream] = []
            for name in names {
                let stream = purpose.isEmpty ? name : "\(name).\(purpose)"
                let seed = StreamSeed.derive(masterSeed: masterSeed, replication: replication, stream: stream)
                out.append(try RandomStream(generator: model.generator, seed: seed))
            }
            return out
        }
        let sourceNames = model.sources.map { "source.\($0.name)" }
        let stationNames = model.stations.map { "station.\($0.name)" }
        arrivalStreams = try streams(sourceNames, "arrivals")
        batchStreams = try streams(sourceNames, "batch")
        sourceRoutingStreams = try streams(sourceNames, "routing")
        serviceStreams = try streams(stationNames, "service")
        patienceStreams = try streams(stationNames, "patience")
        routingStreams = try streams(stationNames, "routing")
        balkingStreams = try streams(stationNames, "balking")
        ruleStreams = try streams(stationNames, "rules")
        rejectionStreams = try streams(stationNames, "rejection")
        deteriorationStreams = try streams(stationNames, "deterioration")
        escalationStreams = try streams(stationNames, "escalation")
        func streams(_ purpose: String, where needed: (Station) -> Bool) throws(RandomStreamError) -> [RandomStream?] {
            var out: [RandomStream?] = []
            for (st, name) in zip(model.stations, stationNames) {
                out.append(needed(st) ? try streams([name], purpose)[0] : nil)
            }
            return out
        }
        dischargeStreams = try streams("after_discharge", where: { $0.afterDischarge != nil })
        informationStreams = try streams("information", where: { $0.informationPassed < 1 })
        reassessmentStreams = try streams("reassessment", where: { $0.reassessment != nil })
        var mix: [[RandomStream]] = []
        for name in sourceNames {
            mix.append(try streams(model.attributes.map { "\(name).mix.\($0.name)" }, ""))
        }
        mixStreams = mix
        people = EntityStore(attributeCount: model.attributes.count)
        var hot = model.stations.map(HotStation.init)
        let losesInformation = hot.contains { $0.losesInformation }
        for i in hot.indices {
            if hot[i].repatriates { hot[Int(model.stations[i].overflow)].isPlacementTarget = true }
        }
        for i in hot.indices {
            hot[i].marksPathway = hot[i].hasFunction || hot[i].isPlacementTarget || losesInformation || hot[i].hasStaffContacts
        }
        hotStations = hot
        placements = Array(repeating: Deque<Placement>(), count: model.stations.count)
        staff = model.stations.map { StaffPool(capacity: $0.contacts == nil ? 0 : $0.contactStaff ?? 0) }
        staffStats = Array(repeating: StaffStats(at: 0, busy: 0), count: model.stations.count)
        var tables = SamplerTables(), profiles: [Double] = []
        hotSources = model.sources.map { HotSource($0, tables: &tables, profiles: &profiles) }
        profileMultipliers = profiles
        routes = HotRoutes(model.stations)
        services = model.stations.map { Sampler($0.service, tables: &tables) }
        var draws: [MixDraw] = [], starts = [0]
        for (i, source) in model.sources.enumerated() {
            for (a, mix) in source.mix.enumerated() {
                if let mix { draws.append(MixDraw(attribute: a, sampler: Sampler(mix, tables: &tables), rng: mixStreams[i][a].rng)) }
            }
            starts.append(draws.count)
        }
        (mixDraws, mixStart) = (draws, starts)
        samplerTables = tables
        arrivalRNG = arrivalStreams.map(\.rng)
        serviceRNG = serviceStreams.map(\.rng)
        routingRNG = routingStreams.map(\.rng)
        books = Array(repeating: DiaryBook(), count: model.stations.count)

        if let l = model.localities {
            localityAttribute = l.attribute
            localityLevels = model.attributes[l.attribute].levels.count
            localityTable = l.members.flatMap { $0 }
        } else {
            localityAttribute = 0
            localityLevels = 0
            localityTable = []
        }
        groupLevels = model.groupAttribute.map { model.attributes[$0].levels.count } ?? 0
        system = SystemStats(at: 0, present: 0, groups: groupLevels)
        arrivalsIssued = StationTable(Array(repeating: 0, count: model.sources.count))
        let levels = model.priorityLevels
        for (i, st) in model.stations.enumerated() {
            let lanes = st.discipline != .priority ? 1
                : st.priorityAttribute.map { model.attributes[$0].levels.count } ?? levels
            var state = StationState(levels: lanes, capacity: 0)
            switch st.capacity {
            case .servers(let c): state.capacity = c
            case .infinite: state.capacity = Int.max
            case .schedule(let schedule):
                // Time 0 is midnight of the start date, so its time of week is its weekday.
                let w = Double(model.calendar.dayOfWeek(0))
                state.segment = schedule.segment(atTimeOfWeek: w)
                state.capacity = schedule.capacities[state.segment]
                scheduleNextCapacityChange(station: i, schedule: schedule, segment: state.segment, weekStart: -w)
            }
            stations.append(state)
            stats.append(StationStats(at: 0, queue: 0, busy: 0, capacity: state.capacity, reasons: st.reasons.count,
                                      lanes: NetworkMetrics.laneCount(model, i), groups: groupLevels))
        }
        for i in model.sources.indices { scheduleNextArrival(source: i, after: 0) }
        if model.warmUp > 0 { events.push(Event(time: model.warmUp, kind: .warmUpEnd)) }
        if let interval = model.seriesInterval, interval > 0 {
            series.reserveCapacity(NetworkSeries.censusCount(model) * NetworkSeries.valuesPerCensus(model))
            events.push(Event(time: interval, kind: .census))
        }
    }

    /// Processes the earliest event if it falls within the run; false when
    /// the run is over.
    @discardableResult
    public mutating func step() -> Bool {
        makeUnique()
        if stepUnchecked() { return true }
        settleHistograms()
        return false
    }

    /// Runs to the end of the replication.
    public mutating func run() {
        // Nothing can copy the simulation while this loop holds it, so one
        // check before the loop stands for one per event.
        makeUnique()
        while stepUnchecked() {}
        settleHistograms()
    }

    /// The handlers below write the tables, the entity store and the event
    /// list without a check each (see `HotBuffer`): if this simulation has
    /// been copied since it last stepped (its `CopyDetector` is shared), each
    /// gets its own storage first.
    @inline(__always)
    mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&copyDetector) else { return }
        copyDetector = .init()
        events.makeUnique()
        people.makeUnique()
        stations.makeUnique()
        for i in stations.indices { stations[i].makeLanesUnique() }
        stats.makeUnique()
        arrivalsIssued.makeUnique()
        forEachHistogram { $0.makeUnique() }
    }

    /// Buckets the waits still pending in each histogram (see `WaitHistogram`),
    /// so that the results read them in place.
    mutating func settleHistograms() { forEachHistogram { $0.settle() } }

    /// Every wait histogram of the simulation, the one list of them.
    mutating func forEachHistogram(_ body: (inout WaitHistogram) -> Void) {
        for i in stats.indices { body(&stats[i].waitQuantiles) }
        body(&system.timeInSystemQuantiles)
        for k in system.pathwayQuantiles.indices { body(&system.pathwayQuantiles[k]) }
    }

    /// `step()` for a simulation already made unique.
    @inline(__always)
    mutating func stepUnchecked() -> Bool {
        guard let e = events.pop(notAfter: model.duration) else { return false }
        now = e.time
        eventsProcessed &+= 1
        switch e.kind {
        case .arrival: sourceArrival(Int(e.a))
        case .serviceEnd: serviceEnd(station: Int(e.a), slot: e.b, token: e.token)
        case .renege: renege(station: Int(e.a), slot: e.b, token: e.token)
        case .capacityChange: capacityChange(station: Int(e.a), segment: Int(e.b))
        case .warmUpEnd: endWarmUp()
        case .reReferral: reReferral(station: Int(e.a), slot: e.b, token: e.token)
        case .communityCrisis: communityCrisis(station: Int(e.a), slot: e.b, token: e.token)
        case .crisisAfterDischarge: crisisAfterDischarge(station: Int(e.a), slot: e.b, token: e.token)
        case .contactDue: contactDue(station: Int(e.a), slot: e.b, token: e.token)
        case .contactEnd: contactEnd(station: Int(e.a), slot: e.b, token: e.token)
        case .crisis: crisis(station: Int(e.a), slot: e.b, token: e.token)
        case .appointment: appointment(station: Int(e.a), slot: e.b, token: e.token)
        case .cancellation: cancellation(station: Int(e.a), slot: e.b, token: e.token)
        case .escalation: escalate(station: Int(e.a), slot: e.b, token: e.token)
        case .census: census()
        }
        return true
    }

    /// Runs until `condition` holds after an event, or the run ends.
    public mutating func run(until condition: (borrowing NetworkSimulation) -> Bool) {
        while step() { if condition(self) { return } }
    }

    /// Pending events in the future event list.
    public var pendingEvents: Int { events.count }

    /// People waiting at a station (excluding stale tickets).
    public func waiting(at station: Int) -> Int { stations[station].waiting }
    /// People in service at a station.
    public func inService(at station: Int) -> Int { stations[station].busy }
    /// Servers on duty at a station now.
    public func capacity(at station: Int) -> Int { stations[station].capacity }
    /// People who have arrived in the system since the end of warm-up.
    public var systemArrivals: Int { system.arrivals }
    /// People who have ever arrived at a station, warm-up included.
    public func everArrived(at station: Int) -> Int { stations[station].ledger.arrived }
    /// People who ever arrived in the system, warm-up included.
    public var everArrivedInSystem: Int { systemLedger.arrived }

    mutating func endWarmUp() {
        for i in stations.indices {
            let s = stations[i]
            stats[i] = StationStats(at: now, queue: s.waiting, busy: s.busy, capacity: s.capacity,
                                    reasons: model.stations[i].reasons.count,
                                    lanes: NetworkMetrics.laneCount(model, i), groups: groupLevels)
        }
        system = SystemStats(at: now, present: people.liveCount, groups: groupLevels)
        for i in staff.indices { staffStats[i] = StaffStats(at: now, busy: staff[i].busy) }
    }
}
