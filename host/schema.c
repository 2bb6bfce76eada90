/*
 * schema.c — the store's tables as forward migrations, and the list of
 * sealed columns.
 *
 * DESIGN: the schema is data. Each migration is one row: a version and the
 * SQL that takes a database from the previous version to it. A database
 * records its version in PRAGMA user_version (0 for a new file), so opening
 * any older store runs exactly the missing rows, in order, inside the caller's
 * write transaction: either all run or none. Rows are never edited once
 * shipped; see schema.h for how to add one.
 *
 * Only ids, foreign keys, positions, flags and timestamps are plain columns.
 * Every other column is a BLOB written by vault_seal() (NULL when the field
 * is absent) or a keyed index hash.
 */
#include "schema.h"

#include "errors.h"

typedef struct {
    int version;
    const char *sql;
} SchemaMigration;

static const SchemaMigration migrations[] = {
    {1,
     "CREATE TABLE meta ("
     "  key TEXT PRIMARY KEY,"
     "  value BLOB NOT NULL);"
     "CREATE TABLE personas ("
     "  id TEXT PRIMARY KEY,"
     "  position INTEGER NOT NULL,"
     "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
     "  full_is_custom INTEGER NOT NULL DEFAULT 0 CHECK (full_is_custom IN (0, 1)),"
     "  created INTEGER NOT NULL,"
     "  updated INTEGER NOT NULL,"
     "  label BLOB, name_prefix BLOB, name_given BLOB, name_additional BLOB,"
     "  name_family BLOB, name_full BLOB, organization BLOB, birthday BLOB);"
     "CREATE UNIQUE INDEX personas_one_default ON personas (is_default) WHERE is_default = 1;"
     "CREATE TABLE emails ("
     "  id TEXT PRIMARY KEY,"
     "  persona_id TEXT NOT NULL REFERENCES personas (id) ON DELETE CASCADE,"
     "  position INTEGER NOT NULL,"
     "  label BLOB, address BLOB);"
     "CREATE INDEX emails_persona ON emails (persona_id, position);"
     "CREATE TABLE phones ("
     "  id TEXT PRIMARY KEY,"
     "  persona_id TEXT NOT NULL REFERENCES personas (id) ON DELETE CASCADE,"
     "  position INTEGER NOT NULL,"
     "  label BLOB, country BLOB, number BLOB);"
     "CREATE INDEX phones_persona ON phones (persona_id, position);"
     "CREATE TABLE addresses ("
     "  id TEXT PRIMARY KEY,"
     "  persona_id TEXT NOT NULL REFERENCES personas (id) ON DELETE CASCADE,"
     "  position INTEGER NOT NULL,"
     "  label BLOB, lines BLOB, city BLOB, region BLOB, postal_code BLOB, country BLOB);"
     "CREATE INDEX addresses_persona ON addresses (persona_id, position);"
     "CREATE TABLE cards ("
     "  id TEXT PRIMARY KEY,"
     "  persona_id TEXT NOT NULL REFERENCES personas (id) ON DELETE CASCADE,"
     "  position INTEGER NOT NULL,"
     "  nickname BLOB, holder BLOB, number BLOB, exp_month BLOB, exp_year BLOB,"
     "  network BLOB, number_index BLOB);"
     "CREATE INDEX cards_persona ON cards (persona_id, position);"
     "CREATE INDEX cards_number_index ON cards (number_index);"},
    /* consent.c, consentrequest.c and audit.c: no personal values here,
     * only origins, ids and tokens (the audit chain key is sealed). */
    {2,
     "CREATE TABLE consents ("
     "  id INTEGER PRIMARY KEY,"
     "  origin TEXT NOT NULL,"
     "  persona_id TEXT NOT NULL,"
     "  grp TEXT NOT NULL,"
     "  decision TEXT NOT NULL CHECK (decision IN ('always_allow', 'always_deny')),"
     "  created INTEGER NOT NULL,"
     "  updated INTEGER NOT NULL,"
     "  expires INTEGER,"
     "  UNIQUE (origin, persona_id, grp));"
     "CREATE INDEX consents_expires ON consents (expires) WHERE expires IS NOT NULL;"
     "CREATE TABLE consent_sites ("
     "  origin TEXT PRIMARY KEY,"
     "  default_persona_id TEXT NOT NULL);"
     "CREATE TABLE consent_cards ("
     "  card_id TEXT PRIMARY KEY,"
     "  ask_each_time INTEGER NOT NULL CHECK (ask_each_time IN (0, 1)));"
     "CREATE TABLE consent_requests ("
     "  id TEXT PRIMARY KEY,"
     "  origin TEXT NOT NULL,"
     "  persona_id TEXT NOT NULL,"
     "  frames TEXT NOT NULL,"
     "  groups TEXT NOT NULL,"
     "  created INTEGER NOT NULL,"
     "  expires INTEGER NOT NULL,"
     "  answered INTEGER);"
     "CREATE INDEX consent_requests_expires ON consent_requests (expires);"
     "CREATE TABLE audit_log ("
     "  seq INTEGER PRIMARY KEY,"
     "  at INTEGER NOT NULL,"
     "  kind TEXT NOT NULL,"
     "  site TEXT,"
     "  body TEXT NOT NULL,"
     "  mac BLOB NOT NULL);"
     "CREATE INDEX audit_log_site ON audit_log (site, seq);"
     "CREATE INDEX audit_log_kind ON audit_log (kind, seq);"
     "CREATE INDEX audit_log_at ON audit_log (at);"
     "CREATE TABLE audit_marks ("
     "  name TEXT PRIMARY KEY CHECK (name IN ('head', 'anchor')),"
     "  seq INTEGER NOT NULL,"
     "  at INTEGER NOT NULL,"
     "  mac BLOB NOT NULL,"
     "  seal BLOB NOT NULL);"
     "CREATE TABLE audit_key ("
     "  id TEXT PRIMARY KEY,"
     "  chain_key BLOB NOT NULL);"
     "CREATE TABLE audit_settings ("
     "  name TEXT PRIMARY KEY,"
     "  value INTEGER NOT NULL);"
     /* Append-only at the SQL level: no UPDATE ever; DELETE only of entries
      * at or below the anchor, which the retention purge moves first. */
     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN"
     "  SELECT RAISE(ABORT, 'audit log entries cannot be changed'); END;"
     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
     "  WHEN OLD.seq > COALESCE((SELECT seq FROM audit_marks WHERE name = 'anchor'), 0) BEGIN"
     "  SELECT RAISE(ABORT, 'audit log entries are removed only by the retention purge'); END;"
     "CREATE TRIGGER audit_marks_forward BEFORE UPDATE ON audit_marks"
     "  WHEN NEW.seq < OLD.seq BEGIN"
     "  SELECT RAISE(ABORT, 'audit marks only move forward'); END;"},
    /* format_memory.c: per-site preferred spellings. No values: format ids
     * ("MM/YY") and shapes ("99/99") only. Version 2 belongs to consent. */
    {3,
     "CREATE TABLE site_formats ("
     "  origin TEXT NOT NULL,"
     "  field_type TEXT NOT NULL,"
     "  preferred TEXT,"
     "  avoided TEXT,"
     "  updated INTEGER NOT NULL,"
     "  PRIMARY KEY (origin, field_type));"},
    /* consentrequest.c: what a question showed, so that its answer releases
     * exactly that: the addresses and card the plan used (ids, in the clear
     * like every id; NULL = none) and a digest of each shown value, sealed.
     * (Column names avoid the words a person uses as address labels, which
     * tests/test-store.c looks for in the database file.)
     * Questions stored before this step have none and cannot release. */
    {4,
     "ALTER TABLE consent_requests ADD COLUMN ship_to_id TEXT;"
     "ALTER TABLE consent_requests ADD COLUMN bill_to_id TEXT;"
     "ALTER TABLE consent_requests ADD COLUMN card_id TEXT;"
     "ALTER TABLE consent_requests ADD COLUMN share_address INTEGER NOT NULL DEFAULT 0"
     "  CHECK (share_address IN (0, 1));"
     "ALTER TABLE consent_requests ADD COLUMN shown BLOB;"},
};

static const SchemaSealedColumn sealed_columns[] = {
    {"personas", "label", NULL, NULL},
    {"personas", "name_prefix", NULL, NULL},
    {"personas", "name_given", NULL, NULL},
    {"personas", "name_additional", NULL, NULL},
    {"personas", "name_family", NULL, NULL},
    {"personas", "name_full", NULL, NULL},
    {"personas", "organization", NULL, NULL},
    {"personas", "birthday", NULL, NULL},
    {"emails", "label", NULL, NULL},
    {"emails", "address", NULL, NULL},
    {"phones", "label", NULL, NULL},
    {"phones", "country", NULL, NULL},
    {"phones", "number", NULL, NULL},
    {"addresses", "label", NULL, NULL},
    {"addresses", "lines", NULL, NULL},
    {"addresses", "city", NULL, NULL},
    {"addresses", "region", NULL, NULL},
    {"addresses", "postal_code", NULL, NULL},
    {"addresses", "country", NULL, NULL},
    {"cards", "nickname", NULL, NULL},
    {"cards", "holder", NULL, NULL},
    {"cards", "number", "number_index", "card-number"},
    {"cards", "exp_month", NULL, NULL},
    {"cards", "exp_year", NULL, NULL},
    {"cards", "network", NULL, NULL},
    {"audit_key", "chain_key", NULL, NULL},
    {"consent_requests", "shown", NULL, NULL},
};

int schema_latest_version(void)
{
    return migrations[G_N_ELEMENTS(migrations) - 1].version;
}

const SchemaSealedColumn *schema_sealed_columns(gsize *count)
{
    g_return_val_if_fail(count != NULL, NULL);
    *count = G_N_ELEMENTS(sealed_columns);
    return sealed_columns;
}

static gboolean read_version(sqlite3 *db, int *version, GError **error)
{
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(statement);
    if (rc != SQLITE_ROW) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                    "The store's schema version cannot be read (%s). Check that the database "
                    "file is a Keyfill store and is readable.",
                    sqlite3_errmsg(db));
        sqlite3_finalize(statement);
        return FALSE;
    }
    *version = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    return TRUE;
}

gboolean schema_migrate_to(sqlite3 *db, int version, GError **error)
{
    g_return_val_if_fail(db != NULL && version >= 0 && version <= schema_latest_version(),
                         FALSE);
    g_return_val_if_fail(!sqlite3_get_autocommit(db), FALSE); /* inside a transaction */

    int current;
    if (!read_version(db, &current, error))
        return FALSE;
    if (current > schema_latest_version()) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_TOO_NEW,
                    "The store was written by a newer Keyfill (schema %d; this one knows up to "
                    "%d). Update Keyfill; the store was not changed.",
                    current, schema_latest_version());
        return FALSE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(migrations); i++) {
        const SchemaMigration *step = &migrations[i];
        if (step->version <= current || step->version > version)
            continue;
        char *message = NULL;
        if (sqlite3_exec(db, step->sql, NULL, NULL, &message) != SQLITE_OK) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                        "Upgrading the store to schema %d failed (%s); nothing was changed. "
                        "Check free disk space, then retry.",
                        step->version, message != NULL ? message : "unknown error");
            sqlite3_free(message);
            return FALSE;
        }
        g_autofree char *pragma = g_strdup_printf("PRAGMA user_version = %d", step->version);
        if (sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                        "Recording schema version %d failed (%s). Retry.", step->version,
                        sqlite3_errmsg(db));
            return FALSE;
        }
    }
    return TRUE;
}

gboolean schema_migrate(sqlite3 *db, GError **error)
{
    return schema_migrate_to(db, schema_latest_version(), error);
}
