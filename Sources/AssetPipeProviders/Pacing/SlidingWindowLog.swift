/// The times of the last `capacity` events, to answer "when may the next one happen without
/// putting more than `capacity` events in any `window`?".
struct SlidingWindowLog {
    private var times: [Duration] = []
    private var oldest = 0
    let capacity: Int
    let window: Duration

    init(capacity: Int, window: Duration) {
        precondition(capacity > 0, "a window log needs room for one event")
        self.capacity = capacity
        self.window = window
    }

    /// nil while fewer than `capacity` events were recorded.
    var earliestNextSend: Duration? {
        times.count < capacity ? nil : times[oldest] + window
    }

    mutating func record(_ time: Duration) {
        if times.count < capacity {
            times.append(time)
        } else {
            times[oldest] = time
            oldest = (oldest + 1) % capacity
        }
    }
}
