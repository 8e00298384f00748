/* lint_fix.c - the fixes of the role findings and of token renames (lint_fix.h).
 *
 * The lint model says what a role is and where it was written; the bytes around that place
 * say how: a JSON string that is the only value of {"role_id": ...} in an array, a
 * Terraform string that is an element of a literal list, a part of the ibmcloud role list
 * (a shell word). Each fix is a minimal edit of those bytes, made only when they are
 * written that plain way; anything else (a reference, an escape, other keys beside role_id,
 * a comment inside the list, a shell word with expansions or backslashes) gets no fix.
 * Edits in a body inside a script are moved to the script by fix.c. */
#include "authzc/lint_fix.h"

#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/fix.h"
#include "authzc/source.h"

static bool is_json(enum az_lform f)
{
    return f == AZ_LFORM_JSON_V1 || f == AZ_LFORM_JSON_V2 || f == AZ_LFORM_JSON_TEMPLATE;
}

bool az_lint_fix_policy_ok(const struct az_lpolicy *p)
{
    return p && !p->damaged && !p->name_findings;
}

/* r as p's format spells it, or NULL when no fix may write it: the CRN of Event Source
 * Manager is the project's reading of Event Notifications' role IDs, not confirmed by IAM
 * (DOMAIN.md section 6), so no fix writes it into a body (the display name is certain). */
static const char *spelled(const struct az_lpolicy *p, const struct az_role *r)
{
    if (!is_json(p->form))
        return r->display;
    return r->kind == AZ_ROLE_EVENT_SOURCE_MANAGER ? NULL : r->crn;
}

/* ---- bytes as written --------------------------------------------------------------------- */

/* The first byte of `at` in at.src and its length; false when it is not one span of a line. */
static bool span_of(struct az_loc at, size_t *off, size_t *len)
{
    const struct az_source *s = at.src;
    if (!s || at.line == 0 || at.line > s->nlines || at.col == 0)
        return false;
    size_t o = (size_t)az_source_line_start(s, at.line) + (at.col - 1);
    if (o > s->len || at.len > s->len - o)
        return false;
    *off = o;
    *len = at.len;
    return true;
}

static struct az_loc place(const struct az_source *src, size_t off, size_t len)
{
    struct az_loc l = {src, 0, 0, (uint32_t)len};
    az_source_position(src, off, &l.line, &l.col);
    return l;
}

static bool bytes_are(struct az_loc at, const char *s)
{
    size_t off, len;
    return span_of(at, &off, &len) && len == strlen(s) && memcmp(at.src->text + off, s, len) == 0;
}

/* Whether the bytes at `at` are text between two q quotes: a literal without escapes. */
static bool quoted_as_is(struct az_loc at, const char *text, char q)
{
    size_t off, len, n = strlen(text);
    if (!span_of(at, &off, &len) || len != n + 2)
        return false;
    const char *b = at.src->text + off;
    return b[0] == q && b[n + 1] == q && memcmp(b + 1, text, n) == 0;
}

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first byte at or after k that is not white space (s->len at the end). */
static size_t next_code(const struct az_source *s, size_t k)
{
    while (k < s->len && space(s->text[k]))
        k++;
    return k;
}

/* The byte before k, white space skipped: its offset + 1 (0 at the start). */
static size_t prev_code(const struct az_source *s, size_t k)
{
    while (k > 0 && space(s->text[k - 1]))
        k--;
    return k;
}

static bool byte_is(const struct az_source *s, size_t k, const char *set)
{
    return k < s->len && s->text[k] && strchr(set, s->text[k]);
}

/* ---- JSON: {"role_id": "..."} in an array -------------------------------------------------- */

/* Whether the string [a, b) of s is the only member of a role object {"role_id": ...} that
 * is an element of an array; *close is the offset just after the object's '}' and *last
 * whether it is the array's last element. */
static bool json_role_object(const struct az_source *s, size_t a, size_t b, size_t *open,
                             size_t *close, bool *last)
{
    static const char key[] = "\"role_id\"";
    const size_t kl = sizeof key - 1;
    size_t k = prev_code(s, a);
    if (k == 0 || s->text[k - 1] != ':')
        return false;
    k = prev_code(s, k - 1);
    if (k < kl || memcmp(s->text + k - kl, key, kl) != 0)
        return false;
    k = prev_code(s, k - kl);
    if (k == 0 || s->text[k - 1] != '{')
        return false;
    *open = k - 1;
    k = prev_code(s, k - 1);
    if (k == 0 || (s->text[k - 1] != '[' && s->text[k - 1] != ','))
        return false;
    size_t e = next_code(s, b);
    if (!byte_is(s, e, "}"))
        return false;
    *close = e + 1;
    e = next_code(s, e + 1);
    if (!byte_is(s, e, ",]"))
        return false;
    *last = s->text[e] == ']';
    return true;
}

/* ---- Terraform: "..." in a literal list ---------------------------------------------------- */

/* Whether the token [a, b) of s is an element of a list literal; *last whether only an
 * optional ',' and the closing ']' follow it. */
static bool hcl_list_element(const struct az_source *s, size_t a, size_t b, bool *last)
{
    size_t k = prev_code(s, a);
    if (k == 0 || (s->text[k - 1] != '[' && s->text[k - 1] != ','))
        return false;
    size_t e = next_code(s, b);
    if (!byte_is(s, e, ",]"))
        return false;
    if (s->text[e] == ',')
        e = next_code(s, e + 1);
    *last = byte_is(s, e, "]");
    return true;
}

/* ---- the ibmcloud role list: one shell word ------------------------------------------------- */

/* The quote open at byte k of the word `word` (0: none), reading it from its start; -1 when
 * the word is not one plain literal up to k (an expansion or a backslash before k). */
static int sh_quote_at(struct az_loc word, size_t k)
{
    size_t off, len;
    if (!span_of(word, &off, &len) || k < off || k > off + len)
        return -1;
    int q = 0;
    for (size_t i = off; i < k; i++) {
        char c = word.src->text[i];
        if (q != '\'' && (c == '\\' || c == '$' || c == '`'))
            return -1;
        if (q == 0 && (c == '"' || c == '\''))
            q = c;
        else if (q == c)
            q = 0;
    }
    return q;
}

/* Whether the word `word` holds a quote character. */
static bool sh_quoted(struct az_loc word)
{
    size_t off, len;
    return !span_of(word, &off, &len) || memchr(word.src->text + off, '"', len) ||
           memchr(word.src->text + off, '\'', len);
}

/* The role's spelling as the shell must see it inside quote q (0: bare) in the word `word`,
 * or NULL: a name with spaces outside quotes is quoted, unless the word has quotes already
 * ("Editor","Share Snapshot Operator" reads like a mistake to shellcheck, SC2140). */
static const char *sh_spelling(struct az_ctx *ctx, struct az_loc word, const char *display, int q)
{
    if (q != 0 || !strchr(display, ' '))
        return display;
    return sh_quoted(word) ? NULL : az_arena_printf(ctx->arena, "\"%s\"", display);
}

static void fix_sh_role(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                        const struct az_lval *v, const char *display)
{
    size_t off, len;
    if (!span_of(v->loc, &off, &len))
        return;
    int q = sh_quote_at(p->roles_loc, off);
    if (q < 0 || sh_quote_at(p->roles_loc, off + len) < 0)
        return; /* an expansion or a backslash before or inside the role */
    for (const char *c = "\"'"; *c; c++)
        if (q == 0 && quoted_as_is(v->loc, v->text, *c)) {
            az_fix_replace(ctx, d, v->loc, az_arena_printf(ctx->arena, "%c%s%c", *c, display, *c));
            return;
        }
    const char *text = sh_spelling(ctx, p->roles_loc, display, q);
    if (text && bytes_are(v->loc, v->text))
        az_fix_replace(ctx, d, v->loc, text);
}

/* ---- the fixes ---------------------------------------------------------------------------- */

void az_lint_fix_role(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                      const struct az_lval *v, const struct az_role *r)
{
    const char *want = spelled(p, r);
    if (!d || !want || !az_lint_fix_policy_ok(p) || v->kind != AZ_LV_STRING)
        return;
    if (p->form == AZ_LFORM_CLI) {
        fix_sh_role(ctx, d, p, v, want);
        return;
    }
    size_t off, len;
    bool last;
    if (!quoted_as_is(v->loc, v->text, '"') || !span_of(v->loc, &off, &len))
        return;
    size_t open, close;
    if (is_json(p->form) ? !json_role_object(v->loc.src, off, off + len, &open, &close, &last)
                         : !hcl_list_element(v->loc.src, off, off + len, &last))
        return;
    az_fix_replace(ctx, d, v->loc, az_arena_printf(ctx->arena, "\"%s\"", want));
}

/* s without spaces, '-' and '_', in lower case:
 * "Share-Snapshot operator" -> "sharesnapshotoperator". */
static const char *folded(struct az_ctx *ctx, const char *s)
{
    char *out = az_arena_strdup(ctx->arena, s), *o = out;
    for (; *s; s++) {
        if (*s == ' ' || *s == '-' || *s == '_')
            continue;
        *o++ = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    }
    *o = '\0';
    return out;
}

void az_lint_fix_role_spelling(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                               const struct az_lval *v, const struct az_role *r)
{
    if (!d || !r || v->kind != AZ_LV_STRING || strncmp(v->text, "crn:", 4) == 0)
        return;
    const char *f = folded(ctx, v->text);
    if (!*f || (strcmp(f, folded(ctx, r->display)) != 0 && strcmp(f, folded(ctx, r->id)) != 0))
        return;
    az_lint_fix_role(ctx, d, p, v, r);
}

size_t az_lint_roles_split(struct az_ctx *ctx, const char *text, const struct az_role **out,
                           size_t max)
{
    size_t count = 0;
    for (const char *s = text;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        while (n && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        const struct az_role *r = az_rules_role(az_arena_strndup(ctx->arena, s, n));
        if (!r || count == max)
            return 0; /* a part that is not a role (or an empty one): nothing certain */
        out[count++] = r;
        if (!comma)
            return count;
        s = comma + 1;
    }
}

void az_lint_fix_roles_joined(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                              const struct az_lval *v)
{
    if (!d || !az_lint_fix_policy_ok(p) || v->kind != AZ_LV_STRING || p->form == AZ_LFORM_CLI)
        return;
    bool json = is_json(p->form);
    const struct az_role *parts[AZ_LINT_JOINED_MAX];
    size_t n = az_lint_roles_split(ctx, v->text, parts, AZ_LINT_JOINED_MAX);
    if (n == 0)
        return;
    char *out = az_arena_strdup(ctx->arena, "\"");
    for (size_t i = 0; i < n; i++) {
        const char *want = spelled(p, parts[i]);
        if (!want)
            return;
        out = az_arena_printf(ctx->arena, "%s%s%s", out,
                              i == 0 ? ""
                              : json ? "\"}, {\"role_id\": \""
                                     : "\", \"",
                              want);
    }
    out = az_arena_printf(ctx->arena, "%s\"", out);
    size_t off, len, open, close;
    bool last;
    if (!quoted_as_is(v->loc, v->text, '"') || !span_of(v->loc, &off, &len))
        return;
    if (json ? !json_role_object(v->loc.src, off, off + len, &open, &close, &last)
             : !hcl_list_element(v->loc.src, off, off + len, &last))
        return;
    az_fix_replace(ctx, d, v->loc, out);
}

/* What goes before a list element added after the one at [a, b) of s: when that one stands
 * on a line of its own in a file, a new line with its indentation (and its line end);
 * else ", " (a body inside a script gets no new line: fix.c refuses one there). */
static const char *own_line(struct az_ctx *ctx, const struct az_source *s, size_t a, size_t b)
{
    size_t start = a;
    while (start > 0 && (s->text[start - 1] == ' ' || s->text[start - 1] == '\t'))
        start--;
    size_t e = b;
    if (byte_is(s, e, ","))
        e++;
    while (e < s->len && (s->text[e] == ' ' || s->text[e] == '\t'))
        e++;
    if (s->parent || (start > 0 && s->text[start - 1] != '\n') || !byte_is(s, e, "\r\n"))
        return ", ";
    return az_arena_printf(ctx->arena, ",%s%.*s", s->text[e] == '\r' ? "\r\n" : "\n",
                           (int)(a - start), s->text + start);
}

/* The roles of add, each after sep and spelled for p's format (pre and post around it), or
 * NULL when one of them may not be written. */
static const char *added(struct az_ctx *ctx, const struct az_lpolicy *p, az_roleset add,
                         const char *pre, const char *post, int q)
{
    /* q >= 0: the ibmcloud role list, inside quote q (0: bare) */
    const char *out = "";
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++) {
        if (!(add & (1u << i)))
            continue;
        const char *want = spelled(p, &az_roles[i]);
        if (!want)
            return NULL;
        if (q >= 0 && !(want = sh_spelling(ctx, p->roles_loc, want, q)))
            return NULL;
        out = az_arena_printf(ctx->arena, "%s%s%s%s", out, pre, want, post);
    }
    return *out ? out : NULL;
}

void az_lint_fix_roles_add(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                           az_roleset add)
{
    if (!d || !az_lint_fix_policy_ok(p) || !p->roles)
        return;
    const struct az_lval *v = NULL;
    for (const struct az_lrole *r = p->roles; r; r = r->next) {
        if (r->role.kind != AZ_LV_STRING)
            return;
        v = &r->role;
    }
    size_t off, len;
    if (!span_of(v->loc, &off, &len))
        return;
    const struct az_source *s = v->loc.src;
    if (p->form == AZ_LFORM_CLI) {
        /* at the end of the word: Operator -> Operator,Editor; inside its closing quote:
         * "Editor" -> "Editor,Share Snapshot Operator" */
        size_t woff, wlen;
        if (!span_of(p->roles_loc, &woff, &wlen) || wlen == 0 ||
            sh_quote_at(p->roles_loc, woff + wlen) != 0)
            return;
        size_t end = woff + wlen;
        if (end < s->len && !space(s->text[end]) && !strchr(";&|)", s->text[end]))
            return;
        char last = s->text[end - 1];
        bool inside = last == '"' || last == '\'';
        const char *text = added(ctx, p, add, ",", "", inside ? last : 0);
        if (text)
            az_fix_insert(ctx, d, place(s, inside ? end - 1 : end, 0), text);
        return;
    }
    bool last = false;
    size_t open = off, close = off + len;
    if (!quoted_as_is(v->loc, v->text, '"'))
        return;
    if (is_json(p->form) ? !json_role_object(s, off, off + len, &open, &close, &last)
                         : !hcl_list_element(s, off, off + len, &last))
        return;
    if (!last)
        return;
    const char *sep = own_line(ctx, s, open, close);
    const char *text =
        is_json(p->form)
            ? added(ctx, p, add, az_arena_printf(ctx->arena, "%s{\"role_id\": \"", sep), "\"}", -1)
            : added(ctx, p, add, az_arena_printf(ctx->arena, "%s\"", sep), "\"", -1);
    if (text)
        az_fix_insert(ctx, d, place(s, close, 0), text);
}

bool az_lint_fix_token(struct az_ctx *ctx, struct az_diag *d, struct az_loc at, const char *expect,
                       const char *text)
{
    if (!d)
        return false;
    if (!bytes_are(at, expect)) {
        az_fix_drop(d);
        return false;
    }
    return az_fix_replace(ctx, d, at, text);
}
