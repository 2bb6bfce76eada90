/*
 * commands.h — the protocol command handlers, one file per area under
 * host/commands/. Each handler reads its request through jsonfield.h, calls
 * the module that owns the work, and shapes the result object. The table
 * that maps names to these functions is in protocol.c.
 */
#pragma once

#include "../protocol.h"

G_BEGIN_DECLS

/* hello.c */
cJSON *command_hello(HostContext *context, const cJSON *request, GError **error);

/* classify.c */
cJSON *command_classify(HostContext *context, const cJSON *request, GError **error);

/* data.c: personas and their items (docs/protocol.md, "Personal data") */
cJSON *command_persona_list(HostContext *context, const cJSON *request, GError **error);
cJSON *command_persona_get(HostContext *context, const cJSON *request, GError **error);
cJSON *command_persona_put(HostContext *context, const cJSON *request, GError **error);
cJSON *command_persona_delete(HostContext *context, const cJSON *request, GError **error);
cJSON *command_persona_set_default(HostContext *context, const cJSON *request, GError **error);
cJSON *command_email_put(HostContext *context, const cJSON *request, GError **error);
cJSON *command_email_delete(HostContext *context, const cJSON *request, GError **error);
cJSON *command_phone_put(HostContext *context, const cJSON *request, GError **error);
cJSON *command_phone_delete(HostContext *context, const cJSON *request, GError **error);
cJSON *command_address_put(HostContext *context, const cJSON *request, GError **error);
cJSON *command_address_delete(HostContext *context, const cJSON *request, GError **error);
cJSON *command_card_put(HostContext *context, const cJSON *request, GError **error);
cJSON *command_card_delete(HostContext *context, const cJSON *request, GError **error);

/* fill.c: fill planning and site format memory (docs/protocol.md, "Fill planning") */
cJSON *command_fill_plan(HostContext *context, const cJSON *request, GError **error);
cJSON *command_fill_report(HostContext *context, const cJSON *request, GError **error);

/* classify.c */
cJSON *command_classify(HostContext *context, const cJSON *request, GError **error);

/* consent.c */
cJSON *command_consent_answer(HostContext *context, const cJSON *request, GError **error);
cJSON *command_consent_list(HostContext *context, const cJSON *request, GError **error);
cJSON *command_consent_revoke(HostContext *context, const cJSON *request, GError **error);
cJSON *command_consent_site(HostContext *context, const cJSON *request, GError **error);
cJSON *command_consent_card(HostContext *context, const cJSON *request, GError **error);

/* audit.c */
cJSON *command_audit_list(HostContext *context, const cJSON *request, GError **error);
cJSON *command_audit_export(HostContext *context, const cJSON *request, GError **error);
cJSON *command_audit_verify(HostContext *context, const cJSON *request, GError **error);
cJSON *command_audit_retention(HostContext *context, const cJSON *request, GError **error);

G_END_DECLS
