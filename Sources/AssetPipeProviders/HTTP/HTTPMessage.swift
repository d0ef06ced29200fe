import Foundation

/// Header fields in the order they were set, looked up case-insensitively.
///
/// HTTP field names are case-insensitive and proxies change their case (`Retry-After` arrives as
/// `retry-after` through many gateways), so every lookup ignores case.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public private(set) var fields: [Field] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { self[name] = value }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name`; setting replaces every field of that name (nil removes them).
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }
        set {
            let matches = { (field: Field) in field.name.caseInsensitiveCompare(name) == .orderedSame }
            // Every match sits at or after the first one, so its index stays valid after removal.
            let position = fields.firstIndex(where: matches) ?? fields.count
            fields.removeAll(where: matches)
            guard let newValue else { return }
            fields.insert(Field(name: name, value: newValue), at: position)
        }
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

/// One HTTP request as the providers build it, independent of the transport that sends it.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data
    /// How long the connection may stay silent. Only a guard against dead sockets: deadlines are
    /// enforced above the transport with the run clock (URLSession truncates this to whole
    /// seconds and treats it as an idle timeout, not a deadline).
    public var idleTimeout: Duration?
    /// The largest answer body accepted, in bytes (after any `Content-Encoding` is undone). A
    /// transport refuses the answer as soon as its declared length or the bytes received pass
    /// it, so one request never holds more than this however large or endless the body.
    public var maxResponseBytes: Int

    public init(method: String, url: URL, headers: HTTPHeaders = [:], body: Data = Data(), idleTimeout: Duration? = nil,
                maxResponseBytes: Int = ProviderHTTPClient.defaultMaxResponseBytes) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idleTimeout = idleTimeout
        self.maxResponseBytes = maxResponseBytes
    }
}

/// A complete HTTP answer: the status, the headers and the whole body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}
