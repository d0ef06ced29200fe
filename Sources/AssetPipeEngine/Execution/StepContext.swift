/// The step a task is working for, for code that is shared by every step and yet reports per
/// step: a provider's pacer, which holds back whichever request comes next.
enum StepContext {
    @TaskLocal static var stepID: String?
    /// The step's `--jobs` slot, kept from its request until its outputs are written.
    @TaskLocal static var lease: StepLease?
}
