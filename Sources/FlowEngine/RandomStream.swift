import CGSL

/// GSL's error handler aborts the process by default; FlowSim validates every
/// parameter before it reaches GSL and reports problems itself.
private let gslErrorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()

/// One independent stream of pseudo-random numbers, backed by a GSL generator.
///
/// A simulation keeps one stream per purpose (each source's arrivals, each
/// station's service times, each routing decision), each seeded by
/// `StreamSeed` from (master seed, replication, stream name). That is what
/// makes common random numbers work: a variant that changes one station
/// leaves every other stream, and so every other draw, untouched.
///
/// A class because it owns a C generator; a stream is confined to the one
/// replication (and thread) that created it.
public final class RandomStream {
    public let generatorName: String
    let rng: UnsafeMutablePointer<gsl_rng>

    /// Names of every generator this GSL offers (`mt19937`, `ranlxd2`, ...).
    public static let availableGenerators: [String] = {
        var names: [String] = []
        guard var p = gsl_rng_types_setup() else { return names }
        while let t = p.pointee {
            names.append(String(cString: t.pointee.name))
            p += 1
        }
        return names
    }()

    /// - Throws: `RandomStreamError.unknownGenerator` for a name GSL lacks.
    public init(generator: String = "mt19937", seed: UInt64) throws(RandomStreamError) {
        _ = gslErrorHandlerOff
        guard let type = Self.generatorType(named: generator), let r = gsl_rng_alloc(type) else {
            throw .unknownGenerator(generator)
        }
        generatorName = generator
        rng = r
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    private static func generatorType(named name: String) -> UnsafePointer<gsl_rng_type>? {
        guard var p = gsl_rng_types_setup() else { return nil }
        while let t = p.pointee {
            if String(cString: t.pointee.name) == name { return t }
            p += 1
        }
        return nil
    }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1), for logarithms.
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }
}

public enum RandomStreamError: Error, Equatable, CustomStringConvertible {
    case unknownGenerator(String)

    public var description: String {
        switch self {
        case .unknownGenerator(let name):
            "unknown random number generator '\(name)'; GSL offers: "
                + RandomStream.availableGenerators.joined(separator: ", ")
        }
    }
}
