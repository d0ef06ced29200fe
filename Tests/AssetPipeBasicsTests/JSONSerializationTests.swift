import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeTestSupport

@Suite struct JSONSerializationTests {
    private let sample = JSONValue.object([
        ("zeta", .array([.number(1), .number(2.5), .null])),
        ("alpha", .object([("b", .bool(true)), ("a", .string("x"))])),
        ("empty", .object([])),
        ("list", .array([])),
    ])

    @Test func compactOutputKeepsTheWrittenKeyOrder() {
        #expect(sample.serialized() == #"{"zeta":[1,2.5,null],"alpha":{"b":true,"a":"x"},"empty":{},"list":[]}"#)
    }

    @Test func sortedKeysGiveOneCanonicalTextAtEveryLevel() {
        #expect(sample.serialized(sortedKeys: true) == #"{"alpha":{"a":"x","b":true},"empty":{},"list":[],"zeta":[1,2.5,null]}"#)
        let reordered = JSONValue.object([("b", .number(1)), ("a", .number(2))])
        let original = JSONValue.object([("a", .number(2)), ("b", .number(1))])
        #expect(reordered.serialized(sortedKeys: true) == original.serialized(sortedKeys: true))
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        #expect(sample.serialized(sortedKeys: true, pretty: true) == """
        {
          "alpha": {
            "a": "x",
            "b": true
          },
          "empty": {},
          "list": [],
          "zeta": [
            1,
            2.5,
            null
          ]
        }
        """)
    }

    @Test func escapesWhatJSONRequiresAndNothingElse() {
        let text = JSONValue.string("quote\" backslash\\ slash/ tab\t nl\n bell\u{07} é 😀")
        #expect(text.serialized() == #""quote\" backslash\\ slash/ tab\t nl\n bell\u0007 é 😀""#)
    }

    @Test func writesIntegralNumbersWithoutAFraction() {
        #expect(JSONValue.array([3, -0.0, 1e15, 0.1, 1e-7, 1e20, 1.5e300].map(JSONValue.number)).serialized()
                == "[3,0,1000000000000000,0.1,1e-07,1e+20,1.5e+300]")
        #expect(JSONValue.number(.nan).serialized() == "null")
        #expect(JSONValue.number(.infinity).serialized() == "null")
    }

    @Test(arguments: [false, true])
    func roundTripsThroughTheParser(pretty: Bool) throws {
        let value = JSONValue.object([
            ("text", .string("line\nbreak \u{01} \"q\" \\ é 中 😀")),
            ("numbers", .array([0, -1, 0.1, 1e-7, 123456789.125, 9007199254740992, -2.5e-300, 1.7976931348623157e308].map(JSONValue.number))),
            ("nested", .object([("deep", .array([.object([("k", .null)]), .bool(false)]))])),
            ("", .string("")),
        ])
        #expect(try JSONValue(parsing: value.serialized(pretty: pretty)) == value)
    }

    @Test func writesImageSizedStringsExactlyEscapingOnlyWhatJSONRequires() throws {
        let base64 = Data((0..<30_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString()
        let text = base64 + "\u{1}\"\\\t é😀" + base64.prefix(100)
        let written = JSONValue.object([("b64_json", .string(text))]).serializedData()
        #expect(try JSONValue(parsing: written) == .object([("b64_json", .string(text))]))
        let expected = #"{"b64_json":""# + base64 + #"\u0001\"\\\t é😀"# + base64.prefix(100) + #""}"#
        #expect(written == Data(expected.utf8))
    }
}
