# completions/authzc.fish - fish completion for authzc: commands, each command's options, the
# values of -t/--target, --format, --lang, --fail-on and --color, commands after `help`,
# diagnostic IDs after `explain` (from
# `authzc explain --list`), and files by kind (.authz/.yaml/.yml for intents; .json, .tf, .sh,
# .bash and folders for lint). Installed as share/fish/vendor_completions.d/authzc.fish.

set -l commands check compile lint explain rules fmt schema import plan help

# No file names unless a command or an option asks for them.
complete -c authzc -f

# The files under the current token that end in one of the suffixes given, and folders.
function __authzc_files
    set -l token (commandline -ct)
    set -l pattern '\.('(string join '|' -- $argv)')$'
    for f in $token*
        if test -d $f
            echo $f/
        else if string match -qr -- $pattern $f
            echo $f
        end
    end
end

# The diagnostic IDs of the authzc being completed (the first word), with their summaries.
function __authzc_ids
    set -l bin (commandline -opc)[1]
    $bin explain --list 2>/dev/null | string replace -r '^(\S+)\s+\S+\s+\S+\s+(.*)$' '$1\t$2'
end

complete -c authzc -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Print the list of commands'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a check -d 'Parse and check an intent'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a compile -d 'Emit terraform, cli, json or json-v2'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a lint -d 'Check hand-written policies'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a explain -d 'What a diagnostic means'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a rules -d 'The rule table'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a fmt -d 'The canonical layout of the DSL'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a schema -d 'The JSON Schema of the YAML intent'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a import -d 'A live export -> an intent'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a plan -d 'What applying the intent would change'
complete -c authzc -n "not __fish_seen_subcommand_from $commands" -a help -d 'The usage of a command'

# Every command has --help.
complete -c authzc -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'Print the usage'

# Options shared by several commands.
complete -c authzc -n '__fish_seen_subcommand_from check compile import plan' -l lang -x -a 'dsl yaml' -d 'The language of every FILE'
complete -c authzc -n '__fish_seen_subcommand_from lint' -l lang -x -a 'json tf sh' -d "What standard input ('-') holds"
complete -c authzc -n '__fish_seen_subcommand_from check compile lint' -l format -x -a 'text json sarif github' -d 'How diagnostics are printed'
complete -c authzc -n '__fish_seen_subcommand_from rules plan' -l format -x -a 'text json' -d 'Text or JSON'
complete -c authzc -n '__fish_seen_subcommand_from check compile lint' -l max-errors -x -d 'Print at most N diagnostics'
complete -c authzc -n '__fish_seen_subcommand_from check compile lint import plan' -l max-input-size -x -d 'Refuse larger inputs'
complete -c authzc -n '__fish_seen_subcommand_from check compile lint' -l werror -d 'Warnings make the exit status 1'
complete -c authzc -n '__fish_seen_subcommand_from check compile lint' -l color -x -a 'auto always never' -d 'Colour text diagnostics'
complete -c authzc -n '__fish_seen_subcommand_from check lint' -l fail-on -x -a 'error warning' -d 'The level that makes the exit status 1'
complete -c authzc -n '__fish_seen_subcommand_from check compile' -l allow-empty -d 'An intent that grants nothing is not an error'

# compile
complete -c authzc -n '__fish_seen_subcommand_from compile' -s t -l target -x -a 'terraform cli json json-v2' -d 'The output format'
complete -c authzc -n '__fish_seen_subcommand_from compile' -s o -l output -r -F -d 'Write to PATH (a folder for json)'
complete -c authzc -n '__fish_seen_subcommand_from compile' -l account-id -x -d 'The account "account current" stands for'
complete -c authzc -n '__fish_seen_subcommand_from compile' -l module -d 'terraform: -o PATH is a module folder'
complete -c authzc -n '__fish_seen_subcommand_from compile' -l wait -x -d 'Module form: wait DURATION (30s, 2m) before ready'
complete -c authzc -n '__fish_seen_subcommand_from compile plan' -l live -x -a '(__authzc_files json)' -d 'An export of the live policies'

# lint
complete -c authzc -n '__fish_seen_subcommand_from lint' -l intent -x -a '(__authzc_files authz yaml yml)' -d 'Compare with this intent'
complete -c authzc -n '__fish_seen_subcommand_from lint' -l ignore-file -r -F -d 'Suppressions for whole files'
complete -c authzc -n '__fish_seen_subcommand_from lint' -l fix -d 'Rewrite the files with the fixes the findings spell out'
complete -c authzc -n '__fish_seen_subcommand_from lint' -l diff -d 'With --fix: print the changes as a diff, write nothing'
complete -c authzc -n '__fish_seen_subcommand_from lint' -l fix-dry-run -d 'The same as --fix --diff'

# explain: the IDs of the authzc being completed, with their summaries.
complete -c authzc -n '__fish_seen_subcommand_from explain' -l list -d 'List every ID'
complete -c authzc -n '__fish_seen_subcommand_from explain' -x -a '(__authzc_ids)'

# fmt, import, plan
complete -c authzc -n '__fish_seen_subcommand_from fmt' -l check -d 'Exit 1 when a file would change'
complete -c authzc -n '__fish_seen_subcommand_from fmt' -l diff -d 'Print what would change'
complete -c authzc -n '__fish_seen_subcommand_from import' -s o -l output -r -F -d 'Write the intent to FILE'

# help: the commands
complete -c authzc -n '__fish_seen_subcommand_from help' -x -a 'check compile lint explain rules fmt schema import plan'

# Arguments: files by kind (and folders, to go on inside them).
complete -c authzc -n '__fish_seen_subcommand_from check compile' -a '(__authzc_files authz yaml yml)'
complete -c authzc -n '__fish_seen_subcommand_from plan' -a '(__authzc_files authz yaml yml json)'
complete -c authzc -n '__fish_seen_subcommand_from fmt' -a '(__authzc_files authz)'
complete -c authzc -n '__fish_seen_subcommand_from lint' -a '(__authzc_files json tf sh bash)'
complete -c authzc -n '__fish_seen_subcommand_from import' -a '(__authzc_files json)'
