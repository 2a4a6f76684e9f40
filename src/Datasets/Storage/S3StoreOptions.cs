namespace Aegis.Datasets.Storage;

/// <summary>
/// How to reach the S3 bucket (configuration section <c>Aegis:Research:S3</c>). Without <see cref="ServiceUrl"/> the
/// client talks to AWS in <see cref="Region"/>; with it, to that endpoint (an emulator, MinIO), usually path-style.
/// Without keys, the SDK's default credential chain applies (task role on Fargate).
/// </summary>
public sealed record S3StoreOptions
{
    public required string Bucket { get; init; }

    /// <summary>Prepended to every key, e.g. <c>aegis/</c>; empty by default.</summary>
    public string Prefix { get; init; } = string.Empty;

    public string? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public bool ForcePathStyle { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>
    /// Compute and validate payload checksums only where the API requires them. Emulators that store aws-chunked
    /// framing verbatim need this; real S3 does not.
    /// </summary>
    public bool ChecksumsWhenRequired { get; init; }

    /// <summary>Retries of a failed request, with the SDK's exponential backoff.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
