namespace Klaviyo.Actions.Sync.Sqlite;

/// <summary>The store's schema, one script per version; applied in order inside one IMMEDIATE transaction.</summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        // Version 1. Times are Unix milliseconds (UTC). TEXT compares in binary order, which is the delta's key order.
        """
        CREATE TABLE IF NOT EXISTS klaviyo_sync_connectors (
            id               INTEGER PRIMARY KEY,
            segment_id       TEXT    NOT NULL,
            list_id          TEXT    NOT NULL,
            credential_name  TEXT    NOT NULL,
            status           TEXT    NOT NULL CHECK (status IN ('inactive', 'active', 'error')),
            last_error       TEXT    NULL,
            last_error_at    INTEGER NULL,
            last_synced_at   INTEGER NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            lease_owner      TEXT    NULL,
            lease_expires_at INTEGER NULL,
            UNIQUE (segment_id, list_id)
        );
        CREATE INDEX IF NOT EXISTS ix_klaviyo_sync_connectors_list ON klaviyo_sync_connectors (list_id);

        CREATE TABLE IF NOT EXISTS klaviyo_sync_snapshot (
            connector_id INTEGER NOT NULL,
            user_id      TEXT    NOT NULL,
            email        TEXT    NULL,
            phone_number TEXT    NULL,
            external_id  TEXT    NULL,
            profile_id   TEXT    NULL,
            in_list      INTEGER NOT NULL,
            synced_at    INTEGER NOT NULL,
            PRIMARY KEY (connector_id, user_id)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS klaviyo_sync_staging (
            connector_id INTEGER NOT NULL,
            user_id      TEXT    NOT NULL,
            email        TEXT    NULL,
            phone_number TEXT    NULL,
            external_id  TEXT    NULL,
            PRIMARY KEY (connector_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_klaviyo_sync_staging_email ON klaviyo_sync_staging (connector_id, email) WHERE email IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_klaviyo_sync_staging_external_id ON klaviyo_sync_staging (connector_id, external_id) WHERE external_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_klaviyo_sync_staging_phone ON klaviyo_sync_staging (connector_id, phone_number) WHERE phone_number IS NOT NULL;

        CREATE TABLE IF NOT EXISTS klaviyo_sync_identity_links (
            segment_id TEXT    NOT NULL,
            user_id    TEXT    NOT NULL,
            email      TEXT    NOT NULL,
            linked_at  INTEGER NOT NULL,
            PRIMARY KEY (segment_id, user_id)
        ) WITHOUT ROWID;
        """,
    ];
}
