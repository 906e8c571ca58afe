import PaceCore

extension Slip.Kind {
    /// The fixed MESSAGE_ID of each kind; `systemd/paced.catalog` explains each one.
    var messageID: String {
        switch self {
        case .dailySlip: "32a1d6a960994700b42192a14f5b3f11"
        case .weeklyAtRisk: "dca44fbaed1e463da97a5e4d97290f20"
        case .weeklyMissed: "2717c43879a34aedbccd685e3330ea4d"
        case .recovered: "eb76898f291c47b1ba905c8b144a42ad"
        case .planReminder: "e3fea67fd040432e956e000287706427"
        case .milestoneMissed: "1968a8594dd04af6815041ce12422fa0"
        }
    }

    /// The journal's PRIORITY for ``Slip/Kind/level``.
    var priority: Int { ["warning": 4, "notice": 5, "info": 6][level]! }
}

extension Slip {
    /// The journal entry of this slip, recorded as event `seq` about `subject` (a user
    /// or `team:NAME`). Filter on any PACE_* field: `journalctl -t paced PACE_TEAM=east`.
    func journalFields(subject: String, seq: Int64) -> [(String, String)] {
        [
            ("MESSAGE", message(subject: subject)),
            ("MESSAGE_ID", kind.messageID),
            ("PRIORITY", String(kind.priority)),
            ("SYSLOG_IDENTIFIER", "paced"),
            ("PACE_KIND", kind.rawValue),
            ("PACE_SUBJECT", subject),
            ("PACE_TEAM", team),
            ("PACE_METRIC", metric?.name ?? "plan"),
            ("PACE_PERIOD", period),
            ("PACE_PERIOD_START", periodStart.description),
            ("PACE_PERIOD_END", periodEnd.description),
            ("PACE_TARGET", target),
            ("PACE_ACTUAL", actual),
            ("PACE_EXPECTED", expected),
            ("PACE_GAP", gap),
            ("PACE_LATE", late ? "1" : "0"),
            ("PACE_SEQ", String(seq)),
        ]
    }
}
