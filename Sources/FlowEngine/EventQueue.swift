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
public struct EventQueue: Sendable {
    var storage: ContiguousArray<Event> = []
    var nextSequence: UInt64 = 0

    public init(reservingCapacity capacity: Int = 1024) {
        storage.reserveCapacity(capacity)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    /// Time of the earliest event, or +∞ when empty.
    public var peekTime: Double { storage.isEmpty ? .infinity : storage[0].time }
    /// Number of events ever scheduled.
    public var scheduledCount: UInt64 { nextSequence }

    public mutating func schedule(_ event: Event) {
        var e = event
        e.sequence = nextSequence
        nextSequence &+= 1
        storage.append(e)
        siftUp(storage.count - 1)
    }

    /// Removes and returns the earliest event.
    public mutating func next() -> Event? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        let top = storage[0]
        storage[0] = last
        siftDown(0)
        return top
    }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
    }

    mutating func siftUp(_ index: Int) {
        storage.withUnsafeMutableBufferPointer { h in
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
    }

    mutating func siftDown(_ index: Int) {
        storage.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = index
            let e = h[i]
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
}
