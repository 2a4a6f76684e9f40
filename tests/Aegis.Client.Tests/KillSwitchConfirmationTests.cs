using Aegis.Client.Commands;

namespace Aegis.Client.Tests;

[Trait("Category", "Unit")]
public sealed class KillSwitchConfirmationTests
{
    [Theory]
    [InlineData(true, false, KillSwitchDecision.Proceed)]
    [InlineData(true, true, KillSwitchDecision.Proceed)]
    [InlineData(false, false, KillSwitchDecision.Ask)]
    [InlineData(false, true, KillSwitchDecision.RefuseWithoutYes)]
    public void Yes_proceeds_a_terminal_is_asked_and_a_script_is_refused(bool yes, bool inputRedirected, KillSwitchDecision expected) =>
        Assert.Equal(expected, KillSwitchConfirmation.Decide(yes, inputRedirected));

    [Theory]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData(" yes \n")]
    [InlineData("YES")]
    public void Only_y_or_yes_confirms(string answer) => Assert.True(KillSwitchConfirmation.IsYes(answer));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("n")]
    [InlineData("yeah")]
    [InlineData("no")]
    public void Anything_else_including_end_of_input_declines(string? answer) => Assert.False(KillSwitchConfirmation.IsYes(answer));

    [Fact]
    public void The_refusal_tells_the_operator_to_pass_yes() => Assert.Contains("--yes", KillSwitchConfirmation.PassYes, StringComparison.Ordinal);
}
