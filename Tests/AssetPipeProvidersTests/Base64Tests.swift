import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct Base64Tests {
        private func decode(_ text: String) -> Data? { Base64.decode(text) }

        @Test func decodesWhatFoundationEncodesAtEveryPaddingLength() {
            var generator = SystemRandomNumberGenerator()
            for length in 0..<70 {
                let bytes = Data((0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
                #expect(decode(bytes.base64EncodedString()) == bytes, "length \(length)")
            }
            let everyByte = Data((0...255).map { UInt8($0) })
            #expect(decode(everyByte.base64EncodedString()) == everyByte)
        }

        @Test(arguments: ["A", "AB", "ABC", "ABCDE", "AB=C", "A===", "====", "AB==AB==", "ABC=ABCD", "AB C", "AB\nCD==",
                          "AB-_", "ABC\\", "!!not*base64@@%", "ABCD\u{0}BCD", "ÀBCD"])
        func rejectsWhatIsNotPaddedStandardBase64(text: String) {
            #expect(decode(text) == nil)
        }

        @Test func decodesStraightFromBytesAndSubstrings() {
            let bytes = Data("an image".utf8)
            let text = "data:image/png;base64," + bytes.base64EncodedString()
            #expect(Base64.decode(text[text.index(after: text.firstIndex(of: ",") ?? text.startIndex)...]) == bytes)
            let raw = Data(bytes.base64EncodedString().utf8)
            #expect(raw.withUnsafeBytes { Base64.decode($0) } == bytes)
            #expect(decode("") == Data())
        }
    }
}
