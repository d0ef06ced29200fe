/// How often and how patiently a failed request is tried again.
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var initialBackoffSeconds: Double
    public var maxBackoffSeconds: Double

    public init(maxAttempts: Int = 4, initialBackoffSeconds: Double = 1, maxBackoffSeconds: Double = 60) {
        self.maxAttempts = maxAttempts
        self.initialBackoffSeconds = initialBackoffSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
    }
}
