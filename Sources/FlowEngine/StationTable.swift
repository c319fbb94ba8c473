/// A fixed-size table of per-station values that the event loop writes
/// several times per event (`stations`, `stats`).
///
///     var table: StationTable = [Ledger(), Ledger()]
///     table.makeUnique()          // once, before a run of writes
///     table[1].arrived += 1       // no uniqueness check
///
/// An `Array` checks that its buffer is uniquely referenced on every write:
/// a call into the Swift runtime, five or six times per event. This table
/// leaves the check to its owner: `NetworkSimulation.step()` checks once per
/// event, before any handler runs, whether the simulation has been copied
/// (its `CopyDetector` is shared) and if so calls `makeUnique()` on each
/// table; writes in between go straight to the buffer (still
/// bounds-checked). A copied simulation therefore gets its own tables when
/// it steps, as with an `Array`. Debug builds also check
/// uniqueness on every write, so a write path that bypasses `step()` fails
/// in the tests instead of writing into a shared buffer.
/// Writes and reads are O(1); `makeUnique` is O(1), or O(n) when it copies.
struct StationTable<Element>: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(_ items: some Collection<Element>) {
            count = items.count
            base = .allocate(capacity: Swift.max(count, 1))
            var p = base
            for item in items {
                p.initialize(to: item)
                p += 1
            }
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    private var storage: Storage
    // `storage.base` and `storage.count`, kept here so an access needs no
    // loads through the reference (as HotBuffer keeps its base).
    private var base: UnsafeMutablePointer<Element>
    private var size: Int

    init(_ items: some Collection<Element>) {
        storage = Storage(items)
        base = storage.base
        size = storage.count
    }
    init(arrayLiteral items: Element...) { self.init(items) }
    init(repeating item: Element, count: Int) { self.init(repeatElement(item, count: count)) }

    var startIndex: Int { 0 }
    var endIndex: Int { size }

    // Addressors, as Array has: reads and writes of one field touch only that field.
    subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: size), "station index out of range")
            return UnsafePointer(base + i)
        }
        unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: size), "station index out of range")
            assert(isKnownUniquelyReferenced(&storage), "StationTable written without makeUnique()")
            return base + i
        }
    }

    /// The address of element `i`, for a handler that reads and writes
    /// several of its fields: one bounds check and one address computation
    /// for all of them. Valid until the next `makeUnique()`, which only
    /// `NetworkSimulation.step()` and `run()` call, never a handler.
    @inline(__always)
    mutating func address(_ i: Int) -> UnsafeMutablePointer<Element> {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: size), "station index out of range")
        assert(isKnownUniquelyReferenced(&storage), "StationTable written without makeUnique()")
        return base + i
    }

    /// Gives this table its own buffer if it shares one (after a copy).
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(UnsafeBufferPointer(start: base, count: size))
            base = storage.base
        }
    }

    /// Appends at the end; O(n), for building a table at start.
    mutating func append(_ item: Element) {
        self = StationTable(Array(self) + [item])
    }
}

/// An object whose only job is to be referenced by every copy of its owner:
/// while `isKnownUniquelyReferenced` holds, the owner has not been copied.
final class CopyDetector {}
