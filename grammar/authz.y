/* authz.y - placeholder; the DSL grammar is being written (parse_dsl.c drives it). */
%require "3.6"
%define api.pure full
%define api.prefix {az_yy}
%define api.token.prefix {TOK_}
%code requires { typedef void *yyscan_t; }
%param {yyscan_t scanner}
%code provides { int az_yylex(AZ_YYSTYPE *lval, yyscan_t scanner); void az_yyerror(yyscan_t scanner, const char *msg); }
%token END_PLACEHOLDER
%%
start: %empty ;
%%
