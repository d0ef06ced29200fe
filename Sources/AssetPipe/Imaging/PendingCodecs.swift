import Foundation

// Temporary placeholders until the codecs branch is merged.
public enum OutputRenderer {
    public static func render(_ image: RasterImage, as spec: OutputSpec) throws(ImagingError) -> Data { fatalError("not implemented") }
}

public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws { fatalError("not implemented") }
}
