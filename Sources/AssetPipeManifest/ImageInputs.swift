/// A step's image inputs by role: the images to edit, the mask, the images to take style or
/// content from. One shape for references as a manifest writes them (`InputRef`) and for the
/// images a request carries once they are resolved.
public struct ImageInputs<Image: Sendable & Hashable>: Sendable, Hashable {
    public var images: [Image]
    public var mask: Image?
    public var referenceImages: [Image]

    public init(images: [Image] = [], mask: Image? = nil, referenceImages: [Image] = []) {
        self.images = images
        self.mask = mask
        self.referenceImages = referenceImages
    }

    /// Every input in a fixed order: images, then mask, then reference images.
    public var all: [Image] { images + (mask.map { [$0] } ?? []) + referenceImages }

    public var isEmpty: Bool { images.isEmpty && mask == nil && referenceImages.isEmpty }

    /// The same roles, each input transformed (resolved, hashed).
    public func map<Other, Failure: Error>(_ transform: (Image) throws(Failure) -> Other) throws(Failure) -> ImageInputs<Other> {
        var images: [Other] = []
        for image in self.images { images.append(try transform(image)) }
        var references: [Other] = []
        for image in referenceImages { references.append(try transform(image)) }
        return ImageInputs<Other>(images: images, mask: try mask.map { image throws(Failure) in try transform(image) },
                                  referenceImages: references)
    }
}
