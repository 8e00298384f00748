/* report.c - diagnostics as JSON, SARIF 2.1.0 and GitHub workflow commands.
 * SARIF columns are UTF-16 code units (the SARIF default), converted from our byte columns. */
#include "authzc/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/fix.h"
#include "authzc/source.h"

static const char *sev_name(enum az_severity s)
{
    return s == AZ_SEV_ERROR ? "error" : s == AZ_SEV_WARNING ? "warning" : "note";
}

/* Byte column (1-based) to UTF-16 code units (1-based) on that line. */
static unsigned utf16_col(const struct az_loc *loc, unsigned bytecol)
{
    size_t len;
    const char *line = az_source_line(loc->src, loc->line, &len);
    if (!line)
        return bytecol;
    unsigned units = 1;
    for (size_t i = 0; i + 1 < bytecol && i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c & 0xC0) == 0x80)
            continue;
        units += c >= 0xF0 ? 2 : 1;
    }
    return units;
}

static json_t *json_diag(const struct az_diag *d)
{
    struct az_loc at = az_loc_resolve(d->loc);
    json_t *o = json_object();
    if (d->diag != AZ_D_NONE) {
        const struct az_diag_info *info = az_diag_info(d->diag);
        json_object_set_new(o, "id", json_string(info->id));
        json_object_set_new(o, "name", json_string(info->name));
    }
    json_object_set_new(o, "severity", json_string(sev_name(d->sev)));
    if (at.src) {
        json_object_set_new(o, "file", json_string(at.src->name));
        json_object_set_new(o, "line", json_integer(at.line));
        json_object_set_new(o, "column", json_integer(at.col));
        json_object_set_new(o, "length", json_integer(at.len));
    }
    json_object_set_new(o, "message", json_string(d->msg));
    if (d->fix) { /* the edits `lint --fix` would make: byte ranges of the file (fix.h) */
        json_t *edits = json_array();
        for (const struct az_edit *e = d->fix; e; e = e->next)
            json_array_append_new(edits, json_pack("{s:s, s:I, s:I, s:s}", "file", e->src->name,
                                                   "offset",
                                                   (json_int_t)(e->off + (e->src->bom ? 3 : 0)),
                                                   "length",
                                                   (json_int_t)e->len, "text", e->text));
        json_object_set_new(o, "fix", edits);
    }
    if (d->notes) {
        json_t *notes = json_array();
        for (const struct az_diag *n = d->notes; n; n = n->next_note)
            json_array_append_new(notes, json_diag(n));
        json_object_set_new(o, "notes", notes);
    }
    return o;
}

/* A path as a SARIF artifact URI (an RFC 3986 uri-reference): everything outside the
 * unreserved characters and '/' is percent-encoded ("my policy.json" -> "my%20policy.json"). */
static json_t *sarif_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    char *buf = malloc(strlen(path) * 3 + 1), *o = buf;
    if (!buf)
        return json_string(path);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = '\0';
    json_t *s = json_string(buf);
    free(buf);
    return s;
}

static json_t *sarif_location(const struct az_loc *place, const char *msg)
{
    struct az_loc at = az_loc_resolve(*place);
    const struct az_loc *loc = &at;
    json_t *region = json_object();
    json_object_set_new(region, "startLine", json_integer(loc->line));
    json_object_set_new(region, "startColumn", json_integer(utf16_col(loc, loc->col)));
    json_object_set_new(region, "endColumn", json_integer(utf16_col(loc, loc->col + loc->len)));
    json_t *phys = json_object();
    json_object_set_new(phys, "artifactLocation", json_pack("{s:o}", "uri", sarif_uri(loc->src->name)));
    json_object_set_new(phys, "region", region);
    json_t *l = json_object();
    json_object_set_new(l, "physicalLocation", phys);
    if (msg)
        json_object_set_new(l, "message", json_pack("{s:s}", "text", msg));
    return l;
}

/* A byte offset of a file as a SARIF line and column (UTF-16 units, as the results' are). */
static void sarif_point(const struct az_source *src, size_t off, json_int_t *line,
                        json_int_t *col)
{
    uint32_t l, c;
    az_source_position(src, off, &l, &c);
    struct az_loc at = {src, l, c, 1};
    *line = l;
    *col = utf16_col(&at, c);
}

/* A finding's fix as SARIF `fixes`: one fix, one artifactChange (fixes stay in one file),
 * a replacement per edit: deletedRegion (empty for an insertion) and insertedContent. */
static json_t *sarif_fixes(const struct az_diag *d)
{
    json_t *repl = json_array();
    for (const struct az_edit *e = d->fix; e; e = e->next) {
        json_int_t sl, sc, el, ec;
        sarif_point(e->src, e->off, &sl, &sc);
        sarif_point(e->src, e->off + e->len, &el, &ec);
        json_array_append_new(repl, json_pack("{s:{s:I,s:I,s:I,s:I},s:{s:s}}", "deletedRegion",
                                              "startLine", sl, "startColumn", sc, "endLine",
                                              el, "endColumn", ec, "insertedContent", "text",
                                              e->text));
    }
    json_t *change = json_pack("{s:{s:o},s:o}", "artifactLocation", "uri",
                               sarif_uri(d->fix->src->name), "replacements", repl);
    json_t *fix = json_pack("{s:{s:s},s:[o]}", "description", "text",
                            "apply with 'authzc lint --fix'", "artifactChanges", change);
    return json_pack("[o]", fix);
}

static json_t *sarif_rules(void)
{
    json_t *rules = json_array();
    for (size_t i = 1; i < AZ_D_COUNT; i++) {
        const struct az_diag_info *info = az_diag_info((enum az_diag_id)i);
        json_t *r = json_object();
        json_object_set_new(r, "id", json_string(info->id));
        json_object_set_new(r, "name", json_string(info->name));
        json_object_set_new(r, "shortDescription", json_pack("{s:s}", "text", info->title));
        json_object_set_new(r, "fullDescription", json_pack("{s:s}", "text", info->explain));
        json_object_set_new(r, "help", json_pack("{s:s}", "text", info->explain));
        json_object_set_new(r, "defaultConfiguration",
                            json_pack("{s:s}", "level", sev_name(info->severity)));
        /* whether `authzc lint --fix` repairs findings of this rule (fix.h) */
        json_object_set_new(r, "properties",
                            json_pack("{s:b}", "fixable", az_fix_id_fixable(info->diag)));
        json_array_append_new(rules, r);
    }
    return rules;
}

static json_t *sarif_doc(struct az_ctx *ctx, const struct az_report_opts *opts, size_t *count)
{
    json_t *results = json_array(), *notifications = json_array();
    for (size_t i = 0; i < ctx->diags.n; i++) {
        const struct az_diag *d = ctx->diags.v[i];
        if (az_diag_hidden(ctx, d))
            continue;
        if (d->diag == AZ_D_NONE || !d->loc.src) {
            json_array_append_new(notifications,
                                  json_pack("{s:s,s:{s:s}}", "level", "error", "message",
                                            "text", d->msg));
            continue;
        }
        if (opts->max_errors && *count >= opts->max_errors)
            continue;
        const struct az_diag_info *info = az_diag_info(d->diag);
        json_t *res = json_object();
        json_object_set_new(res, "ruleId", json_string(info->id));
        json_object_set_new(res, "ruleIndex", json_integer((json_int_t)d->diag - 1));
        json_object_set_new(res, "level", json_string(sev_name(d->sev)));
        json_object_set_new(res, "message", json_pack("{s:s}", "text", d->msg));
        json_t *locs = json_array();
        json_array_append_new(locs, sarif_location(&d->loc, NULL));
        json_object_set_new(res, "locations", locs);
        if (d->fix && !d->fix_dropped)
            json_object_set_new(res, "fixes", sarif_fixes(d));
        if (d->notes) {
            json_t *rel = json_array();
            int id = 1;
            for (const struct az_diag *n = d->notes; n; n = n->next_note) {
                if (!n->loc.src)
                    continue;
                json_t *l = sarif_location(&n->loc, n->msg);
                json_object_set_new(l, "id", json_integer(id++));
                json_array_append_new(rel, l);
            }
            json_object_set_new(res, "relatedLocations", rel);
        }
        json_array_append_new(results, res);
        (*count)++;
    }
    json_t *driver = json_object();
    json_object_set_new(driver, "name", json_string("authzc"));
    json_object_set_new(driver, "version", json_string(opts->tool_version ? opts->tool_version : ""));
#ifdef AZ_HOMEPAGE_URL
    /* The project's URL comes from one place: project(HOMEPAGE_URL) in CMakeLists.txt. */
    json_object_set_new(driver, "informationUri", json_string(AZ_HOMEPAGE_URL));
#endif
    json_object_set_new(driver, "rules", sarif_rules());
    json_t *inv = json_object();
    json_object_set_new(inv, "executionSuccessful", json_boolean(!ctx->diags.fatal));
    json_object_set_new(inv, "toolExecutionNotifications", notifications);
    json_t *run = json_object();
    json_object_set_new(run, "tool", json_pack("{s:o}", "driver", driver));
    json_object_set_new(run, "invocations", json_pack("[o]", inv));
    json_object_set_new(run, "columnKind", json_string("utf16CodeUnits"));
    json_object_set_new(run, "results", results);
    json_t *doc = json_object();
    json_object_set_new(doc, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
    json_object_set_new(doc, "version", json_string("2.1.0"));
    json_object_set_new(doc, "runs", json_pack("[o]", run));
    return doc;
}

/* GitHub workflow command escaping: data escapes % CR LF; properties also ':' and ','. */
static void gh_escape(FILE *out, const char *s, int property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': property ? fputs("%3A", out) : fputc(':', out); break;
        case ',': property ? fputs("%2C", out) : fputc(',', out); break;
        default: fputc(*s, out);
        }
    }
}

static size_t print_github(struct az_ctx *ctx, FILE *out, const struct az_report_opts *opts)
{
    size_t shown = 0;
    for (size_t i = 0; i < ctx->diags.n; i++) {
        const struct az_diag *d = ctx->diags.v[i];
        if (az_diag_hidden(ctx, d) ||
            (opts->max_errors && d->diag != AZ_D_NONE && shown >= opts->max_errors))
            continue;
        fprintf(out, "::%s", d->sev == AZ_SEV_ERROR ? "error" : d->sev == AZ_SEV_WARNING ? "warning" : "notice");
        struct az_loc at = az_loc_resolve(d->loc);
        if (at.src) {
            fputs(" file=", out);
            gh_escape(out, at.src->name, 1);
            fprintf(out, ",line=%u,col=%u,endColumn=%u", at.line, at.col, at.col + at.len);
        }
        if (d->diag != AZ_D_NONE) {
            fputs(",title=", out);
            gh_escape(out, az_diag_info(d->diag)->id, 1);
        }
        fputs("::", out);
        gh_escape(out, d->msg, 0);
        for (const struct az_diag *n = d->notes; n; n = n->next_note) {
            fputs("%0A", out);
            struct az_loc nat = az_loc_resolve(n->loc);
            if (nat.src)
                fprintf(out, "%s:%u:%u: ", nat.src->name, nat.line, nat.col);
            fputs("note: ", out);
            gh_escape(out, n->msg, 0);
        }
        if (d->fix && !d->fix_dropped) /* say so where the annotation is read */
            fputs("%0A'authzc lint --fix' repairs this", out);
        if (d->diag != AZ_D_NONE)
            fprintf(out, " [%s]", az_diag_info(d->diag)->id);
        fputc('\n', out);
        if (d->diag != AZ_D_NONE)
            shown++;
    }
    return shown;
}

size_t az_report_print(struct az_ctx *ctx, FILE *out, const struct az_report_opts *opts)
{
    if (opts->format == AZ_REPORT_GITHUB)
        return print_github(ctx, out, opts);
    size_t count = 0;
    json_t *doc;
    if (opts->format == AZ_REPORT_SARIF) {
        doc = sarif_doc(ctx, opts, &count);
    } else {
        json_t *list = json_array();
        for (size_t i = 0; i < ctx->diags.n; i++) {
            if (az_diag_hidden(ctx, ctx->diags.v[i]) ||
                (opts->max_errors && ctx->diags.v[i]->diag != AZ_D_NONE &&
                 count >= opts->max_errors))
                continue;
            json_array_append_new(list, json_diag(ctx->diags.v[i]));
            if (ctx->diags.v[i]->diag != AZ_D_NONE)
                count++;
        }
        unsigned errors, warnings;
        az_diag_counts(ctx, &errors, &warnings);
        doc = json_pack("{s:o,s:i,s:i}", "diagnostics", list, "errors", (int)errors, "warnings",
                        (int)warnings);
    }
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    fputc('\n', out);
    json_decref(doc);
    return count;
}
