# bash completion for isocheck                              -*- shell-script -*-
# Installed as share/bash-completion/completions/isocheck (bash-completion
# loads it on first use of `isocheck`), or load it by hand:
#   source packaging/isocheck.bash
# Self-contained: it needs none of the bash-completion package's helpers.
# Completes commands, options, model names (--model), report formats
# (--format), reductions (--reduction) and the files each command reads.
# tests/test_packaging.cpp checks that every command, option and model of
# the binary is listed here.

_isocheck_reply() {
    # COMPREPLY from a word list or compgen output, one candidate a line.
    mapfile -t COMPREPLY < <(compgen "$@")
}

_isocheck_files() {
    # Files whose names match the glob $1, and directories to descend into.
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -X "!$1" -- "$2"; compgen -d -- "$2")
}

_isocheck() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # `--format=js`: bash splits at `=` (COMP_WORDBREAKS).
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    local commands="check merge verify matrix validate models search exercise run"
    local models="read-uncommitted read-committed read-committed-snapshot repeatable-read
                  snapshot serializable serializable-snapshot
                  postgres-read-committed postgres-repeatable-read postgres-serializable
                  mysql-read-uncommitted mysql-read-committed mysql-repeatable-read
                  mysql-serializable oracle-read-committed oracle-serializable
                  sqlserver-read-uncommitted sqlserver-read-committed
                  sqlserver-read-committed-snapshot sqlserver-snapshot
                  sqlserver-repeatable-read sqlserver-serializable"
    local formats="text json dot markdown html"

    # The command: the first word after `isocheck` that is not an option.
    local cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            -*) ;;
            *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            _isocheck_reply -W "-h --help --version" -- "$cur"
        else
            _isocheck_reply -W "$commands" -- "$cur"
        fi
        return 0
    fi

    # Values of the options that take one.
    case $prev in
        --model | --allows | --forbids) _isocheck_reply -W "$models" -- "$cur"; return 0 ;;
        --exhibits)
            _isocheck_reply -W "anomaly anything deadlock snapshot-too-old invariant G0 G1a G1b G1c G-single G2-item G2
                               P0 P1 P2 P3 P4 A5A A5B" -- "$cur"
            return 0
            ;;
        --with) _isocheck_reply -W "predicates deletes aborts for-update retention guards" -- "$cur"; return 0 ;;
        --format)
            if [[ $cmd == models || $cmd == run ]]; then
                _isocheck_reply -W "text json" -- "$cur"
            elif [[ $cmd == matrix ]]; then
                _isocheck_reply -W "text markdown json html" -- "$cur"
            else
                _isocheck_reply -W "$formats" -- "$cur"
            fi
            return 0
            ;;
        --reduction) _isocheck_reply -W "cache sleep none" -- "$cur"; return 0 ;;
        --engine) _isocheck_reply -W "postgres mariadb" -- "$cur"; return 0 ;;
        --connect | --wait-ms | --random) COMPREPLY=(); return 0 ;;
        --level) _isocheck_reply -W "beginner intermediate advanced" -- "$cur"; return 0 ;;
        --rows) _isocheck_reply -W "levels files" -- "$cur"; return 0 ;;
        --junit | --out)
            compopt -o filenames 2>/dev/null
            if [[ $cmd == search || $cmd == exercise ]]; then _isocheck_reply -d -- "$cur"; else _isocheck_reply -f -- "$cur"; fi
            return 0
            ;;
        --max-states | --timeout | --jobs | --shard | --histories | --seed | --txns | --ops | --keys | --count)
            COMPREPLY=(); return 0 ;;
    esac

    local options="-h --help"
    case $cmd in
        check)
            options+=" --model --format --max-states --timeout --reduction --jobs --shard --brief --quiet"
            ;;
        merge) options+=" --format" ;;
        verify) options+=" --junit --quiet" ;;
        matrix) options+=" --model --format --rows" ;;
        validate) options+=" --model --histories --seed --jobs --out" ;;
        models) options+=" --format" ;;
        search)
            options+=" --allows --forbids --exhibits --read-only-matters --txns --ops --keys --with --count"
            options+=" --out --jobs --separate --model --quiet"
            ;;
        exercise) options+=" --seed --count --out --level --model" ;;
        run) options+=" --engine --connect --model --witnesses --format --wait-ms --random --seed" ;;
        *) COMPREPLY=(); return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        _isocheck_reply -W "$options" -- "$cur"
        return 0
    fi
    case $cmd in
        check | verify | matrix | run) _isocheck_files "*.toml" "$cur" ;;
        validate | models | search | exercise) COMPREPLY=() ;;  # no operands
        merge) _isocheck_files "*.json" "$cur" ;;
        *) COMPREPLY=() ;;
    esac
    return 0
}

complete -F _isocheck isocheck
