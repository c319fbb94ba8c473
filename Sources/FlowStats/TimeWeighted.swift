/// The time-average of a level that changes at discrete instants
/// (a queue length, the number of busy servers).
///
/// The level is a step function; its integral is accumulated at each change,
/// so `update` is O(1). Call `restart(at:)` to drop a warm-up period while
/// keeping the current level. `set` and `add` are inlinable because the
/// engine calls them on nearly every event, from another module.
public struct TimeWeighted: Sendable, Equatable {
    // Underscored storage so the inlinable updates may write it; callers read.
    @usableFromInline var _level: Double
    @usableFromInline var _startTime: Double
    @usableFromInline var _lastTime: Double
    @usableFromInline var _area: Double = 0
    @usableFromInline var _maxLevel: Double

    public var level: Double { _level }
    public var startTime: Double { _startTime }
    public var lastTime: Double { _lastTime }
    /// ∫ level dt from `startTime` to `lastTime`.
    public var area: Double { _area }
    public var maxLevel: Double { _maxLevel }

    public init(level: Double = 0, at time: Double = 0) {
        _level = level
        _startTime = time
        _lastTime = time
        _maxLevel = level
    }

    @inlinable @inline(__always)
    public mutating func set(_ newLevel: Double, at time: Double) {
        _area += _level * (time - _lastTime)
        _lastTime = time
        _level = newLevel
        if newLevel > _maxLevel { _maxLevel = newLevel }
    }

    @inlinable @inline(__always)
    public mutating func add(_ delta: Double, at time: Double) {
        set(_level + delta, at: time)
    }

    /// Forgets the history before `time` (warm-up removal).
    public mutating func restart(at time: Double) {
        _area = 0
        _startTime = time
        _lastTime = time
        _maxLevel = _level
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
