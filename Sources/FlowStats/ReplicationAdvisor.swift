import CGSL

/// The precision asked of a metric's mean across replications.
public struct PrecisionTarget: Sendable, Equatable {
    /// γ: the half-width of the interval as a share of |mean| (0.05 is ±5%).
    public var relativeHalfWidth: Double
    public var confidence: Double
    /// Fewer replications than this are never judged enough: with two or three
    /// the sample standard deviation is itself so uncertain that a small
    /// half-width can be luck (Law and Kelton advise at least five).
    public var minimumReplications: Int

    public init(relativeHalfWidth: Double = 0.05, confidence: Double = 0.95, minimumReplications: Int = 5) {
        self.relativeHalfWidth = relativeHalfWidth
        self.confidence = confidence
        self.minimumReplications = max(2, minimumReplications)
    }

    /// Whether a summary is precise enough.
    public func isMet(by summary: Summary) -> Bool {
        summary.n >= minimumReplications && ReplicationAdvisor.relativeHalfWidth(summary) <= relativeHalfWidth
    }
}

/// How many replications a metric needs, and whether it has them.
///
/// Two answers, which the runner uses together: the sequential procedure
/// (Law and Kelton, "relative precision") is the stopping rule, judged on the
/// replications actually run; the one-shot estimate n* sizes the next batch
/// so the runner does not creep forward one replication at a time.
///
/// Values that are NaN (replications that observed nothing) are left out,
/// as `Summary` leaves them out.
public enum ReplicationAdvisor {
    /// Half-width / |mean|; infinity when the mean is 0 (no relative
    /// precision is reachable), NaN below two values.
    public static func relativeHalfWidth(_ summary: Summary) -> Double {
        guard summary.n >= 2 else { return .nan }
        if summary.halfWidth == 0 { return 0 }
        return summary.halfWidth / abs(summary.mean)
    }

    /// The smallest n ≥ 2 with t₍n−1₎ · s / √n ≤ γ · |mean|, i.e. the fixed
    /// point of n = ⌈(t₍n−1₎ · s / (γ · |mean|))²⌉ iterated on t's degrees of
    /// freedom.
    ///
    /// Starts from the normal quantile's answer, a lower bound since t > z,
    /// and steps up: t₍n−1₎²/n falls as n grows, so the first n that passes is
    /// the least, and it is rarely more than a few steps away.
    /// - Returns: nil when the mean is 0 or either input is not finite, or
    ///   when the answer would exceed `limit`.
    public static func requiredReplications(mean: Double, standardDeviation s: Double, target: PrecisionTarget,
                                            limit: Int = 100_000_000) -> Int? {
        let allowed = target.relativeHalfWidth * abs(mean)
        guard mean.isFinite, s.isFinite, s >= 0, allowed > 0 else { return nil }
        if s == 0 { return target.minimumReplications }
        let p = 0.5 + target.confidence / 2
        let ratio = s / allowed
        let z = gsl_cdf_ugaussian_Pinv(p)
        let start = (z * ratio) * (z * ratio)
        guard start.rounded(.up) <= Double(limit) else { return nil }
        var n = max(2, Int(start.rounded(.up)))
        while true {
            let t = StudentT.quantile(p, degreesOfFreedom: Double(n - 1))
            if (t * ratio) * (t * ratio) <= Double(n) { break }
            n += 1
            if n > limit { return nil }
        }
        return max(target.minimumReplications, n)
    }

    /// The one-shot estimate from a pilot run's values.
    public static func requiredReplications(pilot values: [Double], target: PrecisionTarget) -> Int? {
        let s = Summary(values: values, confidence: target.confidence)
        guard s.n >= 2 else { return nil }
        return requiredReplications(mean: s.mean, standardDeviation: s.standardDeviation, target: target)
    }

    /// The sequential procedure on values in replication order: the first n
    /// (counting finite values) at which the target is met, or nil if it never
    /// is within these values.
    public static func sequentialStop(_ values: [Double], target: PrecisionTarget) -> Int? {
        var tally = Tally()
        for v in values where v.isFinite {
            tally.add(v)
            if tally.count >= target.minimumReplications,
               target.isMet(by: Summary(tally: tally, confidence: target.confidence)) {
                return tally.count
            }
        }
        return nil
    }

    /// Whether the replications run so far are enough and, if not, how many
    /// more to run.
    public static func advise(_ values: [Double], target: PrecisionTarget) -> ReplicationAdvice {
        let s = Summary(values: values, confidence: target.confidence)
        let required = s.n >= 2 ? requiredReplications(mean: s.mean, standardDeviation: s.standardDeviation,
                                                       target: target) : nil
        return ReplicationAdvice(current: s.n, relativeHalfWidth: relativeHalfWidth(s), met: target.isMet(by: s),
                                 required: required, minimum: target.minimumReplications)
    }

    /// The advice for several metrics at once: enough only when every one
    /// is, and the next batch sized by the most demanding. A metric with no
    /// estimate (mean 0) makes the answer unknown rather than enough, so the
    /// caller must choose a cap.
    public static func advise(_ metrics: [[Double]], target: PrecisionTarget) -> ReplicationAdvice? {
        let all = metrics.map { advise($0, target: target) }
        guard var worst = all.first else { return nil }
        for a in all.dropFirst() where !a.met {
            if worst.met { worst = a; continue }
            switch (worst.additional, a.additional) {
            case (nil, _): break
            case (_, nil): worst = a
            case let (w?, x?): if x > w { worst = a }
            }
        }
        return worst
    }
}

/// The advisor's answer for the replications run so far.
public struct ReplicationAdvice: Sendable, Equatable {
    /// Replications with a finite value.
    public let current: Int
    /// Half-width / |mean| now.
    public let relativeHalfWidth: Double
    /// The target is met by the replications already run.
    public let met: Bool
    /// n*, the one-shot estimate of the total needed; nil when it cannot be
    /// estimated (mean 0, fewer than two values).
    public let required: Int?
    public let minimum: Int

    public init(current: Int, relativeHalfWidth: Double, met: Bool, required: Int?, minimum: Int) {
        self.current = current
        self.relativeHalfWidth = relativeHalfWidth
        self.met = met
        self.required = required
        self.minimum = minimum
    }

    /// Replications to run next: 0 when met; otherwise at least one, since
    /// n* is an estimate and can fall at or below the current count while the
    /// realised half-width is still too wide. Nil when it cannot be estimated.
    public var additional: Int? {
        if met { return 0 }
        if current < minimum { return max(minimum, required ?? minimum) - current }
        guard let required else { return nil }
        return max(1, required - current)
    }
}
