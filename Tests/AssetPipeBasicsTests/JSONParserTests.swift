import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeTestSupport

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONDocument { try JSONParser.parse(Data(text.utf8)) }

    private func syntaxError(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesEveryKindOfValueAndKeepsKeyOrder() throws {
        let value = try parse(#"{"z": null, "a": [true, false], "m": {"k": "v"}, "n": -12}"#).value
        #expect(value == .object([("z", .null), ("a", .array([.bool(true), .bool(false)])),
                                  ("m", .object([("k", .string("v"))])), ("n", .number(-12))]))
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m", "n"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00""#).value
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\té中😀"))
        #expect(try parse(#""plain ascii""#).value == .string("plain ascii"))
        #expect(try parse("\"héllo wörld\"").value == .string("héllo wörld"))
    }

    @Test func longStringsStopAtEveryKindOfSpecialByteWhereverItFalls() throws {
        let run = String(repeating: "abcdefgh", count: 4)
        for offset in 0..<17 {
            let prefix = String(run.prefix(offset))
            #expect(try parse(#""\#(prefix)\n\#(run)""#).value == .string(prefix + "\n" + run))
            #expect(try parse(#""\#(prefix)é\#(run)""#).value == .string(prefix + "é" + run))
            #expect(try parse(#"["\#(prefix)", "\#(run)"]"#).value == .array([.string(prefix), .string(run)]))
            #expect(syntaxError("\"\(prefix)\t\(run)\"")?.message == "unescaped a tab (write \\t) inside a string")
            #expect(syntaxError("\"\(prefix)\u{7F}\(run)")?.message == "unterminated string")
        }
        let invalidUTF8 = Data("\"\(run)".utf8) + Data([0xFF]) + Data("\(run)\"".utf8)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(invalidUTF8) }
    }

    @Test func readsNumbersIncludingFractionsAndExponents() throws {
        let value = try parse("[0, -0, 7, -1, 1.5, 1e3, 2E+2, -2.5e-2, 123456789012345680, 0.1]").value
        #expect(value == .array([0, -0.0, 7, -1, 1.5, 1000, 200, -0.025, 123456789012345680, 0.1].map(JSONValue.number)))
    }

    @Test func reportsSyntaxErrorsWithLineAndColumn() {
        let missingColon = syntaxError("{\n  \"a\": 1,\n  \"b\" 2\n}")
        #expect(missingColon == JSONSyntaxError(line: 3, column: 7, message: #"expected ':' after the key "b", found '2'"#))
        #expect(syntaxError("{\"a\": 1,}") == JSONSyntaxError(line: 1, column: 9, message: "trailing comma before '}'"))
        #expect(syntaxError("[1, 2,]")?.message == "trailing comma before ']'")
        #expect(syntaxError("[1 2]")?.message == "expected ',' or ']' after an array element, found '2'")
        #expect(syntaxError("")?.message == "unexpected end of input; expected a value")
        #expect(syntaxError("{\"a\": tru}")?.message == "expected a value, found 't'")
        #expect(syntaxError("{} {}")?.message == "unexpected '{' after the end of the JSON document")
        #expect(syntaxError("{'a': 1}")?.message == "expected a key in double quotes, found '''")
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(syntaxError("[\"é😀\" x]") == JSONSyntaxError(line: 1, column: 7, message: "expected ',' or ']' after an array element, found 'x'"))
    }

    @Test func rejectsMalformedStringsAndNumbers() {
        #expect(syntaxError("\"abc")?.message == "unterminated string")
        #expect(syntaxError(#""a\qb""#)?.message == #"invalid escape sequence '\q' in string"#)
        #expect(syntaxError(#""\u12""#)?.message == #"expected four hex digits after '\u'"#)
        #expect(syntaxError(#""\ud83d""#)?.message.hasPrefix(#"unpaired surrogate \uD83D"#) == true)
        #expect(syntaxError(#""\ude00""#)?.message.hasPrefix(#"unpaired surrogate \uDE00"#) == true)
        #expect(syntaxError("\"line\nbreak\"") == JSONSyntaxError(line: 1, column: 6, message: #"unescaped a line break (write \n) inside a string"#))
        #expect(syntaxError("012")?.message == "numbers cannot have leading zeros")
        #expect(syntaxError("1.")?.message == "expected a digit after the decimal point, found end of input")
        #expect(syntaxError("1e")?.message == "expected a digit in the exponent, found end of input")
        #expect(syntaxError("-x")?.message == "expected a digit after '-', found 'x'")
        #expect(syntaxError("1e999")?.message == "number 1e999 is out of range")
    }

    @Test func rejectsInvalidUTF8() throws {
        let bytes = Data([UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")])
        #expect(throws: JSONSyntaxError(line: 1, column: 2, message: "string is not valid UTF-8")) {
            try JSONParser.parse(bytes)
        }
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONParser.parse(Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))).value == .array([.number(1)]))
    }

    @Test func recordsDuplicateKeysWithTheirPathKeepingTheFirstValue() throws {
        let document = try parse("{\"steps\": [{\"id\": \"a\",\n \"id\": \"b\"}]}")
        #expect(document.duplicateKeys == [JSONDuplicateKey(path: JSONPath([.key("steps"), .index(0), .key("id")]), line: 2, column: 2)])
        #expect(document.value["steps"]?.arrayValue?.first?["id"] == .string("a"))
    }

    @Test func findsDuplicatesInLargeObjectsToo() throws {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0"]
        let document = try parse("{" + members.joined(separator: ", ") + "}")
        #expect(document.duplicateKeys.map(\.path.description) == ["k7"])
    }

    @Test func strictParsingTreatsDuplicatesAsErrors() {
        #expect(throws: JSONSyntaxError(line: 1, column: 10, message: "duplicate key at a")) {
            try JSONValue(parsing: #"{"a": 1, "a": 2}"#)
        }
    }

    @Test func limitsNestingDepthInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(syntaxError(deep)?.message == "nesting deeper than \(JSONParser.maximumDepth) levels")
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(syntaxError(allowed) == nil)
    }
}
