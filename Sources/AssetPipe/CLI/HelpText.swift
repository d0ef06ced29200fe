/// The text of `--help` and `help COMMAND`.
enum HelpText {
    static let version = "assetpipe 0.1.0"

    static let overview = """
    assetpipe — regenerate image asset packs from JSON manifests

    Usage: assetpipe COMMAND MANIFEST [OPTIONS]

    Commands:
      run        generate every step's images and write its outputs
      validate   check a manifest and report every problem in it
      plan       show the steps in execution order: inputs, outputs, provider
      help       show help for a command (assetpipe help run)

    Options:
      -h, --help      show help
      -V, --version   show the version

    Exit codes: 0 success, 1 a step failed, 2 invalid manifest or usage, 130 interrupted.
    """

    static func text(for command: Invocation.Command) -> String {
        switch command {
        case .run: return """
            Usage: assetpipe run MANIFEST [OPTIONS]

            Generates every step (each as soon as the steps it uses have finished, independent steps
            concurrently) and writes its outputs atomically. Progress goes to stderr: a line per
            finished step and a closing summary.

            Options:
              --output-dir DIR   write outputs here instead of the manifest's output_dir
              --jobs N           requests in flight at once across all providers (default \(RunOptions.defaultJobs));
                                 each provider is further bounded by its max_concurrent
              --only ID[,ID]     run only these steps, plus every step they use
              --fail-fast        start no new step after the first failure
              --quiet            print failures only
              --verbose          also print when each step starts

            Ctrl-C stops scheduling, stops in-flight steps without leaving partial files, and exits 130.
            """
        case .validate: return """
            Usage: assetpipe validate MANIFEST

            Checks the manifest without generating anything and prints every problem with its JSON
            path (steps[3].outputs[0].quality) and what was expected. Exits 2 when there are problems.
            """
        case .plan: return """
            Usage: assetpipe plan MANIFEST [--only ID[,ID]] [--output-dir DIR]

            Prints the steps in execution order with their inputs, their outputs and the provider
            and model each would use. Generates nothing.
            """
        }
    }
}
