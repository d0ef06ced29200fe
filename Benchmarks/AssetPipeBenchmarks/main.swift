// Release-mode figures: `swift run -c release AssetPipeBenchmarks`. Each section prints its own
// table; sections live in their own files.
try CodecBenchmark.run()
try await SchedulerBenchmark.run()
