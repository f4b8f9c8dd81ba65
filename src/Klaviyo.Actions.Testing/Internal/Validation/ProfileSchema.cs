namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>Which endpoint's profile attributes are being read; each allows a slightly different set.</summary>
internal enum ProfileSchema
{
    /// <summary><c>POST /api/profiles</c>.</summary>
    Create,

    /// <summary><c>PATCH /api/profiles/{id}</c>.</summary>
    Update,

    /// <summary><c>POST /api/profile-import</c>.</summary>
    Import,

    /// <summary>A row of <c>POST /api/profile-bulk-import-jobs</c>: phone numbers are checked when the job runs.</summary>
    BulkImport,

    /// <summary>The profile of <c>POST /api/events</c> (<c>meta</c> sits inside <c>attributes</c>).</summary>
    Event,

    /// <summary>The profile of a bulk event row (<c>meta</c> sits beside <c>attributes</c>).</summary>
    BulkEvent,
}
