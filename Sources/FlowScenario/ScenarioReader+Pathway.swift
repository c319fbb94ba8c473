import FlowEngine

/// Station keys for what happens between teams: repatriation from out of
/// area, crisis after discharge, and the story passed (or lost) at hand-offs.
extension ScenarioReader {
    func pathwayKeys(_ f: [String: YNode], _ path: String, station: inout Station) -> Bool {
        var ok = true
        if let n = f["repatriate"] {
            let p = join(path, "repatriate")
            if let v = bool(n, p) {
                if v && station.overflow == Routing.exit {
                    report(n.location, p, found: "repatriate without an out-of-area station",
                           expected: "overflow (with queue_limit) naming the station that takes these beds' overflow")
                    ok = false
                } else { station.repatriate = v }
            } else { ok = false }
        }
        if let n = f["after_discharge"] {
            let p = join(path, "after_discharge")
            if let a = fields(n, p, allowed: ScenarioKeys.afterDischarge,
                              what: "an after_discharge mapping with by, time_to_crisis, routes and within"),
               let w = required(a, "within", in: n, p, expected: "the period after discharge in which a crisis counts, such as 90 days"),
               let window = duration(w, join(p, "within"), allowZero: false),
               let hazard = deterioration(n, p, allowed: ScenarioKeys.afterDischarge) {
                station.afterDischarge = AfterDischarge(hazard: hazard, window: window)
            } else { ok = false }
        }
        if let n = f["information_passed"] {
            if let v = probability(n, join(path, "information_passed")) { station.informationPassed = v } else { ok = false }
        }
        if let n = f["reassessment"] {
            if let d = distribution(n, join(path, "reassessment"), dimension: .duration) { station.reassessment = d } else { ok = false }
        }
        return ok
    }

    /// `missing_middle: {within: 26 weeks}`; nil when absent or wrong.
    func missingMiddleWindow(_ node: YNode) -> Double? {
        guard let f = fields(node, "missing_middle", allowed: ScenarioKeys.missingMiddle, what: "a missing_middle mapping with within"),
              let w = required(f, "within", in: node, "missing_middle",
                               expected: "the time from referral within which two rejections and no acceptance count, such as 26 weeks")
        else { return nil }
        return duration(w, "missing_middle.within", allowZero: false)
    }
}
