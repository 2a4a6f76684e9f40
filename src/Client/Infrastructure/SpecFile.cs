using Aegis.Domain.Scenarios;

namespace Aegis.Client.Infrastructure;

/// <summary>
/// Reads a scenario spec file for <c>aegis scenarios create -f</c>; every failure is one line naming
/// the path. The file is read as bytes so that its size is checked before it is read whole and its
/// UTF-8 strictly, rather than sending the server text with replacement characters in it.
/// </summary>
public static class SpecFile
{
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadBoundedAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"cannot read spec file '{path}': {Reason(ex)}", 2);
        }

        if (!ScenarioSpecText.TryDecodeUtf8(bytes, out var text, out var problem))
        {
            throw new CliException($"spec file '{path}': {problem}", 2);
        }

        return string.IsNullOrWhiteSpace(text) ? throw new CliException($"spec file '{path}' is empty", 2) : text;
    }

    private static async Task<byte[]> ReadBoundedAsync(string path, CancellationToken cancellationToken)
    {
        const int limit = ScenarioSpecReader.MaxSpecBytes;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        if (stream.CanSeek && stream.Length > limit)
        {
            throw new CliException($"spec file '{path}' is {stream.Length} bytes, the limit is {limit}", 2);
        }

        // Read one byte past the limit, so a pipe or a file that grows is caught without reading it all.
        var buffer = new byte[limit + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > limit
            ? throw new CliException($"spec file '{path}' is more than {limit} bytes, the limit is {limit}", 2)
            : buffer[..length];
    }

    private static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied (or it is a directory)",
        _ => ex.Message.Split('\n')[0],
    };
}
