import Foundation
import Testing
@testable import AssetPipeProviders

extension Providers {
    /// What a server sends back is cleared of anything that looks like a credential before it
    /// becomes a message — whole or cut short, ours or a gateway's own — and nothing else changes.
    @Suite struct CredentialTextTests {
        @Test(arguments: [
            ("Authorization: Bearer sk-abc123def456", "Authorization: Bearer [redacted]"),
            ("authorization: bearer gw_9f8e7d6c", "authorization: bearer [redacted]"),
            ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [redacted]"),
            ("GET /files/x?api_key=s3cr3t&size=2 HTTP/1.1", "GET /files/x?api_key=[redacted]&size=2 HTTP/1.1"),
            ("see https://cdn.example/a.png?access_token=abc.def", "see https://cdn.example/a.png?access_token=[redacted]"),
            ("proxy http://user:hunter2@10.0.0.1:3128 refused", "proxy http://[redacted]@10.0.0.1:3128 refused"),
            ("Incorrect API key provided: sk-proj-AbC_12-xy.", "Incorrect API key provided: [redacted]."),
            ("key cut short: sk-LEAKCH", "key cut short: [redacted]"),
        ])
        func credentialsAreRemoved(text: String, expected: String) {
            #expect(CredentialText.scrubbed(text) == expected)
        }

        @Test(arguments: [
            "Enqueued token limit reached. Wait for some in_progress batches to complete.",
            "Your basic plan allows 5 images per minute.",
            "Rate limit reached for requests. Please try again later.",
            "Invalid value for 'size': must be one of 1024x1024, 1792x1024.",
        ])
        func ordinaryMessagesAreLeftAlone(text: String) {
            #expect(CredentialText.scrubbed(text) == text)
        }

        /// An excerpt of an error page is cut after the scrubbing: a cut first would leave half a
        /// key that the exact match on the key no longer finds.
        @Test func aKeyAnErrorPageQuotesAcrossTheExcerptsEndIsRemovedWhole() {
            let page = String(repeating: "<p>padding</p>", count: 11) + "<pre>Authorization: Bearer sk-LEAKCHECK-0123456789abcdef</pre>"
            let error = ErrorClassification.error(for: HTTPResponse(status: 502, body: Data(page.utf8)), retryAfter: nil)
            #expect(!error.message.contains("LEAK"), "\(error.message)")
            #expect(error.message.contains("Bearer [redacted]"), "\(error.message)")
        }
    }
}
