/*
 * fill_field.h — the facts about one form field that fill planning reads:
 * its classification (autocomplete token and section) and the descriptor
 * facts that decide a format (tag, input type, maxlength, pattern,
 * placeholder, label text, options, visibility).
 *
 * Owns: FillField and the bounded reading of descriptors (docs/protocol.md,
 * brief/DESCRIPTOR.md) into FillFields.
 * Never: classifies (a descriptor without "type" is unclassified) or keeps
 * a value; descriptors carry none.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

#define FILL_MAX_FIELDS 500   /* descriptors per request */
#define FILL_MAX_OPTIONS 300  /* options per select (the extension sends the first 300) */
#define FILL_MAX_STRING 1024  /* bytes of any descriptor string (labels are ≤ 200 characters) */
#define FILL_MAX_INDEX 100000 /* largest field index */

typedef struct {
    const char *value;
    const char *text;
} FillOption;

typedef struct {
    int index;              /* document-order index, the key of the fill map */
    const char *type;       /* WHATWG autocomplete token, or "" for none */
    const char *section;    /* "shipping", "billing", "contact", "card", another name, or "" */
    const char *tag;        /* "input", "select", "textarea" */
    const char *input_type; /* "text", "tel", "month", "date", "select-one", ... */
    const char *name;       /* name and id attributes ("" when absent) */
    const char *id;
    const char *hint; /* every label source and the title, joined by " | " */
    const char *placeholder;
    const char *pattern; /* "" when absent */
    gint64 maxlength;    /* -1 when absent */
    gboolean visible;
    gboolean disabled;
    gboolean readonly;
    const FillOption *options;
    size_t n_options;
} FillField;

/* Fields read from descriptors; strings point into the cJSON they came
 * from (which must outlive the set) or into the set itself. */
typedef struct {
    FillField *fields;
    size_t n_fields;
    GPtrArray *owned; /* strings and option arrays the set allocated */
} FillFieldSet;

void fill_field_set_free(FillFieldSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FillFieldSet, fill_field_set_free)

/* Reads the descriptor array @descriptors (≤ FILL_MAX_FIELDS items, each an
 * object with an integer "index" in [0, FILL_MAX_INDEX], unique, and the
 * optional members of the descriptor shape). Every field starts
 * unclassified (type and section ""). Strings over FILL_MAX_STRING bytes and option lists
 * over FILL_MAX_OPTIONS are LIMIT_EXCEEDED, wrong JSON types WRONG_TYPE, a
 * repeated index INVALID_ARGUMENT. Returns a new set in *@out or FALSE. */
gboolean fill_field_set_from_json(const cJSON *descriptors, FillFieldSet **out, GError **error);

/* Applies @classified, the "fields" array of a classify reply
 * ([{"index", "type", "section", ...}]), to the fields of @set with the same
 * index; strings point into @classified, which must outlive the set. An
 * index not in the set is INVALID_ARGUMENT; on failure no field changes. */
gboolean fill_field_set_classify(FillFieldSet *set, const cJSON *classified, GError **error);

G_END_DECLS
