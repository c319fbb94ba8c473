/// Morris's elementary-effects screening design (Morris 1991), optionally
/// with Campolongo, Cariboni & Saltelli's (2007) choice of well-spread
/// trajectories.
///
/// The unit cube is a grid of p levels {0, 1/(p−1), …, 1} per factor, and the
/// step is Δ = p / (2(p−1)) (2/3 for p = 4). A trajectory starts at a random
/// grid point x* with x*_i ≤ 1 − Δ (shifted up by Δ for factors that will step
/// down), then changes one factor at a time, in random order, by +Δ or −Δ:
/// k+1 points whose consecutive pairs each give one elementary effect. The
/// grid spans each parameter's *range* via `value(atFraction:)`.
///
/// Rows: trajectory t occupies rows t·(k+1) ..< (t+1)·(k+1), in step order;
/// `changedFactor[t][s]` is the parameter that changes from row s to s+1.
/// Deterministic given the seed (GSL mt19937).
public struct MorrisDesign: ExperimentalDesign {
    public let parameters: [Parameter]
    public let trajectories: Int
    /// p, the number of grid levels.
    public let levels: Int
    /// Δ in unit-cube units.
    public let delta: Double
    public let seed: UInt64
    /// For each trajectory, the parameter changed at each of its k steps.
    public let changedFactor: [[Int]]
    /// Grid coordinates in [0, 1], row = point.
    public let units: [[Double]]
    public let points: [[Double]]

    /// - Parameters:
    ///   - trajectories: r ≥ 2 (10–50 is usual).
    ///   - levels: p, even and ≥ 2 (4 is usual), so that Δ lands on the grid.
    ///   - candidates: when given (≥ r), that many random trajectories are
    ///     drawn and the r most spread out kept (Campolongo et al. 2007, chosen
    ///     greedily by summed squared distance). Costs O(M² k³).
    public init(
        parameters: [Parameter], trajectories: Int, levels: Int = 4, seed: UInt64, candidates: Int? = nil
    ) throws(DesignError) {
        try DesignCheck.parameters(parameters)
        try DesignCheck.count("Morris trajectories", trajectories, atLeast: 2)
        guard levels >= 2, levels % 2 == 0 else {
            throw .invalidCount(what: "Morris grid levels", found: levels, expected: "an even number ≥ 2")
        }
        if let m = candidates, m < trajectories {
            throw .invalidCount(what: "Morris candidate trajectories", found: m, expected: "at least \(trajectories)")
        }
        let k = parameters.count
        let p = Double(levels - 1)
        let delta = Double(levels) / (2 * p)
        let random = DesignRandom(seed: seed)

        func trajectory() -> (units: [[Double]], order: [Int]) {
            var x = (0..<k).map { _ in Double(random.index(below: levels / 2)) / p }
            let up = (0..<k).map { _ in random.uniform() < 0.5 }
            for i in 0..<k where !up[i] { x[i] += delta }
            let order = random.permutation(k)
            var rows = [x]
            for i in order {
                x[i] += up[i] ? delta : -delta
                x[i] = min(max(x[i], 0), 1)
                rows.append(x)
            }
            return (rows, order)
        }

        var drawn = (0..<(candidates ?? trajectories)).map { _ in trajectory() }
        if candidates != nil {
            drawn = Self.mostSpread(drawn.map(\.units), keep: trajectories).map { drawn[$0] }
        }
        self.parameters = parameters
        self.trajectories = trajectories
        self.levels = levels
        self.delta = delta
        self.seed = seed
        self.changedFactor = drawn.map(\.order)
        self.units = drawn.flatMap(\.units)
        self.points = units.map { u in zip(parameters, u).map { $0.value(atFraction: $1) } }
    }

    /// Rows of trajectory t.
    public func rows(ofTrajectory t: Int) -> Range<Int> {
        let n = parameters.count + 1
        return t * n..<(t + 1) * n
    }

    /// Greedy Campolongo selection: start from the farthest pair, then add the
    /// candidate with the largest summed squared distance to those chosen.
    static func mostSpread(_ candidates: [[[Double]]], keep r: Int) -> [Int] {
        let m = candidates.count
        var d = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m {
            for b in (a + 1)..<m {
                var sum = 0.0
                for x in candidates[a] {
                    for y in candidates[b] {
                        var s = 0.0
                        for (xi, yi) in zip(x, y) { s += (xi - yi) * (xi - yi) }
                        sum += s.squareRoot()
                    }
                }
                d[a][b] = sum
                d[b][a] = sum
            }
        }
        var best = (0, 1)
        for a in 0..<m { for b in (a + 1)..<m where d[a][b] > d[best.0][best.1] { best = (a, b) } }
        var chosen = [best.0, best.1]
        var score = (0..<m).map { d[$0][best.0] * d[$0][best.0] + d[$0][best.1] * d[$0][best.1] }
        while chosen.count < r {
            var pick = -1
            for c in 0..<m where !chosen.contains(c) && (pick < 0 || score[c] > score[pick]) { pick = c }
            chosen.append(pick)
            for c in 0..<m { score[c] += d[c][pick] * d[c][pick] }
        }
        return chosen.sorted()
    }
}
