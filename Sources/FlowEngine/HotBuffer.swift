/// A growable array of plain values that the event loop writes without a
/// copy-on-write check per write.
///
///     var b = HotBuffer<Int32>()
///     b.append(7)
///     b.makeUnique()   // once, before a run of writes (after a copy)
///     b[0] += 1        // no uniqueness check
///
/// An `Array` calls into the Swift runtime to check that its buffer is
/// uniquely referenced on every write; the entity store and the event list
/// are written a dozen times per event. As with `StationTable`, the owner
/// checks once: `NetworkSimulation.step()` asks whether the simulation has
/// been copied and, if so, calls `makeUnique()` on each buffer before any
/// handler runs. Debug builds also check on every write, so a write path
/// that bypasses `step()` fails in the tests instead of writing into a
/// shared block. Subscripts are bounds-checked; `append` is amortised O(1),
/// `makeUnique` O(1), or O(n) when it copies.
///
/// Elements are `BitwiseCopyable`, so the block is copied and freed without
/// visiting them.
struct HotBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // @unchecked: the block is owned by `Block` and written only under the
    // rule above (never while another copy can see it).
    final class Block {
        let base: UnsafeMutablePointer<Element>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: Swift.max(capacity, 1))
        }

        deinit { base.deallocate() }
    }

    private(set) var block: Block
    /// `block.base`, kept here so a read needs no load through the reference.
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0

    init(capacity: Int = 16) {
        block = Block(capacity: capacity)
        base = block.base
    }

    var capacity: Int { block.capacity }
    var isEmpty: Bool { count == 0 }
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "HotBuffer index out of range")
            return UnsafePointer(base + i)
        }
        unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "HotBuffer index out of range")
            assert(isKnownUniquelyReferenced(&block), "HotBuffer written while shared (without makeUnique())")
            return base + i
        }
    }

    @inline(__always)
    mutating func append(_ x: Element) {
        assert(isKnownUniquelyReferenced(&block), "HotBuffer written while shared (without makeUnique())")
        if count == block.capacity { moveToBlock(capacity: Swift.max(2 * count, 16)) }
        (base + count).initialize(to: x)
        count += 1
    }

    @inline(__always)
    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    /// Forgets every element, keeping the block.
    mutating func removeAll() {
        makeUnique()
        count = 0
    }

    /// Gives this buffer its own block if it shares one (after a copy).
    @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&block) { moveToBlock(capacity: block.capacity) }
    }

    private mutating func moveToBlock(capacity: Int) {
        let fresh = Block(capacity: capacity)
        fresh.base.initialize(from: base, count: count)
        block = fresh
        base = fresh.base
    }
}
