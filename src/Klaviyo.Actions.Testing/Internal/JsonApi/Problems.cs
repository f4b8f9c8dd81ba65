namespace Klaviyo.Actions.Testing.Internal.JsonApi;

/// <summary>Collects the errors found while checking one request (capped, so a huge bad batch stays readable).</summary>
internal sealed class Problems
{
    private const int MaxErrors = 1000;
    private List<JsonApiError>? _errors;

    public bool HasErrors => _errors is { Count: > 0 };

    public int Count => _errors?.Count ?? 0;

    public IReadOnlyList<JsonApiError> Errors => (IReadOnlyList<JsonApiError>?)_errors ?? [];

    public void Add(JsonApiError error)
    {
        _errors ??= [];
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(error);
        }
    }

    public void Invalid(string pointer, string detail) => Add(ApiErrors.Invalid(pointer, detail));

    public EmulatorResponse ToResponse() => EmulatorResponse.Errors(Errors);
}
