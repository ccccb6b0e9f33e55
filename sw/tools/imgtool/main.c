/* cptra-imgtool: Caliptra 1.x firmware bundles, ASPEED SoC manifests and FLSH flash images for
 * the AST2700 (spec/images.md). cptra_imgtool-compatible where the formats overlap. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "imgtool.h"

static const char usage[] =
    "usage: cptra-imgtool <command> [options]   (cptra-imgtool <command> --help for details)\n"
    "\n"
    "commands:\n"
    "  bundle create|verify|show   Caliptra 1.x FW bundle (manifest | FMC | runtime)\n"
    "  create-auth-man             ASPEED SoC manifest from a cptra_imgtool TOML config\n"
    "  create-auth-flash           FLSH flash image (bundle, manifest, MCU FMC, SoC images)\n"
    "  verify-flash                check a flash image: CRCs, signatures, every digest\n"
    "  keygen                      ECC P-384 or LMS H15/W4 key pair\n"
    "  sign                        sign-helper reference implementation\n"
    "  check-config                parse and print a TOML configuration\n";

int main(int argc, char **argv) {
    /* a sign helper that exits without reading stdin must not kill us */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    int rc;
    if (imgtool_is_help(cmd)) {
        fputs(usage, stdout);
        return 0;
    } else if (!strcmp(cmd, "bundle"))
        rc = cmd_bundle(argc - 2, argv + 2);
    else if (!strcmp(cmd, "create-auth-man"))
        rc = cmd_create_auth_man(argc - 2, argv + 2);
    else if (!strcmp(cmd, "create-auth-flash"))
        rc = cmd_create_auth_flash(argc - 2, argv + 2);
    else if (!strcmp(cmd, "verify-flash"))
        rc = cmd_verify_flash(argc - 2, argv + 2);
    else if (!strcmp(cmd, "keygen"))
        rc = cmd_keygen(argc - 2, argv + 2);
    else if (!strcmp(cmd, "sign"))
        rc = cmd_sign(argc - 2, argv + 2);
    else if (!strcmp(cmd, "check-config"))
        rc = cmd_check_config(argc - 2, argv + 2);
    else {
        imgtool_err("unknown command '%s'", cmd);
        fputs(usage, stderr);
        rc = 2;
    }
    imgtool_keys_cleanup();
    return rc;
}
