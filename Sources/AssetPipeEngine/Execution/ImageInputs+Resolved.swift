import Foundation
import AssetPipeManifest
import AssetPipeImaging
import AssetPipeProviders

extension ImageInputs where Image == InputRef {
    /// The inputs turned into what providers consume: upstream images as the exact bytes the
    /// upstream step received, local files read and checked, URLs passed through. `upstream`
    /// holds the images of every finished step the inputs use.
    func resolved(upstream: [String: [EncodedImage]]) throws(StepInputError) -> ImageInputs<InputImage> {
        try map { ref throws(StepInputError) in
            switch ref {
            case let .step(id, index):
                guard let images = upstream[id], index < images.count else {
                    throw StepInputError(message: "input \(ref) is not available (step '\(id)' produced no image #\(index))")
                }
                return .encoded(images[index])
            case let .url(url):
                return .url(url)
            case let .file(path):
                return .encoded(try Self.readImage(at: path))
            }
        }
    }

    private static func readImage(at path: String) throws(StepInputError) -> EncodedImage {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StepInputError(message: "cannot read input image \(path): \(error.localizedDescription)")
        }
        do {
            return try EncodedImage(validating: data)
        } catch {
            throw StepInputError(message: "input image \(path) is not a usable image: \(error.message)")
        }
    }
}

/// An input that cannot be handed to a provider.
struct StepInputError: Error, Sendable {
    var message: String
}
