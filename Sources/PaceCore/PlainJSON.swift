/// A cursor over JSON in the plain form Pace writes, for reading events without
/// Foundation's `JSONDecoder` where there are many: objects and arrays with no
/// whitespace, strings without escapes, whole numbers of at most 15 digits, `true`
/// and `false`. Each method reads one item at the cursor and returns false (leaving the
/// cursor anywhere) when the bytes there are not that item in the plain form; the
/// caller then reads the whole JSON with `JSONDecoder`, which also gives any error's
/// message. So what it reads it reads as the decoder would, and it refuses the rest.
///
/// It reads `bytes` in place: strings are made only of the values asked for.
public struct PlainJSON {
    public let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var at = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var atEnd: Bool { at == bytes.count }

    /// Whether every byte has been read but perhaps one final newline (paced ends its
    /// answers with one).
    public mutating func atEndOfAnswer() -> Bool {
        atEnd || (take(UInt8(ascii: "\n")) && atEnd)
    }

    /// Reads `byte` if it is next.
    public mutating func take(_ byte: UInt8) -> Bool {
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    /// `{}` or `{"key":value,...}`, `value` reading the value of each key; a key that is
    /// not one of `Key`'s refuses. `value` must refuse a key given twice (the readers
    /// below refuse a field already set).
    public mutating func object<Key: RawRepresentable<String>>(_ value: (Key, inout PlainJSON) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            // Keys are ASCII: another is repaired here and matches none.
            guard let raw = rawString(), take(UInt8(ascii: ":")), let key = Key(rawValue: String(decoding: raw, as: UTF8.self)),
                  value(key, &self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// `[]` or `[element,...]`, each element read by `element`.
    public mutating func array(_ element: (inout PlainJSON) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// A string's bytes, between its quotes: no escape, no control below U+0020.
    /// (Bytes from 0x80 are checked as UTF-8 where the string is made.)
    public mutating func rawString() -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = at
        while at < bytes.count {
            let b = bytes[at]
            if b == UInt8(ascii: "\"") {
                at += 1
                return bytes[start..<(at - 1)]
            }
            guard b >= 0x20, b != UInt8(ascii: "\\") else { return nil }
            at += 1
        }
        return nil
    }

    /// A string value into `field`, which must be unset; refuses bytes that are not UTF-8.
    public mutating func string(_ field: inout String?) -> Bool {
        guard field == nil, let raw = rawString() else { return false }
        if raw.allSatisfy({ $0 < 0x80 }) {
            field = String(decoding: raw, as: UTF8.self)
        } else {
            guard let text = String(validating: raw, as: UTF8.self) else { return false }
            field = text
        }
        return true
    }

    /// A whole number into `field`, which must be unset: `0`, or an optional minus and
    /// 1 to 15 digits that do not start with 0 (below 10^15, as the decoder's whole
    /// numbers), with no fraction or exponent after.
    public mutating func integer(_ field: inout Int64?) -> Bool {
        guard field == nil else { return false }
        let negative = take(UInt8(ascii: "-"))
        let start = at
        var value: Int64 = 0
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
            value = value * 10 + Int64(bytes[at] - UInt8(ascii: "0"))
            at += 1
            guard at - start <= 15 else { return false }
        }
        let digits = at - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0"), !(negative && value == 0) else { return false }
        if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { return false }
        field = negative ? -value : value
        return true
    }

    /// `true` or `false` into `field`, which must be unset.
    public mutating func bool(_ field: inout Bool?) -> Bool {
        guard field == nil else { return false }
        for (word, value) in [("true", true), ("false", false)] where bytes[at...].starts(with: word.utf8) {
            at += word.utf8.count
            field = value
            return true
        }
        return false
    }
}

/// A type that can be read from the plain form (``PlainJSON``) without `JSONDecoder`:
/// to the value the decoder gives, or nil (then the decoder reads it).
public protocol PlainJSONDecodable: Decodable {
    init?(plainJSON: UnsafeBufferPointer<UInt8>)
}

extension PlainJSON {
    /// `bytes` read as a `T` without `JSONDecoder`: nil unless `T` is
    /// ``PlainJSONDecodable`` and the bytes are in the plain form (then the decoder
    /// reads them). paced's request bodies and `pace`'s answers go through here.
    public static func decode<T>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        guard let plain = T.self as? any PlainJSONDecodable.Type else { return nil }
        return bytes.withUnsafeBufferPointer { plain.init(plainJSON: $0) } as? T
    }

    /// An optional field's text through `parse`: `.some(nil)` when it is absent, the
    /// parsed value when `parse` takes it, nil when `parse` refuses it (or throws).
    public static func parse<T>(_ text: String?, _ parse: (String) throws -> T?) -> T?? {
        guard let text else { return .some(nil) }
        guard let value = try? parse(text) else { return nil }
        return .some(value)
    }
}

/// A type that can write itself in the plain form without `JSONEncoder`, where it
/// needs no escape: its ``plainJSON`` is the very bytes paced's encoder writes (sorted
/// keys, slashes unescaped; no final newline), or nil (then the encoder writes it).
public protocol PlainJSONEncodable: Encodable {
    var plainJSON: [UInt8]? { get }
}

extension PlainJSON {
    /// Whether `text` can be written between quotes as it is, as `JSONEncoder` with
    /// unescaped slashes writes it: no quote, backslash or control below U+0020.
    public static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }
}

/// Writes JSON in the plain form: the caller checks texts with ``PlainJSON/isPlain(_:)``.
public struct PlainJSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var first = true

    public init(capacity: Int = 128) { bytes.reserveCapacity(capacity) }

    public mutating func open() { bytes.append(UInt8(ascii: "{")); first = true }
    public mutating func close() { bytes.append(UInt8(ascii: "}")); first = false }
    public mutating func openArray() { bytes.append(UInt8(ascii: "[")); first = true }
    public mutating func closeArray() { bytes.append(UInt8(ascii: "]")); first = false }
    /// A comma before any element or field but the first of its object or array.
    public mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }
    /// `"key":`, after a comma where one is due.
    public mutating func key(_ key: String) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\""))
        first = false
    }
    public mutating func integer(_ n: some BinaryInteger) {
        bytes.append(contentsOf: String(n).utf8)
        first = false
    }
}
