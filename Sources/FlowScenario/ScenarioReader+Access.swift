import FlowEngine

/// The access model, as configuration rather than code.
///
/// - `spa`: a single point of access. Every source not marked `direct`
///   (crisis lines, A&E) is sent to the hub first; the hub's rules
///   (usually `decide: after_service`) route people on.
/// - `no_wrong_door`: sources go straight to the team named in `to`, and a
///   team never bounces anyone back: every `reject` becomes a redirect to the
///   `onward` station (a navigator or connector who finds the right place).
struct AccessModel {
    enum Model: String { case spa, noWrongDoor = "no_wrong_door" }
    var model: Model
    var hub: Int
    var onward: Int
}

extension ScenarioReader {
    func access(_ node: YNode) -> AccessModel? {
        guard let f = fields(node, "access", allowed: ScenarioKeys.access, what: "an access mapping such as {model: spa, hub: spa}"),
              let modelNode = required(f, "model", in: node, "access", expected: "spa or no_wrong_door"),
              let m = string(modelNode, "access.model", expected: "spa or no_wrong_door") else { return nil }
        guard let model = AccessModel.Model(rawValue: m) else {
            report(modelNode.location, "access.model", found: "'\(m)'",
                   expected: "spa or no_wrong_door" + Suggestion.hint(for: m, in: ScenarioKeys.accessModels))
            return nil
        }
        let key = model == .spa ? "hub" : "onward"
        let other = model == .spa ? "onward" : "hub"
        if let extra = f[other] {
            report(extra.location, "access.\(other)", found: "\(other) with model \(m)", expected: "\(key) (the \(m) setting)")
            return nil
        }
        guard let targetNode = required(f, key, in: node, "access",
                                        expected: model == .spa ? "the hub station every routine referral goes to first"
                                                                : "the station rejected people are passed to"),
              let target = string(targetNode, "access.\(key)", expected: "a station name") else { return nil }
        guard let i = stationIndex(target, targetNode.location, "access.\(key)") else { return nil }
        return AccessModel(model: model, hub: i, onward: i)
    }

    func apply(_ access: AccessModel, sources: inout [Source], stations: inout [Station], directSources: Set<Int>) {
        switch access.model {
        case .spa:
            for i in sources.indices where !directSources.contains(i) { sources[i].route = .to(access.hub) }
        case .noWrongDoor:
            // A locality team as onward: each copy discharges rather than pass people to itself.
            let onward = localitySpec == nil ? [access.onward]
                : Localities.isFamily(Int32(access.onward)) ? localities(localitySpec!).stations(for: Int32(access.onward)) : [access.onward]
            for s in stations.indices {
                for r in stations[s].rules.indices where stations[s].rules[r].decision == .reject {
                    stations[s].rules[r].decision = onward.contains(s) ? .discharge : .redirect(Int32(access.onward))
                }
                if stations[s].acceptance != nil {
                    // Turned away for want of capacity: passed on, not bounced back.
                    stations[s].acceptance!.decision = onward.contains(s) ? .discharge : .redirect(Int32(access.onward))
                }
            }
        }
    }
}
