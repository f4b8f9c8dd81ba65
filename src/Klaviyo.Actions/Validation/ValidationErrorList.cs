namespace Klaviyo.Actions.Validation;

/// <summary>
/// Collects every failure of one validation run. A struct passed by reference so that a request which
/// passes allocates nothing for its (empty) error list.
/// </summary>
internal struct ValidationErrorList
{
    private List<KlaviyoValidationError>? _items;

    /// <summary>Whether any rule failed.</summary>
    public readonly bool HasErrors => _items is { Count: > 0 };

    /// <summary>Records a failure.</summary>
    public void Add(string field, string rule, string message) =>
        (_items ??= []).Add(new KlaviyoValidationError(field, rule, message));

    /// <summary>The failing result; call only when <see cref="HasErrors"/> is true.</summary>
    public readonly ValidationResult<T> ToInvalid<T>()
        where T : class =>
        ValidationResult<T>.Invalid(_items!.AsReadOnly());
}
