@testable import FlowEngine
import XCTest

final class TicketLineTests: XCTestCase {
    private func ticket(_ i: Int) -> Ticket { Ticket(slot: Int32(i), token: UInt32(i % 7)) }

    /// First in, first out while the ring wraps round and grows (from 4 to
    /// 64 places), against an array as the reference.
    func testFirstInFirstOutThroughWrapAndGrowth() {
        var line = TicketLine(capacity: 3)   // rounded up to 4
        var reference: [Ticket] = []
        var next = 0
        for round in 0..<200 {
            let pushes = round % 5 == 0 ? 7 : 2
            for _ in 0..<pushes {
                line.append(ticket(next))
                reference.append(ticket(next))
                next += 1
            }
            for _ in 0..<(round % 3 + 1) where !reference.isEmpty {
                XCTAssertEqual(line.popFirst(), reference.removeFirst())
            }
            XCTAssertEqual(line.count, reference.count)
            XCTAssertEqual(line.tickets, reference)
        }
        while let t = line.popFirst() { XCTAssertEqual(t, reference.removeFirst()) }
        XCTAssertTrue(reference.isEmpty)
        XCTAssertTrue(line.isEmpty)
        XCTAssertNil(line.popFirst())
    }

    /// A copy made unique before it is written (as `step()` does) leaves
    /// the original's tickets as they were.
    func testCopyMadeUniqueKeepsTheOriginal() {
        var line = TicketLine(capacity: 4)
        for i in 0..<3 { line.append(ticket(i)) }
        _ = line.popFirst()
        var copy = line
        copy.makeUnique()
        _ = copy.popFirst()
        for i in 10..<20 { copy.append(ticket(i)) }
        XCTAssertEqual(line.tickets, [ticket(1), ticket(2)])
        XCTAssertEqual(copy.tickets, [ticket(2)] + (10..<20).map(ticket))
        var state = StationState(levels: 2, capacity: 1)
        state.lanes[1].append(ticket(5))
        var copiedState = state
        copiedState.makeLanesUnique()
        copiedState.lanes[1].append(ticket(6))
        copiedState.lanes[0].append(ticket(7))
        XCTAssertEqual(state.lanes[1].tickets, [ticket(5)])
        XCTAssertTrue(state.lanes[0].isEmpty, "each lane has a ring of its own")
        XCTAssertEqual(copiedState.lanes[1].tickets, [ticket(5), ticket(6)])
    }
}
