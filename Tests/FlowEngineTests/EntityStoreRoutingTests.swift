@testable import FlowEngine
import XCTest

final class EntityStoreTests: XCTestCase {
    func testSlotReuseAndTokens() {
        var store = EntityStore()
        let a = store.create(at: 1, priority: 0)
        let b = store.create(at: 2, priority: 1)
        let c = store.create(at: 3, priority: 0)
        XCTAssertEqual([a, b, c], [0, 1, 2])
        XCTAssertEqual(store.liveCount, 3)
        XCTAssertEqual(store.capacity, 3)
        store.enter(b, station: 4, at: 2.5)
        XCTAssertEqual(store[1].station, 4)
        XCTAssertEqual(store[1].stationArrival, 2.5)
        XCTAssertEqual(store[1].systemArrival, 2)
        let before = store[1].token
        XCTAssertEqual(store.bumpToken(b), before &+ 1)
        store.release(b)
        XCTAssertFalse(store[1].alive)
        XCTAssertEqual(store.liveCount, 2)
        XCTAssertGreaterThan(store[1].token, before &+ 1, "releasing invalidates outstanding tickets")
        XCTAssertEqual(store.checkInvariants(), [])

        let d = store.create(at: 5, priority: 2)
        XCTAssertEqual(d, 1, "the freed slot is reused")
        XCTAssertEqual(store.capacity, 3, "no growth while a slot is free")
        XCTAssertEqual(store[1].systemArrival, 5)
        XCTAssertEqual(store[1].stationArrival, 5)
        XCTAssertEqual(store[1].station, -1)
        XCTAssertEqual(store[1].priority, 2)
        XCTAssertTrue(store[1].alive)
        XCTAssertEqual(store.checkInvariants(), [])
    }

    /// The store is written without a check per write; a copy made unique
    /// before writing (as `step()` does) leaves the original as it was.
    func testCopyMadeUniqueKeepsTheOriginal() {
        var store = EntityStore(attributeCount: 2)
        let a = store.create(at: 1, priority: 0)
        store.setLevel(a, 1, 3)
        var copy = store
        copy.makeUnique()
        copy.enter(a, station: 7, at: 2)
        copy.setLevel(a, 1, 1)
        copy.release(a)
        _ = copy.create(at: 9, priority: 1)
        XCTAssertEqual(store[a].station, -1)
        XCTAssertEqual(store[a].systemArrival, 1)
        XCTAssertTrue(store[a].alive)
        XCTAssertEqual(store.level(a, 1), 3)
        XCTAssertEqual(store.liveCount, 1)
        XCTAssertEqual(copy[a].systemArrival, 9)
        XCTAssertEqual(copy.level(a, 1), 0, "a reused slot starts with no levels")
        XCTAssertEqual(store.checkInvariants(), [])
        XCTAssertEqual(copy.checkInvariants(), [])
    }

    func testMemoryFollowsPeoplePresent() {
        var store = EntityStore()
        var present: [Int32] = []
        for i in 0..<10_000 {
            present.append(store.create(at: Double(i), priority: 0))
            if present.count > 20 { store.release(present.removeFirst()) }
        }
        XCTAssertEqual(store.liveCount, 20)
        XCTAssertLessThanOrEqual(store.capacity, 21)
        XCTAssertEqual(store.checkInvariants(), [])
    }
}

final class RoutingTests: XCTestCase {
    func testChoose() {
        let r = Routing([(station: 0, probability: 0.5), (station: 3, probability: 0), (station: 1, probability: 0.3)])
        XCTAssertEqual(r.destinations, [0, 1], "zero-probability destinations are dropped")
        XCTAssertEqual(r.cumulative.count, 2)
        XCTAssertEqual(r.cumulative[1], 0.8, accuracy: 1e-15)
        XCTAssertFalse(r.isDeterministic)
        XCTAssertEqual(r.choose(0), 0)
        XCTAssertEqual(r.choose(0.4999), 0)
        XCTAssertEqual(r.choose(0.5), 1)
        XCTAssertEqual(r.choose(0.79), 1)
        XCTAssertEqual(r.choose(0.8), Routing.exit, "the remainder leaves")
        XCTAssertEqual(r.choose(0.999), Routing.exit)
    }

    func testDeterministicAndLeave() {
        XCTAssertTrue(Routing.to(2).isDeterministic)
        XCTAssertEqual(Routing.to(2).choose(0.99), 2)
        XCTAssertEqual(Routing.exit, -1)
        XCTAssertTrue(Routing.leave.destinations.isEmpty)
        XCTAssertFalse(Routing.leave.isDeterministic)
        XCTAssertEqual(Routing.leave.choose(0), Routing.exit)
        XCTAssertTrue(Routing([(station: 1, probability: 1)]).isDeterministic)
    }
}
