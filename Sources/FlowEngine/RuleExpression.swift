/// A compiled expression over a person's attributes and the system's state,
/// such as `risk >= high or complexity >= 4` or `waiting(cmht) > 60`.
///
/// Compiled once, when the scenario loads, to postfix code for a small
/// stack machine; evaluation allocates nothing (the stack lives in a
/// fixed-size temporary buffer) and does no name look-up. True is any
/// non-zero value.
public struct RuleExpression: Sendable, Equatable {
    public enum Op: Sendable, Equatable {
        case constant(Double)
        /// The value of attribute `i` (its level's numeric value).
        case attribute(Int)
        /// People waiting at a station.
        case waiting(Int)
        /// People in service (the caseload) at a station.
        case inService(Int)
        /// Servers (or places) on duty at a station now.
        case capacity(Int)
        /// Whether attribute `i`'s level index is in the set (bit mask).
        case levelIn(Int, UInt64)
        case add, subtract, multiply, divide, negate
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
        case and, or, not
    }

    public let code: [Op]
    /// The source text, for reports.
    public let text: String
    /// Deepest stack the code needs.
    public let depth: Int

    public init(code: [Op], text: String) {
        self.code = code
        self.text = text
        var d = 0, deepest = 0
        for op in code {
            switch op {
            case .constant, .attribute, .waiting, .inService, .capacity, .levelIn: d += 1
            case .negate, .not: break
            default: d -= 1
            }
            deepest = max(deepest, d)
        }
        depth = deepest
    }

    /// Whether the code leaves exactly one value (checked by the compiler).
    public var isWellFormed: Bool {
        var d = 0
        for op in code {
            switch op {
            case .constant, .attribute, .waiting, .inService, .capacity, .levelIn: d += 1
            case .negate, .not: if d < 1 { return false }
            default:
                if d < 2 { return false }
                d -= 1
            }
        }
        return d == 1
    }

    /// Evaluates with `attribute(i)` giving attribute values and `state`
    /// answering station queries.
    public func evaluate(attribute: (Int) -> Double, level: (Int) -> Int,
                         waiting: (Int) -> Int, inService: (Int) -> Int, capacity: (Int) -> Int) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(depth, 1)) { stack in
            var top = -1
            for op in code {
                switch op {
                case .constant(let v): top += 1; stack[top] = v
                case .attribute(let i): top += 1; stack[top] = attribute(i)
                case .waiting(let s): top += 1; stack[top] = Double(waiting(s))
                case .inService(let s): top += 1; stack[top] = Double(inService(s))
                case .capacity(let s):
                    let c = capacity(s)
                    top += 1; stack[top] = c == Int.max ? .infinity : Double(c)
                case .levelIn(let i, let mask):
                    top += 1; stack[top] = (mask >> UInt64(level(i))) & 1 == 1 ? 1 : 0
                case .negate: stack[top] = -stack[top]
                case .not: stack[top] = stack[top] == 0 ? 1 : 0
                default:
                    let r = stack[top], l = stack[top - 1]
                    top -= 1
                    stack[top] = Self.apply(op, l, r)
                }
            }
            return top >= 0 ? stack[top] : .nan
        }
    }

    static func apply(_ op: Op, _ l: Double, _ r: Double) -> Double {
        switch op {
        case .add: l + r
        case .subtract: l - r
        case .multiply: l * r
        case .divide: l / r
        case .less: l < r ? 1 : 0
        case .lessOrEqual: l <= r ? 1 : 0
        case .greater: l > r ? 1 : 0
        case .greaterOrEqual: l >= r ? 1 : 0
        case .equal: l == r ? 1 : 0
        case .notEqual: l != r ? 1 : 0
        case .and: (l != 0 && r != 0) ? 1 : 0
        case .or: (l != 0 || r != 0) ? 1 : 0
        default: .nan
        }
    }
}
