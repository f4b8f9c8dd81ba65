using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Testing;

/// <summary>
/// Settings for a <see cref="KlaviyoEmulator"/>. Read once by <see cref="KlaviyoEmulator.StartAsync"/>, except
/// <see cref="Faults"/> and <see cref="RateLimiting"/>, which the emulator reads on every request so a test can change
/// them while the emulator runs. Use one options object per emulator: those two are shared, not copied.
/// </summary>
public sealed class KlaviyoEmulatorOptions
{
    /// <summary>The revision the emulator implements and accepts by default.</summary>
    public const string DefaultRevision = "2026-07-15";

    /// <summary>
    /// The default request size limit: 5,000,000 bytes. Klaviyo documents "5 MB" without saying which megabyte;
    /// the emulator takes the stricter decimal reading so that a client that passes here also passes there.
    /// </summary>
    public const long DefaultMaxRequestBytes = 5_000_000;

    /// <summary>The TCP port on 127.0.0.1. <c>0</c> (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// API keys the emulator accepts in <c>Authorization: Klaviyo-API-Key &lt;key&gt;</c>. When empty (the default) the
    /// emulator generates one fake key (<c>pk_</c> and 34 letters or digits), available as <see cref="KlaviyoEmulator.ApiKey"/>.
    /// </summary>
    public IList<string> ValidApiKeys { get; } = new List<string>();

    /// <summary>Values of the <c>revision</c> header the emulator accepts. Defaults to <see cref="DefaultRevision"/> only.</summary>
    public IList<string> AcceptedRevisions { get; } = new List<string> { DefaultRevision };

    /// <summary>
    /// The emulator's clock: rate-limit windows, import-job progress, the daily list-creation cap, timestamps and
    /// event time checks all read it. Pass a <c>FakeTimeProvider</c> in tests. Defaults to <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Klaviyo's per-endpoint rate limits. Off by default; switch on with <see cref="EmulatorRateLimitOptions.Enabled"/>.</summary>
    public EmulatorRateLimitOptions RateLimiting { get; set; } = new();

    /// <summary>Fault injection (throttling, server errors, dropped connections, HTML error pages, latency). None by default.</summary>
    public KlaviyoEmulatorFaults Faults { get; set; } = new();

    /// <summary>How long a bulk profile import job stays <c>queued</c> before it is <c>processing</c>. Default 500 ms.</summary>
    public TimeSpan ImportJobQueuedTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a bulk profile import job stays <c>processing</c> before it is <c>complete</c>; its profiles are written
    /// when it completes. Default 500 ms.
    /// </summary>
    public TimeSpan ImportJobProcessingTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Lists <c>POST /api/lists</c> may create per UTC day on the emulator's clock. Default 150, as Klaviyo.</summary>
    public int MaxListCreationsPerDay { get; set; } = 150;

    /// <summary>Largest accepted request body in bytes; larger bodies get <c>413</c>. Default <see cref="DefaultMaxRequestBytes"/>.</summary>
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>How many requests <see cref="KlaviyoEmulator.RequestLog"/> keeps (the oldest are dropped). Default 1,000; 0 turns the log off.</summary>
    public int RequestLogCapacity { get; set; } = 1000;

    /// <summary>Bytes of each request and response body kept in the request log. Default 64 KiB.</summary>
    public int RequestLogBodyLimit { get; set; } = 64 * 1024;

    /// <summary>Seeds generated ids and fault decisions, so a run can be repeated. Unseeded by default.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Drop events whose profile email ends in <c>@example.com</c> or <c>@test.com</c> after answering 202, as Klaviyo
    /// does. Off by default because tests commonly use those domains.
    /// </summary>
    public bool DropTestDomainEvents { get; set; }

    /// <summary>Configures the emulator host's logging. By default the emulator logs nothing.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be between 0 and 65535 (0 picks a free port).");
        }

        if (AcceptedRevisions.Count == 0 || AcceptedRevisions.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("AcceptedRevisions must contain at least one non-empty revision.", nameof(AcceptedRevisions));
        }

        if (ValidApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("ValidApiKeys must not contain empty keys.", nameof(ValidApiKeys));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(RateLimiting, nameof(RateLimiting));
        ArgumentNullException.ThrowIfNull(Faults, nameof(Faults));
        ThrowIfNegative(ImportJobQueuedTime, nameof(ImportJobQueuedTime));
        ThrowIfNegative(ImportJobProcessingTime, nameof(ImportJobProcessingTime));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxListCreationsPerDay, nameof(MaxListCreationsPerDay));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRequestBytes, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(RequestLogCapacity, nameof(RequestLogCapacity));
        ArgumentOutOfRangeException.ThrowIfNegative(RequestLogBodyLimit, nameof(RequestLogBodyLimit));
    }

    private static void ThrowIfNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, name + " must not be negative.");
        }
    }
}
