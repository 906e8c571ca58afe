/// A `team` event: a team is created, with its managers.
public struct TeamEvent: Sendable, Equatable, Codable {
    public let name: String
    public let managers: [String]

    public init(name: String, managers: [String]) throws {
        self.name = try Name.validated(name, what: "team")
        self.managers = try managers.map { try Name.validated($0, what: "user") }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, managers }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(name: c.decode(String.self, forKey: .name), managers: c.decodeIfPresent([String].self, forKey: .managers) ?? [])
    }
}
