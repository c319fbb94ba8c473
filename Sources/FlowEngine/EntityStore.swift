/// People currently in the system, in contiguous columns with slot reuse.
///
/// A slot freed by someone leaving is handed to the next arrival, so memory
/// follows the number of people present, not the number who ever passed
/// through. Each slot carries a `token` that changes whenever its occupant
/// stops waiting (starts service, reneges, leaves), which lets events and
/// queue tickets that refer to an earlier state be recognised as stale
/// without searching for them. All operations are O(1).
public struct EntityStore: Sendable {
    public private(set) var systemArrival: [Double] = []
    public private(set) var stationArrival: [Double] = []
    public private(set) var station: [Int32] = []
    public private(set) var priority: [Int32] = []
    public private(set) var token: [UInt32] = []
    public private(set) var alive: [Bool] = []
    var free: [Int32] = []
    public private(set) var liveCount = 0

    public init() {}

    public var capacity: Int { alive.count }

    public mutating func create(at time: Double, priority p: Int32) -> Int32 {
        liveCount += 1
        if let slot = free.popLast() {
            let i = Int(slot)
            systemArrival[i] = time
            stationArrival[i] = time
            station[i] = -1
            priority[i] = p
            alive[i] = true
            return slot
        }
        systemArrival.append(time)
        stationArrival.append(time)
        station.append(-1)
        priority.append(p)
        token.append(0)
        alive.append(true)
        return Int32(alive.count - 1)
    }

    public mutating func release(_ slot: Int32) {
        let i = Int(slot)
        alive[i] = false
        token[i] &+= 1
        liveCount -= 1
        free.append(slot)
    }

    /// Invalidates tickets and events issued for the current state.
    public mutating func bumpToken(_ slot: Int32) -> UInt32 {
        token[Int(slot)] &+= 1
        return token[Int(slot)]
    }

    public mutating func enter(_ slot: Int32, station s: Int32, at time: Double) {
        station[Int(slot)] = s
        stationArrival[Int(slot)] = time
    }

    public func checkInvariants() -> [String] {
        var p: [String] = []
        let live = alive.lazy.filter { $0 }.count
        if live != liveCount { p.append("entity store: \(live) live slots but liveCount \(liveCount)") }
        if live + free.count != alive.count {
            p.append("entity store: \(live) live + \(free.count) free != \(alive.count) slots")
        }
        for f in free where alive[Int(f)] { p.append("entity store: slot \(f) is both free and alive") }
        return p
    }
}
