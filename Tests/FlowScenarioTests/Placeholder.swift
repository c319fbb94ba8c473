import XCTest
final class PlaceholderFlowScenarioTests: XCTestCase { func testNothing() {} }
