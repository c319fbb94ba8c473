/// People currently in the system, one contiguous record each, with slot
/// reuse.
///
///     var people = EntityStore()
///     let slot = people.create(at: 0, priority: 0)
///     people[slot].systemArrival   // 0.0
///     people.release(slot)         // the next `create` reuses the slot
///
/// A slot freed by someone leaving is handed to the next arrival, so memory
/// follows the number of people present, not the number who ever passed
/// through. Each slot carries a `token` that changes whenever its occupant
/// stops waiting (starts service, reneges, leaves), which lets events and
/// queue tickets that refer to an earlier state be recognised as stale
/// without searching for them. All operations are O(1).
///
/// One array of fixed-size records rather than a column per field: creating
/// someone writes one record where a column layout wrote fourteen arrays.
/// The records, the attribute levels (whose number depends on the model)
/// and the free list are `HotBuffer`s, written without a copy-on-write
/// check each: only the engine writes them (the mutating methods are
/// internal), after `NetworkSimulation.step()` has made them unique.
/// Measured with callgrind on mmc: see Benchmarks/README.md.
public struct EntityStore: Sendable {
    /// What the engine keeps about one person (72 bytes).
    public struct Entity: Sendable, Equatable, BitwiseCopyable {
        public internal(set) var systemArrival: Double
        public internal(set) var stationArrival: Double
        /// The station the person is at; -1 before the first.
        public internal(set) var station: Int32
        public internal(set) var priority: Int32
        public internal(set) var token: UInt32
        /// The source that referred the person (where a re-referral comes from).
        public internal(set) var origin: Int32
        /// Booked clinic day × 2 + 1 if a reserved slot; -1 when not booked.
        var booking: Int32
        /// History counts (saturating).
        public internal(set) var handoffs: UInt16
        public internal(set) var rejections: UInt16
        public internal(set) var crises: UInt16
        public internal(set) var assessments: UInt16
        public internal(set) var alive: Bool
        /// Whether any station's flow rules have accepted the person.
        public internal(set) var accepted: Bool
        var missed: UInt8
        // Pathway marks, reset at referral with the rest of the record.
        /// Whether a station with a function has started seeing the person.
        var seen: Bool
        /// The person's story was lost at their last hand-off.
        var storyLost: Bool
        /// First acceptance by a team's rules; infinity = never.
        var acceptedAt: Double
        /// Time of the second rejection; infinity = fewer than two.
        var secondRejectionAt: Double

        init(at time: Double, priority p: Int32, token t: UInt32) {
            systemArrival = time
            stationArrival = time
            station = -1
            priority = p
            token = t
            origin = -1
            booking = -1
            handoffs = 0
            rejections = 0
            crises = 0
            assessments = 0
            alive = true
            accepted = false
            missed = 0
            seen = false
            storyLost = false
            acceptedAt = .infinity
            secondRejectionAt = .infinity
        }
    }

    var entities = HotBuffer<Entity>()
    /// Attribute level indices, `attributeCount` per slot.
    var attributes = HotBuffer<UInt8>()
    var free = HotBuffer<Int32>()
    public private(set) var liveCount = 0
    public let attributeCount: Int

    public init(attributeCount: Int = 0) {
        self.attributeCount = attributeCount
    }

    /// The record in a slot (live or free).
    public subscript(slot: Int32) -> Entity {
        get { entities[Int(slot)] }
    }

    /// The record in a slot, by `Int` index.
    public subscript(index: Int) -> Entity {
        get { entities[index] }
    }

    public func level(_ slot: Int32, _ attribute: Int) -> Int {
        Int(attributes[Int(slot) * attributeCount + attribute])
    }

    mutating func setLevel(_ slot: Int32, _ attribute: Int, _ level: Int) {
        attributes[Int(slot) * attributeCount + attribute] = UInt8(truncatingIfNeeded: level)
    }

    mutating func setBooking(_ slot: Int32, day: Int, reserved: Bool) {
        entities[Int(slot)].booking = day < 0 ? -1 : Int32(day * 2 + (reserved ? 1 : 0))
    }

    func booking(_ slot: Int32) -> (day: Int, reserved: Bool) {
        let b = Int(entities[Int(slot)].booking)
        return b < 0 ? (-1, false) : (b / 2, b % 2 == 1)
    }

    /// Counts a missed appointment; returns the count so far.
    mutating func countMissed(_ slot: Int32) -> Int {
        let i = Int(slot)
        if entities[i].missed < .max { entities[i].missed += 1 }
        return Int(entities[i].missed)
    }

    mutating func setOrigin(_ slot: Int32, _ source: Int) { entities[Int(slot)].origin = Int32(source) }

    mutating func countHandoff(_ slot: Int32) { Self.countUp(&entities[Int(slot)].handoffs) }
    mutating func countRejection(_ slot: Int32) { Self.countUp(&entities[Int(slot)].rejections) }
    mutating func countAssessment(_ slot: Int32) { Self.countUp(&entities[Int(slot)].assessments) }
    mutating func countCrisis(_ slot: Int32) { Self.countUp(&entities[Int(slot)].crises) }
    mutating func markAccepted(_ slot: Int32) { entities[Int(slot)].accepted = true }

    private static func countUp(_ n: inout UInt16) { if n < .max { n += 1 } }

    public var capacity: Int { entities.count }

    /// Gives the store its own buffers if it shares them (after a copy).
    mutating func makeUnique() {
        entities.makeUnique()
        attributes.makeUnique()
        free.makeUnique()
    }

    @inline(__always)
    mutating func create(at time: Double, priority p: Int32) -> Int32 {
        liveCount &+= 1
        if let slot = free.popLast() {
            let i = Int(slot)
            entities[i] = Entity(at: time, priority: p, token: entities[i].token)
            for a in 0..<attributeCount { attributes[i * attributeCount + a] = 0 }
            return slot
        }
        entities.append(Entity(at: time, priority: p, token: 0))
        for _ in 0..<attributeCount { attributes.append(0) }
        return Int32(entities.count - 1)
    }

    @inline(__always)
    mutating func release(_ slot: Int32) {
        let i = Int(slot)
        entities[i].alive = false
        entities[i].token &+= 1
        liveCount &-= 1
        free.append(slot)
    }

    /// Invalidates tickets and events issued for the current state.
    mutating func bumpToken(_ slot: Int32) -> UInt32 {
        entities[Int(slot)].token &+= 1
        return entities[Int(slot)].token
    }

    mutating func enter(_ slot: Int32, station s: Int32, at time: Double) {
        entities[Int(slot)].station = s
        entities[Int(slot)].stationArrival = time
    }

    public func checkInvariants() -> [String] {
        var p: [String] = []
        let live = entities.elements.lazy.filter(\.alive).count
        if live != liveCount { p.append("entity store: \(live) live slots but liveCount \(liveCount)") }
        if live + free.count != entities.count {
            p.append("entity store: \(live) live + \(free.count) free != \(entities.count) slots")
        }
        for f in free.elements where entities[Int(f)].alive { p.append("entity store: slot \(f) is both free and alive") }
        if attributes.count != entities.count * attributeCount {
            p.append("entity store: \(attributes.count) attribute levels for \(entities.count) slots × \(attributeCount)")
        }
        return p
    }
}
