/// Rank transform with average ranks for ties (ranks 1...n), as Spearman
/// correlation and PRCC need. O(n log n).
public enum Ranks {
    public static func of(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && x[order[end + 1]] == x[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for i in start...end { ranks[order[i]] = average }
            start = end + 1
        }
        return ranks
    }
}
