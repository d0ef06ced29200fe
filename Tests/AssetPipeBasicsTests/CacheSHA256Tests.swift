import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeTestSupport

@Suite struct CacheSHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func matchesTheFIPSTestVectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test func givesTheSameDigestWhateverTheChunking() {
        let data = Data((0..<1_000).map { UInt8($0 % 251) })
        var chunked = SHA256()
        for start in stride(from: 0, to: data.count, by: 37) { chunked.update(data[start..<min(start + 37, data.count)]) }
        #expect(chunked.finalize().hexString == SHA256.hex(data))
        #expect(SHA256.hex(Data(repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

extension CacheSHA256Tests {
    @Test func stringsAndRawBytesHashLikeTheirUTF8Data() {
        let text = String(repeating: "héllo wörld ", count: 20)
        var byParts = SHA256()
        byParts.update(String(text.prefix(7)))
        Data(text.dropFirst(7).utf8).withUnsafeBytes { byParts.update(bytes: $0) }
        #expect(SHA256.hex(text) == SHA256.hex(Data(text.utf8)))
        #expect(byParts.finalize().hexString == SHA256.hex(text))
    }
}
