/*
 * descriptor.h — the field descriptors a page sends, parsed and bounded.
 *
 * The extension describes every input, select and textarea of a frame
 * (docs/protocol.md, "Field descriptors"). This module turns that JSON into
 * plain structs with every count and length checked against the limits
 * below, so that classify.c and the fill planner work on trusted shapes.
 * It owns parsing only: it never judges what a field is, never logs, and
 * never sees a value (descriptors carry none: only "value_present").
 *
 * DESIGN: all strings of one request are copied into one GStringChunk and all
 * options into one array, so a 30-field form costs a handful of allocations
 * whatever its size, and one free releases everything.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* Most fields accepted in one request. Real pages stay far below (the largest
 * page of the development corpus has 5,169 controls, most of them hidden). */
#define DESCRIPTOR_MAX_FIELDS 6000
/* Longest attribute string (name, id, autocomplete, type, pattern...), bytes. */
#define DESCRIPTOR_MAX_ATTRIBUTE 2048
/* Longest label text (the extension caps each at 200 characters), bytes. */
#define DESCRIPTOR_MAX_LABEL 1024
/* Most options per select (the extension sends the first 300). */
#define DESCRIPTOR_MAX_OPTIONS 300
/* Longest option value or text, bytes. */
#define DESCRIPTOR_MAX_OPTION_TEXT 512
/* Most options in one request, all selects together. */
#define DESCRIPTOR_MAX_TOTAL_OPTIONS 200000

typedef enum {
    DESCRIPTOR_TAG_INPUT,
    DESCRIPTOR_TAG_SELECT,
    DESCRIPTOR_TAG_TEXTAREA,
} DescriptorTag;

/* Where a piece of text describing the field came from. The order is the
 * order of "labels" in the JSON followed by the attributes. */
typedef enum {
    DESCRIPTOR_TEXT_LABEL,           /* "label": the best human label */
    DESCRIPTOR_TEXT_FOR,             /* labels.for: <label for=id> */
    DESCRIPTOR_TEXT_ENCLOSING,       /* labels.enclosing: <label> around the field */
    DESCRIPTOR_TEXT_ARIA_LABEL,      /* labels.aria_label */
    DESCRIPTOR_TEXT_ARIA_LABELLEDBY, /* labels.aria_labelledby */
    DESCRIPTOR_TEXT_PLACEHOLDER,     /* labels.placeholder or "placeholder" */
    DESCRIPTOR_TEXT_TITLE,           /* labels.title */
    DESCRIPTOR_TEXT_PRECEDING,       /* labels.preceding: nearest text before */
    DESCRIPTOR_TEXT_COLUMN,          /* labels.column: table column header */
    DESCRIPTOR_TEXT_LEGEND,          /* labels.legend: enclosing fieldset legend */
    DESCRIPTOR_TEXT_NAME,            /* the name attribute */
    DESCRIPTOR_TEXT_ID,              /* the id attribute */
    DESCRIPTOR_N_TEXTS
} DescriptorText;

typedef struct {
    const char *value; /* never NULL */
    const char *text;  /* never NULL */
} DescriptorOption;

typedef struct {
    gint64 index; /* document-order index in its frame */
    gint64 frame; /* 0 = top */
    gint64 form;  /* owning <form>, -1 when none */
    DescriptorTag tag;
    const char *type;                     /* lower case; "text" when absent; never NULL */
    const char *autocomplete;             /* raw attribute, "" when absent */
    const char *text[DESCRIPTOR_N_TEXTS]; /* "" when absent, never NULL */
    const char *pattern;                  /* "" when absent */
    const char *inputmode;                /* "" when absent */
    gint64 maxlength;                     /* -1 when absent */
    gint64 minlength;                     /* -1 when absent */
    gint64 size;                          /* -1 when absent */
    gboolean value_present;
    gboolean visible; /* TRUE when absent */
    gboolean disabled;
    gboolean readonly;
    const DescriptorOption *options; /* n_options entries, NULL when none */
    guint n_options;
    gint64 options_total; /* options before the extension's cap */
} Descriptor;

typedef struct {
    Descriptor *fields;
    guint n_fields;
    /* private */
    GStringChunk *strings;
    DescriptorOption *option_pool;
} DescriptorList;

/* Parses @array (the "fields" of a request: an array of descriptor objects).
 * Returns a new list, or NULL with KEYFILL_ERROR_WRONG_TYPE,
 * KEYFILL_ERROR_MISSING_FIELD, KEYFILL_ERROR_INVALID_ARGUMENT,
 * KEYFILL_ERROR_LIMIT_EXCEEDED or KEYFILL_ERROR_BAD_DESCRIPTOR; the message
 * names the offending descriptor by position and key. Two descriptors with
 * one index are INVALID_ARGUMENT, a key given twice in one descriptor is
 * BAD_DESCRIPTOR. Unknown keys are ignored so that a newer extension can add
 * some. The list copies what it
 * keeps: @array may be freed afterwards. */
DescriptorList *descriptor_list_parse(const cJSON *array, GError **error);

/* Frees @list; NULL is allowed. */
void descriptor_list_free(DescriptorList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DescriptorList, descriptor_list_free)

G_END_DECLS
