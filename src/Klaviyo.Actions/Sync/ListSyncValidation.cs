namespace Klaviyo.Actions.Sync;

/// <summary>Up-front checks on connector identifiers, before anything is stored or sent.</summary>
public static class ListSyncValidation
{
    /// <summary>The action name carried by <see cref="KlaviyoValidationException.Action"/> for list-sync input.</summary>
    public const string Action = "listSync";

    /// <summary>The length of every Klaviyo list id.</summary>
    public const int ListIdLength = 6;

    /// <summary>The longest segment id or credential name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// Whether a list id has Klaviyo's shape: exactly 6 ASCII letters or digits. Case is kept as given (list ids are
    /// case-sensitive), so <c>abcdef</c> and <c>AbCdEf</c> are different lists.
    /// </summary>
    /// <param name="listId">The list id.</param>
    public static bool IsValidListId(string? listId)
    {
        if (listId is null || listId.Length != ListIdLength)
        {
            return false;
        }

        foreach (char c in listId)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks a registration, listing every failing field.</summary>
    /// <param name="registration">The registration.</param>
    /// <exception cref="KlaviyoValidationException">A field is invalid.</exception>
    public static void ThrowIfInvalid(ListSyncConnectorRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var errors = new List<KlaviyoValidationError>();
        CheckSegmentId(registration.SegmentId, errors);
        CheckListId(registration.ListId, errors);
        CheckCredentialName(registration.CredentialName, errors);
        if (!Enum.IsDefined(registration.InitialStatus) || registration.InitialStatus == ListSyncConnectorStatus.Error)
        {
            errors.Add(new("initial_status", "status_value", "A connector starts as Inactive or Active."));
        }

        ThrowIfAny(errors);
    }

    /// <summary>Checks a segment id and list id.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <exception cref="KlaviyoValidationException">Either is invalid.</exception>
    public static void ThrowIfInvalid(string segmentId, string listId)
    {
        var errors = new List<KlaviyoValidationError>();
        CheckSegmentId(segmentId, errors);
        CheckListId(listId, errors);
        ThrowIfAny(errors);
    }

    internal static void ThrowIfAny(List<KlaviyoValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new KlaviyoValidationException(Action, errors);
        }
    }

    internal static void CheckSegmentId(string? segmentId, List<KlaviyoValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(segmentId))
        {
            errors.Add(new("segment_id", "required", "The segment id is required."));
        }
        else if (segmentId.Length > MaxNameLength)
        {
            errors.Add(new("segment_id", "max_length", $"The segment id must be at most {MaxNameLength} characters."));
        }
    }

    private static void CheckListId(string? listId, List<KlaviyoValidationError> errors)
    {
        if (string.IsNullOrEmpty(listId))
        {
            errors.Add(new("list_id", "required", "The Klaviyo list id is required."));
        }
        else if (!IsValidListId(listId))
        {
            errors.Add(new(
                "list_id",
                "list_id_format",
                $"Klaviyo list ids are exactly {ListIdLength} letters or digits and case-sensitive (got {listId.Length} characters); copy the id from the list's URL."));
        }
    }

    private static void CheckCredentialName(string? credentialName, List<KlaviyoValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(credentialName))
        {
            errors.Add(new("credential_name", "required", "The name of the Klaviyo client or API-key secret is required."));
        }
        else if (credentialName.StartsWith("pk_", StringComparison.Ordinal))
        {
            // The message must not echo the value: it looks like a private key.
            errors.Add(new(
                "credential_name",
                "credential_is_key",
                "This looks like a Klaviyo private API key. Register the key with your Klaviyo client or secret store and give the connector its name instead; the sync state never stores keys."));
        }
        else if (credentialName.Length > MaxNameLength)
        {
            errors.Add(new("credential_name", "max_length", $"The credential name must be at most {MaxNameLength} characters."));
        }
    }
}
