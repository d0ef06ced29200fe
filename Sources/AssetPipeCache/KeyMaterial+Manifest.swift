import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// Content hashes of local input files, each read once per plan.
package struct FileHashMemo {
    private var known: [String: String] = [:]

    package init() {}

    mutating func hash(_ path: String) -> String? {
        if let hash = known[path] { return hash }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return nil }
        let hash = SHA256.hex(data)
        known[path] = hash
        return hash
    }
}

extension Manifest {
    /// The key material when every input's content is known: upstream images from their
    /// records, local files by their bytes.
    package func keyMaterial(for step: Step, upstream: [String: GenerationRecord], files: inout FileHashMemo) -> KeyMaterial? {
        var hashes: [InputRef: String] = [:]
        for input in step.inputs.all {
            switch input {
            case let .step(id, index):
                guard let images = upstream[id]?.images, index < images.count else { return nil }
                hashes[input] = images[index].sha256
            case let .file(path):
                guard let hash = files.hash(path) else { return nil }
                hashes[input] = hash
            case .url:
                break
            }
        }
        guard let provider = provider(named: step.model.provider) else { return nil }
        return try? KeyMaterial(step: step, provider: provider, inputHashes: hashes)
    }
}
