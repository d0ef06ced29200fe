import Foundation

/// One provider answer as the cache keeps it until its step's result is stored: a line of JSON
/// saying whose answer it is, then the body byte for byte. One file, so one atomic write and one
/// fsync make it durable: the answer's loss window is that write.
public struct RecordedAnswerFile: Sendable, Equatable {
    public struct Header: Codable, Sendable, Equatable {
        /// The provider's name in the manifest and the model asked (`provider:model`).
        public var model: String
        public var status: Int
        public var receivedAt: String

        public init(model: String, status: Int, receivedAt: String) {
            self.model = model
            self.status = status
            self.receivedAt = receivedAt
        }
    }

    public var header: Header
    public var body: Data

    public init(header: Header, body: Data) {
        self.header = header
        self.body = body
    }

    var encoded: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A Codable of strings and an integer always encodes.
        var data = (try? encoder.encode(header)) ?? Data("{}".utf8)
        data.append(UInt8(ascii: "\n"))
        data.append(body)
        return data
    }

    /// nil when `data` is not such a file (a header that does not decode).
    init?(decoding data: Data) {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")),
              let header = try? JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]) else { return nil }
        self.init(header: header, body: Data(data[data.index(after: newline)...]))
    }
}
