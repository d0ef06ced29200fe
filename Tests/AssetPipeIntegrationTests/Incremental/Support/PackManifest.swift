@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator
/// A manifest written in code, so a test can change one prompt or one output and write it again.
///
/// Images are 32x32 (the `local` renderer is slow in debug builds); every step runs on `model`,
/// which is `local:studio` or the paid-looking `paid:test-model` (an OpenAI-style entry that the
/// tests answer with the local renderer, see `RequestCounter`).
struct PackManifest {
    struct StepSpec {
        var id: String
        var prompt: String
        /// `"@upstream"` for an edit.
        var image: String?
        /// Each output object as JSON text.
        var outputs: [String]
    }

    static let paidModel = "paid:test-model"

    var steps: [StepSpec]
    var model = "local:studio"
    var latencyMilliseconds = 0
    /// Extra top-level members as JSON text, such as `"max_cost": 2.5`.
    var topLevel: [String] = []

    subscript(id: String) -> StepSpec {
        get { steps.first { $0.id == id } ?? StepSpec(id: id, prompt: "", outputs: []) }
        set {
            guard let index = steps.firstIndex(where: { $0.id == id }) else { return }
            steps[index] = newValue
        }
    }

    /// `base → mid → top` (each an edit of the one before) and an independent `other`, five
    /// output files in three formats.
    static var standard: PackManifest {
        PackManifest(steps: [
            StepSpec(id: "base", prompt: "a lighthouse on a cliff",
                     outputs: [#"{ "path": "base.png" }"#, #"{ "path": "thumbs/base.webp", "quality": 80, "resize": "16x16" }"#]),
            StepSpec(id: "mid", prompt: "the lighthouse at night", image: "@base", outputs: [#"{ "path": "mid.jpg", "quality": 85 }"#]),
            StepSpec(id: "top", prompt: "the night scene in snow", image: "@mid", outputs: [#"{ "path": "top.png" }"#]),
            StepSpec(id: "other", prompt: "a fishing boat", outputs: [#"{ "path": "other.png" }"#]),
        ])
    }

    /// `standard` on the paid model, priced at `perImage` USD.
    static func paid(perImage: Double?) -> PackManifest {
        var manifest = standard
        manifest.model = paidModel
        if let perImage { manifest.topLevel.append(#""prices": { "\#(paidModel)": { "high": \#(perImage) } }"#) }
        return manifest
    }

    var stepIDs: Set<String> { Set(steps.map(\.id)) }

    var json: String {
        let stepsJSON = steps.map { step in
            let image = step.image.map { #", "image": "\#($0)""# } ?? ""
            return #"    { "id": "\#(step.id)", "prompt": "\#(step.prompt)"\#(image), "outputs": [ \#(step.outputs.joined(separator: ", ")) ] }"#
        }
        let members = [
            #""version": 1"#, #""output_dir": "out""#,
            #""providers": { "local": { "api": "local", "latency_ms": \#(latencyMilliseconds) }, "paid": { "api": "openai", "base_url": "https://example.invalid/v1" } }"#,
            #""defaults": { "model": "\#(model)", "size": "32x32", "quality": "high" }"#,
        ] + topLevel + ["\"steps\": [\n" + stepsJSON.joined(separator: ",\n") + "\n  ]"]
        return "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
    }
}
