import Foundation
import AssetPipeCLI

// The executable is only this: everything else lives in the AssetPipe library, where it is tested.
let code = await AssetPipeCLI().main(Array(CommandLine.arguments.dropFirst()))
exit(code)
