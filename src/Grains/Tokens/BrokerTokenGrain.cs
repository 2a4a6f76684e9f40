using System.Text.Json;
using Aegis.Connectors.Saxo.Auth;
using Aegis.Grains.Interfaces.Tokens;
using Aegis.Grains.Persistence;
using Aegis.Grains.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Tokens;

/// <summary>
/// Keeps one broker account's session alive. Calls are not interleaved, so any number of concurrent callers wanting a
/// token share the one refresh the first of them started. A refresh persists the rotated refresh token before the new
/// access token goes to anyone; if persisting fails it is retried, alerted, and the rotated token is kept in memory
/// (it is the only one that still works) to be persisted before anything else happens. A refused refresh means the
/// grant is dead: "login required", never a retry with a dead token. Outages back off (honouring Retry-After) and
/// raise an alert after repeated failures. A timer refreshes ahead of expiry, and a reminder keeps the keeper active.
/// </summary>
public sealed partial class BrokerTokenGrain(
    [PersistentState(StorageNames.BrokerToken, StorageNames.Postgres)] IPersistentState<BrokerTokenState> state,
    SecretBox secrets,
    SaxoTokenClients clients,
    BrokerAccessTokens published,
    AlertLog alerts,
    IOptions<BrokerAccountsOptions> options,
    TimeProvider time,
    ILogger<BrokerTokenGrain> logger) : Grain, IBrokerTokenGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan[] PersistRetries = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1.5)];

    private SessionTokens? _tokens;
    private bool _unpersisted;
    private bool _unpublished;
    private IGrainTimer? _refreshTimer;
    private (string State, Pkce? Pkce)? _pendingLogin;

    private string Account => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.SealedTokens is { } sealedTokens)
        {
            _tokens = JsonSerializer.Deserialize<SessionTokens>(secrets.Open(sealedTokens, Account));
            ScheduleRefresh();
        }

        return Task.CompletedTask;
    }

    public Task<BrokerLoginStart> BeginLoginAsync()
    {
        var account = options.Value.Saxo.TryGetValue(Account, out var configured)
            ? configured
            : throw new ArgumentException($"broker account '{Account}' is not configured (section {BrokerAccountsOptions.Section}:Saxo:{Account})");
        var pkce = configured.UsePkce ?? configured.AppSecret.Length == 0 ? Pkce.Create() : null;
        _pendingLogin = (Pkce.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), pkce);
        return Task.FromResult(new BrokerLoginStart(clients.For(Account).AuthorizeUri(_pendingLogin.Value.State, pkce), account.RedirectUri));
    }

    public async Task<BrokerTokenHealth> CompleteLoginAsync(string code, string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (_pendingLogin is not { } pending || !string.Equals(pending.State, state, StringComparison.Ordinal))
        {
            throw new BrokerTokenUnavailableException($"{Account}: no login of this state was begun here (begin it again)", loginRequired: _tokens is null || state.Length == 0);
        }

        _pendingLogin = null;
        OAuthTokens granted;
        try
        {
            granted = await clients.For(Account).ExchangeCodeAsync(code, pending.Pkce?.Verifier, CancellationToken.None);
        }
        catch (SaxoTokenRejectedException ex)
        {
            throw new BrokerTokenUnavailableException($"{Account}: the login was refused: {ex.Message}", loginRequired: true);
        }

        await AcceptAsync(granted, pending.Pkce?.Verifier);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod);
        LogLoggedIn(logger, Account, granted.AccessExpiresUtc);
        return Health();
    }

    public async Task<string> GetAccessTokenAsync()
    {
        await PersistPendingAsync();
        if (_tokens is null || state.State.LoginRequired)
        {
            throw new BrokerTokenUnavailableException($"{Account}: login required (aegis tokens login)", loginRequired: true);
        }

        if (state.State.AccessExpiresUtc - time.GetUtcNow() <= options.Value.RefreshMargin)
        {
            await RefreshAsync();
        }

        if (state.State.AccessExpiresUtc <= time.GetUtcNow())
        {
            throw new BrokerTokenUnavailableException($"{Account}: the access token expired and the refresh failed: {state.State.LastError}");
        }

        return _tokens!.AccessToken;
    }

    public async Task<BrokerTokenHealth> RefreshNowAsync()
    {
        await PersistPendingAsync();
        if (_tokens is null || state.State.LoginRequired)
        {
            throw new BrokerTokenUnavailableException($"{Account}: login required (aegis tokens login)", loginRequired: true);
        }

        await RefreshAsync();
        return Health();
    }

    public Task<BrokerTokenHealth> GetHealthAsync() => Task.FromResult(Health());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Keeps the keeper active (its timer does the refreshing); a due refresh that a deactivation skipped happens now.
        if (_tokens is not null && !state.State.LoginRequired && state.State.AccessExpiresUtc - time.GetUtcNow() <= options.Value.RefreshMargin)
        {
            await RefreshQuietlyAsync();
        }
    }

    private async Task RefreshAsync()
    {
        var account = Account;
        OAuthTokens fresh;
        try
        {
            fresh = await clients.For(account).RefreshAsync(_tokens!.RefreshToken, _tokens.CodeVerifier, CancellationToken.None);
        }
        catch (SaxoTokenRejectedException ex)
        {
            state.State.LoginRequired = true;
            state.State.LastError = ex.Message;
            await WriteWithRetriesAsync();
            await alerts.RaiseAsync("live", "token-keeper", account, AlertLog.Critical, $"{account}: the refresh token was refused ({ex.Message}); a new login is required");
            LogLoginRequired(logger, account, ex.Message);
            throw new BrokerTokenUnavailableException($"{account}: login required: {ex.Message}", loginRequired: true);
        }
        catch (SaxoTokenEndpointException ex)
        {
            state.State.ConsecutiveFailures++;
            state.State.LastError = ex.Message;
            await WriteWithRetriesAsync();
            var wait = ex.RetryAfter ?? Backoff(state.State.ConsecutiveFailures);
            LogRefreshFailed(logger, account, state.State.ConsecutiveFailures, wait, ex.Message);
            if (state.State.ConsecutiveFailures == options.Value.AlertAfterFailures)
            {
                await alerts.RaiseAsync("live", "token-keeper", account, AlertLog.Warning,
                    $"{account}: {state.State.ConsecutiveFailures} refreshes failed in a row, the last: {ex.Message}");
            }

            ScheduleRefresh(wait);
            return;
        }

        await AcceptAsync(fresh, _tokens.CodeVerifier);
        LogRefreshed(logger, account, fresh.AccessExpiresUtc);
    }

    // Takes new tokens: persisted (the rotated refresh token is the only one that works now) before anyone sees them.
    private async Task AcceptAsync(OAuthTokens granted, string? codeVerifier)
    {
        _tokens = new SessionTokens(granted.AccessToken, granted.RefreshToken, codeVerifier);
        _unpersisted = _unpublished = true;
        state.State.AccessExpiresUtc = granted.AccessExpiresUtc;
        state.State.RefreshExpiresUtc = granted.RefreshExpiresUtc;
        state.State.LastRefreshUtc = time.GetUtcNow();
        state.State.ConsecutiveFailures = 0;
        state.State.LastError = null;
        state.State.LoginRequired = false;
        state.State.Refreshes++;
        await PersistPendingAsync();
        ScheduleRefresh();
    }

    private async Task PersistPendingAsync()
    {
        if (_unpersisted)
        {
            state.State.SealedTokens = secrets.Seal(JsonSerializer.SerializeToUtf8Bytes(_tokens!), Account);
            try
            {
                await WriteWithRetriesAsync();
            }
            catch (Exception ex) when (ex is not Orleans.Storage.InconsistentStateException)
            {
                await alerts.RaiseAsync("live", "token-keeper", Account, AlertLog.Critical,
                    $"{Account}: a rotated refresh token could not be persisted ({ex.GetType().Name}: {ex.Message}); it is kept in memory and persisting is retried");
                throw new BrokerTokenUnavailableException($"{Account}: the new tokens are not persisted yet: {ex.Message}", ex);
            }

            _unpersisted = false;
        }

        if (_unpublished)
        {
            await published.PublishAsync(Account, secrets.Seal(System.Text.Encoding.UTF8.GetBytes(_tokens!.AccessToken), Account), state.State.AccessExpiresUtc!.Value);
            _unpublished = false;
        }
    }

    // An ETag conflict means another activation of this keeper: not retried, it deactivates this one.
    private async Task WriteWithRetriesAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (Orleans.Storage.InconsistentStateException)
            {
                DeactivateOnIdle();
                throw;
            }
            catch (Exception) when (attempt < PersistRetries.Length)
            {
                await Task.Delay(PersistRetries[attempt], time);
            }
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await PersistPendingAsync();
            await RefreshAsync();
        }
        catch (BrokerTokenUnavailableException)
        {
            // Already recorded in the state, logged and alerted; the timer has nothing more to do.
        }
    }

    private void ScheduleRefresh(TimeSpan? after = null)
    {
        _refreshTimer?.Dispose();
        if (_tokens is null || state.State.LoginRequired || state.State.AccessExpiresUtc is not { } expires)
        {
            return;
        }

        // Ahead of expiry by the margin; a token that lives less than the margin is refreshed at half its remaining life,
        // not again at once (which would refresh in a loop).
        var remaining = expires - time.GetUtcNow();
        var due = after ?? (remaining > options.Value.RefreshMargin ? remaining - options.Value.RefreshMargin : remaining / 2);
        _refreshTimer = this.RegisterGrainTimer(RefreshQuietlyAsync, new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay < options.Value.MaxRetryDelay ? delay : options.Value.MaxRetryDelay;
    }

    private BrokerTokenHealth Health() => new(Account, _tokens is not null, state.State.LoginRequired, state.State.AccessExpiresUtc,
        state.State.RefreshExpiresUtc, state.State.LastRefreshUtc, state.State.ConsecutiveFailures, state.State.LastError, state.State.Refreshes);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Account}: logged in, access token until {ExpiresUtc:O}")]
    private static partial void LogLoggedIn(ILogger logger, string account, DateTimeOffset expiresUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Account}: refreshed, access token until {ExpiresUtc:O}")]
    private static partial void LogRefreshed(ILogger logger, string account, DateTimeOffset expiresUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: refresh failed ({Failures} in a row), retrying in {Wait}: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string account, int failures, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Account}: login required: {Reason}")]
    private static partial void LogLoginRequired(ILogger logger, string account, string reason);
}
