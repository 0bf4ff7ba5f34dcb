# bash completion for modeldock (the desktop app)                    -*- shell-script -*-
_modeldock()
{
    local cur prev words cword
    _init_completion || return
    COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
} &&
    complete -F _modeldock modeldock

# ex: filetype=sh
