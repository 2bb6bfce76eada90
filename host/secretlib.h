/*
 * secretlib.h — libsecret, loaded the first time the keyring is needed.
 *
 * A browser starts a new host for every one-off message, and most messages
 * (classify, hello without a store) never need the key. Linking libsecret
 * would map it, and with it GIO, GObject, libgcrypt, libmount, libselinux,
 * libblkid and four more (eleven libraries, about 3.6 M instructions of
 * dynamic loading and 2 MiB of resident pages), in every one of those
 * processes. This module
 * dlopen()s the real libsecret (its C ABI is stable: soname SECRETLIB_SONAME,
 * checked by meson at configure time) on first use and hands out the
 * functions vault.c calls, typed from libsecret's own headers.
 *
 * It owns the loading only: it never talks to the keyring and never sees a
 * secret (vault.c does both). The library stays loaded for the process.
 */
#pragma once

#include <glib.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The libsecret (and GObject) functions vault.c uses; each has exactly the
 * type of the library function it points to. */
typedef struct {
    __typeof__(secret_service_get_sync) *service_get_sync;
    __typeof__(secret_service_disconnect) *service_disconnect;
    __typeof__(secret_service_search_sync) *service_search_sync;
    __typeof__(secret_service_store_sync) *service_store_sync;
    __typeof__(secret_collection_for_alias_sync) *collection_for_alias_sync;
    __typeof__(secret_collection_get_locked) *collection_get_locked;
    __typeof__(secret_item_get_locked) *item_get_locked;
    __typeof__(secret_item_load_secret_sync) *item_load_secret_sync;
    __typeof__(secret_item_get_secret) *item_get_secret;
    __typeof__(secret_item_delete_sync) *item_delete_sync;
    __typeof__(secret_value_new) *value_new;
    __typeof__(secret_value_get) *value_get;
    __typeof__(secret_value_unref) *value_unref;
    __typeof__(g_object_unref) *object_unref;
} SecretLib;

/* Returns libsecret's functions, loading the library on the first call
 * (thread-safe; later calls return the same table). When the library or one
 * of its functions cannot be loaded, returns NULL with
 * KEYFILL_ERROR_KEYRING_UNAVAILABLE, every time. */
const SecretLib *secretlib_get(GError **error);

/* Drops a reference to a libsecret object (SecretService, SecretCollection,
 * SecretItem) through the loaded library; NULL is accepted. Only objects
 * obtained from secretlib_get()'s functions exist, so the library is loaded. */
void secretlib_unref(gpointer object);

/* Names for libsecret's objects whose g_autoptr cleanup goes through the
 * loaded library: libsecret's own cleanup calls g_object_unref directly,
 * which would link GObject into every host process again. */
typedef SecretService SecretlibService;
typedef SecretCollection SecretlibCollection;
typedef SecretItem SecretlibItem;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SecretlibService, secretlib_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SecretlibCollection, secretlib_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SecretlibItem, secretlib_unref)

G_END_DECLS
