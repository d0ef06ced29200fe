import Foundation
import AssetPipeBasics

/// The policy `index.html` declares for itself: nothing may load but images from the gallery's
/// own place (`'self'`, `file:`, `data:`), and only the page's own stylesheet and script may run,
/// each allowed by its SHA-256. Even a report text that escaped escaping could not fetch or run
/// anything.
enum ContentSecurityPolicy {
    static func header(style: String, script: String) -> String {
        ["default-src 'none'", "img-src 'self' file: data:", "style-src '\(hash(style))'", "script-src '\(hash(script))'",
         "base-uri 'none'", "form-action 'none'"].joined(separator: "; ")
    }

    /// `sha256-…` in base64, as CSP spells a hash source.
    static func hash(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(text)
        return "sha256-" + Data(hasher.finalize()).base64EncodedString()
    }
}
