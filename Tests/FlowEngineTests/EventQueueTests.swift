import FlowEngine
import XCTest

final class EventQueueTests: XCTestCase {
    /// A deterministic generator for the operation sequence (SplitMix64).
    private struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    func testDocumentationExample() {
        var queue = EventQueue()
        queue.schedule(Event(time: 2, kind: .arrival))
        queue.schedule(Event(time: 1, kind: .arrival))
        XCTAssertEqual(queue.peekTime, 1)
        XCTAssertEqual(queue.next()?.time, 1)
        XCTAssertEqual(queue.next()?.time, 2)
        XCTAssertNil(queue.next())
    }

    func testEmptyQueue() {
        var queue = EventQueue(reservingCapacity: 0)
        XCTAssertTrue(queue.isEmpty)
        XCTAssertEqual(queue.count, 0)
        XCTAssertEqual(queue.peekTime, .infinity)
        XCTAssertEqual(queue.scheduledCount, 0)
        XCTAssertNil(queue.next())
        XCTAssertEqual(queue.checkInvariants(), [])
    }

    /// 10,000 random schedule/next operations against a reference list: every
    /// popped event is the (time, sequence) minimum of what is pending, and
    /// the heap is sound after every operation.
    func testRandomOperationsPopInTimeSequenceOrder() {
        var rng = Mix(state: 2025)
        var queue = EventQueue(reservingCapacity: 4)
        var pending: [Event] = []   // reference: what should be in the queue
        var now = 0.0
        var pops = 0, ties = 0
        for op in 0..<10_000 {
            // Keep about a hundred events pending; times on a coarse grid so
            // that many are equal.
            let scheduleProbability = queue.count < 100 ? 60 : 40
            if queue.isEmpty || rng.below(100) < scheduleProbability {
                let time = now + Double(rng.below(50)) * 0.25
                let kinds: [EventKind] = [.arrival, .serviceEnd, .renege, .capacityChange, .warmUpEnd]
                let sequence = queue.scheduledCount
                let event = Event(time: time, kind: kinds[rng.below(kinds.count)], a: Int32(rng.below(1000)),
                                  b: Int32(op), token: UInt32(rng.below(100)))
                queue.schedule(event)
                var expected = event
                expected.sequence = sequence
                pending.append(expected)
                XCTAssertEqual(queue.scheduledCount, sequence + 1)
            } else {
                let minimum = pending.indices.min { Event.precedes(pending[$0], pending[$1]) }!
                let expected = pending.remove(at: minimum)
                guard let got = queue.next() else { return XCTFail("queue empty at op \(op)") }
                XCTAssertEqual(got, expected, "op \(op)")
                if got.time == now { ties += 1 }
                XCTAssertGreaterThanOrEqual(got.time, now, "simulated time never runs backwards")
                now = got.time
                pops += 1
            }
            XCTAssertEqual(queue.count, pending.count)
            XCTAssertEqual(queue.peekTime, pending.map(\.time).min() ?? .infinity)
            let problems = queue.checkInvariants()
            if !problems.isEmpty { return XCTFail("op \(op): \(problems)") }
        }
        // Drain: what is left comes out sorted by (time, sequence).
        let rest = pending.sorted(by: Event.precedes)
        for expected in rest {
            XCTAssertEqual(queue.next(), expected)
        }
        XCTAssertTrue(queue.isEmpty)
        XCTAssertGreaterThan(pops, 3_000)
        XCTAssertGreaterThan(ties, 100, "the test must exercise equal times")
    }

    func testEqualTimesPopInSchedulingOrder() {
        var queue = EventQueue()
        var rng = Mix(state: 7)
        // Interleave three time values; within each, order must be scheduling order.
        var scheduled: [Double: [Int32]] = [:]
        for i in 0..<3_000 {
            let t = [5.0, 1.0, 3.0][rng.below(3)]
            queue.schedule(Event(time: t, kind: .arrival, a: Int32(i)))
            scheduled[t, default: []].append(Int32(i))
        }
        for t in [1.0, 3.0, 5.0] {
            for a in scheduled[t]! {
                let e = queue.next()
                XCTAssertEqual(e?.time, t)
                XCTAssertEqual(e?.a, a)
            }
        }
        XCTAssertNil(queue.next())
    }

    /// `next()` leaves a hole at the root that `schedule` fills; count,
    /// peekTime and the invariants must see past it, and a second `next()`
    /// must close it first.
    func testRootHandedOutIsAHoleUntilScheduleOrNext() {
        var queue = EventQueue()
        for t in [4.0, 1.0, 3.0, 2.0] { queue.schedule(Event(time: t, kind: .arrival)) }
        XCTAssertEqual(queue.next()?.time, 1)
        XCTAssertEqual(queue.count, 3)
        XCTAssertEqual(queue.peekTime, 2, "the earliest below the hole")
        XCTAssertEqual(queue.checkInvariants(), [])
        queue.schedule(Event(time: 2.5, kind: .serviceEnd))   // fills the hole
        XCTAssertEqual(queue.count, 4)
        XCTAssertEqual(queue.checkInvariants(), [])
        XCTAssertEqual(queue.next()?.time, 2)
        XCTAssertEqual(queue.next()?.time, 2.5, "a next() after next() closes the hole first")
        XCTAssertEqual(queue.next()?.time, 3)
        XCTAssertEqual(queue.peekTime, 4)
        XCTAssertEqual(queue.next()?.time, 4)
        XCTAssertTrue(queue.isEmpty)
        XCTAssertEqual(queue.peekTime, .infinity)
        XCTAssertEqual(queue.checkInvariants(), [])
        XCTAssertNil(queue.next())
        XCTAssertNil(queue.next())
        queue.schedule(Event(time: 9, kind: .arrival))
        XCTAssertEqual(queue.count, 1)
        XCTAssertEqual(queue.next()?.time, 9)
    }

    /// A value type: a copy scheduled into, or drained, after the copy
    /// leaves the original's events (and its hole) as they were, growth
    /// past the first block included.
    func testCopiesAreIndependent() {
        var queue = EventQueue(reservingCapacity: 2)
        for t in [3.0, 1.0, 2.0] { queue.schedule(Event(time: t, kind: .arrival)) }
        XCTAssertEqual(queue.next()?.time, 1)   // a hole at the root
        var copy = queue
        for i in 0..<100 { copy.schedule(Event(time: 0.5 + Double(i), kind: .renege)) }
        XCTAssertEqual(copy.next()?.time, 0.5)
        XCTAssertEqual(queue.count, 2)
        XCTAssertEqual(queue.peekTime, 2)
        XCTAssertEqual(queue.checkInvariants(), [])
        var drained = queue
        while drained.next() != nil {}
        XCTAssertEqual(queue.next()?.time, 2)
        XCTAssertEqual(queue.next()?.time, 3)
        XCTAssertNil(queue.next())
        XCTAssertEqual(copy.count, 101)
        XCTAssertEqual(copy.checkInvariants(), [])
    }

    func testSequenceNumbersAreAssignedByTheQueue() {
        var queue = EventQueue()
        queue.schedule(Event(time: 1, sequence: 99, kind: .arrival))
        queue.schedule(Event(time: 1, sequence: 3, kind: .renege))
        XCTAssertEqual(queue.checkInvariants(), [])
        XCTAssertEqual(queue.next()?.sequence, 0)
        XCTAssertEqual(queue.next()?.kind, .renege)
        XCTAssertEqual(queue.scheduledCount, 2)
    }

    func testRemoveAllKeepsSequenceRunning() {
        var queue = EventQueue()
        for i in 0..<10 { queue.schedule(Event(time: Double(10 - i), kind: .arrival)) }
        queue.removeAll()
        XCTAssertTrue(queue.isEmpty)
        XCTAssertEqual(queue.peekTime, .infinity)
        XCTAssertEqual(queue.checkInvariants(), [])
        queue.schedule(Event(time: 0.5, kind: .arrival))
        XCTAssertEqual(queue.next()?.sequence, 10, "sequence numbers are never reused")
    }

    func testInvariantsReportNonFiniteTime() {
        var queue = EventQueue()
        queue.schedule(Event(time: 1, kind: .arrival))
        queue.schedule(Event(time: .nan, kind: .arrival))
        XCTAssertFalse(queue.checkInvariants().isEmpty, "a NaN event time must be reported")
    }

    func testPrecedes() {
        let a = Event(time: 1, sequence: 5, kind: .arrival)
        let b = Event(time: 1, sequence: 6, kind: .arrival)
        let c = Event(time: 0.5, sequence: 9, kind: .arrival)
        XCTAssertTrue(Event.precedes(a, b))
        XCTAssertFalse(Event.precedes(b, a))
        XCTAssertFalse(Event.precedes(a, a))
        XCTAssertTrue(Event.precedes(c, a))
        XCTAssertFalse(Event.precedes(a, c))
    }

    /// The 128-bit key orders events exactly as (time, sequence) compared as
    /// numbers, over times of every sign and size, ties included, and each
    /// field reads back what was stored (-0 reads as +0).
    func testKeyOrderIsTimeThenSequence() {
        var mix = Mix(state: 11)
        let special: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, .leastNonzeroMagnitude,
                                 -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-300, 365]
        func time() -> Double {
            switch mix.below(3) {
            case 0: return special[mix.below(special.count)]
            case 1: return Double(mix.below(5))   // many ties
            default: return Double(bitPattern: mix.next() & ~(0x7ff0 << 48) | UInt64(mix.below(0x7ff)) << 52)   // any finite value
            }
        }
        for _ in 0..<20_000 {
            let (t1, t2) = (time(), time())
            let (s1, s2) = (UInt64(mix.below(4)), UInt64(mix.below(4)))
            let l = Event(time: t1, sequence: s1, kind: .serviceEnd, a: 3, b: -2, token: 9)
            let r = Event(time: t2, sequence: s2, kind: .census)
            XCTAssertEqual(Event.precedes(l, r), t1 < t2 || (t1 == t2 && s1 < s2), "\(t1)#\(s1) against \(t2)#\(s2)")
            XCTAssertEqual(l.time.bitPattern, (t1 == 0 ? 0 : t1).bitPattern)
            XCTAssertEqual(l.sequence, s1)
            XCTAssertEqual(l.kind, .serviceEnd)
            XCTAssertEqual(r.kind, .census)
            XCTAssertEqual([l.a, l.b, Int32(l.token)], [3, -2, 9])
        }
        var e = Event(time: 2, sequence: 7, kind: .arrival)
        e.time = 0.25
        XCTAssertEqual(e.sequence, 7, "setting the time keeps the sequence")
        e.sequence = 8
        XCTAssertEqual(e.time, 0.25, "setting the sequence keeps the time")
        XCTAssertEqual(MemoryLayout<Event>.size, 32)
    }
}
