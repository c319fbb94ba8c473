/// The scenario language's vocabulary: every key the reader accepts, by
/// position. The reader checks keys against these lists (unknown keys are
/// errors with a "did you mean"), and a test checks that
/// `Scenarios/flowsim.schema.json` names exactly the same keys.
public enum ScenarioKeys {
    public static let top = ["name", "description", "extends", "run", "attributes", "groups", "standards", "access",
                             "sources", "stations", "missing_middle", "localities"]
    public static let localities = ["by", "teams"]
    public static let missingMiddle = ["within"]
    public static let access = ["model", "hub", "onward"]
    public static let accessModels = ["spa", "no_wrong_door"]
    public static let run = ["duration", "warm_up", "replications", "seed", "generator", "start"]
    public static let source = ["rate", "interarrival", "profile", "batch", "to", "priority", "limit", "mix", "direct"]
    public static let profile = ["hourly", "weekly", "monthly"]
    public static let station = ["capacity", "schedule", "service", "discipline", "patience", "queue_limit",
                                 "overflow", "balking", "routing", "rules", "decide", "acceptance", "on_reject",
                                 "deterioration", "priority_by", "function", "costs", "vacancy", "outcomes", "diary", "escalation", "contacts",
                                 "repatriate", "after_discharge", "information_passed", "reassessment"]
    public static let afterDischarge = ["by", "time_to_crisis", "routes", "within"]
    public static let escalation = ["by", "time_to_rise"]
    public static let costs = ["per_arrival", "per_service", "per_day_in_service", "per_server_day", "per_contact"]
    public static let contacts = ["every", "length", "staff"]
    public static let diary = ["slots", "at", "book_after", "urgent_when", "urgent_book_after", "reserved",
                               "release_reserved", "did_not_attend", "rebook_limit", "cancellation", "pool"]
    public static let outcomes = ["step_down", "step_up", "transfer"]
    public static let rule = ["when", "decision", "to", "reason", "adherence"]
    public static let decisions = ["accept", "reject", "redirect", "signpost", "discharge"]
    public static let rulePoints = ["on_arrival", "after_service"]
    public static let acceptance = ["load", "probability", "reason"]
    public static let onReject = ["re_refer", "after"]
    public static let deterioration = ["by", "time_to_crisis", "routes"]
    public static let shift = ["days", "from", "to", "capacity"]
    public static let balking = ["threshold", "probability"]
    public static let distribution = ["distribution", "value", "mean", "sd", "k", "shape", "scale", "min", "max",
                                      "mode", "p", "values", "weights", "points"]

    /// Distribution kinds and the parameters each requires.
    public static let distributionKinds: [(name: String, parameters: [String])] = [
        ("constant", ["value"]),
        ("exponential", ["mean"]),
        ("erlang", ["k", "mean"]),
        ("gamma", ["shape", "scale"]),
        ("lognormal", ["mean", "sd"]),
        ("weibull", ["shape", "scale"]),
        ("normal", ["mean", "sd"]),
        ("uniform", ["min", "max"]),
        ("triangular", ["min", "mode", "max"]),
        ("poisson", ["mean"]),
        ("bernoulli", ["p"]),
        ("choice", ["values", "weights"]),
        ("empirical", ["values"]),
        ("table", ["points"]),
    ]

    /// Names no station may take: they mean something in routing and output.
    public static let reservedStationNames = ["system", "exit", "lost", "infinite"]

    public static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    public static let dayGroups: [String: [Int]] = [
        "daily": Array(0...6), "weekdays": Array(0...4), "weekends": [5, 6],
    ]

    /// Every accepted key path, with `*` for a name the user chooses and
    /// `[]` for a list item. Distribution parameters appear under each place
    /// a distribution is accepted.
    public static var allPaths: Set<String> {
        var paths = Set(top)
        for k in run { paths.insert("run.\(k)") }
        for k in access { paths.insert("access.\(k)") }
        paths.insert("attributes.*")
        paths.insert("sources.*.mix.*")
        for k in rule { paths.insert("stations.*.rules[].\(k)") }
        for k in acceptance { paths.insert("stations.*.acceptance.\(k)") }
        for k in onReject { paths.insert("stations.*.on_reject.\(k)") }
        for k in deterioration { paths.insert("stations.*.deterioration.\(k)") }
        for k in afterDischarge { paths.insert("stations.*.after_discharge.\(k)") }
        paths.insert("stations.*.after_discharge.time_to_crisis.*")
        for k in missingMiddle { paths.insert("missing_middle.\(k)") }
        for k in localities { paths.insert("localities.\(k)") }
        paths.insert("stations.*.deterioration.time_to_crisis.*")
        for k in costs { paths.insert("stations.*.costs.\(k)") }
        for k in outcomes { paths.insert("stations.*.outcomes.\(k)") }
        for k in diary { paths.insert("stations.*.diary.\(k)") }
        paths.insert("stations.*.diary.slots.*")
        for k in escalation { paths.insert("stations.*.escalation.\(k)") }
        for k in contacts { paths.insert("stations.*.contacts.\(k)") }
        paths.insert("stations.*.escalation.time_to_rise.*")
        for k in source { paths.insert("sources.*.\(k)") }
        for k in profile { paths.insert("sources.*.profile.\(k)") }
        for k in station { paths.insert("stations.*.\(k)") }
        for k in shift { paths.insert("stations.*.schedule[].\(k)") }
        for k in balking { paths.insert("stations.*.balking.\(k)") }
        for place in ["sources.*.interarrival", "sources.*.batch", "stations.*.service", "stations.*.patience",
                      "stations.*.on_reject.after", "stations.*.deterioration.time_to_crisis.*",
                      "stations.*.escalation.time_to_rise.*", "stations.*.after_discharge.time_to_crisis.*",
                      "stations.*.reassessment"] {
            for k in distribution { paths.insert("\(place).\(k)") }
        }
        return paths
    }
}
