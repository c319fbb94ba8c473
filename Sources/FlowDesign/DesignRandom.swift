import CGSL

/// GSL's error handler aborts the process by default; designs validate their
/// inputs before calling GSL and report problems as `DesignError`.
let gslErrorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()

/// A seeded GSL mt19937 generator for the randomised designs and the
/// bootstrap. mt19937 keeps only 32 bits of its seed, so the 64-bit seed is
/// mixed (splitmix64) down to 32 bits first: seeds that differ only in their
/// high bits still give different streams.
///
/// A class because it owns a C generator; confined to the call that made it.
final class DesignRandom {
    private let rng: UnsafeMutablePointer<gsl_rng>

    init(seed: UInt64) {
        _ = gslErrorHandlerOff
        guard let type = Self.mt19937, let r = gsl_rng_alloc(type) else {
            fatalError("GSL could not allocate an mt19937 generator")
        }
        rng = r
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        gsl_rng_set(rng, UInt(z >> 32 ^ (z & 0xFFFF_FFFF)))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform on [0, 1).
    func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1), so an inverse CDF never sees 0.
    func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// Uniform integer in 0..<n (n ≥ 1).
    func index(below n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        var i = n - 1
        while i > 0 {
            p.swapAt(i, index(below: i + 1))
            i -= 1
        }
        return p
    }

    private static var mt19937: UnsafePointer<gsl_rng_type>? {
        guard var p = gsl_rng_types_setup() else { return nil }
        while let t = p.pointee {
            if String(cString: t.pointee.name) == "mt19937" { return t }
            p += 1
        }
        return nil
    }
}
