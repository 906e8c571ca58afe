import CSystemd
import Glibc

/// Writes structured entries to the systemd journal with `sd_journal_sendv`.
///
/// With no journald listening, `sd_journal_sendv` still returns 0 and the entry is
/// lost: only reading the journal back proves an entry arrived.
enum SystemdJournal {
    /// Sends one entry of `FIELD=value` pairs. Field names are upper-case ASCII
    /// letters, digits and underscores; values may hold any bytes, newlines too.
    /// Returns 0, or the negative errno of a failure to reach the journal socket.
    @discardableResult
    static func send(_ fields: KeyValuePairs<String, String>) -> Int32 {
        send(fields.map { ($0.key, $0.value) })
    }

    @discardableResult
    static func send(_ fields: [(String, String)]) -> Int32 {
        let buffers: [UnsafeMutableRawBufferPointer] = fields.map { name, value in
            let bytes = Array("\(name)=\(value)".utf8)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buffer.copyBytes(from: bytes)
            return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<bytes.count])
        }
        defer { for b in buffers { b.deallocate() } }
        var vectors = buffers.map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
        return vectors.withUnsafeMutableBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
    }
}
