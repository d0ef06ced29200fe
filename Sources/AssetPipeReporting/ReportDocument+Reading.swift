import Foundation

extension ReportDocument {
    /// The report in `url`, for commands that read reports other runs wrote (the gallery). A
    /// file that is missing, not JSON or not a report is refused with a reason naming the
    /// field, not a decoder's dump. Blocking: a file read.
    public static func read(from url: URL, displayPath: String) throws(ReportReadError) -> ReportDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw ReportReadError(path: displayPath, problem: exists ? "cannot read: \(error.localizedDescription)" : "no such file")
        }
        let document: ReportDocument
        do {
            document = try decode(data)
        } catch let error as DecodingError {
            throw ReportReadError(path: displayPath, problem: ReportReadError.explain(error))
        } catch {
            throw ReportReadError(path: displayPath, problem: "\(error)")
        }
        // A newer report may mean something else by a field this assetpipe reads.
        guard document.reportVersion <= currentVersion else {
            throw ReportReadError(path: displayPath, problem: "report_version \(document.reportVersion) is newer than this "
                                  + "assetpipe reads (\(currentVersion)); use the assetpipe that wrote it, or a newer one")
        }
        return document
    }
}

/// A report file that cannot be used, and why, in the report's own terms.
public struct ReportReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public var description: String { "\(path): \(problem)" }

    /// `missing field steps[2].status`, `steps[0].cost: expected a number`, `not JSON: …`.
    static func explain(_ error: DecodingError) -> String {
        let hint = " (is it a report written by assetpipe run --report?)"
        switch error {
        case let .keyNotFound(key, context):
            return "not a run report: missing field \(location(context.codingPath + [key]))" + hint
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "not a run report: \(location(context.codingPath)): expected \(describe(type))" + hint
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return "not JSON: \(context.debugDescription)"
        case let .dataCorrupted(context):
            return "not a run report: \(location(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "not a run report: \(error)"
        }
    }

    /// `steps[2].saved_cost`: the path as the JSON spells it.
    private static func location(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + snakeCase(key.stringValue)
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    private static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
        return result
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}
