using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace Aegis.Persistence.Embedded;

/// <summary>
/// A PostgreSQL server provisioned from the machine's own binaries into a folder: initdb on first
/// use, pg_ctl start on loopback only, a generated password (never logged) kept beside it, and the
/// AEGIS database created. A second start reuses the folder and, if it is still running, the server.
/// </summary>
public sealed class LocalPostgres(LocalPostgresOptions options)
{
    private const string InstanceFile = "instance.json";

    public LocalPostgresOptions Options { get; } = options;

    private string DataDirectory => Path.Combine(Options.RootDirectory, "data");

    /// <summary>True once the cluster folder has been initialised.</summary>
    public bool IsProvisioned => File.Exists(Path.Combine(DataDirectory, "PG_VERSION")) && File.Exists(Path.Combine(Options.RootDirectory, InstanceFile));

    /// <summary>Creates the cluster if needed, starts it if stopped, creates the database and
    /// returns a connection string for it.</summary>
    public async Task<string> EnsureStartedAsync(CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate() ?? throw new LocalPostgresException(PostgresBinaries.InstallHint);
        if (!IsProvisioned)
        {
            await InitialiseAsync(binaries, cancellationToken);
        }

        var instance = ReadInstance();
        var pgCtl = Path.Combine(binaries, "pg_ctl");
        var status = await ExternalCommand.RunAsync(pgCtl, ["status", "-D", DataDirectory], cancellationToken);
        if (status.ExitCode != 0)
        {
            var socketDirectory = Path.Combine(Options.RootDirectory, "run");
            var started = await ExternalCommand.RunAsync(pgCtl,
            [
                "start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(Options.RootDirectory, "postgres.log"),
                "-o", $"-c listen_addresses=127.0.0.1 -p {instance.Port} -k {socketDirectory} -c max_connections=300 -c fsync=on",
            ], cancellationToken);
            if (started.ExitCode != 0)
            {
                var log = Path.Combine(Options.RootDirectory, "postgres.log");
                throw new LocalPostgresException(
                    $"could not start PostgreSQL in {DataDirectory} on port {instance.Port}: {LastServerError(log) ?? FirstLine(started.Output)} (see {log})");
            }
        }

        var connectionString = BuildConnectionString(instance, Options.Database);
        await EnsureDatabaseAsync(instance, cancellationToken);
        return connectionString;
    }

    /// <summary>
    /// A connection string for <paramref name="database"/> (the AEGIS database by default) as the shadow lane's role,
    /// whose password is generated on first use and kept beside the server like the administrator's. The
    /// role comes from the migrations, so call this once the database is migrated.
    /// </summary>
    public async Task<string> ShadowConnectionStringAsync(string? database = null, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Options.RootDirectory, "shadow-password");
        if (!File.Exists(path))
        {
            // Written aside and moved into place, so a concurrent caller never reads a half-written file.
            var draft = path + "." + Guid.NewGuid().ToString("N");
            await File.WriteAllTextAsync(draft, ShadowRole.NewPassword(), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(draft, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(draft, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(draft); // a concurrent caller's is in place: use it
            }
        }

        var password = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        return await ShadowRole.EnableLoginAsync(BuildConnectionString(ReadInstance(), database ?? Options.Database), password, cancellationToken);
    }

    /// <summary>The connection string of an already provisioned cluster, or null if there is none.</summary>
    public string? TryGetConnectionString() =>
        IsProvisioned ? BuildConnectionString(ReadInstance(), Options.Database) : null;

    /// <summary>Stops the server. <paramref name="immediate"/> is the equivalent of a crash (no checkpoint).</summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate() ?? throw new LocalPostgresException(PostgresBinaries.InstallHint);
        if (!IsProvisioned)
        {
            return;
        }

        await ExternalCommand.RunAsync(Path.Combine(binaries, "pg_ctl"),
            ["stop", "-w", "-t", "60", "-D", DataDirectory, "-m", immediate ? "immediate" : "fast"], cancellationToken);
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(immediate: true, cancellationToken);
        if (Directory.Exists(Options.RootDirectory))
        {
            Directory.Delete(Options.RootDirectory, recursive: true);
        }
    }

    /// <summary>A free TCP port on loopback (for tests that need a server of their own).</summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? LastServerError(string logPath)
    {
        try
        {
            return File.ReadLines(logPath).LastOrDefault(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("could not bind", StringComparison.Ordinal))?
                .Split("]", 2)[^1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task InitialiseAsync(string binaries, CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataDirectory))
        {
            // A half-finished initdb from an interrupted first start: start again from nothing.
            Directory.Delete(DataDirectory, recursive: true);
        }

        Directory.CreateDirectory(Options.RootDirectory);
        Directory.CreateDirectory(Path.Combine(Options.RootDirectory, "run"));
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var passwordFile = Path.Combine(Options.RootDirectory, "password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (Environment.IsPrivilegedProcess)
        {
            await GiveToPostgresUserAsync(cancellationToken);
        }

        var init = await ExternalCommand.RunAsync(Path.Combine(binaries, "initdb"),
        [
            "-D", DataDirectory, "-U", Options.UserName, "--pwfile", passwordFile,
            "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions",
        ], cancellationToken);
        if (init.ExitCode != 0)
        {
            throw new LocalPostgresException($"initdb failed for {DataDirectory}: {FirstLine(init.Output)}");
        }

        // Another local server (an older home, a system PostgreSQL) may hold the default port.
        var port = IsPortFree(Options.Port) ? Options.Port : FindFreePort();
        var instance = new LocalPostgresInstance(port, Options.UserName);
        await File.WriteAllTextAsync(Path.Combine(Options.RootDirectory, InstanceFile), JsonSerializer.Serialize(instance), cancellationToken);
    }

    private async Task GiveToPostgresUserAsync(CancellationToken cancellationToken)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", "postgres:postgres", Options.RootDirectory])
            ?? throw new LocalPostgresException("could not run chown");
        await chown.WaitForExitAsync(cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"running as root needs a 'postgres' OS user to own {Options.RootDirectory} (chown failed); create it or run as an ordinary user");
        }
    }

    private LocalPostgresInstance ReadInstance()
    {
        var path = Path.Combine(Options.RootDirectory, InstanceFile);
        return JsonSerializer.Deserialize<LocalPostgresInstance>(File.ReadAllText(path))
            ?? throw new LocalPostgresException($"{path} is empty or corrupt: delete {Options.RootDirectory} to provision again");
    }

    private string ReadPassword() => File.ReadAllText(Path.Combine(Options.RootDirectory, "password")).Trim();

    private string BuildConnectionString(LocalPostgresInstance instance, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = instance.Port,
            Username = instance.UserName,
            Password = ReadPassword(),
            Database = database,
            MaxPoolSize = 50,
        }.ConnectionString;

    private async Task EnsureDatabaseAsync(LocalPostgresInstance instance, CancellationToken cancellationToken)
    {
        // Unpooled: a pooled admin connection would not survive the server being restarted.
        var admin = new NpgsqlConnectionStringBuilder(BuildConnectionString(instance, "postgres")) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", Options.Database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Options.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string FirstLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";
}
