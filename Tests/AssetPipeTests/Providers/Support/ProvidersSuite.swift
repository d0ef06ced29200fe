import Testing

/// Groups every provider test under one name, so `swift test --filter Providers` runs them all.
@Suite enum Providers {}
