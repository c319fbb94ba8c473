/// The future event list: a binary min-heap of `Event` values ordered by
/// (time, sequence number).
///
///     var queue = EventQueue()
///     queue.schedule(Event(time: 2, kind: .arrival))
///     queue.schedule(Event(time: 1, kind: .arrival))
///     queue.next()?.time   // 1.0
///
/// The array-backed heap (Williams 1964) keeps events contiguous; once its
/// capacity has grown to the largest number of pending events, `schedule` and
/// `next` allocate nothing. Both are O(log n); `peekTime` is O(1).
/// Sequence numbers are assigned here, so ties resolve in scheduling order.
///
/// `next()` leaves the event it returns in the root as a hole and the next
/// `schedule` fills the hole and sifts down: most events schedule another,
/// so an event costs one sift instead of two (a pop's and a push's). A
/// `next()` that finds a hole first fills it with the last event. Because
/// (time, sequence) is a total order with no ties, the order events come
/// out in does not depend on the heap's layout.
public struct EventQueue: Sendable {
    var storage: ContiguousArray<Event> = []
    var nextSequence: UInt64 = 0
    /// `storage[0]` was handed out by `next()` and is no longer pending.
    var rootTaken = false

    public init(reservingCapacity capacity: Int = 1024) {
        storage.reserveCapacity(capacity)
    }

    public var count: Int { storage.count - (rootTaken ? 1 : 0) }
    public var isEmpty: Bool { count == 0 }
    /// Time of the earliest event, or +∞ when empty.
    public var peekTime: Double {
        if !rootTaken { return storage.isEmpty ? .infinity : storage[0].time }
        // Below a hole the heap property holds, so the earliest is a child of the root.
        switch storage.count {
        case ...1: return .infinity
        case 2: return storage[1].time
        default: return Event.precedes(storage[2], storage[1]) ? storage[2].time : storage[1].time
        }
    }
    /// Number of events ever scheduled.
    public var scheduledCount: UInt64 { nextSequence }

    public mutating func schedule(_ event: Event) {
        var e = event
        e.sequence = nextSequence
        nextSequence &+= 1
        if rootTaken {
            rootTaken = false
            storage.withUnsafeMutableBufferPointer { Self.siftDown(e, from: 0, in: $0) }
        } else {
            storage.append(e)
            storage.withUnsafeMutableBufferPointer { Self.siftUp(from: $0.count - 1, in: $0) }
        }
    }

    /// Removes and returns the earliest event.
    public mutating func next() -> Event? {
        if rootTaken { fillRoot() }
        guard !storage.isEmpty else { return nil }
        rootTaken = true
        return storage[0]
    }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        rootTaken = false
    }

    /// Closes the hole at the root with the last event.
    mutating func fillRoot() {
        rootTaken = false
        let last = storage.removeLast()
        if storage.isEmpty { return }
        storage.withUnsafeMutableBufferPointer { Self.siftDown(last, from: 0, in: $0) }
    }

    /// Moves the event at `index` up to its place.
    @inline(__always)
    static func siftUp(from index: Int, in h: UnsafeMutableBufferPointer<Event>) {
        var i = index
        let e = h[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            if Event.precedes(e, h[parent]) {
                h[i] = h[parent]
                i = parent
            } else { break }
        }
        h[i] = e
    }

    /// Puts `e` into the hole at `index` and moves it down to its place.
    @inline(__always)
    static func siftDown(_ e: Event, from index: Int, in h: UnsafeMutableBufferPointer<Event>) {
        let n = h.count
        var i = index
        while true {
            let left = 2 * i + 1
            if left >= n { break }
            var child = left
            let right = left + 1
            if right < n && Event.precedes(h[right], h[left]) { child = right }
            if Event.precedes(h[child], e) {
                h[i] = h[child]
                i = child
            } else { break }
        }
        h[i] = e
    }
}
