/// Teams that exist once per locality (a scenario's `localities:`), such as
/// one community team per primary care network sharing a system-wide SPA,
/// crisis team and beds.
///
/// Every copy is an ordinary station. A destination that names the team
/// itself (a family) is stored as `code(family)`, a value below
/// `Routing.exit`, and means "the person's own locality's copy": the
/// simulation resolves it with one array look-up from the person's level of
/// `attribute`, so nobody is ever seen by another locality's team because
/// of a routing probability.
public struct Localities: Sendable, Equatable {
    /// The attribute whose levels are the localities.
    public var attribute: Int
    /// The family (template) names, as the scenario wrote them.
    public var names: [String]
    /// Per family, per level of `attribute`: the station index of that
    /// locality's copy.
    public var members: [[Int32]]

    public init(attribute: Int, names: [String], members: [[Int32]]) {
        self.attribute = attribute
        self.names = names
        self.members = members
    }

    /// The destination value that stands for family `f`.
    public static func code(_ family: Int) -> Int32 { -2 - Int32(family) }

    /// The family a destination value below `Routing.exit` stands for.
    public static func family(_ code: Int32) -> Int { Int(-2 - code) }

    /// Whether a destination value stands for a family.
    public static func isFamily(_ destination: Int32) -> Bool { destination < Routing.exit }

    /// The stations a destination may lead to: the copies of a family, the
    /// station itself, or none for `Routing.exit`.
    public func stations(for destination: Int32) -> [Int] {
        if Localities.isFamily(destination) { return members[Localities.family(destination)].map(Int.init) }
        return destination >= 0 ? [Int(destination)] : []
    }
}

extension NetworkModel {
    /// The stations a destination may lead to (see `Localities.stations(for:)`).
    public func stations(for destination: Int32) -> [Int] {
        if let localities { return localities.stations(for: destination) }
        return destination >= 0 ? [Int(destination)] : []
    }

    /// A destination's name: a station's, a family's, or "exit".
    public func destinationName(_ destination: Int32) -> String {
        if Localities.isFamily(destination), let localities { return localities.names[Localities.family(destination)] }
        return destination >= 0 && Int(destination) < stations.count ? stations[Int(destination)].name : "exit"
    }
}

extension NetworkSimulation {
    /// The station a destination means for this person: a family resolves
    /// to the copy of the person's locality; anything else is itself.
    @inline(__always)
    func resolve(_ destination: Int, _ slot: Int32) -> Int {
        if destination >= -1 { return destination }
        return Int(localityTable[(-2 - destination) * localityLevels + people.level(slot, localityAttribute)])
    }
}
