import FlowEngine

/// A scenario file read, merged with what it extends, and validated: the
/// engine model plus how to run it.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    public var model: NetworkModel
    public var replications: Int
    public var seed: UInt64
    /// The files read, the scenario's own first, then each it extends.
    public var files: [String]
    /// FNV-1a 64 of the bytes of every file read and of the overrides, hex:
    /// the same text gives the same hash on any machine.
    public var hash: String
}
