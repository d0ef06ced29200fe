extension Duration {
    /// Seconds as a floating-point number, to the millisecond: how reports and events give durations.
    public var seconds: Double {
        ((Double(components.seconds) + Double(components.attoseconds) / 1e18) * 1000).rounded() / 1000
    }
}
