@testable import AssetPipeManifest
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// A run of 2,000 images an hour in: 412 done, 16 in flight (3 of them held by rate limits, one
/// backing off), 2 failed, $18.40 spent, one step settling every 9 s.
enum RichState {
    static let now: Duration = .seconds(3900)

    static var state: RunState {
        var events: [(Duration, RunEvent)] = [(.zero, Events.plan(steps: 2000, images: 2000, generating: 2000, cost: 90))]
        // One step settles every 9 s from 30 s on, each after 30 s of work; the first two fail.
        for index in 0..<414 {
            let start = Duration.seconds(9 * index)
            events.append((start, Events.started("done-\(index)")))
            events.append((start + .seconds(30), index < 2 ? Events.failed("done-\(index)")
                : Events.generated("done-\(index)", cost: index == 2 ? 18.40 : 0)))
        }
        let models = [ModelRef(provider: "openai", model: "gpt-image-1"), ModelRef(provider: "opper", model: "openai/gpt-image-1")]
        let ids = ["hero-castle-night", "icon-sword", "portrait-knight-of-the-eastern-marches", "map-forest", "logo-dark",
                   "banner-summer-sale", "tile-water-07", "tile-water-08", "tile-water-09", "tile-grass-01", "ui-button-ok",
                   "ui-button-cancel", "card-dragon", "card-phoenix", "card-golem", "card-kraken"]
        for (index, id) in ids.enumerated() {
            events.append((now - .seconds(Double(50 - index * 3)), Events.started(id, models[index % 2])))
        }
        events.append((now - .seconds(2), .waitingForRateLimit(stepID: "map-forest", provider: "openai", delay: .seconds(6))))
        events.append((now - .seconds(1), .waitingForRateLimit(stepID: "logo-dark", provider: "opper", delay: .seconds(3))))
        events.append((now - .seconds(4), .retrying(stepID: "icon-sword", model: models[1], attempt: 2, maxAttempts: 4,
                                                    delay: .seconds(32), reason: "HTTP 429: rate limited", retryAfter: true)))
        events.append((now - .seconds(1), .retrying(stepID: "tile-water-07", model: models[0], attempt: 3, maxAttempts: 4,
                                                    delay: .seconds(4), reason: "HTTP 503: busy", retryAfter: false)))
        return RunState.after(events)
    }
}
