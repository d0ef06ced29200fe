import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct HTTPBuildingBlocksTests {
        @Test func multipartBodyHasTheExactWireShape() {
            var form = MultipartFormData(boundary: "BOUNDARY")
            form.append(field: "prompt", value: "a fox")
            form.append(file: "image[]", filename: "image-0.png", contentType: "image/png", data: Data([0x89, 0x00, 0x0D, 0x0A]))
            var expected = Data("--BOUNDARY\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\na fox\r\n".utf8)
            expected += Data("--BOUNDARY\r\nContent-Disposition: form-data; name=\"image[]\"; filename=\"image-0.png\"\r\n".utf8)
            expected += Data("Content-Type: image/png\r\n\r\n".utf8) + Data([0x89, 0x00, 0x0D, 0x0A])
            expected += Data("\r\n--BOUNDARY--\r\n".utf8)
            #expect(form.encoded == expected)
            #expect(form.contentType == "multipart/form-data; boundary=BOUNDARY")
        }

        @Test func multipartBoundariesAreRandom() {
            #expect(MultipartFormData().boundary != MultipartFormData().boundary)
        }

        @Test(arguments: [
            ("1s", Duration.seconds(1)), ("6m0s", .seconds(360)), ("12ms", .milliseconds(12)),
            ("1m30.5s", .milliseconds(90_500)), ("2h", .seconds(7200)), ("0.5", .milliseconds(500)),
        ])
        func readsOpenAIDurations(text: String, expected: Duration) {
            #expect(RateLimitHints.duration(text) == expected)
        }

        @Test func rejectsMalformedDurations() {
            #expect(RateLimitHints.duration("soon") == nil)
            #expect(RateLimitHints.duration("") == nil)
            #expect(RateLimitHints.duration("5 parsecs") == nil)
        }

        @Test func capsAbsurdHintsInsteadOfWaitingForeverOrCrashing() {
            let now = Date(timeIntervalSince1970: 0)
            let hour = Duration.seconds(RateLimitHints.ceiling)
            #expect(RateLimitHints.retryAfter(in: ["retry-after": "1e21"], now: now) == hour)
            #expect(RateLimitHints.retryAfter(in: ["retry-after-ms": "1e25"], now: now) == hour)
            #expect(RateLimitHints.retryAfter(in: ["x-ratelimit-reset-requests": "99999999999h"], now: now) == hour)
            #expect(RateLimitHints.duration("1e300") == .seconds(1e9))
        }

        @Test func readsRetryAfterInEveryForm() {
            let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
            #expect(RateLimitHints.retryAfter(in: ["retry-after-ms": "1500", "retry-after": "9"], now: now) == .milliseconds(1500))
            #expect(RateLimitHints.retryAfter(in: ["Retry-After": "7"], now: now) == .seconds(7))
            #expect(RateLimitHints.retryAfter(in: ["Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT"], now: now) == .seconds(30))
            #expect(RateLimitHints.retryAfter(in: ["Retry-After": "Wed, 21 Oct 2015 07:27:00 GMT"], now: now) == .zero)
            #expect(RateLimitHints.retryAfter(in: ["x-ratelimit-reset-requests": "6m0s"], now: now) == .seconds(360))
            #expect(RateLimitHints.retryAfter(in: [:], now: now) == nil)
        }

        @Test func headersAreCaseInsensitiveAndReplaceOnSet() {
            var headers: HTTPHeaders = ["Retry-After": "3", "X-Other": "a"]
            #expect(headers["retry-after"] == "3")
            headers["RETRY-AFTER"] = "4"
            #expect(headers.fields.map(\.name) == ["RETRY-AFTER", "X-Other"])
            headers["x-other"] = nil
            #expect(headers.fields.count == 1)
        }

        @Test func jsonBodyKeepsOrderAndWritesIntegersWithoutFraction() {
            let value = JSONValue.object([("b", .number(2)), ("a", .number(0.5)), ("s", .string("q\"\n\u{01}")),
                                          ("l", .array([.bool(true), .null]))])
            #expect(value.serialized() == #"{"b":2,"a":0.5,"s":"q\"\n\u0001","l":[true,null]}"#)
        }
    }
}
