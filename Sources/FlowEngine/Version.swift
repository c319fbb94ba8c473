/// FlowSim's version, written into every results file.
public enum FlowSimVersion {
    public static let string = "0.1.0"
}
