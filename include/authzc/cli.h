/* cli.h - the command line (CLI.md): check, compile, lint, explain, rules. */
#ifndef AZ_CLI_H
#define AZ_CLI_H

int az_cli_main(int argc, char **argv);

#endif
