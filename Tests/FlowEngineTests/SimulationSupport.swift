import FlowEngine
import XCTest

/// The value of one metric of a replication (NaN and a test failure if the
/// key does not exist).
func metric(_ r: ReplicationResult, _ model: NetworkModel, _ name: String,
            _ station: String = NetworkMetrics.systemLabel, file: StaticString = #filePath, line: UInt = #line) -> Double {
    let keys = NetworkMetrics.keys(for: model)
    guard let i = keys.firstIndex(of: MetricKey(metric: name, station: station)) else {
        XCTFail("no metric \(name) at \(station)", file: file, line: line)
        return .nan
    }
    return r.values[i]
}

/// Equal value by value, NaN matching NaN.
func sameValues(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}

/// Steps to the end of the run, asserting `checkInvariants()` is empty after
/// every event (stopping at the first failure), and calls `after` after each.
@discardableResult
func stepChecked(_ sim: inout NetworkSimulation, file: StaticString = #filePath, line: UInt = #line,
                 after: (NetworkSimulation) -> Void = { _ in }) -> Int {
    var steps = 0
    while sim.step() {
        steps += 1
        let problems = sim.checkInvariants()
        if !problems.isEmpty {
            XCTFail("after event \(steps) at t = \(sim.now): \(problems)", file: file, line: line)
            break
        }
        after(sim)
    }
    XCTAssertFalse(sim.step(), "the run is over", file: file, line: line)
    return steps
}

/// Conservation at the end of a run without warm-up: at every station,
/// arrivals = served + reneged + balked + overflowed + waiting + in service;
/// for the system, arrivals = departures + present.
func assertConservation(_ sim: NetworkSimulation, file: StaticString = #filePath, line: UInt = #line) {
    let model = sim.model
    XCTAssertEqual(model.warmUp, 0, "conservation of the reported counts needs warm-up 0", file: file, line: line)
    let r = sim.result()
    for (i, st) in model.stations.enumerated() {
        let arrivals = metric(r, model, "arrivals", st.name)
        let out = metric(r, model, "served", st.name) + metric(r, model, "reneged", st.name)
            + metric(r, model, "balked", st.name) + metric(r, model, "overflowed", st.name)
        XCTAssertEqual(arrivals, out + Double(sim.waiting(at: i) + sim.inService(at: i)),
                       "station \(st.name)", file: file, line: line)
        XCTAssertEqual(Int(arrivals), sim.everArrived(at: i), "station \(st.name)", file: file, line: line)
    }
    let arrivals = metric(r, model, "arrivals")
    XCTAssertEqual(arrivals, metric(r, model, "departures") + Double(sim.people.liveCount), "system", file: file, line: line)
    XCTAssertEqual(Int(arrivals), sim.everArrivedInSystem, file: file, line: line)
    XCTAssertEqual(sim.systemArrivals, sim.everArrivedInSystem, file: file, line: line)
    XCTAssertEqual(r.events, sim.eventsProcessed, file: file, line: line)
    XCTAssertEqual(r.values.count, NetworkMetrics.keys(for: model).count, file: file, line: line)
}

/// Someone who started service after waiting.
struct QueueStart {
    var time: Double
    var station: Int
    var priority: Int
    var stationArrival: Double
}

/// Someone who left the system.
struct Departure {
    var time: Double
    var station: Int
    var stationArrival: Double
    var systemArrival: Double
}

/// Watches the public entity store between events. A person who stays alive
/// at the same station with the same arrival times but whose token changed
/// has started service from the waiting line (joining and starting service
/// both bump the token, but joining also sets a new station arrival time).
final class PeopleWatcher {
    private var previous: [EntityStore.Entity] = []
    private(set) var starts: [QueueStart] = []
    private(set) var departures: [Departure] = []

    func observe(_ sim: NetworkSimulation) {
        let p = sim.people
        for i in 0..<p.capacity {
            guard i < previous.count, previous[i].alive else { continue }
            let was = previous[i], now = p[i]
            let samePerson = now.alive && now.systemArrival == was.systemArrival
            if samePerson {
                if now.station == was.station && now.stationArrival == was.stationArrival && now.token != was.token {
                    starts.append(QueueStart(time: sim.now, station: Int(was.station), priority: Int(now.priority),
                                             stationArrival: was.stationArrival))
                }
            } else {
                departures.append(Departure(time: sim.now, station: Int(was.station), stationArrival: was.stationArrival,
                                            systemArrival: was.systemArrival))
            }
        }
        previous = (0..<p.capacity).map { p[$0] }
    }

    func starts(at s: Int) -> [QueueStart] { starts.filter { $0.station == s } }
}

/// Pairs of queue starts in the wrong order: X started before Y although Y
/// was already waiting and comes first by (priority, arrival) — or by
/// arrival alone when `byPriority` is false.
func orderViolations(_ starts: [QueueStart], byPriority: Bool) -> Int {
    func key(_ s: QueueStart) -> (Int, Double) { (byPriority ? s.priority : 0, s.stationArrival) }
    var violations = 0
    for (i, x) in starts.enumerated() {
        for y in starts[(i + 1)...] where y.time > x.time && y.stationArrival < x.time {
            if !(key(x) < key(y)) { violations += 1 }
        }
    }
    return violations
}

/// A single-station model with one Poisson source.
func singleStation(_ station: Station, rate: Double, duration: Double, warmUp: Double = 0,
                   calendar: SimCalendar = .standard) -> NetworkModel {
    NetworkModel(name: "single", sources: [Source(name: "in", arrivals: .poisson(ratePerDay: rate), route: .to(0))],
                 stations: [station], duration: duration, warmUp: warmUp, calendar: calendar)
}
