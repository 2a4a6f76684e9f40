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

        var ex = await Assert.ThrowsAsync<CliException>(() => SpecFile.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"cannot read spec file '{path}': no such file", ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public async Task A_directory_is_refused_naming_the_path_with_exit_code_2()
    {
        var ex = await Assert.ThrowsAsync<CliException>(() => SpecFile.ReadAsync(_folder.FullName, TestContext.Current.CancellationToken));

        Assert.StartsWith($"cannot read spec file '{_folder.FullName}': ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_exit_code_2()
    {
        var path = Path.Combine(_folder.FullName, "empty.yaml");
        await File.WriteAllTextAsync(path, " \n", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<CliException>(() => SpecFile.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"spec file '{path}' is empty", ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public async Task A_readable_file_is_returned_verbatim()
    {
        var path = Path.Combine(_folder.FullName, "spec.yaml");
        await File.WriteAllTextAsync(path, "id: mac-aapl\nstrategy: moving-average-crossover\n", TestContext.Current.CancellationToken);

        Assert.Equal("id: mac-aapl\nstrategy: moving-average-crossover\n", await SpecFile.ReadAsync(path, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
