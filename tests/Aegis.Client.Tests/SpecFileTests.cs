using Aegis.Client.Infrastructure;

namespace Aegis.Client.Tests;

[Trait("Category", "Unit")]
public sealed class SpecFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aegis-client-tests-");

    [Fact]
    public async Task Missing_file_is_one_line_naming_the_path_with_exit_code_2()
    {
        var path = Path.Combine(_folder.FullName, "missing.yaml");

        Assert.Equal($"cannot read spec file '{path}': no such file", await RefusalAsync(path));
    }

    [Fact]
    public async Task A_directory_is_refused_naming_the_path_with_exit_code_2()
    {
        var message = await RefusalAsync(_folder.FullName);

        Assert.StartsWith($"cannot read spec file '{_folder.FullName}': ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_exit_code_2()
    {
        var path = Path.Combine(_folder.FullName, "empty.yaml");
        await File.WriteAllTextAsync(path, " \n", TestContext.Current.CancellationToken);

        Assert.Equal($"spec file '{path}' is empty", await RefusalAsync(path));
    }

    [Fact]
    public async Task A_readable_file_is_returned_verbatim()
    {
        var path = Path.Combine(_folder.FullName, "spec.yaml");
        await File.WriteAllTextAsync(path, "id: mac-aapl\nstrategy: moving-average-crossover\n", TestContext.Current.CancellationToken);

        Assert.Equal("id: mac-aapl\nstrategy: moving-average-crossover\n", await SpecFile.ReadAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_its_size_and_exit_code_2()
    {
        var path = Path.Combine(_folder.FullName, "huge.yaml");
        await File.WriteAllBytesAsync(path, Spec(65_537), TestContext.Current.CancellationToken);

        Assert.Equal($"spec file '{path}' is 65537 bytes, the limit is 65536", await RefusalAsync(path));
    }

    [Fact]
    public async Task A_file_of_exactly_the_size_limit_is_read()
    {
        var path = Path.Combine(_folder.FullName, "full.yaml");
        await File.WriteAllBytesAsync(path, Spec(65_536), TestContext.Current.CancellationToken);

        Assert.Equal(65_536, (await SpecFile.ReadAsync(path, TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task An_endless_stream_is_refused_after_reading_just_past_the_limit()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        Assert.Equal("spec file '/dev/zero' is more than 65536 bytes, the limit is 65536", await RefusalAsync("/dev/zero"));
    }

    [Fact]
    public async Task A_latin1_file_is_refused_as_invalid_utf8_naming_the_path_and_line()
    {
        var path = Path.Combine(_folder.FullName, "latin1.yaml");
        await File.WriteAllBytesAsync(path, [.. "id: x\nname: Caf"u8, 0xE9, .. "\n"u8], TestContext.Current.CancellationToken);

        Assert.Equal($"spec file '{path}': not valid UTF-8: byte 0xE9 at line 2 (byte offset 15); save the file as UTF-8", await RefusalAsync(path));
    }

    [Fact]
    public async Task A_utf8_file_with_a_byte_order_mark_is_returned_without_it()
    {
        var path = Path.Combine(_folder.FullName, "bom.yaml");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. "name: Café\n"u8], TestContext.Current.CancellationToken);

        Assert.Equal("name: Café\n", await SpecFile.ReadAsync(path, TestContext.Current.CancellationToken));
    }

    /// <summary>The one-line message of the refusal to read <paramref name="path"/>, which must exit with code 2.</summary>
    private static async Task<string> RefusalAsync(string path)
    {
        var ex = await Assert.ThrowsAsync<CliException>(() => SpecFile.ReadAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(2, ex.ExitCode);
        return ex.Message;
    }

    private static byte[] Spec(int bytes)
    {
        var spec = new byte[bytes];
        spec.AsSpan().Fill((byte)'#');
        "id: x\n"u8.CopyTo(spec);
        return spec;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
