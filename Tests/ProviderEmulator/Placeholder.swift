/// Placeholder: the emulator is written in its own change.
enum ProviderEmulatorPlaceholder {}
