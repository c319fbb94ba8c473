import XCTest
final class PlaceholderReport: XCTestCase { func testNothing() {} }
