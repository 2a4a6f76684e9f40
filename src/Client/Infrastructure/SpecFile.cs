namespace Aegis.Client.Infrastructure;

/// <summary>Reads a scenario spec file for <c>aegis scenarios create -f</c>; every failure is one line naming the path.</summary>
public static class SpecFile
{
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"cannot read spec file '{path}': {Reason(ex)}", 2);
        }

        return string.IsNullOrWhiteSpace(text) ? throw new CliException($"spec file '{path}' is empty", 2) : text;
    }

    private static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied (or it is a directory)",
        _ => ex.Message.Split('\n')[0],
    };
}
