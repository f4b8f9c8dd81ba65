using System.CommandLine;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>completion [bash|zsh]</c>: prints a shell function that asks the tool itself for completions through
/// System.CommandLine's <c>[suggest]</c> directive (commands, options, and the values of options such as
/// <c>--source-of-truth</c>). Add <c>source &lt;(klaviyo-actions completion bash)</c> to <c>~/.bashrc</c>.
/// </summary>
internal sealed class CompletionCommand : Command
{
    private readonly Argument<string> _shell = new("shell")
    {
        Description = "bash or zsh.",
        DefaultValueFactory = _ => "bash",
    };

    public CompletionCommand()
        : base("completion", "Print a tab-completion script for bash or zsh: source <(klaviyo-actions completion bash).")
    {
        _shell.AcceptOnlyFromAmong("bash", "zsh");
        Add(_shell);
        SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(_shell) == "zsh" ? Zsh : Bash);
            return 0;
        });
    }

    private const string Bash = """
        _klaviyo_actions_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(klaviyo-actions "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _klaviyo_actions_complete klaviyo-actions

        """;

    private const string Zsh = """
        autoload -U +X bashcompinit && bashcompinit
        _klaviyo_actions_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(klaviyo-actions "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _klaviyo_actions_complete klaviyo-actions

        """;
}
