using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Aegis.Datasets.Storage;

/// <summary>
/// An <see cref="IObjectStore"/> on an S3 bucket through AWSSDK.S3. Objects are put from memory with a known length
/// and no aws-chunked encoding, so what is stored is exactly the bytes given, on S3 and on emulators alike.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3StoreOptions _options;

    public S3ObjectStore(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.RequestTimeout,
            RetryMode = RequestRetryMode.Standard,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (options.ChecksumsWhenRequired)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        _client = options.AccessKey is { } key
            ? new AmazonS3Client(new BasicAWSCredentials(key, options.SecretKey ?? string.Empty), config)
            : new AmazonS3Client(config);
    }

    public string Describe(string key) => $"s3://{_options.Bucket}/{_options.Prefix}{key}";

    /// <summary>Creates the bucket when it does not exist (the embedded default and tests; production buckets are provisioned).</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default) => await Call(async () =>
    {
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // there already
        }

        return 0;
    }, _options.Bucket);

    public Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) => Call(async () =>
    {
        using var body = new MemoryStream(bytes.ToArray(), writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = _options.Prefix + key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        }, cancellationToken);
        return 0;
    }, key);

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) => Call(async () =>
    {
        try
        {
            using var response = await _client.GetObjectAsync(_options.Bucket, _options.Prefix + key, cancellationToken);
            using var copy = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(Describe(key));
        }
    }, key);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Call(async () =>
    {
        try
        {
            await _client.GetObjectMetadataAsync(_options.Bucket, _options.Prefix + key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }, key);

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => Call(async () =>
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _options.Prefix + prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _client.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key[_options.Prefix.Length..]));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        keys.Sort(StringComparer.Ordinal);
        return (IReadOnlyList<string>)keys;
    }, prefix);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => Call(async () =>
    {
        await _client.DeleteObjectAsync(_options.Bucket, _options.Prefix + key, cancellationToken);
        return 0;
    }, key);

    public void Dispose() => _client.Dispose();

    // The SDK has retried with backoff by the time an exception gets here: what is left is an outage, said plainly.
    private async Task<T> Call<T>(Func<Task<T>> request, string key)
    {
        try
        {
            return await request();
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            throw new ObjectStoreUnavailableException(
                $"the S3 endpoint {_options.ServiceUrl ?? _options.Region} did not answer for {Describe(key)} after {_options.MaxRetries} retries: {ex.GetBaseException().Message}", ex);
        }
    }

    private static bool IsOutage(Exception ex) => ex switch
    {
        AmazonS3Exception { StatusCode: HttpStatusCode.NotFound } => false,
        AmazonServiceException { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout } => true,
        AmazonServiceException { InnerException: HttpRequestException or IOException } => true,
        HttpRequestException or IOException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
