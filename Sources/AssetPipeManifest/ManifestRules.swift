import Foundation
import AssetPipeBasics

/// The value formats a manifest uses beyond plain JSON types: sizes, colours, model refs, ids.

extension PixelSize {
    /// The largest side any provider or codec in assetpipe accepts.
    static let maximumSide = 16384

    /// Parses `WIDTHxHEIGHT` with a lowercase x and sides from 1 to 16384. The messages name the
    /// usual slips (a `×` pasted from a document, a capital X) because they look right at a glance.
    static func parse(_ text: String) -> Result<PixelSize, Rejection> {
        let example = "such as \"1024x1024\""
        // Scalar and byte checks: `String.contains(String)` would go through NSString.
        if text.unicodeScalars.contains("×") {
            let fixed = text.replacingOccurrences(of: "×", with: "x")
            return .failure(Rejection("use the letter x between width and height, not the multiplication sign ×: write \(JSONValue.quoted(fixed))"))
        }
        if text.utf8.contains(UInt8(ascii: "X")) {
            let fixed = text.replacingOccurrences(of: "X", with: "x")
            return .failure(Rejection("use a lowercase x between width and height: write \(JSONValue.quoted(fixed))"))
        }
        let bytes = text.utf8
        guard let separator = bytes.firstIndex(of: UInt8(ascii: "x")),
              let width = positiveInteger(bytes[..<separator]),
              let height = positiveInteger(bytes[bytes.index(after: separator)...]) else {
            return .failure(Rejection("expected a size \"WIDTHxHEIGHT\" \(example), found \(JSONValue.quoted(text))"))
        }
        guard (1...maximumSide).contains(width), (1...maximumSide).contains(height) else {
            return .failure(Rejection("expected width and height from 1 to \(maximumSide), found \(JSONValue.quoted(text))"))
        }
        return .success(PixelSize(width: width, height: height))
    }

    /// ASCII digits only (no sign, no spaces), saturating instead of overflowing.
    private static func positiveInteger(_ digits: Substring.UTF8View) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = min(value * 10 + Int(byte - UInt8(ascii: "0")), Int(Int32.max))
        }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A step's `size`: `"auto"` is written explicitly to let the model choose, and must override a
/// size from `defaults`, so it is kept apart from "not set".
enum SizeSetting: Hashable {
    case auto
    case fixed(PixelSize)

    var pixelSize: PixelSize? {
        if case let .fixed(size) = self { return size }
        return nil
    }
}

extension ValueRule where Value == PixelSize {
    static var pixelSize: ValueRule<PixelSize> {
        ValueRule<String>.string.then("a size \"WIDTHxHEIGHT\"", PixelSize.parse)
    }
}

extension ValueRule where Value == SizeSetting {
    static var sizeSetting: ValueRule<SizeSetting> {
        ValueRule<String>.string.then("a size \"WIDTHxHEIGHT\" or \"auto\"") { text in
            text == "auto" ? .success(.auto) : PixelSize.parse(text).map(SizeSetting.fixed)
        }
    }
}

extension ValueRule where Value == String {
    /// `W:H` with positive integers, as providers that take ratios instead of pixels expect.
    static var aspectRatio: ValueRule<String> {
        string.then("an aspect ratio \"W:H\"") { text in
            let sides = text.split(separator: ":", omittingEmptySubsequences: false)
            guard sides.count == 2,
                  sides.allSatisfy({ side in side.allSatisfy(\.isASCIIDigit) && (Int(side) ?? 0) > 0 }) else {
                return .failure(Rejection("expected an aspect ratio \"W:H\" of positive integers such as \"16:9\", found \(JSONValue.quoted(text))"))
            }
            return .success(text)
        }
    }

    /// The NAME of an environment variable. The value is never echoed: a user who pasted the key
    /// itself here must not see it printed in CI logs.
    static var environmentVariableName: ValueRule<String> {
        let expectation = "the name of an environment variable such as \"OPENAI_API_KEY\" (letters, digits and _)"
        return ValueRule(expectation) { value in
            guard let text = value.stringValue else { return .failure(.expected(expectation, found: value)) }
            let isName = text.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
                && text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            return isName ? .success(text) : .failure(Rejection("expected \(expectation), found a value that is not a variable name"))
        }
    }

    /// Step ids appear in file names, `@id` references and logs, so they are kept to a safe
    /// alphabet and length.
    static var stepID: ValueRule<String> {
        let expectation = "a step id of letters, digits, '.', '_' and '-' starting with a letter or digit"
        return string.then(expectation) { text in
            func isAlphanumeric(_ byte: UInt8) -> Bool {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
                default: return false
                }
            }
            let allowed = text.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
            guard allowed, let first = text.utf8.first, isAlphanumeric(first) else {
                return .failure(Rejection("expected \(expectation), found \(JSONValue.quoted(text))"))
            }
            guard text.utf8.count <= 128 else {
                return .failure(Rejection("expected a step id of at most 128 characters, found \(text.utf8.count) characters"))
            }
            return .success(text)
        }
    }
}

extension ValueRule where Value == ImageFormat {
    static var imageFormat: ValueRule<ImageFormat> {
        ValueRule<String>.oneOf(ImageFormat.allCases.map(\.rawValue)).then { text in
            ImageFormat(rawValue: text).map { .success($0) } ?? .failure(Rejection("unknown image format"))
        }
    }
}

extension ValueRule where Value == RGBColor {
    /// `#rrggbb`, either case.
    static var hexColor: ValueRule<RGBColor> {
        ValueRule<String>.string.then("a colour \"#rrggbb\"") { text in
            guard text.count == 7, text.dropFirst().allSatisfy(\.isHexDigit), let color = RGBColor(hex: text) else {
                return .failure(Rejection("expected a colour \"#rrggbb\" such as \"#ffffff\", found \(JSONValue.quoted(text))"))
            }
            return .success(color)
        }
    }
}

extension ValueRule where Value == URL {
    /// An absolute `http(s)` URL with a host; a trailing slash is dropped so that endpoint paths
    /// (`/images/generations`) can be appended uniformly.
    static var httpURL: ValueRule<URL> {
        ValueRule<String>.string.then("an http(s) URL such as \"https://api.openai.com/v1\"") { text in
            var trimmed = Substring(text)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            guard let url = URL(string: String(trimmed)), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", url.host?.isEmpty == false else {
                return .failure(Rejection("expected an http(s) URL such as \"https://api.openai.com/v1\", found \(JSONValue.quoted(text))"))
            }
            return .success(url)
        }
    }
}

extension ValueRule where Value == ModelRef {
    /// `PROVIDER:MODEL` whose provider is declared (or `local`).
    static func modelRef(providers: [String]) -> ValueRule<ModelRef> {
        ValueRule<String>.string.then("a model \"PROVIDER:MODEL\"") { text in
            ModelRef.check(text, providers: providers)
        }
    }
}

extension ModelRef {
    static func check(_ text: String, providers: [String]) -> Result<ModelRef, Rejection> {
        guard let ref = ModelRef(parsing: text) else {
            return .failure(Rejection("expected a model \"PROVIDER:MODEL\" such as \"local:studio\", found \(JSONValue.quoted(text))"))
        }
        guard providers.contains(ref.provider) else {
            let hint = DidYouMean.suggestion(for: ref.provider, among: providers)
                .map { "; did you mean \(JSONValue.quoted($0))?" }
                ?? "; declared providers: " + providers.sorted().joined(separator: ", ")
            return .failure(Rejection("unknown provider \(JSONValue.quoted(ref.provider)) in \(JSONValue.quoted(text))\(hint)"))
        }
        return .success(ref)
    }
}
