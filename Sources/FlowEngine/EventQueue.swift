/// The future event list: a binary min-heap of `Event` values ordered by
/// (time, sequence number).
///
///     var queue = EventQueue()
///     queue.schedule(Event(time: 2, kind: .arrival))
///     queue.schedule(Event(time: 1, kind: .arrival))
///     queue.next()?.time   // 1.0
///
/// The heap (Williams 1964) lives in one block of memory; once it has grown
/// to the largest number of pending events, `schedule` and `next` allocate
/// nothing. Both are O(log n); `peekTime` is O(1). Sequence numbers are
/// assigned here, so ties resolve in scheduling order.
///
/// `next()` leaves the event it returns in the root as a hole and the next
/// `schedule` fills the hole and sifts down: most events schedule another,
/// so an event costs one sift instead of two (a pop's and a push's). A
/// `next()` that finds a hole first fills it with the last event. Because
/// (time, sequence) is a total order with no ties, the order events come
/// out in does not depend on the heap's layout.
///
/// A value type: copies share the block until one of them writes, as an
/// `Array` does. The public operations check for sharing on every call;
/// the event loop uses `push` and `pop(notAfter:)`, which do not, after
/// `NetworkSimulation.step()` has checked once per event (see
/// `HotBuffer`). Measured with callgrind: see Benchmarks/README.md.
public struct EventQueue: Sendable {
    var heap = HotBuffer<Event>()
    var nextSequence: UInt64 = 0
    /// `heap[0]` was handed out by `next()` and is no longer pending.
    var rootTaken = false

    public init(reservingCapacity capacity: Int = 1024) {
        heap = HotBuffer(capacity: capacity)
    }

    public var count: Int { heap.count - (rootTaken ? 1 : 0) }
    public var isEmpty: Bool { count == 0 }
    /// Time of the earliest event, or +∞ when empty.
    public var peekTime: Double {
        if !rootTaken { return heap.isEmpty ? .infinity : heap[0].time }
        // Below a hole the heap property holds, so the earliest is a child of the root.
        switch heap.count {
        case ...1: return .infinity
        case 2: return heap[1].time
        default: return Event.precedes(heap[2], heap[1]) ? heap[2].time : heap[1].time
        }
    }
    /// Number of events ever scheduled.
    public var scheduledCount: UInt64 { nextSequence }

    /// The pending events, in heap order (tests and invariants).
    var pending: UnsafeBufferPointer<Event> { UnsafeBufferPointer(rebasing: heap.elements.dropFirst(rootTaken ? 1 : 0)) }

    public mutating func schedule(_ event: Event) {
        heap.makeUnique()
        push(event)
    }

    /// Removes and returns the earliest event.
    public mutating func next() -> Event? {
        heap.makeUnique()
        return pop(notAfter: .infinity)
    }

    public mutating func removeAll() {
        heap.removeAll()
        rootTaken = false
    }

    /// Gives this queue its own block if it shares one (after a copy).
    mutating func makeUnique() { heap.makeUnique() }

    /// `schedule` without the sharing check: for the event loop, whose
    /// `step()` has made the queue unique.
    @inline(__always)
    mutating func push(_ event: Event) {
        var e = event
        e.sequence = nextSequence
        nextSequence &+= 1
        if rootTaken {
            rootTaken = false
            Self.siftDown(e, from: 0, in: heap.base, count: heap.count)
        } else {
            heap.append(e)
            Self.siftUp(e, from: heap.count - 1, in: heap.base)
        }
    }

    /// Removes and returns the earliest event if its time is at most
    /// `limit`; nil (removing nothing) otherwise or when empty. No sharing
    /// check, as with `push`.
    @inline(__always)
    mutating func pop(notAfter limit: Double) -> Event? {
        if rootTaken { fillRoot() }
        guard !heap.isEmpty else { return nil }
        let e = heap[0]   // read once: the caller's `e.time` is then this comparison's
        guard e.time <= limit else { return nil }
        rootTaken = true
        return e
    }

    /// Closes the hole at the root with the last event.
    mutating func fillRoot() {
        rootTaken = false
        guard let last = heap.popLast(), !heap.isEmpty else { return }
        Self.siftDown(last, from: 0, in: heap.base, count: heap.count)
    }

    /// Moves `e`, just placed in the last slot at `index`, up to its place.
    @inline(__always)
    static func siftUp(_ e: Event, from index: Int, in h: UnsafeMutablePointer<Event>) {
        var i = index
        while i > 0 {
            let parent = (i &- 1) >> 1
            guard Event.precedes(e, h[parent]) else { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = e
    }

    /// Puts `e` into the hole at `index` of a heap of `n` slots and moves it
    /// down to its place.
    @inline(__always)
    static func siftDown(_ e: Event, from index: Int, in h: UnsafeMutablePointer<Event>, count n: Int) {
        // Wrapping arithmetic: indices stay below the count of a block in memory.
        var i = index
        while true {
            var child = 2 &* i &+ 1
            if child >= n { break }
            // The earlier child as an index plus 0 or 1, not a branch: which
            // child is earlier is a coin toss to the branch predictor.
            let right = child &+ 1
            if right < n { child &+= Event.precedes(h[right], h[child]) ? 1 : 0 }
            guard Event.precedes(h[child], e) else { break }
            h[i] = h[child]
            i = child
        }
        h[i] = e
    }
}
