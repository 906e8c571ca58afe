/// RFC 4180 output: fields joined by commas, a field quoted when it holds a comma,
/// a quote, CR or LF, with its quotes doubled. Lines end in LF, as Unix tools expect
/// (RFC 4180 readers accept it; the RFC itself names CRLF).
///
/// Hand-written rather than a library: the CSV libraries available here import
/// Foundation, which would link ICU into the statically linked CLI; writing is ten lines.
enum CSV {
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// Prints one record.
    static func row(_ fields: [String]) {
        print(fields.map(field).joined(separator: ","))
    }
}
