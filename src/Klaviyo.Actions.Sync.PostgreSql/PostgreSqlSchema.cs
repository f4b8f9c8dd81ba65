namespace Klaviyo.Actions.Sync.PostgreSql;

/// <summary>The store's schema, one script per version; <c>{0}</c> is the quoted schema name.</summary>
internal static class PostgreSqlSchema
{
    public static readonly string[] Migrations =
    [
        // Version 1. user_id and list_id use the "C" collation: byte order, the delta's key order, usable by the indexes.
        // Staging is UNLOGGED: it is rebuilt by every run, and a crash that empties it only makes the next run redo it.
        """
        CREATE TABLE IF NOT EXISTS {0}.connectors (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            segment_id       text COLLATE "C" NOT NULL,
            list_id          text COLLATE "C" NOT NULL,
            credential_name  text NOT NULL,
            status           text NOT NULL CHECK (status IN ('inactive', 'active', 'error')),
            last_error       text NULL,
            last_error_at    timestamptz NULL,
            last_synced_at   timestamptz NULL,
            created_at       timestamptz NOT NULL,
            updated_at       timestamptz NOT NULL,
            lease_owner      text NULL,
            lease_expires_at timestamptz NULL,
            UNIQUE (segment_id, list_id)
        );
        CREATE INDEX IF NOT EXISTS connectors_list_id ON {0}.connectors (list_id);

        CREATE TABLE IF NOT EXISTS {0}.snapshot (
            connector_id bigint NOT NULL REFERENCES {0}.connectors (id) ON DELETE CASCADE,
            user_id      text COLLATE "C" NOT NULL,
            email        text NULL,
            phone_number text NULL,
            external_id  text NULL,
            profile_id   text NULL,
            in_list      boolean NOT NULL,
            synced_at    timestamptz NOT NULL,
            PRIMARY KEY (connector_id, user_id)
        );

        CREATE UNLOGGED TABLE IF NOT EXISTS {0}.staging (
            connector_id bigint NOT NULL,
            user_id      text COLLATE "C" NOT NULL,
            email        text NULL,
            phone_number text NULL,
            external_id  text NULL,
            PRIMARY KEY (connector_id, user_id)
        );
        CREATE INDEX IF NOT EXISTS staging_email ON {0}.staging (connector_id, email) WHERE email IS NOT NULL;
        CREATE INDEX IF NOT EXISTS staging_external_id ON {0}.staging (connector_id, external_id) WHERE external_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS staging_phone_number ON {0}.staging (connector_id, phone_number) WHERE phone_number IS NOT NULL;

        -- The run's delta, computed in one pass when staging is complete; also rebuilt by every run.
        CREATE UNLOGGED TABLE IF NOT EXISTS {0}.delta (
            connector_id bigint NOT NULL,
            user_id      text COLLATE "C" NOT NULL,
            upsert       boolean NOT NULL,
            remove       boolean NOT NULL,
            PRIMARY KEY (connector_id, user_id)
        );

        CREATE TABLE IF NOT EXISTS {0}.identity_links (
            segment_id text COLLATE "C" NOT NULL,
            user_id    text COLLATE "C" NOT NULL,
            email      text NOT NULL,
            linked_at  timestamptz NOT NULL,
            PRIMARY KEY (segment_id, user_id)
        );
        """,
    ];
}
