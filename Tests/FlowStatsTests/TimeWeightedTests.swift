import FlowStats
import XCTest

final class TimeWeightedTests: XCTestCase {
    /// Level 0 on [0,1), 2 on [1,3), 5 on [3,4), 1 on [4,6]:
    /// integral 0 + 4 + 5 + 2 = 11 over 6 days.
    private func stepFunction() -> TimeWeighted {
        var w = TimeWeighted()
        w.set(2, at: 1)
        w.add(3, at: 3)
        w.set(1, at: 4)
        return w
    }

    func testHandComputedStepFunction() {
        let w = stepFunction()
        XCTAssertEqual(w.level, 1)
        XCTAssertEqual(w.maxLevel, 5)
        XCTAssertEqual(w.startTime, 0)
        XCTAssertEqual(w.lastTime, 4)
        XCTAssertEqual(w.area, 9, "area is accumulated up to the last change")
        XCTAssertEqual(w.integral(until: 6), 11, accuracy: 1e-12)
        XCTAssertEqual(w.average(until: 6), 11.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(w.average(until: 4), 9.0 / 4, accuracy: 1e-12)
        XCTAssertEqual(w.average(until: 10), 15.0 / 10, accuracy: 1e-12, "the last level is held to the end")
    }

    func testStartTimeAndInitialLevel() {
        var w = TimeWeighted(level: 3, at: 10)
        XCTAssertEqual(w.average(until: 10), 3, "an empty window reports the current level")
        w.set(1, at: 12)
        // 3 for 2 days, 1 for 2 days.
        XCTAssertEqual(w.average(until: 14), 2, accuracy: 1e-12)
        XCTAssertEqual(w.integral(until: 14), 8, accuracy: 1e-12)
        XCTAssertEqual(w.maxLevel, 3)
    }

    func testSeveralChangesAtOneInstantCountOnlyTheLast() {
        var w = TimeWeighted()
        w.set(4, at: 1)
        w.set(100, at: 2)
        w.set(2, at: 2)
        w.add(-1, at: 2)
        // 0 for 1 day, 4 for 1 day, 1 for 2 days.
        XCTAssertEqual(w.integral(until: 4), 6, accuracy: 1e-12)
        XCTAssertEqual(w.maxLevel, 100, "the maximum includes instantaneous levels")
    }

    func testRestartDropsHistoryAndKeepsLevel() {
        var w = stepFunction()
        w.restart(at: 4)
        XCTAssertEqual(w.startTime, 4)
        XCTAssertEqual(w.lastTime, 4)
        XCTAssertEqual(w.area, 0)
        XCTAssertEqual(w.level, 1, "the current level survives the restart")
        XCTAssertEqual(w.maxLevel, 1, "the maximum is forgotten with the history")
        XCTAssertEqual(w.average(until: 6), 1, accuracy: 1e-12)
        w.set(3, at: 5)
        // After the restart: 1 on [4,5), 3 on [5,7].
        XCTAssertEqual(w.average(until: 7), 7.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(w.integral(until: 7), 7, accuracy: 1e-12)
        XCTAssertEqual(w.maxLevel, 3)
    }

    func testRestartBetweenChanges() {
        var w = TimeWeighted()
        w.set(2, at: 1)
        w.restart(at: 2.5)       // level 2 since t = 1, history dropped
        w.set(0, at: 3.5)
        XCTAssertEqual(w.integral(until: 5.5), 2, accuracy: 1e-12)
        XCTAssertEqual(w.average(until: 5.5), 2.0 / 3, accuracy: 1e-12)
    }
}
