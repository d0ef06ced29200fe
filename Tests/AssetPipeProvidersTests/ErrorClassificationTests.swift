import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct ErrorClassificationTests {
        private func classify(_ status: Int, _ body: String = "{}", headers: HTTPHeaders = [:]) async throws -> (ProviderError, RecordingPacer) {
            let pacer = RecordingPacer()
            let client = try ProviderHTTPClient(config: Fixtures.config(), apiKey: Fixtures.apiKey,
                                                transport: ScriptedTransport(Fixtures.json(body, status: status, headers: headers)),
                                                clock: ManualClock(), pacer: pacer)
            do {
                _ = try await client.get(Fixtures.baseURL)
            } catch let error as ProviderError {
                return (error, pacer)
            }
            Issue.record("status \(status) did not throw")
            return (ProviderError(.configuration, ""), pacer)
        }

        @Test(arguments: [
            (400, ProviderError.Kind.rejected), (401, .authentication), (403, .rejected), (404, .rejected),
            (408, .server), (409, .server), (422, .rejected), (429, .rateLimited), (500, .server), (502, .server),
            (503, .server), (504, .server),
        ])
        func classifiesEachStatus(status: Int, kind: ProviderError.Kind) async throws {
            let (error, _) = try await classify(status, #"{"error":{"message":"upstream says no","type":"x","code":null}}"#)
            #expect(error.kind == kind)
            #expect(error.httpStatus == status)
            #expect(error.message == "upstream says no")
            #expect(error.isRetryable == [.rateLimited, .server].contains(kind))
        }

        @Test func insufficientQuotaIsABillingStopInBothForms() async throws {
            let (direct, directPacer) = try await classify(429, #"{"error":{"message":"Billing.","type":"insufficient_quota","code":"insufficient_quota"}}"#)
            #expect(direct.kind == .quotaExhausted)
            #expect(directPacer.throttles.isEmpty)
            let gatewayBody = #"{"error":{"message":"litellm.RateLimitError: You exceeded your current quota, please check your plan","code":"429"}}"#
            let (rewritten, _) = try await classify(429, gatewayBody)
            #expect(rewritten.kind == .quotaExhausted)
            #expect(!rewritten.isRetryable)
        }

        @Test func rateLimitThrottlesThePacerWithTheHint() async throws {
            let (error, pacer) = try await classify(429, #"{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"#,
                                                    headers: ["retry-after-ms": "250"])
            #expect(error.kind == .rateLimited)
            #expect(error.retryAfter == .milliseconds(250))
            #expect(pacer.throttles == [.milliseconds(250)])
        }

        @Test func moderationBlockIsRejectedWithTheMessageVerbatim() async throws {
            let body = #"{"error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","code":"moderation_blocked"}}"#
            let (error, _) = try await classify(400, body)
            #expect(error.kind == .rejected)
            #expect(error.description == "HTTP 400: Your request was rejected by the safety system.")
        }

        @Test func nonJSONBodiesGiveAShortExcerpt() async throws {
            let (error, _) = try await classify(502, "<html>" + String(repeating: "x", count: 500) + "</html>")
            #expect(error.kind == .server)
            #expect(error.message.count == 200)
            let (empty, _) = try await classify(503, "")
            #expect(!empty.message.isEmpty)
        }
    }
}
