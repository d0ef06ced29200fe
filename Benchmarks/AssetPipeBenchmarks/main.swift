// Release-mode figures: `swift run -c release AssetPipeBenchmarks [SECTION…]`. Each section
// prints its own table and lives in its own file; with no argument every section runs.
let sections: [(name: String, run: () async throws -> Void)] = [
    ("codecs", CodecBenchmark.run),
    ("plan", PlanBenchmark.run),
    ("scheduler", SchedulerBenchmark.run),
    ("async", AsyncTaskBenchmark.run),
    ("nochange", NoChangeBenchmark.run),
    ("durability", DurabilityBenchmark.run),
    ("memory", MemoryBenchmark.run),
    ("hostile", HostileServerBenchmark.run),
]
let chosen = Set(CommandLine.arguments.dropFirst())
for section in sections where chosen.isEmpty || chosen.contains(section.name) {
    try await section.run()
}
