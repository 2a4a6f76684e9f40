namespace Aegis.Client.Commands;

/// <summary>Whether <c>aegis killswitch</c> may go ahead: <c>--yes</c> always may; a person at a terminal is
/// asked; a script (stdin redirected) without <c>--yes</c> is refused rather than halting on whatever it pipes in.</summary>
public static class KillSwitchConfirmation
{
    public const string Question = "halt every scenario? [y/N] ";

    public const string PassYes = "kill switch not pulled: stdin is not a terminal, so pass --yes to confirm";

    public static KillSwitchDecision Decide(bool yes, bool inputRedirected) =>
        yes ? KillSwitchDecision.Proceed
        : inputRedirected ? KillSwitchDecision.RefuseWithoutYes
        : KillSwitchDecision.Ask;

    /// <summary>Only an explicit y or yes (any case) confirms; end of input or anything else declines.</summary>
    public static bool IsYes(string? answer) =>
        answer?.Trim().ToUpperInvariant() is "Y" or "YES";
}
