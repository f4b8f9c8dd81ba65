namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Turns one action's mapped payload into its typed request: declares the action's fields (for empty-value
/// removal and required checks) and reads them by Segment field key.
/// </summary>
internal abstract class ActionBinder
{
    /// <summary>The action's fields as Segment declares them.</summary>
    public abstract IReadOnlyList<FieldSpec> Fields { get; }

    /// <summary>Builds the action from the payload; problems go to the reader's errors.</summary>
    /// <returns>The action, or <see langword="null"/> when a required part is missing or wrong.</returns>
    public abstract KlaviyoAction? Bind(PayloadReader reader, BindingContext context);
}
