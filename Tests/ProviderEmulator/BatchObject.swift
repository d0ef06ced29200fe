import AssetPipeBasics

/// The Batch object, as the reference documents it, field for field and in its order.
extension BatchRecord {
    var object: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id)), ("object", .string("batch")), ("endpoint", .string(request.endpoint)),
            ("model", model.map(JSONValue.string) ?? .null), ("errors", errorList),
            ("input_file_id", .string(request.inputFileID)), ("completion_window", .string(BatchCreation.completionWindow)),
            ("status", .string(status.rawValue)),
            ("output_file_id", outputFileID.map(JSONValue.string) ?? .null),
            ("error_file_id", errorFileID.map(JSONValue.string) ?? .null),
            ("created_at", Self.time(createdAt)),
        ]
        for status in BatchStatus.allCases {
            guard let field = status.timestampField else { continue }
            members.append((field, enteredAt[status].map(Self.time) ?? .null))
            if status == .inProgress { members.append(("expires_at", Self.time(createdAt + BatchCreation.windowSeconds))) }
        }
        members.append(("request_counts", .object([
            ("total", .number(Double(lines.count))), ("completed", .number(Double(completedCount))),
            ("failed", .number(Double(failedCount))),
        ])))
        members.append(("metadata", request.metadata))
        return .object(members)
    }

    private var errorList: JSONValue {
        guard !errors.isEmpty else { return .null }
        return .object([("object", .string("list")), ("data", .array(errors.map(\.object)))])
    }

    private static func time(_ seconds: Int) -> JSONValue { .number(Double(seconds)) }
}
