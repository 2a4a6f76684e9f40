using System.Security.Cryptography;
using System.Text;

namespace Aegis.Grains.Security;

/// <summary>
/// Seals secrets (broker tokens) for storage with AES-256-GCM: authenticated encryption under one 32-byte key, with
/// the record's identity (an account key) as associated data, so a sealed value copied to another record does not
/// open. Chosen over ASP.NET Data Protection because the key is a single value an operator provides (a file or an
/// environment variable) and every silo of every lane must open what another sealed: Data Protection would add a key
/// ring to store, share and rotate in step across processes. Layout: version byte, 12-byte nonce, ciphertext, 16-byte tag.
/// </summary>
public sealed class SecretBox
{
    /// <summary>The environment variable holding the key as base64.</summary>
    public const string KeyVariable = "AEGIS_SECRETS_KEY";

    private const byte Version = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException($"the secrets key is 32 bytes (AES-256), not {key.Length}", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>
    /// The key from <see cref="KeyVariable"/> if set, else from <paramref name="keyFile"/> (base64). With
    /// <paramref name="createIfMissing"/> a missing file gets a new random key, readable by its owner only.
    /// </summary>
    /// <exception cref="InvalidOperationException">No key, or one that is not 32 bytes of base64; the message says where it looked.</exception>
    public static SecretBox Load(string keyFile, bool createIfMissing)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyFile);
        var fromEnvironment = Environment.GetEnvironmentVariable(KeyVariable);
        var source = fromEnvironment is { Length: > 0 } ? $"the environment variable {KeyVariable}" : keyFile;
        if (fromEnvironment is not { Length: > 0 } && !File.Exists(keyFile))
        {
            if (!createIfMissing)
            {
                throw new InvalidOperationException($"no secrets key: set {KeyVariable} or create {keyFile} (32 random bytes, base64)");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(keyFile, create))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            }
        }

        try
        {
            return new SecretBox(Convert.FromBase64String((fromEnvironment is { Length: > 0 } ? fromEnvironment : File.ReadAllText(keyFile)).Trim()));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"the secrets key in {source} is not 32 bytes of base64", ex);
        }
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var sealedValue = new byte[1 + NonceLength + plaintext.Length + TagLength];
        sealedValue[0] = Version;
        var nonce = sealedValue.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLength);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(1 + NonceLength, plaintext.Length), sealedValue.AsSpan(1 + NonceLength + plaintext.Length), Encoding.UTF8.GetBytes(associatedData));
        return sealedValue;
    }

    /// <exception cref="CryptographicException">Not sealed by this key for <paramref name="associatedData"/>, or altered.</exception>
    public byte[] Open(ReadOnlySpan<byte> sealedValue, string associatedData)
    {
        if (sealedValue.Length < 1 + NonceLength + TagLength || sealedValue[0] != Version)
        {
            throw new CryptographicException("not a sealed secret of a known version");
        }

        var plaintext = new byte[sealedValue.Length - 1 - NonceLength - TagLength];
        using var aes = new AesGcm(_key, TagLength);
        aes.Decrypt(sealedValue.Slice(1, NonceLength), sealedValue.Slice(1 + NonceLength, plaintext.Length), sealedValue[^TagLength..], plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }
}
