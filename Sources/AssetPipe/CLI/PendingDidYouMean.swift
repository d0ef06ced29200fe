// Temporary until the manifest branch (which owns the did-you-mean helper) is merged.
enum DidYouMean {
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? { nil }
}
