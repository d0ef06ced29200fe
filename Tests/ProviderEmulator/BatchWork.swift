import Foundation

/// What a batch needs from the emulator to take its steps: its input file, a way to run a line
/// as the synchronous endpoint would, and somewhere to keep its result files.
protocol BatchWork {
    func inputFile(_ id: String, owner: String) -> Data?
    func run(_ line: BatchLine, of batch: BatchRecord) -> BatchLineResult.Response
    func storeResultFile(_ data: Data, filename: String, owner: String) -> String
}
