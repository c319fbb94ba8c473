/// Derives the seed of one random stream from (master seed, replication,
/// stream name), so that replication k draws the same numbers on any thread
/// or machine, and a variant of a scenario reuses its baseline's streams.
///
/// The hash is fixed and part of FlowSim's reproducibility promise:
/// FNV-1a (64-bit) over the UTF-8 bytes of `"<seed>/<replication>/<name>"`,
/// then the SplitMix64 finaliser to spread the bits. GSL's `mt19937` keeps
/// the low 32 bits, so distinct streams collide with probability about
/// n²/2³³ for n streams in one study.
public enum StreamSeed {
    public static func derive(masterSeed: UInt64, replication: Int, stream: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(masterSeed)/\(replication)/\(stream)".utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return splitMix64(h)
    }

    static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
