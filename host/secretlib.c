/*
 * secretlib.c — libsecret, loaded the first time the keyring is needed.
 *
 * DESIGN: one dlopen() of SECRETLIB_SONAME by soname (the dynamic loader's
 * usual search, so the library found is the one the system's package
 * manager installed), then one dlsym() per function (dynlib.c) into a table
 * whose field types come from libsecret's headers. The table is filled once
 * under g_once and never changes afterwards, so readers need no lock. A
 * failure is remembered with its message: the library does not appear while
 * a host runs, and each caller gets the same clear error.
 */
#include "secretlib.h"

#include "buildconfig.h"
#include "dynlib.h"
#include "errors.h"

typedef struct {
    SecretLib lib;
    char *failure; /* set when the library could not be loaded */
} Loaded;

/* Each function of SecretLib, by name and place in the table. */
static const DynlibFunction functions[] = {
    {"secret_service_get_sync", G_STRUCT_OFFSET(SecretLib, service_get_sync)},
    {"secret_service_disconnect", G_STRUCT_OFFSET(SecretLib, service_disconnect)},
    {"secret_service_search_sync", G_STRUCT_OFFSET(SecretLib, service_search_sync)},
    {"secret_service_store_sync", G_STRUCT_OFFSET(SecretLib, service_store_sync)},
    {"secret_collection_for_alias_sync", G_STRUCT_OFFSET(SecretLib, collection_for_alias_sync)},
    {"secret_collection_get_locked", G_STRUCT_OFFSET(SecretLib, collection_get_locked)},
    {"secret_item_get_locked", G_STRUCT_OFFSET(SecretLib, item_get_locked)},
    {"secret_item_load_secret_sync", G_STRUCT_OFFSET(SecretLib, item_load_secret_sync)},
    {"secret_item_get_secret", G_STRUCT_OFFSET(SecretLib, item_get_secret)},
    {"secret_item_delete_sync", G_STRUCT_OFFSET(SecretLib, item_delete_sync)},
    {"secret_value_new", G_STRUCT_OFFSET(SecretLib, value_new)},
    {"secret_value_get", G_STRUCT_OFFSET(SecretLib, value_get)},
    {"secret_value_unref", G_STRUCT_OFFSET(SecretLib, value_unref)},
    /* GObject comes with libsecret; dlsym on its handle searches its dependencies. */
    {"g_object_unref", G_STRUCT_OFFSET(SecretLib, object_unref)},
};
G_STATIC_ASSERT(G_N_ELEMENTS(functions) * sizeof(void (*)(void)) == sizeof(SecretLib));

static gpointer load(gpointer data)
{
    Loaded *loaded = g_new0(Loaded, 1);
    loaded->failure =
        dynlib_load(SECRETLIB_SONAME, functions, G_N_ELEMENTS(functions), &loaded->lib);
    return loaded;
}

const SecretLib *secretlib_get(GError **error)
{
    static GOnce once = G_ONCE_INIT;
    const Loaded *loaded = g_once(&once, load, NULL);
    if (loaded->failure != NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_UNAVAILABLE,
                    "Keyfill could not load libsecret, its link to the keyring (%s). Install "
                    "the libsecret-1-0 package (or your system's libsecret), then try again.",
                    loaded->failure);
        return NULL;
    }
    return &loaded->lib;
}

void secretlib_unref(gpointer object)
{
    if (object == NULL)
        return;
    const SecretLib *lib = secretlib_get(NULL);
    g_assert(lib != NULL); /* an object exists, so the library was loaded */
    lib->object_unref(object);
}
