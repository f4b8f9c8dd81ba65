namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>A Klaviyo path pattern and the operation for each HTTP method it serves.</summary>
internal sealed class EmulatorRoute(string pattern)
{
    private readonly Dictionary<string, EmulatorOperation> _methods = new(StringComparer.Ordinal);

    public string Pattern { get; } = pattern;

    public IEnumerable<EmulatorOperation> Operations => _methods.Values;

    public string AllowedMethods => string.Join(", ", _methods.Keys);

    public EmulatorRoute On(string method, EmulatorOperation operation)
    {
        _methods.Add(method, operation);
        return this;
    }

    public EmulatorOperation? Find(string method) => _methods.GetValueOrDefault(method);
}
