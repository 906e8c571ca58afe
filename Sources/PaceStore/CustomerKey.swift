import Foundation

/// The one normalised form in which customer names are compared, used by the writer
/// and by `rebuild` alike: Unicode NFC, a full case fold (so `ΟΔΟΣ` and `Οδος`, or
/// `STRASSE` and `Straße`, are one customer), and whitespace runs collapsed to one
/// space. The name shown keeps the first spelling seen.
///
/// Lives in the store, not in PaceCore: case folding needs Foundation with ICU,
/// which the CLI must not link.
public enum CustomerKey {
    /// The normalised name.
    public static func normalised(_ name: String) -> String {
        asciiNormalised(name) ?? unicodeNormalised(name)
    }

    /// ``normalised(_:)`` of an ASCII name, from its bytes: NFC leaves ASCII as it is
    /// and the case fold of ASCII is its lower case, so only `A`-`Z` change and
    /// whitespace runs (tab, line feed, vertical tab, form feed, carriage return, space)
    /// become one space. Nil for a name with any other byte.
    static func asciiNormalised(_ name: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            switch byte {
            case 0x80...: return nil
            case 0x09...0x0D, 0x20:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``normalised(_:)`` through Foundation, for any name.
    static func unicodeNormalised(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    /// A metric's name as the projections key it: a per-product metric
    /// (`revenue:P`, `units:P`) with its product name normalised, so `Widget` and
    /// `WIDGET` count as one product; any other name as it is.
    public static func metric(_ name: String) -> String {
        for prefix in ["revenue:", "units:"] where name.hasPrefix(prefix) {
            return prefix + normalised(String(name.dropFirst(prefix.count)))
        }
        return name
    }

    /// The account key: `team`, U+001F, the normalised name. Accounts are per team.
    public static func account(team: String, name: String) -> String {
        account(team: team, normalisedName: normalised(name))
    }

    static func account(team: String, normalisedName: String) -> String {
        team + "\u{1F}" + normalisedName
    }

    /// ``metric(_:)`` and ``account(team:name:)`` with the normalised names remembered,
    /// for a pass over many events that name the same customers and products again and
    /// again (the rebuild): the Unicode work is done once per distinct spelling. Not
    /// thread-safe; one per pass.
    final class Memo {
        private var names: [String: String] = [:]
        private var metrics: [String: String] = [:]

        func metric(_ name: String) -> String {
            if let m = metrics[name] { return m }
            let m = CustomerKey.metric(name)
            metrics[name] = m
            return m
        }

        func account(team: String, name: String) -> String {
            let normalised = names[name] ?? CustomerKey.normalised(name)
            names[name] = normalised
            return CustomerKey.account(team: team, normalisedName: normalised)
        }
    }
}
