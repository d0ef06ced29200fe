import Foundation
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

/// What the JSON Schema says about each manifest of `SchemaCorpus.all`, as Python's jsonschema
/// (Draft202012Validator) judges it against `ManifestSchema.text`: an independent implementation
/// of the draft, as editors use. `Tests/SchemaCorpus/validate.py` validates every file in one
/// process, once per test run.
enum SchemaValidator {
    /// One complaint of the schema, where it was made.
    struct Violation: CustomStringConvertible {
        let path: JSONPath
        let message: String

        var description: String { path.components.isEmpty ? message : "\(path): \(message)" }
    }

    /// Why there is no verdict: the validator could not run, or failed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The violations of a file of `SchemaCorpus.all`, by the path it was given as.
    static func violations(of file: String) throws(Failure) -> [Violation] {
        let verdicts = try verdicts.get()
        guard let violations = verdicts[file] else { throw Failure(description: "\(file) was not validated") }
        return violations
    }

    private static let verdicts: Result<[String: [Violation]], Failure> = Result { () throws(Failure) in
        try validate(SchemaCorpus.all)
    }

    private static func validate(_ files: [String]) throws(Failure) -> [String: [Violation]] {
        let output = try runScript(arguments: files.map { SchemaCorpus.url($0).path })
        let document: JSONValue
        do {
            document = try JSONValue(parsing: output)
        } catch {
            throw Failure(description: "validate.py printed something other than JSON: \(error)")
        }
        var verdicts: [String: [Violation]] = [:]
        for (file, result) in zip(files, document["files"]?.arrayValue ?? []) {
            verdicts[file] = (result["errors"]?.arrayValue ?? []).map { error in
                Violation(path: JSONPath(error["path"]?.arrayValue?.map(component) ?? []),
                          message: error["message"]?.stringValue ?? "")
            }
        }
        guard verdicts.count == files.count else { throw Failure(description: "validate.py judged \(verdicts.count) of \(files.count) files") }
        return verdicts
    }

    private static func component(_ value: JSONValue) -> JSONPath.Component {
        value.numberValue.map { .index(Int($0)) } ?? .key(value.stringValue ?? "")
    }

    /// Runs validate.py with the schema on stdin and returns what it printed. Files, not pipes,
    /// hold its streams: a report larger than a pipe's buffer cannot stall it.
    private static func runScript(arguments: [String]) throws(Failure) -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("assetpipe-schema-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let schema = scratch.appendingPathComponent("schema.json"), output = scratch.appendingPathComponent("stdout")
        let errors = scratch.appendingPathComponent("stderr")
        let process = Process()
        var streams: [FileHandle] = []
        defer { streams.forEach { try? $0.close() } }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try Data(ManifestSchema.text.utf8).write(to: schema)
            for file in [output, errors] { try Data().write(to: file) }
            streams = [try FileHandle(forReadingFrom: schema), try FileHandle(forWritingTo: output), try FileHandle(forWritingTo: errors)]
            (process.executableURL, process.arguments) = python(running: SchemaCorpus.folder.appendingPathComponent("validate.py").path, arguments)
            (process.standardInput, process.standardOutput, process.standardError) = (streams[0], streams[1], streams[2])
            try process.run()
        } catch {
            throw Failure(description: "cannot run python3 (the schema spec needs python3 and python3-jsonschema): \(error)")
        }
        process.waitUntilExit()
        let printed = (try? Data(contentsOf: output)) ?? Data()
        guard process.terminationStatus == 0 else {
            let complaint = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
            throw Failure(description: "validate.py exited with \(process.terminationStatus): \(complaint)")
        }
        return printed
    }

    /// Debian's `/usr/bin/python3`, where `apt-get install python3-jsonschema` puts the module;
    /// otherwise whichever `python3` is first on PATH.
    private static func python(running script: String, _ arguments: [String]) -> (URL, [String]) {
        let system = "/usr/bin/python3"
        if FileManager.default.isExecutableFile(atPath: system) { return (URL(fileURLWithPath: system), [script] + arguments) }
        return (URL(fileURLWithPath: "/usr/bin/env"), ["python3", script] + arguments)
    }
}
