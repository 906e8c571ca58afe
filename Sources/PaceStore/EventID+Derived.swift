import Crypto
import PaceCore

extension EventID {
    /// A deterministic id for an event paced writes itself: a UUIDv8 whose 122 free
    /// bits are the first bits of SHA-256 over `parts` (each length-prefixed, so
    /// ("ab", "c") and ("a", "bc") differ). The same parts always give the same id,
    /// so appending it twice stores it once.
    public static func derived(_ parts: [String]) -> EventID {
        var input: [UInt8] = []
        for p in parts {
            let bytes = Array(p.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { input.append(contentsOf: $0) }
            input.append(contentsOf: bytes)
        }
        var b = Array(SHA256.hash(data: input).prefix(16))
        b[6] = (b[6] & 0x0F) | 0x80
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = b.map { x in String(x >> 4, radix: 16) + String(x & 0xF, radix: 16) }
        let text = hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
            + hex[8..<10].joined() + "-" + hex[10..<16].joined()
        return try! EventID(parsing: text)
    }
}
