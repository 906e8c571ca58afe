/// Names of teams and users: lower-case letters, digits, `.`, `_` and `-`, 1 to 32
/// characters, starting with a letter or digit (like Unix user names).
public enum Name {
    public static func validated(_ raw: String, what: String) throws -> String {
        let s = raw.trimmingWhitespace()
        guard (1...32).contains(s.count), let first = s.first, first.isASCII && (first.isLetter || first.isNumber),
              s.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") })
        else {
            throw InputError("bad_name", "'\(raw)' is not a valid \(what) name: use 1 to 32 lower-case letters, digits, '.', '_' or '-'.")
        }
        return s
    }
}
