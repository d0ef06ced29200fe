import AssetPipeBasics
/// Reads one entry of a step's `outputs`.
struct OutputDecoder {
    static let fields = ["path", "format", "quality", "lossless", "compression", "resize", "matte"]

    /// An output and the files it writes, relative to the output folder and normalized, so that
    /// `a/./b.png` and `a/b.png` are recognised as the same file.
    struct Decoded {
        let spec: OutputSpec
        let files: [String]
        let path: JSONPath
    }

    /// The step's `n`, or nil when `n` itself is invalid.
    let imageCount: Int?

    var rule: ValueRule<Decoded> {
        ValueRule<Decoded>(expectation: "an output object with a \"path\"", read: decode)
    }

    func decode(_ value: JSONValue, at path: JSONPath, _ diagnostics: inout DiagnosticCollector) -> Decoded? {
        guard var reader = ObjectReader(value, at: path, knownFields: Self.fields, diagnostics: &diagnostics) else { return nil }
        let errorsBefore = diagnostics.diagnostics.count
        let template = reader.require("path", pathRule, &diagnostics)
        let format = reader.read("format", .imageFormat, &diagnostics)
            ?? (reader.contains("format") ? nil : inferFormat(from: template, reader, &diagnostics))
        // Placeholders stand in for invalid fields only until the guard below discards the spec.
        var spec = OutputSpec(path: template ?? "", format: format ?? .png)
        reader.assign("quality", .integer(from: 0, to: 100), to: \.quality, of: &spec, &diagnostics)
        reader.assign("lossless", .bool, to: \.lossless, of: &spec, &diagnostics)
        reader.assign("compression", .integer(from: 0, to: 9), to: \.compression, of: &spec, &diagnostics)
        reader.assign("resize", .pixelSize, to: \.resize, of: &spec, &diagnostics)
        reader.assign("matte", .hexColor, to: \.matte, of: &spec, &diagnostics)
        if let format { checkSettings(spec, apply: format, reader, &diagnostics) }
        guard template != nil, format != nil, diagnostics.diagnostics.count == errorsBefore else { return nil }
        let files = Set((0..<(imageCount ?? 1)).map { spec.path(forIndex: $0) })
        return Decoded(spec: spec, files: files.sorted(), path: path.appending("path"))
    }

    /// The extension decides when `format` is absent: `.png`, `.jpg`/`.jpeg`, `.webp`.
    private func inferFormat(from template: String?, _ reader: ObjectReader, _ diagnostics: inout DiagnosticCollector) -> ImageFormat? {
        guard let template else { return nil }
        let name = template.utf8.lastIndex(of: UInt8(ascii: "/")).map { template[template.index(after: $0)...] } ?? template[...]
        let pathExtension = name.utf8.lastIndex(of: UInt8(ascii: ".")).map { String(name[name.index(after: $0)...]) } ?? ""
        if let format = ImageFormat(fileExtension: pathExtension) { return format }
        diagnostics.report(reader.path.appending("format"),
                           "cannot tell the format of \(JSONValue.quoted(template)) from its extension; add \"format\": \"png\", \"jpeg\" or \"webp\", or end the path with .png, .jpg, .jpeg or .webp")
        return nil
    }

    /// Each encoder setting belongs to one format; a setting the format ignores is almost
    /// always a mistake about which file gets which quality.
    private func checkSettings(_ spec: OutputSpec, apply format: ImageFormat, _ reader: ObjectReader,
                               _ diagnostics: inout DiagnosticCollector) {
        func report(_ key: String, _ message: String) { diagnostics.report(reader.path.appending(key), message) }
        // A value that failed its own rule is already reported; one message per field is enough.
        func isSet(_ key: String) -> Bool { reader.contains(key) && !reader.rejectedKeys.contains(key) }
        if isSet("quality") {
            switch format {
            case .png: report("quality", "\"quality\" does not apply to png, which is lossless; use \"compression\" (0 to 9) for png")
            case .webp where spec.lossless: report("quality", "\"quality\" cannot be combined with \"lossless\": true; lossless webp has no quality setting")
            case .jpeg, .webp: break
            }
        }
        if isSet("lossless"), format != .webp {
            report("lossless", "\"lossless\" applies only to webp, this output is \(format.rawValue)")
        }
        if isSet("compression"), format != .png {
            report("compression", "\"compression\" applies only to png, this output is \(format.rawValue); use \"quality\" (0 to 100)")
        }
    }

    /// The path template: relative, inside the output folder, with `{index}` when the step makes
    /// several images. Returned normalized.
    private var pathRule: ValueRule<String> {
        ValueRule<String>.nonEmptyString.then("a relative file path") { [imageCount] text in
            if text.hasPrefix("/") || text.hasPrefix("~") {
                return .failure(Rejection("output paths are relative to the output folder, found the absolute path \(JSONValue.quoted(text))"))
            }
            if let placeholder = Self.unknownPlaceholder(in: text) {
                return .failure(Rejection("unknown placeholder \(JSONValue.quoted(placeholder)) in \(JSONValue.quoted(text)); the only placeholder is \"{index}\""))
            }
            guard let normalized = Self.normalize(text) else {
                return .failure(Rejection("\(JSONValue.quoted(text)) escapes the output folder through '..'"))
            }
            guard !normalized.isEmpty, !text.hasSuffix("/") else {
                return .failure(Rejection("expected a file path, found \(JSONValue.quoted(text)), which names a folder"))
            }
            if let count = imageCount, count > 1, normalized.firstRange(of: "{index}") == nil {
                return .failure(Rejection("the step makes \(count) images (n = \(count)), so the path must contain {index} to give each its own file; found \(JSONValue.quoted(text))"))
            }
            return .success(normalized)
        }
    }

    /// Collapses `.`, `..` and repeated slashes; nil when `..` climbs above the start. `{index}`
    /// expands to digits only, so checking the template covers every expansion.
    static func normalize(_ path: String) -> String? {
        if isNormalized(path) { return path }
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component == ".." {
                guard components.popLast() != nil else { return nil }
            } else {
                components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// The common case, checked without splitting: no `.` or empty components, no leading or
    /// trailing slash.
    private static func isNormalized(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        var componentStart = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/"), previous == UInt8(ascii: "/") { return false }
            if componentStart, byte == UInt8(ascii: ".") { return false }
            componentStart = byte == UInt8(ascii: "/")
            previous = byte
        }
        return previous != UInt8(ascii: "/")
    }

    private static func unknownPlaceholder(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return String(rest[open...]) }
            let placeholder = rest[open...close]
            if placeholder != "{index}" { return String(placeholder) }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }
}
