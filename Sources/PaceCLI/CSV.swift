import PaceCore

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

extension CSV {
    /// RFC 4180 records of `text`, each with the line it starts on (1-based): fields
    /// split at commas, quoted fields with doubled quotes and line breaks inside,
    /// CRLF or LF. Blank lines are skipped. Throws on a quote left open.
    static func records(_ text: String) throws -> [(line: Int, fields: [String])] {
        var out: [(Int, [String])] = []
        var fields: [String] = [], field = "", quoted = false, atStart = true
        var line = 1, start = 1
        var chars = Array(text.unicodeScalars)[...]
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { out.append((start, fields)) }
            fields = []
            field = ""
        }
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append(c); chars.removeFirst() } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",": fields.append(field); field = ""
            case "\r" where chars.first == "\n": break
            case "\n", "\r":
                endRecord()
                line += 1
                start = line
            default: field.unicodeScalars.append(c)
            }
            atStart = false
        }
        if quoted { throw InputError("bad_csv", "line \(start): a quoted field is not closed.") }
        if !atStart { endRecord() }
        return out
    }
}
