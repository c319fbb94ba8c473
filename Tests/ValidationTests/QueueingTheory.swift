import Foundation

/// Closed-form queueing results the validation scenarios are compared with.
///
/// Computed here, independently of the engine: nothing in this file calls
/// FlowSim. Rates are per day, times in days.
enum QueueingTheory {
    // MARK: Erlang B and C

    /// Erlang B blocking probability B(c, a) of an M/G/c/c loss system with
    /// offered load a = λ/μ, by the stable recursion
    /// B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
    static func erlangB(servers c: Int, load a: Double) -> Double {
        precondition(c >= 0 && a >= 0)
        var b = 1.0
        if c == 0 { return b }
        for k in 1...c { b = a * b / (Double(k) + a * b) }
        return b
    }

    /// Erlang C: the probability that an arrival to M/M/c waits,
    /// C(c, a) = c·B / (c − a(1 − B)), with a < c.
    static func erlangC(servers c: Int, load a: Double) -> Double {
        precondition(a < Double(c), "Erlang C needs a < c")
        let b = erlangB(servers: c, load: a)
        return Double(c) * b / (Double(c) - a * (1 - b))
    }

    // MARK: M/M/c

    struct MMc {
        let lambda: Double
        let mu: Double
        let servers: Int

        var load: Double { lambda / mu }
        var rho: Double { load / Double(servers) }
        /// P(W > 0) = C(c, a).
        var waitProbability: Double { QueueingTheory.erlangC(servers: servers, load: load) }
        /// Wq = C(c, a) / (cμ − λ).
        var meanWait: Double { waitProbability / (Double(servers) * mu - lambda) }
        /// W = Wq + 1/μ.
        var meanTimeInStation: Double { meanWait + 1 / mu }
        /// L = λW (Little).
        var meanNumberPresent: Double { lambda * meanTimeInStation }
    }

    /// M/M/1: Wq = ρ / (μ − λ), W = 1 / (μ − λ), written out rather than
    /// taken from the M/M/c formulas, as an independent check of them.
    static func mm1MeanWait(lambda: Double, mu: Double) -> Double { (lambda / mu) / (mu - lambda) }
    static func mm1MeanTimeInStation(lambda: Double, mu: Double) -> Double { 1 / (mu - lambda) }

    // MARK: M/M/c/K

    /// M/M/c/K: c servers, at most K present (K − c waiting places).
    struct MMcK {
        let lambda: Double
        let mu: Double
        let servers: Int
        let limit: Int

        /// Stationary distribution p_0 ... p_K of the number present:
        /// p_n ∝ a^n / n! for n ≤ c, and p_c · (a/c)^(n−c) above.
        var distribution: [Double] {
            precondition(limit >= servers && servers >= 1)
            let a = lambda / mu
            var w = [1.0]
            for n in 1...limit {
                let rate = Double(min(n, servers))
                w.append(w[n - 1] * a / rate)
            }
            let total = w.reduce(0, +)
            return w.map { $0 / total }
        }

        /// Blocking probability p_K (PASTA: an arrival finds K present).
        var blocking: Double { distribution[limit] }
        /// Mean number waiting, Lq = Σ (n − c) p_n.
        var meanQueue: Double {
            distribution.enumerated().reduce(0) { $0 + Double(max(0, $1.offset - servers)) * $1.element }
        }
        /// Mean wait of those admitted, Wq = Lq / (λ(1 − p_K)).
        var meanWait: Double { meanQueue / (lambda * (1 - blocking)) }
        /// P(wait > 0 | admitted) = Σ_{n=c}^{K−1} p_n / (1 − p_K).
        var waitProbability: Double {
            let p = distribution
            return p[servers..<limit].reduce(0, +) / (1 - blocking)
        }
    }

    // MARK: M/G/1

    /// Pollaczek–Khinchine mean wait of M/G/1: Wq = λ E[S²] / (2(1 − ρ)).
    static func pollaczekKhinchineWait(lambda: Double, serviceMean: Double, serviceSecondMoment: Double) -> Double {
        let rho = lambda * serviceMean
        precondition(rho < 1)
        return lambda * serviceSecondMoment / (2 * (1 - rho))
    }

    // MARK: Non-preemptive priority M/G/1

    /// Cobham's per-class mean waits of a non-preemptive priority M/G/1 queue,
    /// class 0 served first: W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), where
    /// W0 = Σ λ_i E[S_i²] / 2 and σ_k = Σ_{i ≤ k} ρ_i (σ_{−1} = 0).
    static func cobhamWaits(lambdas: [Double], serviceMeans: [Double], serviceSecondMoments: [Double]) -> [Double] {
        precondition(lambdas.count == serviceMeans.count && lambdas.count == serviceSecondMoments.count)
        var w0 = 0.0
        for i in lambdas.indices { w0 += lambdas[i] * serviceSecondMoments[i] / 2 }
        var waits: [Double] = []
        var sigmaBefore = 0.0
        for k in lambdas.indices {
            let sigma = sigmaBefore + lambdas[k] * serviceMeans[k]
            precondition(sigma < 1)
            waits.append(w0 / ((1 - sigmaBefore) * (1 - sigma)))
            sigmaBefore = sigma
        }
        return waits
    }

    /// Non-preemptive priority M/M/1 with a common service rate μ: the
    /// distribution of the top class's time in station T = W + S.
    ///
    /// The LST of the top class's wait in a non-preemptive M/G/1 is
    /// W*(s) = [(1 − ρ)s + λ_L(1 − B*(s))] / [s − λ_H + λ_H B*(s)];
    /// with B*(s) = μ/(μ + s) this is (1 − ρ) + ρ·θ/(θ + s), θ = μ − λ_H:
    /// no wait with probability 1 − ρ, otherwise an exponential wait of rate
    /// θ (mean ρ/θ, Cobham's W_0). S is exponential(μ), independent of W, so
    /// P(T > t) = (1 − ρ)e^(−μt) + ρ(μe^(−θt) − θe^(−μt)) / (μ − θ).
    static func topClassTimeInStationTail(lambdaTop: Double, lambdaTotal: Double, mu: Double, t: Double) -> Double {
        let rho = lambdaTotal / mu
        let theta = mu - lambdaTop
        return (1 - rho) * exp(-mu * t) + rho * (mu * exp(-theta * t) - theta * exp(-mu * t)) / (mu - theta)
    }

    /// Solves F(t) = p for an increasing function F on [lo, hi] by bisection.
    static func solveIncreasing(_ f: (Double) -> Double, equals p: Double, lo: Double, hi: Double) -> Double {
        var a = lo, b = hi
        precondition(f(a) <= p && f(b) >= p, "target not bracketed")
        for _ in 0..<200 {
            let m = (a + b) / 2
            if f(m) < p { a = m } else { b = m }
        }
        return (a + b) / 2
    }

    // MARK: Jackson networks

    /// Station of an open Jackson network: M/M/c with rate μ per server.
    struct JacksonNode {
        let servers: Int
        let mu: Double
    }

    /// Traffic equations λ = γ + Pᵀλ, i.e. (I − Pᵀ)λ = γ, solved by Gaussian
    /// elimination with partial pivoting. routing[i][j] is the probability of
    /// going from station i to station j; the rest of row i leaves.
    static func trafficEquations(external gamma: [Double], routing p: [[Double]]) -> [Double] {
        let n = gamma.count
        precondition(p.count == n && p.allSatisfy { $0.count == n })
        var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for i in 0..<n {
            for j in 0..<n { a[i][j] = (i == j ? 1 : 0) - p[j][i] }
            a[i][n] = gamma[i]
        }
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot)
            precondition(abs(a[col][col]) > 1e-12, "singular traffic equations")
            for r in 0..<n where r != col {
                let f = a[r][col] / a[col][col]
                if f != 0 { for k in col...n { a[r][k] -= f * a[col][k] } }
            }
        }
        return (0..<n).map { a[$0][n] / a[$0][$0] }
    }

    /// Mean time in an open Jackson network of M/M/c stations, by Little's
    /// law over the whole network: Σ_i λ_i W_i / Σ γ, where W_i is the M/M/c
    /// time in station at the station's total arrival rate λ_i (equivalently,
    /// Σ_i visits_i · W_i with visits_i = λ_i / Σ γ).
    static func jacksonMeanTimeInSystem(external gamma: [Double], routing p: [[Double]], nodes: [JacksonNode]) -> Double {
        let lambda = trafficEquations(external: gamma, routing: p)
        let entering = gamma.reduce(0, +)
        var total = 0.0
        for i in nodes.indices {
            let node = MMc(lambda: lambda[i], mu: nodes[i].mu, servers: nodes[i].servers)
            precondition(node.rho < 1, "station \(i) unstable")
            total += lambda[i] / entering * node.meanTimeInStation
        }
        return total
    }
}
