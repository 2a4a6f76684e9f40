namespace Aegis.Datasets.Storage;

/// <summary>
/// Where datasets and results live: keys are '/'-separated paths (<c>datasets/NAME/date=…/part-0.parquet</c>).
/// S3 in production, a local directory for the embedded default. A put is whole or absent: readers never see
/// part of an object.
/// </summary>
public interface IObjectStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every key that starts with <paramref name="prefix"/>, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Where a key is, for messages: <c>s3://bucket/key</c> or a file path.</summary>
    string Describe(string key);
}
