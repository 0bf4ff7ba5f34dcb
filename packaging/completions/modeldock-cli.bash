# bash completion for modeldock-cli                                  -*- shell-script -*-
# Commands and options; model ids come from the local catalog through a hidden helper
# (`modeldock-cli __complete-models PREFIX`), which only reads it.

_modeldock_cli()
{
    local cur prev words cword
    _init_completion -n : || return

    local global_opts="--data-dir --hf-endpoint --civitai-endpoint --hf-cache --library
        --library-layout --json --help --version"
    local commands="settings sync search show sources download update rollback prune library help"

    case $prev in
        --data-dir | --hf-cache | --library | --reuse-from | --dest)
            _filedir -d
            return
            ;;
        --library-layout)
            COMPREPLY=($(compgen -W "modeldock comfyui a1111 stabilitymatrix" -- "$cur"))
            return
            ;;
        --hf-endpoint | --civitai-endpoint)
            return
            ;;
    esac

    # The command is the first word that is neither an option nor an option's value.
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --data-dir | --hf-endpoint | --civitai-endpoint | --hf-cache | --library | --library-layout)
                ((i++))
                ;;
            -*) ;;
            *)
                command=${words[i]}
                break
                ;;
        esac
    done

    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$global_opts" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    if [[ $cur == -* ]]; then
        # Each command's options, read from its own help.
        local opts
        opts=$("${words[0]}" help "$command" 2>/dev/null | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts $global_opts" -- "$cur"))
        return
    fi

    case $command in
        help)
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
            ;;
        settings)
            if ((i + 1 == cword)); then
                COMPREPLY=($(compgen -W "get set history rollback export import" -- "$cur"))
            fi
            ;;
        show | download | update | rollback)
            local IFS=$'\n'
            COMPREPLY=($("${words[0]}" __complete-models "$cur" 2>/dev/null))
            __ltrim_colon_completions "$cur"
            ;;
    esac
} &&
    complete -F _modeldock_cli modeldock-cli

# ex: filetype=sh
