import Foundation

/// Removes what looks like a credential from text a server sent back, before any of it becomes a
/// message. The client also removes the exact key and header values it sent (`ProviderHTTPClient
/// .redacted`), but that cannot see a key cut in half by an excerpt, nor a gateway's own token
/// or a proxy's password quoted in its error page; these patterns do.
enum CredentialText {
    private static let patterns: [(NSRegularExpression, String)] = [
        // `scheme://user:password@host`: a proxy or gateway URL with its credentials.
        (#"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@"#, "$1\(Secret.placeholder)@"),
        // `Authorization: Bearer …` (whole or cut short) and `Basic …`; not "basic plan".
        (#"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+"#, "$1 \(Secret.placeholder)"),
        (#"(?i)\b(basic)\s+[A-Za-z0-9+/=]{8,}"#, "$1 \(Secret.placeholder)"),
        // `?api_key=…`, `&access_token=…`, `key=…` in a quoted URL or form.
        (#"(?i)\b(api[_-]?key|access[_-]?token|token|key|secret|password)=[^&\s"'<>;]+"#, "$1=\(Secret.placeholder)"),
        // OpenAI-style keys wherever they stand (`sk-…`, `sk-proj-…`), cut short or not.
        (#"\bsk-[A-Za-z0-9_-]+"#, Secret.placeholder),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern)).map { ($0, template) }
    }

    static func scrubbed(_ text: String) -> String {
        patterns.reduce(text) { text, rule in
            rule.0.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: rule.1)
        }
    }
}
