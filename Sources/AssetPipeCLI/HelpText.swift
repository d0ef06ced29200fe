import AssetPipeBasics
import AssetPipeEngine
/// The text of `--help` and `help COMMAND`.
enum HelpText {
    static let version = "assetpipe \(AssetPipeVersion.current)"

    static let overview = """
    assetpipe — regenerate image asset packs from JSON manifests

    Usage: assetpipe COMMAND MANIFEST [OPTIONS]

    Commands:
      run        generate what changed (everything the first time) and write the outputs
      validate   check a manifest and report every problem in it
      plan       show what a run would do for each step and why, and what it would cost
      clean      remove cache entries and temporary files nothing refers to any more
      models     list what each provider offers and flag model refs it does not (assetpipe models pack.json openai)
      schema     print the manifest JSON Schema, for editors (takes no manifest)
      batches    list the Batch API batches runs submitted and not collected yet; --cancel cancels them
      gallery    an HTML contact sheet of a run's images, from its report (assetpipe gallery REPORT.json)
      help       show help for a command (assetpipe help run)

    Options:
      -h, --help      show help
      -V, --version   show the version

    Exit codes: 0 success; 1 a step failed, --max-cost held paid work back, plan --check found
    assets out of date, or models found an unknown model ref or a provider it could not ask;
    2 invalid manifest or usage; 130 interrupted.
    """

    static func text(for topic: Invocation.HelpTopic) -> String {
        switch topic {
        case let .command(command): return text(for: command)
        case .schema: return schema
        }
    }

    static let schema = """
    Usage: assetpipe schema

    Prints the JSON Schema (draft 2020-12) of manifest version 1 to stdout. Save it and point a
    manifest's "$schema" at it, and editors complete fields, show what each means and flag
    mistakes as you type:

      assetpipe schema > manifest.schema.json
      { "$schema": "./manifest.schema.json", "version": 1, ... }

    validate checks more than a schema can: references between steps, cycles, local files,
    output collisions and what each model accepts.
    """

    static func text(for command: Invocation.Command) -> String {
        switch command {
        case .run: return """
            Usage: assetpipe run MANIFEST [OPTIONS]

            Generates the steps whose inputs changed (each as soon as the steps it uses have finished,
            independent steps concurrently) and writes their outputs atomically. Progress goes to stderr: a line per
            finished step and a closing summary; on a terminal a live status below them, in a log a line per
            event and a heartbeat after 30 s of silence.

            Options:
              --output-dir DIR   write outputs here instead of the manifest's output_dir
              --jobs N           steps being worked on at once across all providers (default \(RunOptions.defaultJobs)):
                                 a request, then its decoding and outputs; each provider is further bounded
                                 by its max_concurrent; async tasks, batches and backoff do not count
              --only ID[,ID]     run only these steps, plus every step they use
              --fail-fast        start no new step after the first failure
              --force[=ID,…]     regenerate despite the cache: everything, or these steps and their dependents
              --max-cost USD     stop sending paid requests before spending more than this (also: max_cost);
                                 every model a step may pay for needs a price, or nothing is sent (exit 2)
              --cache-dir DIR    the cache folder (default: .assetpipe/cache beside the manifest;
                                 also ASSETPIPE_CACHE_DIR)
              --report FILE      also write the run as JSON: every step's status, attempts, fallbacks,
                                 inputs, outputs (size, bytes, hash), cost; totals (README: The run report)
              --junit FILE       also write the run as JUnit XML, one testcase per step, for CI test views
              --gallery DIR      also write an HTML contact sheet of the run into DIR (see: assetpipe help gallery)
              --events FILE      also write every event as a line of JSON to FILE (- for stdout), for other tools
              --no-progress      no live status and no heartbeat: the step lines only
              --batch[=roots]    send every eligible generation (an openai provider; a generation or an edit)
                                 through OpenAI's Batch API at its discount (batch_discount, default 0.5),
                                 edit chains wave by wave; =roots batches only steps that take no image
                                 generated in this run (also: "batch": true on a provider or a step)
              --no-wait          submit the batches and exit 0; the next run (or assetpipe batches) collects them
              --batch-retry=sync retry a failed batch line on its own rather than in the next batch
              --quiet            print failures only
              --verbose          also print cached steps, every note, and (on a terminal) when each step starts

            Only steps whose inputs changed are generated: a re-run with nothing changed makes no request
            and touches no file. Finished results are cached the moment they arrive, so a crashed or
            interrupted run resumes without paying twice. The lockfile (pack.lock.json beside pack.json)
            records what produced each output; commit it. A batch's file and batch ids are recorded before
            each is used: a killed run's successor collects its batches and never submits them again.

            Ctrl-C stops scheduling, stops in-flight steps without leaving partial files, and exits 130.
            """
        case .validate: return """
            Usage: assetpipe validate MANIFEST

            Checks the manifest without generating anything and prints every problem with its JSON
            path (steps[3].outputs[0].quality) and what was expected. Exits 2 when there are problems.
            """
        case .plan: return """
            Usage: assetpipe plan MANIFEST [--only ID[,ID]] [--output-dir DIR] [--cache-dir DIR] [--max-cost USD] [--batch[=roots]] [--json] [--check]

            Prints the steps in execution order with their inputs, outputs, provider and model, and
            what a run would do for each: cached, new, changed (prompt), changed (upstream balloon),
            outputs only (format); then the number of paid requests and their estimated cost.
            Generates nothing.

              --json            the same, as JSON for scripts
              --check           exit 1 when anything is out of date (a CI gate: "assets are up to date")
              --batch[=roots]   as for run: each step's batch wave, and costs at the batch price
              --max-cost USD    as for run (also: max_cost): exit 2 naming every model that has no price
            """
        case .models: return """
            Usage: assetpipe models MANIFEST [PROVIDER] [--json] [--verbose]

            Asks each provider the manifest configures (or only PROVIDER) which models it offers, all at
            once, and prints a table per provider: model, where its capabilities come from (provider,
            built-in table, manifest override), sizes or aspect ratios, edit support, and * on the models
            the manifest uses. Opper lists its image models with their capabilities (GET /v3/images/models);
            an OpenAI-compatible endpoint lists every model (GET /models), of which the image models are
            shown; local takes any model name. Then it lists the model refs (steps, defaults, fallbacks)
            their provider does not offer, with the closest one it does: a typo caught before a run pays.

            Only the providers asked need their key (api_key_env); one that cannot be asked is reported
            with its error and its refs are left unchecked.

              --json            the same, as JSON for scripts
              --quiet           print only unknown model refs and providers that could not be asked
              --verbose         also list the models that are not image models

            Exits 0 when every model ref is known, 1 when some ref is unknown or some provider could not
            be asked, 2 for an invalid manifest or an unknown PROVIDER.
            """
        case .clean: return """
            Usage: assetpipe clean MANIFEST [--dry-run] [--cache-dir DIR]

            Removes cache entries that neither the lockfile nor the current manifest refers to, and
            temporary files left by killed runs. --dry-run lists them without removing anything.
            """
        case .batches: return """
            Usage: assetpipe batches MANIFEST [--cancel] [--cache-dir DIR]

            Lists the batches runs of this manifest submitted to OpenAI's Batch API (run --batch) and have
            not collected yet, with their state and request counts as the API reports them now, then the
            account's recent batches made by assetpipe. 'assetpipe run' collects finished ones and waits for
            the others; nothing in them is ever submitted again.

              --cancel          cancel every open batch, wait until each has stopped, and store what it
                                finished (outputs and lockfile too); nothing new is sent. A later run
                                sends what the cancelled batches did not run.
              --quiet           print nothing unless something fails
            """
        case .gallery: return """
            Usage: assetpipe gallery REPORT.json [DIR]

            Writes DIR/index.html (default DIR: gallery/ beside the report), a contact sheet of the run
            the report describes (assetpipe run --report REPORT.json): a card per step, edits after the
            step they edit, with thumbnails linking to the full files, prompt, model, size, cost and
            status; failed steps with their error; a filter box for step ids and prompts. One file and
            its thumbnails/ folder: no network, no framework; it opens from file:// and keeps working
            when moved together with the output folder. Thumbnails are made once per distinct file
            and reused by the next gallery written to the same DIR.

            A missing or unreadable output file is shown as a placeholder saying why, not an error.
            Exits 2 when the report cannot be read.

              --quiet           print nothing unless something fails
              --verbose         also list every output shown as a placeholder, and why
            """
        }
    }
}
