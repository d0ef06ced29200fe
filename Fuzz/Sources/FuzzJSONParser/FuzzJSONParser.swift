import Foundation
import AssetPipeBasics

/// One input: parsed both ways the library parses (duplicates collected, and strict), and a
/// parsed document serialized and parsed again, which must give the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = JSONParser.positions(in: data)
    guard let document = try? JSONParser.parse(data) else { return 0 }
    _ = try? JSONValue(parsing: data)
    let reparsed = try? JSONValue(parsing: document.value.serialized())
    precondition(reparsed == document.value, "a serialized document does not parse back to itself")
    return 0
}
