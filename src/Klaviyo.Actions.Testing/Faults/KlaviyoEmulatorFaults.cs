namespace Klaviyo.Actions.Testing;

/// <summary>
/// Fault injection for a running <see cref="KlaviyoEmulator"/>. Thread-safe; every change applies to the next request.
/// Scheduled faults (<see cref="FailNext"/>) are used first, in the order they were scheduled; then, for requests that
/// no scheduled fault claimed, one random draw picks at most one fault by the configured rates. Set <see cref="Seed"/>
/// (or <see cref="KlaviyoEmulatorOptions.Seed"/>) to make the draws repeatable. Faults apply to Klaviyo paths
/// (<c>/api/...</c>) only, never to the emulator's own <c>/__emulator</c> endpoints.
/// </summary>
public sealed class KlaviyoEmulatorFaults
{
    private readonly object _gate = new();
    private readonly LinkedList<ScheduledFault> _scheduled = new();
    private Random _random = new();
    private int? _seed;
    private double _throttleRate;
    private double _serverErrorRate;
    private double _dropConnectionRate;
    private double _htmlErrorRate;
    private TimeSpan _latency;
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(1);
    private int _serverErrorStatusCode = 503;
    private int _htmlErrorStatusCode = 403;

    /// <summary>Fraction (0 to 1) of requests answered <c>429</c>.</summary>
    public double ThrottleRate
    {
        get => Read(() => _throttleRate);
        set => Write(() => _throttleRate = Rate(value, nameof(ThrottleRate)));
    }

    /// <summary>Fraction (0 to 1) of requests answered with <see cref="ServerErrorStatusCode"/>.</summary>
    public double ServerErrorRate
    {
        get => Read(() => _serverErrorRate);
        set => Write(() => _serverErrorRate = Rate(value, nameof(ServerErrorRate)));
    }

    /// <summary>Fraction (0 to 1) of requests whose connection is aborted.</summary>
    public double DropConnectionRate
    {
        get => Read(() => _dropConnectionRate);
        set => Write(() => _dropConnectionRate = Rate(value, nameof(DropConnectionRate)));
    }

    /// <summary>Fraction (0 to 1) of requests answered with an HTML error page (<see cref="HtmlErrorStatusCode"/>).</summary>
    public double HtmlErrorRate
    {
        get => Read(() => _htmlErrorRate);
        set => Write(() => _htmlErrorRate = Rate(value, nameof(HtmlErrorRate)));
    }

    /// <summary>Delay added before every Klaviyo request is answered, measured on the emulator's clock. Default none.</summary>
    public TimeSpan Latency
    {
        get => Read(() => _latency);
        set => Write(() => _latency = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Latency must not be negative."));
    }

    /// <summary><c>Retry-After</c> sent with injected <c>429</c>s, rounded up to whole seconds. Default 1 second.</summary>
    public TimeSpan RetryAfter
    {
        get => Read(() => _retryAfter);
        set => Write(() => _retryAfter = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RetryAfter must not be negative."));
    }

    /// <summary>Status code of injected server errors (500–599). Default 503.</summary>
    public int ServerErrorStatusCode
    {
        get => Read(() => _serverErrorStatusCode);
        set => Write(() => _serverErrorStatusCode = value is >= 500 and <= 599 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A server error status must be between 500 and 599."));
    }

    /// <summary>Status code of injected HTML error pages (400–599). Default 403.</summary>
    public int HtmlErrorStatusCode
    {
        get => Read(() => _htmlErrorStatusCode);
        set => Write(() => _htmlErrorStatusCode = value is >= 400 and <= 599 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "An HTML error status must be between 400 and 599."));
    }

    /// <summary>Seed of the random draws; setting it restarts the sequence. <see langword="null"/> means unseeded.</summary>
    public int? Seed
    {
        get => Read(() => _seed);
        set => Write(() =>
        {
            _seed = value;
            _random = value is { } seed ? new Random(seed) : new Random();
        });
    }

    /// <summary>Number of scheduled faults not used yet.</summary>
    public int PendingCount => Read(() => _scheduled.Sum(fault => fault.Remaining));

    /// <summary>Makes the next <paramref name="count"/> matching requests fail with <paramref name="kind"/>.</summary>
    /// <param name="kind">The failure.</param>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="path">
    /// Only requests to this path or below it (for example <c>/api/events</c> or <c>/api/profiles</c>) count;
    /// <see langword="null"/> matches every Klaviyo request.
    /// </param>
    /// <param name="statusCode">
    /// Status code for <see cref="EmulatorFaultKind.ServerError"/> or <see cref="EmulatorFaultKind.HtmlError"/>;
    /// <see langword="null"/> uses <see cref="ServerErrorStatusCode"/> or <see cref="HtmlErrorStatusCode"/>.
    /// </param>
    public void FailNext(EmulatorFaultKind kind, int count = 1, string? path = null, int? statusCode = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind.");
        }

        if (path is not null && !path.StartsWith('/'))
        {
            throw new ArgumentException("The path must start with '/', for example '/api/events'.", nameof(path));
        }

        if (statusCode is { } status && status is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "The status code must be between 400 and 599.");
        }

        Write(() => _scheduled.AddLast(new ScheduledFault(kind, path?.TrimEnd('/'), statusCode) { Remaining = count }));
    }

    /// <summary>Removes scheduled faults and sets every rate and the latency back to zero (the seed is kept).</summary>
    public void Clear() => Write(() =>
    {
        _scheduled.Clear();
        _throttleRate = 0;
        _serverErrorRate = 0;
        _dropConnectionRate = 0;
        _htmlErrorRate = 0;
        _latency = TimeSpan.Zero;
    });

    /// <summary>Decides the fault for one Klaviyo request.</summary>
    internal FaultDecision Decide(string path)
    {
        lock (_gate)
        {
            for (var node = _scheduled.First; node is not null; node = node.Next)
            {
                var fault = node.Value;
                if (fault.Matches(path))
                {
                    fault.Remaining--;
                    if (fault.Remaining == 0)
                    {
                        _scheduled.Remove(node);
                    }

                    return Decision(fault.Kind, fault.StatusCode);
                }
            }

            double total = _throttleRate + _serverErrorRate + _dropConnectionRate + _htmlErrorRate;
            if (total <= 0)
            {
                return new FaultDecision(null, _latency, 0, _retryAfter);
            }

            double draw = _random.NextDouble();
            if ((draw -= _throttleRate) < 0)
            {
                return Decision(EmulatorFaultKind.Throttle, null);
            }

            if ((draw -= _serverErrorRate) < 0)
            {
                return Decision(EmulatorFaultKind.ServerError, null);
            }

            if ((draw -= _dropConnectionRate) < 0)
            {
                return Decision(EmulatorFaultKind.DropConnection, null);
            }

            if (draw - _htmlErrorRate < 0)
            {
                return Decision(EmulatorFaultKind.HtmlError, null);
            }

            return new FaultDecision(null, _latency, 0, _retryAfter);
        }
    }

    private FaultDecision Decision(EmulatorFaultKind kind, int? statusCode)
    {
        int status = kind switch
        {
            EmulatorFaultKind.Throttle => 429,
            EmulatorFaultKind.ServerError => statusCode ?? _serverErrorStatusCode,
            EmulatorFaultKind.HtmlError => statusCode ?? _htmlErrorStatusCode,
            _ => 0,
        };
        return new FaultDecision(kind, _latency, status, _retryAfter);
    }

    private static double Rate(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, name + " must be between 0 and 1.");

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Write(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }

    private sealed class ScheduledFault(EmulatorFaultKind kind, string? path, int? statusCode)
    {
        public EmulatorFaultKind Kind { get; } = kind;

        public int? StatusCode { get; } = statusCode;

        public int Remaining { get; set; }

        public bool Matches(string requestPath) =>
            path is null ||
            (requestPath.StartsWith(path, StringComparison.Ordinal) &&
             (requestPath.Length == path.Length || requestPath[path.Length] == '/'));
    }
}
