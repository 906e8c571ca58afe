import Crypto
import PaceCore

/// The tamper-evident chain over the log: `hash(n) = SHA-256(hash(n-1) ‖ canonical(n))`,
/// with 32 zero bytes before the first event.
///
/// The canonical bytes are every stored column but the hash, each length-prefixed
/// (big-endian), so no two different events share an encoding.
public enum HashChain {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func hash(previous: [UInt8], seq: Int64, id: String, type: String, subject: String, recordedBy: String,
                            occurredAt: Int64, recordedAt: Int64, data: String) -> [UInt8] {
        var h = SHA256()
        h.update(data: previous)
        var buf: [UInt8] = []
        buf.reserveCapacity(96 + data.utf8.count)
        func int(_ v: Int64) { withUnsafeBytes(of: v.bigEndian) { buf.append(contentsOf: $0) } }
        func text(_ s: String) {
            withUnsafeBytes(of: UInt32(s.utf8.count).bigEndian) { buf.append(contentsOf: $0) }
            buf.append(contentsOf: s.utf8)
        }
        int(seq)
        text(id)
        text(type)
        text(subject)
        text(recordedBy)
        int(occurredAt)
        int(recordedAt)
        text(data)
        h.update(data: buf)
        return Array(h.finalize())
    }

    static func hash(previous: [UInt8], of e: StoredEvent) -> [UInt8] {
        hash(previous: previous, seq: e.seq, id: e.id.text, type: e.type, subject: e.subject, recordedBy: e.recordedBy,
             occurredAt: e.occurredAt.milliseconds, recordedAt: e.recordedAt.milliseconds, data: e.data)
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
