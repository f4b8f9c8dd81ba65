namespace Klaviyo.Actions;

/// <summary>One failed validation rule.</summary>
/// <param name="Field">The field, by its Segment/Klaviyo key, e.g. <c>phone_number</c> or <c>profile.email</c>.</param>
/// <param name="Rule">A stable rule name, e.g. <c>identifier_required</c>, <c>email_format</c>, <c>max_length</c>.</param>
/// <param name="Message">A human-readable message (Segment's wording where Segment has one).</param>
public sealed record KlaviyoValidationError(string Field, string Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message} ({Rule})";
}
