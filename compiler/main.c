/* main.c - the authzc executable: everything is in the CLI layer (cli.c). */
#include "authzc/cli.h"

int main(int argc, char **argv)
{
    return az_cli_main(argc, argv);
}
