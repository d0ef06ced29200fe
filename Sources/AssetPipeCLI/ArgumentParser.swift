import AssetPipeManifest
/// Parses `assetpipe COMMAND [OPTIONS] MANIFEST`. Options may come before or after the manifest;
/// `--name value` and `--name=value` are both accepted.
public enum ArgumentParser {
    /// Which options each command takes: anything else is a usage error, not silently ignored.
    static let options: [Invocation.Command: Set<String>] = [
        .run: ["--output-dir", "--jobs", "--only", "--fail-fast", "--quiet", "--verbose", "--cache-dir", "--force", "--max-cost", "--report",
               "--junit", "--gallery", "--events", "--no-progress", "--batch", "--no-wait", "--batch-retry"],
        .validate: ["--quiet", "--verbose"],
        .plan: ["--output-dir", "--only", "--quiet", "--verbose", "--cache-dir", "--json", "--check", "--max-cost", "--batch"],
        .clean: ["--cache-dir", "--dry-run", "--quiet", "--verbose"],
        .models: ["--json", "--quiet", "--verbose"],
        .gallery: ["--quiet", "--verbose"],
        .batches: ["--cache-dir", "--cancel", "--quiet", "--verbose"],
    ]
    private static let valued: Set<String> = ["--output-dir", "--jobs", "--only", "--cache-dir", "--max-cost", "--report", "--junit",
                                              "--gallery", "--events", "--batch-retry"]
    /// The command that takes no manifest (an action, like `--version`).
    private static let schemaCommand = "schema"

    public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        guard let first = arguments.first else { return Invocation(action: .help(nil)) }
        switch first {
        case "-h", "--help": return Invocation(action: .help(nil))
        case "-V", "--version": return Invocation(action: .version)
        case "help":
            guard arguments.count > 1 else { return Invocation(action: .help(nil)) }
            return Invocation(action: .help(try helpTopic(named: arguments[1])))
        case schemaCommand:
            return try parseSchema(arguments.dropFirst())
        default: break
        }
        let command = try command(named: first)
        var invocation = Invocation(action: .execute(command))
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("-") else {
                try takePositional(argument, of: command, into: &invocation)
                continue
            }
            if argument == "-h" || argument == "--help" { return Invocation(action: .help(.command(command))) }
            let (name, inlineValue) = split(argument)
            let allowed = options[command] ?? []
            guard allowed.contains(name) else {
                let hint = DidYouMean.hint(for: name, among: allowed)
                throw UsageError(message: "unknown option '\(name)' for '\(command.rawValue)'\(hint)")
            }
            var value: String?
            if name == "--force" {
                value = inlineValue ?? takeForceList(&rest, manifestSeen: invocation.manifestPath != nil)
            } else if name == "--batch" {
                // `--batch` alone, or `--batch=roots`: a following word is the manifest.
                value = inlineValue
            } else if valued.contains(name) {
                guard let given = inlineValue ?? rest.popFirst() else { throw UsageError(message: "\(name) needs a value") }
                value = given
            } else if inlineValue != nil {
                throw UsageError(message: "\(name) takes no value")
            }
            try apply(name, value: value, to: &invocation)
        }
        if command == .gallery, invocation.reportPath == nil {
            throw UsageError(message: "missing report: \(galleryUsage)")
        } else if command != .gallery, invocation.manifestPath == nil {
            throw UsageError(message: "missing manifest: usage: assetpipe \(command.rawValue) MANIFEST")
        }
        return invocation
    }

    private static let galleryUsage = "usage: assetpipe gallery REPORT.json [DIR]"

    /// The manifest, then — for `models` only — the one provider to ask; for `gallery`, the
    /// report and then, optionally, the gallery's folder.
    private static func takePositional(_ argument: String, of command: Invocation.Command,
                                       into invocation: inout Invocation) throws(UsageError) {
        if command == .gallery {
            if invocation.reportPath == nil {
                invocation.reportPath = argument
            } else if invocation.galleryDirectory == nil {
                invocation.galleryDirectory = argument
            } else {
                throw UsageError(message: "unexpected argument '\(argument)': \(galleryUsage)")
            }
        } else if invocation.manifestPath == nil {
            invocation.manifestPath = argument
        } else if command == .models, invocation.providerName == nil {
            invocation.providerName = argument
        } else {
            let takes = command == .models ? "a manifest and a provider" : "one manifest"
            throw UsageError(message: "unexpected argument '\(argument)': \(command.rawValue) takes \(takes)")
        }
    }

    /// `schema` prints and takes nothing but `--help`.
    private static func parseSchema(_ rest: ArraySlice<String>) throws(UsageError) -> Invocation {
        guard let argument = rest.first else { return Invocation(action: .schema) }
        if argument == "-h" || argument == "--help" { return Invocation(action: .help(.schema)) }
        throw UsageError(message: "unexpected argument '\(argument)': \(schemaCommand) takes no arguments; usage: assetpipe \(schemaCommand) > manifest.schema.json")
    }

    private static func helpTopic(named name: String) throws(UsageError) -> Invocation.HelpTopic {
        if name == schemaCommand { return .schema }
        return .command(try command(named: name))
    }

    private static func apply(_ name: String, value: String?, to invocation: inout Invocation) throws(UsageError) {
        switch name {
        case "--output-dir": invocation.outputDirectory = value
        case "--jobs":
            guard let jobs = value.flatMap({ Int($0) }), jobs > 0 else {
                throw UsageError(message: "--jobs needs a positive integer, found '\(value ?? "")'")
            }
            invocation.jobs = jobs
        case "--only":
            let ids = ids(value)
            guard !ids.isEmpty else { throw UsageError(message: "--only needs one or more step ids, separated by commas") }
            invocation.only = (invocation.only ?? []) + ids
        case "--fail-fast": invocation.failFast = true
        case "--cache-dir": invocation.cacheDirectory = value
        case "--force":
            let ids = ids(value)
            invocation.force = ids.isEmpty ? .all : .steps(Set(ids))
        case "--max-cost":
            guard let limit = value.flatMap({ Double($0) }), limit >= 0 else {
                throw UsageError(message: "--max-cost needs an amount in USD, such as 5 or 12.50, found '\(value ?? "")'")
            }
            invocation.maxCost = limit
        case "--report": invocation.reportPath = value
        case "--junit": invocation.junitPath = value
        case "--gallery": invocation.galleryDirectory = value
        case "--events": invocation.eventsPath = value
        case "--no-progress": invocation.noProgress = true
        case "--batch":
            switch value {
            case nil, "all": invocation.batch.mode = .all
            case "roots": invocation.batch.mode = .roots
            default: throw UsageError(message: "--batch takes no value or =roots, found '\(value ?? "")'")
            }
        case "--no-wait": invocation.batch.wait = false
        case "--batch-retry":
            switch value {
            case "sync": invocation.batch.retrySynchronously = true
            case "batch": invocation.batch.retrySynchronously = false
            default: throw UsageError(message: "--batch-retry takes sync or batch, found '\(value ?? "")'")
            }
        case "--cancel": invocation.cancel = true
        case "--json": invocation.json = true
        case "--check": invocation.check = true
        case "--dry-run": invocation.dryRun = true
        case "--quiet": invocation.verbosity = .quiet
        case "--verbose": invocation.verbosity = .verbose
        default: break
        }
    }

    private static func ids(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// `--force` takes step ids only when they follow it directly and cannot be the manifest:
    /// `run pack.json --force hero,icons` or `run --force=hero pack.json`; a bare `--force`
    /// forces everything.
    private static func takeForceList(_ rest: inout ArraySlice<String>, manifestSeen: Bool) -> String? {
        guard let next = rest.first, !next.hasPrefix("-"), manifestSeen || !next.hasSuffix(".json") else { return nil }
        return rest.popFirst()
    }

    private static func command(named name: String) throws(UsageError) -> Invocation.Command {
        if let command = Invocation.Command(rawValue: name) { return command }
        let hint = DidYouMean.hint(for: name, among: Invocation.Command.allCases.map(\.rawValue) + [schemaCommand])
        throw UsageError(message: "unknown command '\(name)'\(hint); see 'assetpipe --help'")
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
