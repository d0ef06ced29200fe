import Foundation

/// A step's inputs turned into what providers consume: upstream images as the exact bytes the
/// upstream step received, local files read and checked, URLs passed through.
struct ResolvedInputs: Sendable {
    var images: [InputImage] = []
    var mask: InputImage?
    var referenceImages: [InputImage] = []

    /// Every input as encoded images, for content hashing and for the `local` provider.
    var all: [InputImage] { images + (mask.map { [$0] } ?? []) + referenceImages }

    /// Resolves `step`'s inputs. `upstream` holds the images of every finished step it uses.
    init(step: Step, upstream: [String: [EncodedImage]]) throws(StepInputError) {
        func resolve(_ ref: InputRef) throws(StepInputError) -> InputImage {
            switch ref {
            case let .step(id, index):
                guard let images = upstream[id], index < images.count else {
                    throw StepInputError(message: "input \(ref) is not available (step '\(id)' produced no image #\(index))")
                }
                return .encoded(images[index])
            case let .url(url):
                return .url(url)
            case let .file(path):
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: path))
                } catch {
                    throw StepInputError(message: "cannot read input image \(path): \(error.localizedDescription)")
                }
                do {
                    return .encoded(try EncodedImage(validating: data))
                } catch {
                    throw StepInputError(message: "input image \(path) is not a usable image: \(error.message)")
                }
            }
        }
        for ref in step.images { images.append(try resolve(ref)) }
        mask = try step.mask.map { ref throws(StepInputError) in try resolve(ref) }
        for ref in step.referenceImages { referenceImages.append(try resolve(ref)) }
    }
}

/// An input that cannot be handed to a provider.
struct StepInputError: Error, Sendable {
    var message: String
}
