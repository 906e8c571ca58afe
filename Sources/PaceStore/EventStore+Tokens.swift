import Crypto
import Foundation
import GRDB
import PaceCore

extension EventStore {
    /// Records that token `id` was used at `at` (not an event: see 005_token_usage.sql).
    public func recordTokenUse(_ id: EventID, at: Timestamp) throws {
        do {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO token_usage (token, last_used) VALUES (?, ?) ON CONFLICT (token) DO UPDATE SET last_used = excluded.last_used",
                               arguments: [id.text, at.milliseconds])
            }
        } catch let error as DatabaseError {
            throw StoreError.writing(error)
        }
    }

    /// When each token was last used, by token id.
    public func tokenUses() throws -> [EventID: Timestamp] {
        try read { db in
            var out: [EventID: Timestamp] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT token, last_used FROM token_usage") {
                if let id = try? EventID(parsing: row[0] as String) { out[id] = Timestamp(milliseconds: row[1]) }
            }
            return out
        }
    }
}

/// Personal bearer tokens: `pace_` and 43 characters of base64url (256 random bits).
/// Only the SHA-256 of a token is stored.
public enum TokenSecret {
    /// A fresh secret from the system's CSPRNG (getrandom).
    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return "pace_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Hex SHA-256 of a presented token.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
