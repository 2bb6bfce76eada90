/*
 * audit-trail.h — audit entries in one line, for tests that check which
 * entries a flow wrote: "consent_grant/allow_once denial/deny" (kind and
 * decision of each entry, "-" without a decision, in the order given).
 */
#pragma once

#include "jsonfield.h" /* cJSON with g_autoptr support */

#include <glib.h>

G_BEGIN_DECLS

/* The trail of @entries (a JSON array of audit entries). g_free. */
char *audit_trail(const cJSON *entries);

G_END_DECLS
