using Orleans.Runtime;

namespace Aegis.Client.Infrastructure;

/// <summary>Runs a command body and turns every expected failure into one line on stderr and an exit code.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"aegis: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            await Console.Error.WriteLineAsync($"aegis: the cluster did not answer: {ex.Message.Split('\n')[0]}");
            return 2;
        }
    }
}
