import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeTestSupport

@Suite struct CacheCanonicalJSONTests {
    @Test func sortsKeysAtEveryLevelAndDropsWhitespace() {
        let value = JSONValue.object([
            ("b", .array([.number(1), .object([("z", .null), ("a", .bool(true))])])),
            ("a", .string("x")),
        ])
        #expect(CanonicalJSON.string(value) == #"{"a":"x","b":[1,{"a":true,"z":null}]}"#)
    }

    @Test func printsEachNumberOneWay() {
        #expect(CanonicalJSON.string(.number(3)) == "3")
        #expect(CanonicalJSON.string(.number(3.0)) == CanonicalJSON.string(.number(3)))
        #expect(CanonicalJSON.string(.number(-0.0)) == "0")
        #expect(CanonicalJSON.string(.number(0.5)) == "0.5")
        #expect(CanonicalJSON.string(.number(1e300)) == "1e+300")
    }

    @Test func escapesOnlyWhatJSONRequires() {
        #expect(CanonicalJSON.string(.string("a\"b\\c\n\u{1}/é")) == #""a\"b\\c\n\u0001/é""#)
    }
}
