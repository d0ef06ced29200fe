import Foundation
import AssetPipeBasics

/// A request body decoded once, by its Content-Type, for the routes, the fault matchers and the
/// log alike.
enum RequestBody: Sendable {
    case empty
    case json(JSONValue)
    case multipart([MultipartPart])
    case unparseable(Data, contentType: String?, reason: String)
    case other(Data, contentType: String?)

    init(_ request: IncomingRequest) {
        let contentType = request.header("Content-Type")
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard !request.body.isEmpty else {
            self = .empty
            return
        }
        switch mediaType {
        case "application/json":
            do {
                self = .json(try JSONValue(parsing: request.body))
            } catch {
                self = .unparseable(request.body, contentType: contentType, reason: "invalid JSON at \(error)")
            }
        case "multipart/form-data":
            guard let boundary = contentType.flatMap(MultipartParser.boundary(fromContentType:)) else {
                self = .unparseable(request.body, contentType: contentType, reason: "multipart body without a boundary")
                return
            }
            do {
                self = .multipart(try MultipartParser.parse(request.body, boundary: boundary))
            } catch {
                self = .unparseable(request.body, contentType: contentType, reason: error.reason)
            }
        default:
            self = .other(request.body, contentType: contentType)
        }
    }

    /// A form field (not a file part) of a multipart body.
    func field(_ name: String) -> String? {
        guard case let .multipart(parts) = self,
              let part = parts.first(where: { $0.name == name && $0.filename == nil }) else { return nil }
        return String(decoding: part.data, as: UTF8.self)
    }

    var model: String? {
        switch self {
        case let .json(value): JSONFields(value: value).string("model")
        case .multipart: field("model")
        default: nil
        }
    }

    var prompt: String? {
        switch self {
        case let .json(value): JSONFields(value: value).string("prompt")
        case .multipart: field("prompt")
        default: nil
        }
    }

    func recorded(keepingBytes: Bool) -> RecordedBody {
        switch self {
        case .empty:
            return .empty
        case let .json(value):
            return .json(value)
        case let .multipart(parts):
            var fields: [String: String] = [:]
            var files: [RecordedFile] = []
            for part in parts {
                if part.filename == nil {
                    fields[part.name] = String(decoding: part.data, as: UTF8.self)
                } else {
                    files.append(RecordedFile(part, keepingBytes: keepingBytes))
                }
            }
            return .multipart(fields: fields, files: files)
        case let .unparseable(data, contentType, _), let .other(data, contentType):
            return .raw(data, contentType: contentType)
        }
    }
}

extension RecordedFile {
    init(_ part: MultipartPart, keepingBytes: Bool) {
        self.init(fieldName: part.name, filename: part.filename, contentType: part.contentType,
                  byteCount: part.data.count, sha256: SHA256.hex(part.data), bytes: keepingBytes ? part.data : nil)
    }
}
