namespace Aegis.Client.Commands;

/// <summary>What <see cref="KillSwitchConfirmation.Decide"/> concluded.</summary>
public enum KillSwitchDecision
{
    Proceed,
    Ask,
    RefuseWithoutYes,
}
