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
    /// Attribute level indices, `attributeCount` per slot.
    public internal(set) var attributes: [UInt8] = []
    /// History counts per person (saturating).
    public internal(set) var handoffs: [UInt16] = []
    public internal(set) var rejections: [UInt16] = []
    public internal(set) var crises: [UInt16] = []
    public internal(set) var assessments: [UInt16] = []
    /// Whether any station's flow rules have accepted the person.
    public internal(set) var accepted: [Bool] = []
    /// The source that referred each person (where a re-referral comes from).
    public internal(set) var origin: [Int32] = []
    /// Booked clinic day × 2 + 1 if a reserved slot; -1 when not booked.
    var bookings: [Int32] = []
    var missed: [UInt8] = []
    var free: [Int32] = []
    public private(set) var liveCount = 0
    public let attributeCount: Int

    public init(attributeCount: Int = 0) {
        self.attributeCount = attributeCount
    }

    public func level(_ slot: Int32, _ attribute: Int) -> Int {
        Int(attributes[Int(slot) * attributeCount + attribute])
    }

    mutating func setLevel(_ slot: Int32, _ attribute: Int, _ level: Int) {
        attributes[Int(slot) * attributeCount + attribute] = UInt8(truncatingIfNeeded: level)
    }

    mutating func setBooking(_ slot: Int32, day: Int, reserved: Bool) {
        bookings[Int(slot)] = day < 0 ? -1 : Int32(day * 2 + (reserved ? 1 : 0))
    }

    func booking(_ slot: Int32) -> (day: Int, reserved: Bool) {
        let b = Int(bookings[Int(slot)])
        return b < 0 ? (-1, false) : (b / 2, b % 2 == 1)
    }

    /// Counts a missed appointment; returns the count so far.
    mutating func countMissed(_ slot: Int32) -> Int {
        if missed[Int(slot)] < .max { missed[Int(slot)] += 1 }
        return Int(missed[Int(slot)])
    }

    mutating func setOrigin(_ slot: Int32, _ source: Int) { origin[Int(slot)] = Int32(source) }

    mutating func countHandoff(_ slot: Int32) { handoffs[Int(slot)] &+= handoffs[Int(slot)] == .max ? 0 : 1 }
    mutating func countRejection(_ slot: Int32) { rejections[Int(slot)] &+= rejections[Int(slot)] == .max ? 0 : 1 }
    mutating func countAssessment(_ slot: Int32) { assessments[Int(slot)] &+= assessments[Int(slot)] == .max ? 0 : 1 }
    mutating func markAccepted(_ slot: Int32) { accepted[Int(slot)] = true }

    mutating func countCrisis(_ slot: Int32) { crises[Int(slot)] &+= crises[Int(slot)] == .max ? 0 : 1 }

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
            handoffs[i] = 0
            rejections[i] = 0
            crises[i] = 0
            assessments[i] = 0
            accepted[i] = false
            origin[i] = -1
            bookings[i] = -1
            missed[i] = 0
            for a in 0..<attributeCount { attributes[i * attributeCount + a] = 0 }
            return slot
        }
        systemArrival.append(time)
        stationArrival.append(time)
        station.append(-1)
        priority.append(p)
        token.append(0)
        alive.append(true)
        handoffs.append(0)
        rejections.append(0)
        crises.append(0)
        assessments.append(0)
        accepted.append(false)
        origin.append(-1)
        bookings.append(-1)
        missed.append(0)
        for _ in 0..<attributeCount { attributes.append(0) }
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
