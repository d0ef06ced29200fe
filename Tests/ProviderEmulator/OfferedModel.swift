/// One model an emulated account offers, as the model lists report it: Opper's
/// `GET /v3/images/models` with its capabilities, the OpenAI-compatible `GET /models` with the
/// id and owner only. Tests choose the lists (model lists change every few months), so a typo
/// check has something definite to miss.
public struct OfferedModel: Sendable, Equatable {
    public var id: String
    public var ownedBy: String
    /// Pixel sizes (`1024x1024`); empty for models sized by aspect ratio.
    public var sizes: [String]
    /// `W:H` ratios; empty for models sized in pixels.
    public var aspectRatios: [String]
    /// Edit / image-to-image: whether the model takes input images.
    public var supportsEdit: Bool

    public init(id: String, ownedBy: String = "system", sizes: [String] = [], aspectRatios: [String] = [],
                supportsEdit: Bool = false) {
        self.id = id
        self.ownedBy = ownedBy
        self.sizes = sizes
        self.aspectRatios = aspectRatios
        self.supportsEdit = supportsEdit
    }

    /// What Opper's list holds unless a test says otherwise: a pixel model with edits, an
    /// aspect-ratio model with edits and one without.
    public static let opperDefaults = [
        OfferedModel(id: "openai/gpt-image-1", ownedBy: "openai", sizes: ["1024x1024", "1536x1024", "1024x1536"],
                     supportsEdit: true),
        OfferedModel(id: "google/gemini-2.5-flash-image", ownedBy: "google", aspectRatios: ["1:1", "3:2", "2:3", "16:9"],
                     supportsEdit: true),
        OfferedModel(id: "google/imagen-4", ownedBy: "google", aspectRatios: ["1:1", "3:4", "4:3", "9:16", "16:9"]),
    ]

    /// What an OpenAI-compatible `/models` holds unless a test says otherwise: image models
    /// mixed with chat, embedding and speech models, as real accounts list them.
    public static let openAIDefaults = [
        OfferedModel(id: "gpt-4o", ownedBy: "system"),
        OfferedModel(id: "gpt-image-1", ownedBy: "system"),
        OfferedModel(id: "text-embedding-3-small", ownedBy: "system"),
        OfferedModel(id: "dall-e-3", ownedBy: "system"),
        OfferedModel(id: "whisper-1", ownedBy: "openai-internal"),
        OfferedModel(id: "dall-e-2", ownedBy: "system"),
    ]
}
