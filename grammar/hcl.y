/* hcl.y - placeholder: the HCL parser for lint is being written. */
%require "3.6"
%define api.pure full
%define api.prefix {az_hcl}
%define api.token.prefix {HCL_}
%code requires { typedef void *yyscan_t; }
%param {yyscan_t scanner}
%code provides { int az_hcllex(AZ_HCLSTYPE *lval, yyscan_t scanner); void az_hclerror(yyscan_t scanner, const char *msg); }
%token END_PLACEHOLDER
%%
start: %empty ;
%%
