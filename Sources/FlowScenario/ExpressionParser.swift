import FlowEngine

/// Compiles the flow-rule expression language to `RuleExpression` code.
///
///     risk >= high or complexity >= 4
///     age_band == cyp and presentation in [psychosis, eating_disorder]
///     waiting(cmht) > 60
///     caseload(crht) / capacity(crht) < 0.9
///
/// Grammar (lowest precedence first): `or`, `and`, `not`, comparisons
/// (`== != < <= > >=`, `in [...]`), `+ -`, `* /`, unary `-`, atoms
/// (numbers, attribute names, level names, `waiting(s)`, `caseload(s)`,
/// `capacity(s)`, parentheses). A level name is read against the attribute
/// it is compared with, so `high` in `risk >= high` is risk's level `high`.
/// Errors give the character offset into the text.
struct ExpressionParser {
    struct Failure: Error {
        var offset: Int
        var found: String
        var expected: String
    }

    let attributes: [Attribute]
    let stations: [String]

    enum Token: Equatable {
        case number(Double), name(String), op(String), end
    }

    private var tokens: [(Token, Int)] = []
    private var position = 0
    private var code: [RuleExpression.Op] = []

    init(attributes: [Attribute], stations: [String]) {
        self.attributes = attributes
        self.stations = stations
    }

    static func compile(_ text: String, attributes: [Attribute], stations: [String]) -> Result<RuleExpression, Failure> {
        var p = ExpressionParser(attributes: attributes, stations: stations)
        do {
            p.tokens = try tokenize(text)
            _ = try p.parseOr()
            guard case .end = p.tokens[p.position].0 else {
                throw Failure(offset: p.tokens[p.position].1, found: p.describe(p.tokens[p.position].0),
                              expected: "an operator such as and, or, >=, or the end of the expression")
            }
            let e = RuleExpression(code: p.code, text: text)
            guard e.isWellFormed else { throw Failure(offset: 0, found: "'\(text)'", expected: "a complete expression") }
            return .success(e)
        } catch let f as Failure {
            return .failure(f)
        } catch {
            return .failure(Failure(offset: 0, found: "'\(text)'", expected: "an expression"))
        }
    }

    static func tokenize(_ text: String) throws -> [(Token, Int)] {
        var out: [(Token, Int)] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; continue }
            let start = i
            if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                while i < chars.count && (chars[i].isNumber || chars[i] == "." || chars[i] == "_") { i += 1 }
                let s = String(chars[start..<i]).replacingUnderscores
                guard let v = Double(s) else {
                    throw Failure(offset: start, found: "'\(s)'", expected: "a number")
                }
                out.append((.number(v), start))
            } else if c.isLetter || c == "_" {
                while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_") { i += 1 }
                out.append((.name(String(chars[start..<i])), start))
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    out.append((.op(two), start)); i += 2
                } else if "<>+-*/()[],".contains(c) {
                    out.append((.op(String(c)), start)); i += 1
                } else if c == "=" {
                    throw Failure(offset: start, found: "'='", expected: "'==' to compare")
                } else {
                    throw Failure(offset: start, found: "'\(c)'", expected: "a name, a number or an operator")
                }
            }
        }
        out.append((.end, chars.count))
        return out
    }

    func describe(_ t: Token) -> String {
        switch t {
        case .number(let v): "the number \(v)"
        case .name(let n): "'\(n)'"
        case .op(let o): "'\(o)'"
        case .end: "the end of the expression"
        }
    }

    private var current: Token { tokens[position].0 }
    private var offset: Int { tokens[position].1 }

    private mutating func accept(_ op: String) -> Bool {
        if current == .op(op) || current == .name(op) { position += 1; return true }
        return false
    }

    /// What a sub-expression is, for reading level names against it.
    enum Shape { case attribute(Int), value }

    private mutating func parseOr() throws -> Shape {
        var shape = try parseAnd()
        while accept("or") { _ = try parseAnd(); code.append(.or); shape = .value }
        return shape
    }

    private mutating func parseAnd() throws -> Shape {
        var shape = try parseNot()
        while accept("and") { _ = try parseNot(); code.append(.and); shape = .value }
        return shape
    }

    private mutating func parseNot() throws -> Shape {
        if accept("not") { _ = try parseNot(); code.append(.not); return .value }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> Shape {
        let left = try parseSum()
        let ops: [String: RuleExpression.Op] = ["==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual,
                                            ">": .greater, ">=": .greaterOrEqual]
        if case .op(let o) = current, let op = ops[o] {
            position += 1
            _ = try parseSum(against: left)
            code.append(op)
            return .value
        }
        if current == .name("in") {
            guard case .attribute(let a) = left, case .attribute(let last) = code.last, last == a else {
                throw Failure(offset: offset, found: "'in' after something that is not an attribute",
                              expected: "an attribute before 'in', as in presentation in [psychosis, eating_disorder]")
            }
            position += 1
            code.removeLast()
            guard accept("[") else { throw Failure(offset: offset, found: describe(current), expected: "'[' to start the list") }
            var mask: UInt64 = 0
            repeat {
                let level = try levelIndex(a)
                mask |= 1 << UInt64(level)
            } while accept(",")
            guard accept("]") else { throw Failure(offset: offset, found: describe(current), expected: "',' or ']'") }
            code.append(.levelIn(a, mask))
            return .value
        }
        return left
    }

    private mutating func levelIndex(_ a: Int) throws -> Int {
        let attribute = attributes[a]
        let at = offset
        let text: String
        switch current {
        case .name(let n): text = n
        case .number(let v): text = v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
        default:
            throw Failure(offset: at, found: describe(current), expected: "a level of \(attribute.name): " + attribute.levels.joined(separator: ", "))
        }
        guard let i = attribute.levels.firstIndex(of: text) else {
            throw Failure(offset: at, found: "'\(text)', which is not a level of \(attribute.name)",
                          expected: "one of " + attribute.levels.joined(separator: ", ") + Suggestion.hint(for: text, in: attribute.levels))
        }
        position += 1
        return i
    }

    private mutating func parseSum(against: Shape = .value) throws -> Shape {
        var shape = try parseProduct(against: against)
        while true {
            if accept("+") { _ = try parseProduct(against: .value); code.append(.add) }
            else if accept("-") { _ = try parseProduct(against: .value); code.append(.subtract) }
            else { return shape }
            shape = .value
        }
    }

    private mutating func parseProduct(against: Shape) throws -> Shape {
        var shape = try parseUnary(against: against)
        while true {
            if accept("*") { _ = try parseUnary(against: .value); code.append(.multiply) }
            else if accept("/") { _ = try parseUnary(against: .value); code.append(.divide) }
            else { return shape }
            shape = .value
        }
    }

    private mutating func parseUnary(against: Shape) throws -> Shape {
        if accept("-") { _ = try parseUnary(against: .value); code.append(.negate); return .value }
        return try parseAtom(against: against)
    }

    private mutating func parseAtom(against: Shape) throws -> Shape {
        let at = offset
        switch current {
        case .number(let v):
            position += 1
            // A number compared with an attribute whose levels are numbers is that level's value.
            if case .attribute(let a) = against, !attributes[a].levels.contains(where: { Double($0) == nil }),
               !attributes[a].values.contains(v) {
                throw Failure(offset: at, found: "\(v), which is not a level of \(attributes[a].name)",
                              expected: "one of " + attributes[a].levels.joined(separator: ", "))
            }
            code.append(.constant(v))
            return .value
        case .name(let n):
            if ["and", "or", "not", "in"].contains(n) {
                throw Failure(offset: at, found: "'\(n)'", expected: "a value before '\(n)'")
            }
            position += 1
            if accept("(") {
                let functions = ["waiting", "caseload", "in_service", "capacity"]
                guard functions.contains(n) else {
                    throw Failure(offset: at, found: "unknown function '\(n)'",
                                  expected: "one of " + functions.joined(separator: ", ") + Suggestion.hint(for: n, in: functions))
                }
                let argAt = offset
                guard case .name(let station) = current else {
                    throw Failure(offset: argAt, found: describe(current), expected: "a station name")
                }
                guard let s = stations.firstIndex(of: station) else {
                    throw Failure(offset: argAt, found: "undefined station '\(station)'",
                                  expected: "one of " + stations.joined(separator: ", ") + Suggestion.hint(for: station, in: stations))
                }
                position += 1
                guard accept(")") else { throw Failure(offset: offset, found: describe(current), expected: "')'") }
                switch n {
                case "waiting": code.append(.waiting(s))
                case "capacity": code.append(.capacity(s))
                default: code.append(.inService(s))
                }
                return .value
            }
            if let a = attributes.firstIndex(where: { $0.name == n }) {
                code.append(.attribute(a))
                return .attribute(a)
            }
            if case .attribute(let a) = against, let i = attributes[a].levels.firstIndex(of: n) {
                code.append(.constant(attributes[a].values[i]))
                return .value
            }
            let names = attributes.map(\.name) + (against.attributeIndex.map { attributes[$0].levels } ?? [])
            let wanted = against.attributeIndex.map { "a level of \(attributes[$0].name) (\(attributes[$0].levels.joined(separator: ", ")))" }
                ?? ("an attribute (" + attributes.map(\.name).joined(separator: ", ") + ") or a number")
            throw Failure(offset: at, found: "unknown name '\(n)'", expected: wanted + Suggestion.hint(for: n, in: names))
        case .op("("):
            position += 1
            let shape = try parseOr()
            guard accept(")") else { throw Failure(offset: offset, found: describe(current), expected: "')'") }
            return shape
        default:
            throw Failure(offset: at, found: describe(current), expected: "a value: a number, an attribute or a function")
        }
    }
}

extension ExpressionParser.Shape {
    var attributeIndex: Int? {
        if case .attribute(let a) = self { return a }
        return nil
    }
}
