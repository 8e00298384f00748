/*
 * jsoncheck — an independent consumer of authzc's JSON output.
 *
 * It shares no code with authzc: it parses with jansson (rejecting duplicate
 * keys) and checks the IAM body shapes of /work/shared/design/DOMAIN.md §3
 * strictly, plus the Backup-for-VPC rules every policy must follow
 * (DOMAIN.md §1: subject is serviceName=is + resourceType=backup-policy; the
 * target's ID attribute is a wildcard, except Event Notifications, which is
 * scoped to one serviceInstance).
 *
 *   jsoncheck [--shape SHAPE] FILE...
 *
 * SHAPE: v1 | v2 | template | assignment   one IAM request body
 *        auto       pick v1/v2/template/assignment by the top-level keys
 *        document   {"policies"|"templates"|"assignments": [{"name": S, "body": BODY, ...}]}
 *        index      {"policies"|"templates"|"assignments": [{"file": S, ...}]}; each
 *                   file (relative to the index's folder) must exist and pass auto
 * Without --shape only the JSON syntax is checked.
 *
 * Output: nothing and exit 0 when every file passes. Otherwise one line per
 * problem on stderr — "file:line:col: error" for syntax, "file: $.json.path:
 * message" for shape — and exit 1. Usage errors exit 2.
 *
 * Build: cc -std=c11 -Wall -Wextra -Wpedantic -o jsoncheck jsoncheck.c $(pkg-config --cflags --libs jansson)
 */
#include <jansson.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum shape {
    SHAPE_NONE,
    SHAPE_V1,
    SHAPE_V2,
    SHAPE_TEMPLATE,
    SHAPE_ASSIGNMENT,
    SHAPE_AUTO,
    SHAPE_DOCUMENT,
    SHAPE_INDEX
};

static const char *const shape_names[] = {"none", "v1", "v2", "template", "assignment",
                                          "auto", "document", "index"};

#define PATH_MAX_LEN 1024

struct ctx {
    const char *file;
    int errors;
};

static void report(struct ctx *c, const char *path, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: %s: ", c->file, path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    c->errors++;
}

/* Writes a JSON path into out (PATH_MAX_LEN bytes); overlong paths end in "...". */
static void set_path(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, PATH_MAX_LEN, fmt, ap);
    va_end(ap);
    if (n < 0 || n >= PATH_MAX_LEN) {
        strcpy(out + PATH_MAX_LEN - 4, "...");
    }
}

static void child(char *out, const char *path, const char *key)
{
    set_path(out, "%s.%s", path, key);
}

static void elem(char *out, const char *path, size_t i)
{
    set_path(out, "%s[%zu]", path, i);
}

static bool in_list(const char *s, const char *const list[])
{
    for (size_t i = 0; list[i] != NULL; i++) {
        if (strcmp(s, list[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_account_id(const char *s)
{
    size_t n = 0;
    for (; s[n] != '\0'; n++) {
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))) {
            return false;
        }
    }
    return n == 32;
}

static bool is_word(const char *s, size_t n, bool dashes)
{
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (dashes && ch == '-'))) {
            return false;
        }
    }
    return true;
}

/* crn:v1:bluemix:public:SERVICE::::role:NAME or ...::::serviceRole:NAME */
static bool is_role_crn(const char *s)
{
    static const char prefix[] = "crn:v1:bluemix:public:";
    if (strncmp(s, prefix, sizeof prefix - 1) != 0) {
        return false;
    }
    s += sizeof prefix - 1;
    const char *sep = strstr(s, "::::");
    if (sep == NULL || !is_word(s, (size_t)(sep - s), true)) {
        return false;
    }
    s = sep + 4;
    if (strncmp(s, "role:", 5) == 0) {
        s += 5;
    } else if (strncmp(s, "serviceRole:", 12) == 0) {
        s += 12;
    } else {
        return false;
    }
    /* Role IDs may hold '-': Event Notifications' are Event-Source-Manager, ... */
    return is_word(s, strlen(s), true);
}

static bool is_target_id(const char *s)
{
    size_t n = 0;
    for (; s[n] != '\0'; n++) {
        char ch = s[n];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              ch == '-')) {
            return false;
        }
    }
    return n >= 1 && n <= 32;
}

/* Reports keys of obj that are not in allowed (NULL-terminated). */
static void only_keys(struct ctx *c, const char *path, json_t *obj, const char *const allowed[])
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        (void)value;
        if (!in_list(key, allowed)) {
            report(c, path, "unexpected key \"%s\"", key);
        }
    }
}

/* Object member `key` that must be an object; NULL (reported) otherwise. */
static json_t *req_object(struct ctx *c, const char *path, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        report(c, path, "missing \"%s\"", key);
        return NULL;
    }
    if (!json_is_object(v)) {
        report(c, path, "\"%s\" must be an object", key);
        return NULL;
    }
    return v;
}

/* Member `key` that must be a non-empty array; NULL (reported) otherwise. */
static json_t *req_array(struct ctx *c, const char *path, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        report(c, path, "missing \"%s\"", key);
        return NULL;
    }
    if (!json_is_array(v) || json_array_size(v) == 0) {
        report(c, path, "\"%s\" must be a non-empty array", key);
        return NULL;
    }
    return v;
}

/* Member `key` that must be a non-empty string; NULL (reported) otherwise. */
static const char *req_string(struct ctx *c, const char *path, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        report(c, path, "missing \"%s\"", key);
        return NULL;
    }
    if (!json_is_string(v) || json_string_length(v) == 0) {
        report(c, path, "\"%s\" must be a non-empty string", key);
        return NULL;
    }
    return json_string_value(v);
}

static void opt_string(struct ctx *c, const char *path, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (v != NULL && !json_is_string(v)) {
        report(c, path, "\"%s\" must be a string", key);
    }
}

static void check_type_authorization(struct ctx *c, const char *path, json_t *obj)
{
    const char *type = req_string(c, path, obj, "type");
    if (type != NULL && strcmp(type, "authorization") != 0) {
        report(c, path, "type must be \"authorization\" for a service-to-service policy, not \"%s\"",
               type);
    }
}

/* roles: [{"role_id": "crn:v1:bluemix:public:..."}], no duplicates. */
static void check_roles(struct ctx *c, const char *path, json_t *roles)
{
    char p[PATH_MAX_LEN];
    static const char *const keys[] = {"role_id", NULL};
    size_t i, j;
    json_t *role;
    json_array_foreach(roles, i, role) {
        elem(p, path, i);
        if (!json_is_object(role)) {
            report(c, p, "a role must be an object {\"role_id\": CRN}");
            continue;
        }
        only_keys(c, p, role, keys);
        const char *id = req_string(c, p, role, "role_id");
        if (id == NULL) {
            continue;
        }
        if (!is_role_crn(id)) {
            report(c, p,
                   "role_id \"%s\" is not one role CRN (crn:v1:bluemix:public:SERVICE::::role:NAME "
                   "or ...::::serviceRole:NAME)",
                   id);
        }
        for (j = 0; j < i; j++) {
            json_t *other = json_object_get(json_array_get(roles, j), "role_id");
            if (json_is_string(other) && strcmp(json_string_value(other), id) == 0) {
                report(c, p, "duplicate role_id \"%s\"", id);
            }
        }
    }
}

/* ---- Backup-for-VPC rules (DOMAIN.md §1) ---------------------------------- */

static const char *const id_attributes[] = {"instanceId", "volumeId", "snapshotId",
                                            "snapshotConsistencyGroupId", "shareId",
                                            "backupPolicyId", NULL};

/* Attribute field names: v1 uses name/value(/operator), v2 key/operator/value. */
static const char *attr_name(json_t *a, bool v1)
{
    json_t *n = json_object_get(a, v1 ? "name" : "key");
    return json_is_string(n) ? json_string_value(n) : NULL;
}

static const char *attr_operator(json_t *a)
{
    json_t *o = json_object_get(a, "operator");
    return json_is_string(o) ? json_string_value(o) : NULL;
}

static json_t *find_attr(json_t *attrs, const char *name, bool v1)
{
    size_t i;
    json_t *a;
    json_array_foreach(attrs, i, a) {
        const char *n = json_is_object(a) ? attr_name(a, v1) : NULL;
        if (n != NULL && strcmp(n, name) == 0) {
            return a;
        }
    }
    return NULL;
}

/* The attribute `name` must exist with the string value `want` (stringEquals). */
static void want_equals(struct ctx *c, const char *path, json_t *attrs, const char *name,
                        const char *want, bool v1)
{
    json_t *a = find_attr(attrs, name, v1);
    if (a == NULL) {
        report(c, path, "no \"%s\" attribute (must be \"%s\")", name, want);
        return;
    }
    json_t *v = json_object_get(a, "value");
    const char *op = attr_operator(a);
    if (!json_is_string(v) || strcmp(json_string_value(v), want) != 0) {
        report(c, path, "\"%s\" must be \"%s\"", name, want);
    } else if (op != NULL && strcmp(op, "stringEquals") != 0) {
        report(c, path, "\"%s\" must use operator stringEquals, not %s", name, op);
    }
}

static void check_backup_rules(struct ctx *c, const char *path, json_t *subject_attrs,
                               json_t *resource_attrs, bool v1)
{
    char p[PATH_MAX_LEN];
    if (json_is_array(subject_attrs)) {
        child(p, path, v1 ? "subjects[0].attributes" : "subject.attributes");
        want_equals(c, p, subject_attrs, "serviceName", "is", v1);
        want_equals(c, p, subject_attrs, "resourceType", "backup-policy", v1);
    }
    if (!json_is_array(resource_attrs)) {
        return;
    }
    child(p, path, v1 ? "resources[0].attributes" : "resource.attributes");
    json_t *svc = find_attr(resource_attrs, "serviceName", v1);
    json_t *svcv = svc != NULL ? json_object_get(svc, "value") : NULL;
    if (!json_is_string(svcv)) {
        report(c, p, "no string \"serviceName\" attribute");
        return;
    }
    const char *service = json_string_value(svcv);
    if (strcmp(service, "event-notifications") == 0) {
        json_t *inst = find_attr(resource_attrs, "serviceInstance", v1);
        json_t *iv = inst != NULL ? json_object_get(inst, "value") : NULL;
        const char *op = inst != NULL ? attr_operator(inst) : NULL;
        if (inst == NULL) {
            report(c, p, "an event-notifications target needs a \"serviceInstance\" attribute");
        } else if (!json_is_string(iv) || json_string_length(iv) == 0 ||
                   strcmp(json_string_value(iv), "*") == 0) {
            report(c, p, "\"serviceInstance\" must be the Event Notifications instance GUID");
        } else if (op != NULL && strcmp(op, "stringEquals") != 0) {
            report(c, p, "\"serviceInstance\" must use operator stringEquals, not %s", op);
        }
        return;
    }
    if (strcmp(service, "is") != 0) {
        report(c, p, "target serviceName must be \"is\" or \"event-notifications\", not \"%s\"",
               service);
        return;
    }
    size_t i, ids = 0;
    json_t *a;
    json_array_foreach(resource_attrs, i, a) {
        const char *n = json_is_object(a) ? attr_name(a, v1) : NULL;
        if (n == NULL || strcmp(n, "accountId") == 0 || strcmp(n, "resourceGroupId") == 0 ||
            !(ends_with(n, "Id") || in_list(n, id_attributes))) {
            continue;
        }
        ids++;
        char ap[PATH_MAX_LEN];
        elem(ap, p, i);
        if (!in_list(n, id_attributes)) {
            report(c, ap, "\"%s\" is not an ID attribute of the backup rule table", n);
            continue;
        }
        json_t *v = json_object_get(a, "value");
        const char *op = attr_operator(a);
        if (v1) {
            if (op == NULL || strcmp(op, "stringEquals") != 0 || !json_is_string(v) ||
                strcmp(json_string_value(v), "*") != 0) {
                report(c, ap, "\"%s\" must be the wildcard {\"operator\": \"stringEquals\", \"value\": \"*\"} (scope = every resource)", n);
            }
        } else if (op == NULL || strcmp(op, "stringExists") != 0 || !json_is_true(v)) {
            report(c, ap, "\"%s\" must be the wildcard {\"operator\": \"stringExists\", \"value\": true} (scope = every resource)", n);
        }
    }
    if (ids == 0) {
        report(c, p, "no ID attribute (one of instanceId, volumeId, snapshotId, "
                     "snapshotConsistencyGroupId, shareId, backupPolicyId)");
    } else if (ids > 1) {
        report(c, p, "more than one ID attribute");
    }
}

/* ---- v1 ---------------------------------------------------------------------- */

/* parts: "subjects" or "resources": [{"attributes": [{name, value(, operator)}]}] */
static json_t *check_v1_parts(struct ctx *c, const char *path, json_t *body, const char *key,
                              bool with_operator)
{
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN], r[PATH_MAX_LEN];
    static const char *const part_keys[] = {"attributes", NULL};
    static const char *const subj_keys[] = {"name", "value", NULL};
    static const char *const res_keys[] = {"name", "value", "operator", NULL};
    json_t *parts = req_array(c, path, body, key);
    json_t *first = NULL;
    size_t i, j;
    json_t *part, *a;
    if (parts == NULL) {
        return NULL;
    }
    child(p, path, key);
    json_array_foreach(parts, i, part) {
        elem(q, p, i);
        if (!json_is_object(part)) {
            report(c, q, "must be an object {\"attributes\": [...]}");
            continue;
        }
        only_keys(c, q, part, part_keys);
        json_t *attrs = req_array(c, q, part, "attributes");
        if (attrs == NULL) {
            continue;
        }
        if (first == NULL) {
            first = attrs;
        }
        child(r, q, "attributes");
        json_array_foreach(attrs, j, a) {
            char ap[PATH_MAX_LEN];
            elem(ap, r, j);
            if (!json_is_object(a)) {
                report(c, ap, "an attribute must be an object");
                continue;
            }
            only_keys(c, ap, a, with_operator ? res_keys : subj_keys);
            const char *name = req_string(c, ap, a, "name");
            if (name != NULL && find_attr(attrs, name, true) != a) {
                report(c, ap, "duplicate attribute \"%s\"", name);
            }
            json_t *v = json_object_get(a, "value");
            if (v == NULL) {
                report(c, ap, "missing \"value\"");
            } else if (!json_is_string(v)) {
                report(c, ap, "\"value\" must be a string in a v1 body");
            }
            if (with_operator && json_object_get(a, "operator") != NULL) {
                req_string(c, ap, a, "operator");
            }
        }
    }
    if (json_array_size(parts) != 1) {
        report(c, p, "must hold exactly one element");
    }
    return first;
}

static void check_v1(struct ctx *c, const char *path, json_t *body)
{
    static const char *const keys[] = {"type", "description", "subjects", "roles", "resources",
                                       NULL};
    char p[PATH_MAX_LEN];
    only_keys(c, path, body, keys);
    check_type_authorization(c, path, body);
    opt_string(c, path, body, "description");
    json_t *subj = check_v1_parts(c, path, body, "subjects", false);
    json_t *res = check_v1_parts(c, path, body, "resources", true);
    json_t *roles = req_array(c, path, body, "roles");
    if (roles != NULL) {
        child(p, path, "roles");
        check_roles(c, p, roles);
    }
    check_backup_rules(c, path, subj, res, true);
}

/* ---- v2 and templates ---------------------------------------------------------- */

static const char *const subject_ops[] = {"stringEquals", "stringExists", NULL};
static const char *const resource_ops[] = {"stringEquals", "stringEqualsAnyOf", "stringExists",
                                           "stringMatch", "stringMatchAnyOf", NULL};

/* {"attributes": [{key, operator, value}]}; returns the attributes array. */
static json_t *check_v2_part(struct ctx *c, const char *path, json_t *obj, const char *key,
                             const char *const ops[], bool in_template)
{
    static const char *const part_keys[] = {"attributes", NULL};
    static const char *const attr_keys[] = {"key", "operator", "value", NULL};
    char pp[PATH_MAX_LEN], p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    json_t *part = req_object(c, path, obj, key);
    size_t i;
    json_t *a;
    if (part == NULL) {
        return NULL;
    }
    child(pp, path, key);
    only_keys(c, pp, part, part_keys);
    json_t *attrs = req_array(c, pp, part, "attributes");
    if (attrs == NULL) {
        return NULL;
    }
    child(p, pp, "attributes");
    json_array_foreach(attrs, i, a) {
        elem(q, p, i);
        if (!json_is_object(a)) {
            report(c, q, "an attribute must be an object {key, operator, value}");
            continue;
        }
        only_keys(c, q, a, attr_keys);
        const char *name = req_string(c, q, a, "key");
        const char *op = req_string(c, q, a, "operator");
        json_t *v = json_object_get(a, "value");
        if (op != NULL && !in_list(op, ops)) {
            report(c, q, "operator \"%s\" is not allowed in %s (allowed: %s)", op, key,
                   ops == subject_ops ? "stringEquals, stringExists"
                                      : "stringEquals, stringEqualsAnyOf, stringExists, "
                                        "stringMatch, stringMatchAnyOf");
        }
        if (v == NULL) {
            report(c, q, "missing \"value\"");
        } else if (op != NULL && strcmp(op, "stringExists") == 0) {
            if (!json_is_boolean(v)) {
                report(c, q, "stringExists needs a JSON boolean value (true/false), not a %s",
                       json_is_string(v) ? "string" : "non-boolean");
            }
        } else if (!json_is_string(v)) {
            report(c, q, "\"value\" must be a string");
        }
        if (in_template && name != NULL && strcmp(name, "accountId") == 0) {
            report(c, q, "a template's %s must not carry accountId (the assignment supplies the account)",
                   key);
        }
        if (name != NULL && find_attr(attrs, name, false) != a) {
            report(c, q, "duplicate attribute \"%s\"", name);
        }
    }
    return attrs;
}

static void check_control(struct ctx *c, const char *path, json_t *obj)
{
    static const char *const control_keys[] = {"grant", NULL};
    static const char *const grant_keys[] = {"roles", NULL};
    char cp[PATH_MAX_LEN], gp[PATH_MAX_LEN], rp[PATH_MAX_LEN];
    json_t *control = req_object(c, path, obj, "control");
    if (control == NULL) {
        return;
    }
    child(cp, path, "control");
    only_keys(c, cp, control, control_keys);
    json_t *grant = req_object(c, cp, control, "grant");
    if (grant == NULL) {
        return;
    }
    child(gp, cp, "grant");
    only_keys(c, gp, grant, grant_keys);
    json_t *roles = req_array(c, gp, grant, "roles");
    if (roles != NULL) {
        child(rp, gp, "roles");
        check_roles(c, rp, roles);
    }
}

/* A v2 policy, or a template's "policy" (in_template). */
static void check_v2(struct ctx *c, const char *path, json_t *body, bool in_template)
{
    static const char *const keys[] = {"type", "description", "subject", "control", "resource",
                                       NULL};
    only_keys(c, path, body, keys);
    check_type_authorization(c, path, body);
    opt_string(c, path, body, "description");
    json_t *subj = check_v2_part(c, path, body, "subject", subject_ops, in_template);
    json_t *res = check_v2_part(c, path, body, "resource", resource_ops, in_template);
    check_control(c, path, body);
    check_backup_rules(c, path, subj, res, false);
}

static void check_template(struct ctx *c, const char *path, json_t *body)
{
    static const char *const keys[] = {"name", "account_id", "description", "committed", "policy",
                                       NULL};
    char p[PATH_MAX_LEN];
    only_keys(c, path, body, keys);
    req_string(c, path, body, "name");
    const char *acct = req_string(c, path, body, "account_id");
    if (acct != NULL && !is_account_id(acct)) {
        report(c, path, "account_id \"%s\" is not an account ID (32 lowercase hex characters)", acct);
    }
    opt_string(c, path, body, "description");
    json_t *committed = json_object_get(body, "committed");
    if (committed != NULL && !json_is_boolean(committed)) {
        report(c, path, "\"committed\" must be a boolean");
    }
    json_t *policy = req_object(c, path, body, "policy");
    if (policy != NULL) {
        child(p, path, "policy");
        check_v2(c, p, policy, true);
    }
}

static void check_assignment(struct ctx *c, const char *path, json_t *body)
{
    static const char *const keys[] = {"target", "templates", NULL};
    static const char *const target_keys[] = {"type", "id", NULL};
    static const char *const tmpl_keys[] = {"id", "version", NULL};
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    size_t i;
    json_t *t;
    only_keys(c, path, body, keys);
    json_t *target = req_object(c, path, body, "target");
    if (target != NULL) {
        child(p, path, "target");
        only_keys(c, p, target, target_keys);
        const char *type = req_string(c, p, target, "type");
        const char *id = req_string(c, p, target, "id");
        if (type != NULL && strcmp(type, "Account") != 0 && strcmp(type, "AccountGroup") != 0) {
            report(c, p, "target type must be \"Account\" or \"AccountGroup\", not \"%s\"", type);
        }
        if (id != NULL && !is_target_id(id)) {
            report(c, p, "target id \"%s\" must be 1 to 32 characters of [A-Za-z0-9-]", id);
        }
    }
    json_t *templates = req_array(c, path, body, "templates");
    if (templates != NULL) {
        child(p, path, "templates");
        json_array_foreach(templates, i, t) {
            elem(q, p, i);
            if (!json_is_object(t)) {
                report(c, q, "must be an object {\"id\", \"version\"}");
                continue;
            }
            only_keys(c, q, t, tmpl_keys);
            req_string(c, q, t, "id");
            req_string(c, q, t, "version");
        }
    }
}

/* ---- auto, document, index ----------------------------------------------------- */

static int count_keys(json_t *obj, const char *const keys[])
{
    int n = 0;
    for (size_t i = 0; keys[i] != NULL; i++) {
        if (json_object_get(obj, keys[i]) != NULL) {
            n++;
        }
    }
    return n;
}

/* Picks the body shape from the top-level keys; SHAPE_NONE (reported) if unclear. */
static enum shape detect(struct ctx *c, const char *path, json_t *body)
{
    static const char *const v1_keys[] = {"subjects", "roles", "resources", NULL};
    static const char *const v2_keys[] = {"subject", "resource", "control", NULL};
    static const char *const tmpl_keys[] = {"policy", "account_id", "name", "committed", NULL};
    static const char *const asg_keys[] = {"target", "templates", NULL};
    if (!json_is_object(body)) {
        report(c, path, "a body must be a JSON object");
        return SHAPE_NONE;
    }
    if (json_object_get(body, "policies") != NULL || json_object_get(body, "assignments") != NULL) {
        report(c, path, "this looks like a document (policies/templates/assignments), not one body; "
                        "use --shape document");
        return SHAPE_NONE;
    }
    int n1 = count_keys(body, v1_keys), n2 = count_keys(body, v2_keys);
    int nt = count_keys(body, tmpl_keys), na = count_keys(body, asg_keys);
    int families = (n1 > 0) + (n2 > 0) + (nt > 0) + (na > 0);
    if (families == 0) {
        report(c, path, "cannot tell the body's shape (no v1, v2, template or assignment keys)");
        return SHAPE_NONE;
    }
    if (families > 1) {
        report(c, path, "mixes the keys of different shapes (v1: subjects/roles/resources; "
                        "v2: subject/resource/control; template: policy/account_id/name; "
                        "assignment: target/templates)");
        return SHAPE_NONE;
    }
    return n1 > 0 ? SHAPE_V1 : n2 > 0 ? SHAPE_V2 : nt > 0 ? SHAPE_TEMPLATE : SHAPE_ASSIGNMENT;
}

static enum shape check_body(struct ctx *c, const char *path, json_t *body, enum shape s)
{
    if (s == SHAPE_AUTO) {
        s = detect(c, path, body);
    } else if (!json_is_object(body)) {
        report(c, path, "a body must be a JSON object");
        return SHAPE_NONE;
    }
    switch (s) {
    case SHAPE_V1:
        check_v1(c, path, body);
        break;
    case SHAPE_V2:
        check_v2(c, path, body, false);
        break;
    case SHAPE_TEMPLATE:
        check_template(c, path, body);
        break;
    case SHAPE_ASSIGNMENT:
        check_assignment(c, path, body);
        break;
    default:
        break;
    }
    return s;
}

static const char *const sections[] = {"policies", "templates", "assignments", NULL};

static bool kind_fits(const char *section, enum shape s)
{
    if (strcmp(section, "policies") == 0) {
        return s == SHAPE_V1 || s == SHAPE_V2;
    }
    if (strcmp(section, "templates") == 0) {
        return s == SHAPE_TEMPLATE;
    }
    return s == SHAPE_ASSIGNMENT;
}

/* Returns the section arrays present; reports a top level that has none. */
static bool has_sections(struct ctx *c, json_t *root, const char *what)
{
    if (!json_is_object(root)) {
        report(c, "$", "%s must be a JSON object", what);
        return false;
    }
    bool any = false;
    for (size_t s = 0; sections[s] != NULL; s++) {
        json_t *arr = json_object_get(root, sections[s]);
        if (arr == NULL) {
            continue;
        }
        any = true;
        if (!json_is_array(arr)) {
            report(c, "$", "\"%s\" must be an array", sections[s]);
        }
    }
    if (!any) {
        report(c, "$", "%s has none of \"policies\", \"templates\", \"assignments\"", what);
    }
    return any;
}

static void check_document(struct ctx *c, json_t *root)
{
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    if (!has_sections(c, root, "a document")) {
        return;
    }
    for (size_t s = 0; sections[s] != NULL; s++) {
        json_t *arr = json_object_get(root, sections[s]);
        size_t i, j;
        json_t *entry;
        if (!json_is_array(arr)) {
            continue;
        }
        child(p, "$", sections[s]);
        json_array_foreach(arr, i, entry) {
            elem(q, p, i);
            if (!json_is_object(entry)) {
                report(c, q, "an entry must be an object {\"name\", \"body\"}");
                continue;
            }
            const char *key;
            json_t *value;
            json_object_foreach(entry, key, value) {
                if (strcmp(key, "body") != 0 && !json_is_string(value)) {
                    report(c, q, "\"%s\" must be a string", key);
                }
            }
            const char *name = req_string(c, q, entry, "name");
            json_t *body = json_object_get(entry, "body");
            if (body == NULL) {
                report(c, q, "missing \"body\"");
                continue;
            }
            char bp[PATH_MAX_LEN];
            child(bp, q, "body");
            enum shape got = check_body(c, bp, body, SHAPE_AUTO);
            if (got != SHAPE_NONE && !kind_fits(sections[s], got)) {
                report(c, bp, "a %s body does not belong in \"%s\"", shape_names[got], sections[s]);
            }
            for (j = 0; j < i; j++) {
                json_t *other = json_array_get(arr, j);
                json_t *oname = json_object_get(other, "name");
                if (name != NULL && json_is_string(oname) &&
                    strcmp(json_string_value(oname), name) == 0) {
                    report(c, q, "duplicate name \"%s\" (also entry %zu)", name, j);
                }
                if (json_equal(json_object_get(other, "body"), body)) {
                    report(c, q, "same body as entry %zu", j);
                }
            }
        }
    }
}

static void check_index(struct ctx *c, json_t *root)
{
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    if (!has_sections(c, root, "an index")) {
        return;
    }
    /* Listed files are relative to the index's folder. */
    size_t dirlen = 0;
    const char *slash = strrchr(c->file, '/');
    if (slash != NULL) {
        dirlen = (size_t)(slash - c->file) + 1;
    }
    for (size_t s = 0; sections[s] != NULL; s++) {
        json_t *arr = json_object_get(root, sections[s]);
        size_t i, j;
        json_t *entry;
        if (!json_is_array(arr)) {
            continue;
        }
        child(p, "$", sections[s]);
        json_array_foreach(arr, i, entry) {
            elem(q, p, i);
            if (!json_is_object(entry)) {
                report(c, q, "an entry must be an object {\"file\": ...}");
                continue;
            }
            const char *rel = req_string(c, q, entry, "file");
            if (rel == NULL) {
                continue;
            }
            if (rel[0] == '/') {
                report(c, q, "\"file\" must be relative to the index's folder, not \"%s\"", rel);
                continue;
            }
            for (j = 0; j < i; j++) {
                json_t *of = json_object_get(json_array_get(arr, j), "file");
                if (json_is_string(of) && strcmp(json_string_value(of), rel) == 0) {
                    report(c, q, "file \"%s\" is listed twice", rel);
                }
            }
            char full[PATH_MAX_LEN];
            int n = snprintf(full, sizeof full, "%.*s%s", (int)dirlen, c->file, rel);
            if (n < 0 || (size_t)n >= sizeof full) {
                report(c, q, "path too long");
                continue;
            }
            json_error_t jerr;
            json_t *body = json_load_file(full, JSON_REJECT_DUPLICATES, &jerr);
            if (body == NULL && jerr.line < 0) {
                report(c, q, "listed file \"%s\" cannot be read: %s", full, jerr.text);
                continue;
            }
            if (body == NULL) {
                fprintf(stderr, "%s:%d:%d: %s\n", full, jerr.line, jerr.column < 0 ? 0 : jerr.column,
                        jerr.text);
                c->errors++;
                continue;
            }
            struct ctx sub = {full, 0};
            enum shape got = check_body(&sub, "$", body, SHAPE_AUTO);
            if (got != SHAPE_NONE && !kind_fits(sections[s], got)) {
                report(&sub, "$", "a %s body is listed under \"%s\" in %s", shape_names[got],
                       sections[s], c->file);
            }
            c->errors += sub.errors;
            json_decref(body);
        }
    }
}

static int check_file(const char *file, enum shape s)
{
    json_error_t jerr;
    json_t *root = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        fprintf(stderr, "%s:%d:%d: %s\n", file, jerr.line < 0 ? 0 : jerr.line,
               jerr.column < 0 ? 0 : jerr.column, jerr.text);
        return 1;
    }
    struct ctx c = {file, 0};
    switch (s) {
    case SHAPE_NONE:
        break;
    case SHAPE_DOCUMENT:
        check_document(&c, root);
        break;
    case SHAPE_INDEX:
        check_index(&c, root);
        break;
    default:
        check_body(&c, "$", root, s);
        break;
    }
    json_decref(root);
    return c.errors;
}

static void usage(void)
{
    fputs("usage: jsoncheck [--shape v1|v2|template|assignment|auto|document|index] FILE...\n",
          stderr);
    exit(2);
}

static enum shape parse_shape(const char *name)
{
    for (int i = SHAPE_V1; i <= SHAPE_INDEX; i++) {
        if (strcmp(name, shape_names[i]) == 0) {
            return (enum shape)i;
        }
    }
    fprintf(stderr, "jsoncheck: unknown shape \"%s\"\n", name);
    usage();
    return SHAPE_NONE;
}

int main(int argc, char **argv)
{
    enum shape s = SHAPE_NONE;
    int first = 1, errors = 0;
    while (first < argc && argv[first][0] == '-' && argv[first][1] != '\0') {
        const char *a = argv[first];
        if (strcmp(a, "--") == 0) {
            first++;
            break;
        }
        if (strcmp(a, "--shape") == 0 && first + 1 < argc) {
            s = parse_shape(argv[first + 1]);
            first += 2;
        } else if (strncmp(a, "--shape=", 8) == 0) {
            s = parse_shape(a + 8);
            first++;
        } else {
            usage();
        }
    }
    if (first >= argc) {
        usage();
    }
    for (int i = first; i < argc; i++) {
        errors += check_file(argv[i], s);
    }
    fflush(stdout);
    return errors > 0 ? 1 : 0;
}
