import GRDB

/// The SQL schema: the files of `schema/NNN_name.sql`, embedded in the binary at
/// build time (SwiftPM `embedInCode`, through the symlink Sources/PaceStore/schema),
/// applied in this order, each once. SwiftPM names `001_x.sql` `_01_x_sql`: it
/// replaces the leading digit, which cannot start an identifier.
enum Schema {
    static let migrations: [(name: String, sql: String)] = [
        ("001_event_log", String(decoding: PackageResources._01_event_log_sql, as: UTF8.self)),
        ("002_progress_projections", String(decoding: PackageResources._02_progress_projections_sql, as: UTF8.self)),
        ("003_slips", String(decoding: PackageResources._03_slips_sql, as: UTF8.self)),
        ("004_customer_accounts", String(decoding: PackageResources._04_customer_accounts_sql, as: UTF8.self)),
        ("005_token_usage", String(decoding: PackageResources._05_token_usage_sql, as: UTF8.self)),
        ("006_team_daily_totals", String(decoding: PackageResources._06_team_daily_totals_sql, as: UTF8.self)),
    ]

    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        for (name, sql) in migrations {
            m.registerMigration(name) { db in try db.execute(sql: sql) }
        }
        return m
    }
}
