/// The time-average of a level that changes at discrete instants
/// (a queue length, the number of busy servers).
///
/// The level is a step function; its integral is accumulated at each change,
/// so `update` is O(1). Call `restart(at:)` to drop a warm-up period while
/// keeping the current level.
public struct TimeWeighted: Sendable, Equatable {
    public private(set) var level: Double
    public private(set) var startTime: Double
    public private(set) var lastTime: Double
    /// ∫ level dt from `startTime` to `lastTime`.
    public private(set) var area: Double = 0
    public private(set) var maxLevel: Double

    public init(level: Double = 0, at time: Double = 0) {
        self.level = level
        self.startTime = time
        self.lastTime = time
        self.maxLevel = level
    }

    public mutating func set(_ newLevel: Double, at time: Double) {
        area += level * (time - lastTime)
        lastTime = time
        level = newLevel
        if newLevel > maxLevel { maxLevel = newLevel }
    }

    public mutating func add(_ delta: Double, at time: Double) {
        set(level + delta, at: time)
    }

    /// Forgets the history before `time` (warm-up removal).
    public mutating func restart(at time: Double) {
        area = 0
        startTime = time
        lastTime = time
        maxLevel = level
    }

    /// Time-average over [startTime, time]; the level is held to `time`.
    public func average(until time: Double) -> Double {
        let span = time - startTime
        guard span > 0 else { return level }
        return (area + level * (time - lastTime)) / span
    }

    /// ∫ level dt over [startTime, time].
    public func integral(until time: Double) -> Double {
        area + level * (time - lastTime)
    }
}
