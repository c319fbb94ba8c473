/// A station's waiting line (one priority lane): tickets first in, first
/// out, in a ring buffer written without a copy-on-write check per write.
///
///     var line = TicketLine()
///     line.append(Ticket(slot: 3, token: 1))
///     line.popFirst()   // the ticket of slot 3
///
/// As with `HotBuffer`, the owner makes the line unique after a copy
/// (`NetworkSimulation.makeUnique()`); a `Deque` checked its buffer on
/// every append and every pop, and its append was not inlined. Appends
/// are amortised O(1) (the ring doubles when full); pops are O(1).
struct TicketLine {
    private var block: HotBuffer<Ticket>.Block
    /// `block.base`, kept here so a read needs no load through the reference.
    private var base: UnsafeMutablePointer<Ticket>
    /// Capacity − 1; the capacity is a power of two.
    private var mask: Int
    private var head = 0
    private(set) var count = 0

    init(capacity: Int = 64) {
        var c = 1
        while c < capacity { c <<= 1 }
        block = HotBuffer<Ticket>.Block(capacity: c)
        base = block.base
        mask = c - 1
    }

    var isEmpty: Bool { count == 0 }

    /// The tickets in line order (for invariants and tests).
    var tickets: [Ticket] { (0..<count).map { base[(head + $0) & mask] } }

    @inline(__always)
    mutating func append(_ t: Ticket) {
        assert(isKnownUniquelyReferenced(&block), "TicketLine written while shared (without makeUnique())")
        if count > mask { moveToBlock(capacity: 2 * (mask + 1)) }
        base[(head + count) & mask] = t
        count += 1
    }

    @inline(__always)
    mutating func popFirst() -> Ticket? {
        guard count > 0 else { return nil }
        let t = base[head]
        head = (head + 1) & mask
        count -= 1
        return t
    }

    /// Gives this line its own ring if it shares one (after a copy).
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&block) { moveToBlock(capacity: mask + 1) }
    }

    /// Moves the tickets, in order, to the start of a new ring of `capacity`.
    private mutating func moveToBlock(capacity: Int) {
        let fresh = HotBuffer<Ticket>.Block(capacity: capacity)
        for i in 0..<count { (fresh.base + i).initialize(to: base[(head + i) & mask]) }
        block = fresh
        base = fresh.base
        mask = capacity - 1
        head = 0
    }
}
