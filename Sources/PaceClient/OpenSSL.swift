import CPaceTLS

/// The system's OpenSSL 3 (libssl.so.3 and libcrypto.so.3), loaded with dlopen on first
/// use instead of linked: only HTTPS and `pace import`'s ids need it, and linking it cost
/// every `pace` run about 0.7 ms of start-up. Debian's libssl3 package provides it.
public enum OpenSSL {
    /// Why OpenSSL could not be loaded: dlerror's text.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let detail: String
        public var description: String {
            "pace needs OpenSSL 3 for this (Debian's libssl3 package: apt-get install libssl3): \(detail)"
        }
    }

    /// Loads OpenSSL once per process (later calls return at once); thread-safe.
    public static func load() throws(LoadError) {
        var text = [CChar](repeating: 0, count: 256)
        guard pace_openssl_load(&text, text.count) != 0 else { return }
        throw LoadError(detail: String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}

/// SHA-256 through the system's OpenSSL.
public enum Digest {
    /// The 32-byte SHA-256 of `bytes`. Throws when OpenSSL cannot be loaded.
    public static func sha256(_ bytes: [UInt8]) throws(OpenSSL.LoadError) -> [UInt8] {
        try OpenSSL.load()
        var out = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { o in pace_sha256(b.baseAddress, b.count, o.baseAddress) } }
        return out
    }
}
