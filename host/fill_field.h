/*
 * fill_field.h — the facts about one form field that fill planning reads:
 * its classification (autocomplete token and section) and the descriptor
 * facts that decide a format (tag, input type, maxlength, pattern,
 * placeholder, label text, options, visibility).
 *
 * Owns: the planner's view of parsed descriptors (descriptor.h does the
 * bounded parsing) and applying a classification to it, either the
 * classifier's own result or the "fields" of a classify reply.
 * Never: classifies, or keeps a value; descriptors carry none.
 */
#pragma once

#include "classify.h"
#include "descriptor.h"

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

#define FILL_MAX_FIELDS DESCRIPTOR_MAX_FIELDS /* fields per plan: as many as a page may send */

typedef DescriptorOption FillOption;

typedef struct {
    gint64 index;        /* document-order index, the key of the fill map */
    const char *type;    /* WHATWG autocomplete token, or "" for none */
    const char *section; /* "shipping", "billing", "contact", "card", another name, or "" */
    DescriptorTag tag;
    const char *input_type; /* "text", "tel", "month", "date", "select-one", ... */
    const char *name;       /* name and id attributes ("" when absent) */
    const char *id;
    const char *hint; /* the label sources about the field itself, joined by " | " */
    const char *placeholder;
    const char *pattern; /* "" when absent */
    gint64 maxlength;    /* -1 when absent */
    gboolean visible;
    gboolean disabled;
    gboolean readonly;
    const FillOption *options;
    size_t n_options;
} FillField;

typedef struct {
    FillField *fields;
    size_t n_fields;
    GStringChunk *hints; /* the joined hints */
} FillFieldSet;

void fill_field_set_free(FillFieldSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FillFieldSet, fill_field_set_free)

/* One unclassified field (type and section "") per descriptor of @list, in
 * order. Strings point into @list, which must outlive the set. */
FillFieldSet *fill_field_set_new(const DescriptorList *list);

/* Applies the classifier's @result (made from the same list) to @set;
 * @result must outlive the set. */
void fill_field_set_apply(FillFieldSet *set, const ClassifyResult *result);

/* Applies @classified, the "fields" array of a classify reply
 * ([{"index", "type", "section", ...}]), to the fields with the same index;
 * strings point into @classified, which must outlive the set. An index not
 * in the set is INVALID_ARGUMENT, a wrong JSON type WRONG_TYPE; on failure no
 * field changes. */
gboolean fill_field_set_classify(FillFieldSet *set, const cJSON *classified, GError **error);

G_END_DECLS
