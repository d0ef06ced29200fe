import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

/// The JSON Schema declares what the decoders read, from the decoders' own lists: every object's
/// fields, every choice, every generation parameter's rule, the defaults and the limits the code
/// names. Limits written inline in a decoder (`max_concurrent` up to 256) are held to the schema
/// by the corpus of `ManifestSchemaTests`, which tries each bound and one past it.
@Suite struct ManifestSchemaFieldTests {
    static let schema = (try? JSONValue(parsing: ManifestSchema.text)) ?? .null

    static let objects: [(String, [String])] = [
        ("", ManifestDecoder.fields),
        ("/$defs/provider", ProviderDecoder.fields),
        ("/$defs/retry", ProviderDecoder.retryFields),
        ("/$defs/capabilities", CapabilityDecoder.fields),
        ("/$defs/sizeRule", CapabilityDecoder.sizeRuleFields),
        ("/properties/defaults", StepSettings.fields),
        ("/$defs/step", StepDecoder.fields),
        ("/$defs/output", OutputDecoder.fields),
    ]

    @Test(arguments: objects)
    func eachObjectDeclaresTheFieldsItsDecoderReadsAndNoOthers(_ pointer: String, _ fields: [String]) throws {
        let object = try #require(Self.schema[pointer: pointer])
        #expect(object.declaredFields.sorted() == fields.sorted())
        #expect(object["additionalProperties"] == .bool(false), "the runner rejects unknown fields")
    }

    static let choices: [(String, [String])] = [
        ("/$defs/provider/properties/api", ProviderAPI.allCases.map(\.rawValue)),
        ("/$defs/provider/properties/edit_mode", ProviderConfig.EditMode.allCases.map(\.rawValue)),
        ("/$defs/step/properties/operation", Step.Operation.allCases.map(\.rawValue)),
        ("/$defs/output/properties/format", ImageFormat.allCases.map(\.rawValue)),
        ("/$defs/capabilities/properties/transparent_background_formats/items", ImageFormat.allCases.map(\.rawValue)),
        ("/$defs/capabilities/properties/params/items", GenerationParameter.knownNames.sorted()),
    ]

    @Test(arguments: choices)
    func eachChoiceListsWhatTheCodeAccepts(_ pointer: String, _ values: [String]) {
        #expect(Self.schema[pointer: pointer + "/enum"] == .array(values.map(JSONValue.string)))
    }

    /// `defaults` holds each parameter's rule; steps refer to it, as both are read by one
    /// initializer (`StepSettings`). A step's seed may also be a matrix template.
    @Test(arguments: GenerationParameter.all)
    func eachParameterFollowsItsKindInDefaultsAndSteps(_ parameter: GenerationParameter) throws {
        let kind = try #require(parameter.kind)
        let pointer = "/properties/defaults/properties/\(parameter.name)"
        let rule = try #require(Self.schema[pointer: pointer]?.objectMembers)
        let constraints = Dictionary(rule.filter { !["description", "default"].contains($0.key) }, uniquingKeysWith: { first, _ in first })
        #expect(constraints == Self.constraints(for: kind))
        let onSteps = Self.schema[pointer: "/$defs/step/properties/\(parameter.name)"]
        if parameter == .seed {
            #expect(onSteps?["type"] == .array([.string("integer"), .string("string")]))
        } else {
            #expect(onSteps == .object([("$ref", .string("#" + pointer))]))
        }
    }

    @Test func eachDefaultIsTheDecodersAndItsDescriptionSaysSo() {
        let provider = ProviderConfig(name: "any", api: .openai), retry = RetryPolicy()
        let defaults: [String: JSONValue] = [
            "/$defs/provider/properties/max_tasks_in_flight": .number(Double(provider.maxTasksInFlight)),
            "/$defs/provider/properties/timeout_s": .number(provider.timeoutSeconds),
            "/$defs/provider/properties/latency_ms": .number(Double(provider.latencyMilliseconds)),
            "/$defs/provider/properties/poll_interval_s": .number(provider.pollIntervalSeconds),
            "/$defs/provider/properties/edit_mode": .string(provider.editMode.rawValue),
            "/$defs/provider/properties/batch_discount": .number(provider.batchDiscount),
            "/$defs/retry/properties/max_attempts": .number(Double(retry.maxAttempts)),
            "/$defs/retry/properties/initial_backoff_s": .number(retry.initialBackoffSeconds),
            "/$defs/retry/properties/max_backoff_s": .number(retry.maxBackoffSeconds),
            "/properties/defaults/properties/n": GenerationParameter.n.defaultValue?.wireValue ?? .null,
        ]
        #expect(Set(Self.schema.pointers(withKeyword: "default")) == Set(defaults.keys))
        for (pointer, value) in defaults {
            #expect(Self.schema[pointer: pointer + "/default"] == value, "\(pointer)")
            let text = value.stringValue ?? value.numberValue.map(JSONValue.numberText) ?? ""
            #expect(Self.schema[pointer: pointer + "/description"]?.stringValue?.contains("default \(text)") == true, "\(pointer)")
        }
    }

    @Test func limitsTheCodeNamesAreTheSchemas() {
        let limits: [String: Int] = [
            "/$defs/capabilities/properties/max_n/maximum": StepSettings.maxImages,
            "/$defs/sizeRule/properties/multiple_of/maximum": PixelSize.maximumSide,
            "/$defs/sizeRule/properties/max_aspect_ratio/maximum": PixelSize.maximumSide,
            "/$defs/sizeRule/properties/max_side/maximum": PixelSize.maximumSide,
            "/$defs/sizeRule/properties/min_pixels/maximum": CapabilityDecoder.maxPixels,
            "/$defs/sizeRule/properties/max_pixels/maximum": CapabilityDecoder.maxPixels,
        ]
        for (pointer, limit) in limits {
            #expect(Self.schema[pointer: pointer] == .number(Double(limit)), "\(pointer)")
        }
    }

    /// How the schema states a parameter of `kind`, as `StepSettings.rule(for:)` reads it.
    private static func constraints(for kind: GenerationParameter.Kind) -> [String: JSONValue] {
        switch kind {
        case .text: ["type": .string("string")]
        case let .choice(choices): ["enum": .array(choices.map(JSONValue.string))]
        case let .integer(range):
            ["type": .string("integer")].merging(range.map { range in
                ["minimum": .number(Double(range.lowerBound)), "maximum": .number(Double(range.upperBound))]
            } ?? [:]) { first, _ in first }
        case .size: ["$ref": .string("#/$defs/sizeSetting")]
        case .aspectRatio: ["$ref": .string("#/$defs/aspectRatio")]
        }
    }
}
