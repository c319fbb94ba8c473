import FlowEngine
import Foundation

extension ScenarioReader {
    enum Dimension {
        /// Values carry time units and are converted to days.
        case duration
        /// Plain numbers (batch sizes).
        case count
    }

    /// A distribution: `{distribution: lognormal, mean: 33 days, sd: 30 days}`,
    /// or a plain duration meaning a constant.
    func distribution(_ node: YNode, _ path: String, dimension: Dimension) -> Distribution? {
        if case .scalar = node {
            guard dimension == .duration else {
                return integer(node, path, expected: "a count >= 0 or a distribution mapping", valid: { $0 >= 0 })
                    .map { .constant(Double($0)) }
            }
            return duration(node, path).map { .constant($0) }
        }
        let kinds = ScenarioKeys.distributionKinds.map(\.name)
        guard let f = fields(node, path, allowed: ScenarioKeys.distribution, what: "a distribution mapping such as {distribution: exponential, mean: 30 min}"),
              let kindNode = required(f, "distribution", in: node, path, expected: "one of " + kinds.joined(separator: ", ")),
              let kind = string(kindNode, join(path, "distribution"), expected: "one of " + kinds.joined(separator: ", "))
        else { return nil }
        guard let spec = ScenarioKeys.distributionKinds.first(where: { $0.name == kind }) else {
            report(kindNode.location, join(path, "distribution"), found: "unknown distribution '\(kind)'",
                   expected: "one of " + kinds.joined(separator: ", ") + Suggestion.hint(for: kind, in: kinds))
            return nil
        }
        for (key, value) in f where key != "distribution" && !spec.parameters.contains(key) {
            report(value.location, join(path, key), found: "parameter '\(key)' for a \(kind) distribution",
                   expected: "only " + spec.parameters.joined(separator: ", "))
        }
        var missing = false
        for p in spec.parameters where f[p] == nil {
            report(node.location, join(path, p), found: "nothing (the key is missing)", expected: "the \(kind) parameter \(p)")
            missing = true
        }
        if missing { return nil }

        func value(_ key: String, scaled: Bool = true) -> Double? {
            let n = f[key]!
            if dimension == .duration && scaled {
                return duration(n, join(path, key))
            }
            return number(n, join(path, key), expected: "a number", valid: { _ in true })
        }
        let d: Distribution?
        switch kind {
        case "constant": d = value("value").map { .constant($0) }
        case "exponential": d = value("mean").map { .exponential(mean: $0) }
        case "erlang":
            let k = integer(f["k"]!, join(path, "k"), expected: "an integer >= 1", valid: { $0 >= 1 })
            let m = value("mean")
            d = k.flatMap { k in m.map { .erlang(k: k, mean: $0) } }
        case "gamma":
            let a = value("shape", scaled: false), b = value("scale")
            d = a.flatMap { a in b.map { .gamma(shape: a, scale: $0) } }
        case "lognormal":
            let m = value("mean"), s = value("sd")
            d = m.flatMap { m in s.map { .lognormal(mean: m, sd: $0) } }
        case "weibull":
            let a = value("shape", scaled: false), b = value("scale")
            d = a.flatMap { a in b.map { .weibull(shape: a, scale: $0) } }
        case "normal":
            let m = value("mean"), s = value("sd")
            d = m.flatMap { m in s.map { .truncatedNormal(mean: m, sd: $0) } }
        case "uniform":
            let a = value("min"), b = value("max")
            d = a.flatMap { a in b.map { .uniform(min: a, max: $0) } }
        case "triangular":
            let a = value("min"), c = value("mode"), b = value("max")
            d = a.flatMap { a in c.flatMap { c in b.map { .triangular(min: a, mode: c, max: $0) } } }
        case "poisson": d = value("mean", scaled: false).map { .poisson(mean: $0) }
        case "bernoulli": d = value("p", scaled: false).map { .bernoulli(p: $0) }
        case "choice":
            let v = valueList(f["values"]!, join(path, "values"), dimension: dimension)
            let w = numberList(f["weights"]!, join(path, "weights"), count: nil, expected: "a list of weights >= 0")
            d = v.flatMap { v in w.map { .choice(values: v, weights: $0) } }
        case "empirical":
            d = valueList(f["values"]!, join(path, "values"), dimension: dimension)
                .map { .choice(values: $0, weights: Array(repeating: 1, count: $0.count)) }
        case "table": d = table(f["points"]!, join(path, "points"), dimension: dimension)
        default: d = nil
        }
        guard let d else { return nil }
        if dimension == .duration, case .poisson = d {
            report(kindNode.location, join(path, "distribution"), found: "a count distribution (poisson) for a duration",
                   expected: "a continuous distribution such as exponential or lognormal")
            return nil
        }
        if dimension == .duration, case .bernoulli = d {
            report(kindNode.location, join(path, "distribution"), found: "a count distribution (bernoulli) for a duration",
                   expected: "a continuous distribution such as exponential or lognormal")
            return nil
        }
        let issues = d.problems()
        for issue in issues {
            // Engine messages read "param: found X, expected Y".
            let parts = issue.split(separator: ":", maxSplits: 1).map(String.init)
            let key = parts.count == 2 ? parts[0] : ""
            let rest = parts.count == 2 ? parts[1] : issue
            let where_ = f[key]?.location ?? node.location
            let pieces = rest.components(separatedBy: ", expected ")
            report(where_, key.isEmpty ? path : join(path, key),
                   found: pieces[0].replacingOccurrences(of: " found ", with: "").trimmingCharacters(in: " "),
                   expected: pieces.count > 1 ? pieces[1] : "valid parameters")
        }
        return issues.isEmpty ? d : nil
    }

    private func valueList(_ node: YNode, _ path: String, dimension: Dimension) -> [Double]? {
        guard case .sequence(let items, _) = node, !items.isEmpty else {
            report(node, path, expected: "a non-empty list of values")
            return nil
        }
        var out: [Double] = []
        var ok = true
        for (i, item) in items.enumerated() {
            let v = dimension == .duration ? duration(item, "\(path)[\(i)]")
                : number(item, "\(path)[\(i)]", expected: "a number >= 0", valid: { $0 >= 0 })
            if let v { out.append(v) } else { ok = false }
        }
        return ok ? out : nil
    }

    private func table(_ node: YNode, _ path: String, dimension: Dimension) -> Distribution? {
        let expected = "a list of [x, F(x)] pairs with F rising from 0 to 1"
        guard case .sequence(let items, _) = node else { report(node, path, expected: expected); return nil }
        var xs: [Double] = [], fs: [Double] = []
        for (i, item) in items.enumerated() {
            guard case .sequence(let pair, _) = item, pair.count == 2 else {
                report(item, "\(path)[\(i)]", expected: "a pair [x, F(x)]")
                return nil
            }
            let x = dimension == .duration ? duration(pair[0], "\(path)[\(i)][0]")
                : number(pair[0], "\(path)[\(i)][0]", expected: "a number >= 0", valid: { $0 >= 0 })
            let p = probability(pair[1], "\(path)[\(i)][1]")
            guard let x, let p else { return nil }
            xs.append(x)
            fs.append(p)
        }
        return .continuousEmpirical(x: xs, cdf: fs)
    }
}
