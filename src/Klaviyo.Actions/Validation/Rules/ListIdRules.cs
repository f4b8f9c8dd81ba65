using System.Buffers;

namespace Klaviyo.Actions.Validation.Rules;

/// <summary>
/// Rules for list ids. The id goes into a URL path (<c>/api/lists/{id}/relationships/profiles/</c>), so only
/// letters, digits, '_' and '-' are allowed. Klaviyo's own ids have six characters, but the length is not
/// enforced here.
/// </summary>
internal static class ListIdRules
{
    private const string Field = "list_id";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    /// <summary>Checks a list id that must be given.</summary>
    public static void CheckRequired(string? listId, ref ValidationErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(listId))
        {
            errors.Add(Field, KlaviyoValidationRules.Required, ValidationMessages.ListIdRequired);
        }
        else
        {
            CheckOptional(listId, ref errors);
        }
    }

    /// <summary>Checks a list id that may be <see langword="null"/>; when set it must be well formed.</summary>
    public static void CheckOptional(string? listId, ref ValidationErrorList errors)
    {
        if (listId is not null && (listId.Length == 0 || listId.AsSpan().ContainsAnyExcept(Allowed)))
        {
            errors.Add(Field, KlaviyoValidationRules.ListIdFormat, ValidationMessages.ListIdFormat);
        }
    }
}
