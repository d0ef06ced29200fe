import Foundation
import Synchronization

/// Keeps a run within `--max-cost`: before each request the runner reserves its estimated
/// cost, and the request is not sent when spent + in flight + this one could exceed the budget.
public final class Budget: Sendable {
    public let limit: Double
    private let state = Mutex((spent: 0.0, reserved: 0.0, exceeded: false))

    public init(limit: Double) {
        self.limit = limit
    }

    public var spent: Double { state.withLock { $0.spent } }

    /// Whether some request was held back because it could have exceeded the budget.
    public var wasExceeded: Bool { state.withLock { $0.exceeded } }

    /// Reserves `estimate` for a request about to be sent; throws when it could exceed the budget.
    func reserve(_ estimate: Double) throws(BudgetExceeded) {
        try state.withLock { state throws(BudgetExceeded) in
            guard state.spent + state.reserved + estimate <= limit + 1e-9 else {
                state.exceeded = true
                throw BudgetExceeded(limit: limit, spent: state.spent, inFlight: state.reserved, next: estimate)
            }
            state.reserved += estimate
        }
    }

    /// Settles a reservation: `cost` is what the request actually cost (nil when it failed).
    func settle(reserved: Double, cost: Double?) {
        state.withLock { state in
            state.reserved -= reserved
            state.spent += cost ?? 0
        }
    }
}

/// The next request could take the run over its budget.
struct BudgetExceeded: Error, Sendable, CustomStringConvertible {
    var limit: Double
    var spent: Double
    var inFlight: Double
    var next: Double

    var description: String {
        "not started: the budget of \(USD(limit)) could be exceeded (spent \(USD(spent)), in flight \(USD(inFlight)), this request about \(USD(next)))"
    }
}

/// `$0.042`, `$12.500`.
func USD(_ amount: Double) -> String {
    String(format: "$%.3f", amount)
}
