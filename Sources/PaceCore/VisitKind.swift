/// Whom a visit was to: a new ("strange") customer, an existing one, or a return visit.
public enum VisitKind: String, Sendable, Codable, CaseIterable {
    case new, existing, `return`

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let k = VisitKind(rawValue: raw) else {
            throw InputError("bad_kind", "Unknown visit kind '\(raw)'. Use new, existing or return.")
        }
        self = k
    }
}
