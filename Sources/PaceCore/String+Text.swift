extension String {
    /// The string without leading and trailing whitespace and newlines.
    /// (Foundation's `trimmingCharacters(in:)` is avoided to keep PaceCore free of Foundation.)
    public func trimmingWhitespace() -> String {
        // Nothing to trim, the common case, seen from the two ends' scalars. A Character
        // is whitespace when its first scalar is; the last Character starts with a
        // whitespace scalar only if the last scalar is one or is not ASCII.
        if let head = unicodeScalars.first, let tail = unicodeScalars.last, tail.isASCII,
           !Self.isWhitespace(head), !Self.isWhitespace(tail) {
            return self
        }
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}

/// Validators for the free-text fields of events.
public enum Text {
    /// Trims `value` and checks it is non-empty, at most `limit` characters and
    /// free of control characters. `field` names it in the error (`customer`, `reason`).
    public static func required(_ value: String, field: String, limit: Int, code: String = "bad_text") throws -> String {
        let t = value.trimmingWhitespace()
        guard !t.isEmpty else { throw InputError(code, "The \(field) is empty. Give a \(field).") }
        return try checked(t, field: field, limit: limit, code: code)
    }

    /// Like ``required(_:field:limit:code:)`` but `nil` or blank means "not given".
    public static func optional(_ value: String?, field: String, limit: Int, code: String = "bad_text") throws -> String? {
        guard let value else { return nil }
        let t = value.trimmingWhitespace()
        return t.isEmpty ? nil : try checked(t, field: field, limit: limit, code: code)
    }

    /// Checks length in characters (grapheme clusters, what a person counts) and in
    /// bytes: UTF-8 at most 4 bytes per allowed character, so that characters stacked
    /// with combining marks cannot make a short-looking text huge.
    private static func checked(_ t: String, field: String, limit: Int, code: String) throws -> String {
        // Printable ASCII only, the common case: one byte is one character and none is
        // a control character, so the byte count is the whole check.
        if t.utf8.count <= limit, t.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return t }
        guard t.count <= limit else {
            throw InputError(code, "The \(field) is \(t.count) characters long; at most \(limit) are allowed.")
        }
        let bytes = t.utf8.count
        guard bytes <= limit * 4 else {
            throw InputError(code, "The \(field) takes \(bytes) bytes in UTF-8; at most \(limit * 4) are allowed (\(limit) characters without combining marks).")
        }
        guard !t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InputError(code, "The \(field) contains control characters; use plain text.")
        }
        return t
    }

    /// The bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
    /// U+2069): they reorder how the text after them is shown, so that a name in a table
    /// or on the dashboard can read as another ("Trojan Source", CVE-2021-42574). A new
    /// event holding one is refused where its data is made (`inputJSON()` in
    /// PaceStore), not here: events stored before that rule must still decode. Right-to-
    /// left text, and its marks U+200E and U+200F, are text and allowed.
    public static func isDirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
